// What one-liners for a page will cost before they are asked for: the same batches the service will
// send, the prompt and inputs counted as the planner counts them, and the answer at its expected size.
import { costOf, estimateRun, estimateTokens, type ModelPrice, type RunEstimate } from '../../shared/cost.ts';
import {
  batchLimitsFrom,
  OUTPUT_TOKENS_PER_PAPER,
  planOneLinerBatches,
  promptOverheadTokens,
  RELEVANCE_OUTPUT_TOKENS_PER_PAPER,
} from './batches.ts';
import { type OneLinerPaper, oneLinerInput } from './prompt.ts';

export interface OneLinerEstimate extends RunEstimate {
  /** How many requests the papers take. */
  requests: number;
}

/** The JSON wrapper of an answer, and what a reasoning model thinks before it writes (at low effort, about). */
const ANSWER_OVERHEAD_TOKENS = 30;

export function estimateOneLiners(
  papers: readonly OneLinerPaper[],
  model: Parameters<typeof batchLimitsFrom>[0],
  price: ModelPrice | null,
  interests: readonly string[] = [],
): OneLinerEstimate {
  const inputs = papers.map((paper) => oneLinerInput(paper));
  const { limits, reservedOutputTokens } = batchLimitsFrom(model);
  const options = { prompt: { mode: 'jsonSchema' as const, interests }, reservedOutputTokens };
  const batches = planOneLinerBatches(inputs, limits, options);
  const perPaperOutput =
    OUTPUT_TOKENS_PER_PAPER + (interests.length > 0 ? RELEVANCE_OUTPUT_TOKENS_PER_PAPER : 0);
  let input = 0;
  let output = 0;
  for (const batch of batches) {
    input += promptOverheadTokens(options);
    for (const paper of batch) input += estimateTokens(JSON.stringify(paper)) + 4;
    output += ANSWER_OVERHEAD_TOKENS + reservedOutputTokens + batch.length * perPaperOutput;
  }
  return {
    papers: papers.length,
    requests: batches.length,
    tokens: input + output,
    cost: costOf({ promptTokens: input, completionTokens: output }, price),
  };
}

/** A typical day on Hugging Face Papers: 30 papers, each with an ai_summary and a 1,200-character abstract. */
export function typicalDay(count = 30): OneLinerPaper[] {
  const abstract =
    'Large language models are increasingly deployed as agents that plan, call tools and reason over long contexts. '.repeat(
      11,
    );
  return Array.from({ length: count }, (_, index) => ({
    id: `2511.${String(10_000 + index)}`,
    title: `Scaling Efficient Reasoning for Multimodal Language Model Agents with Reinforcement Learning ${index + 1}`,
    aiSummary:
      'A reinforcement learning recipe trains multimodal agents to reason efficiently, cutting inference cost while improving accuracy on agent benchmarks.',
    abstract,
  }));
}

/** One-liners against full summaries for the same papers, for the "before the first run" line. */
export function compareWithFullSummaries(
  papers: readonly OneLinerPaper[],
  model: Parameters<typeof batchLimitsFrom>[0],
  price: ModelPrice | null,
  interests: readonly string[] = [],
): { oneLiners: OneLinerEstimate; fullSummaries: RunEstimate } {
  return {
    oneLiners: estimateOneLiners(papers, model, price, interests),
    fullSummaries: estimateRun(
      papers.map((paper) => ({ title: paper.title, abstract: paper.abstract })),
      price,
    ),
  };
}
