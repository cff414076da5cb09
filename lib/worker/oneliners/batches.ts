// Plans one-liner requests: papers into as few batches as the model's context and output limits allow,
// and a queue that puts papers missing from an answer into the next batch instead of dropping them.
import { estimateTokens } from '../../shared/cost.ts';
import { buildOneLinerSystemPrompt, type OneLinerInput, type OneLinerPromptOptions } from './prompt.ts';

/** How much the model reads and writes per request. */
export interface BatchLimits {
  contextTokens: number;
  maxOutputTokens: number;
}

/** For a model the catalogue does not know (often a local one): small, so the first request fits. */
const UNKNOWN_MODEL_LIMITS: BatchLimits = { contextTokens: 8_192, maxOutputTokens: 2_048 };
/** Output a reasoning model spends thinking at low effort, by the catalogue's reasoning style. */
const REASONING_RESERVE = { openai: 2_000, thinking: 4_000 } as const;

/**
 * Limits and the reasoning reserve from the model catalogue's facts (describeModel's ModelInfo has
 * these fields); unknown numbers fall back to UNKNOWN_MODEL_LIMITS.
 */
export function batchLimitsFrom(model: {
  contextWindow: number | null;
  maxOutputTokens: number | null;
  reasoning: keyof typeof REASONING_RESERVE | null;
}): { limits: BatchLimits; reservedOutputTokens: number } {
  return {
    limits: {
      contextTokens: model.contextWindow || UNKNOWN_MODEL_LIMITS.contextTokens,
      maxOutputTokens: model.maxOutputTokens || UNKNOWN_MODEL_LIMITS.maxOutputTokens,
    },
    reservedOutputTokens: model.reasoning ? REASONING_RESERVE[model.reasoning] : 0,
  };
}

export interface BatchPlanOptions {
  prompt: OneLinerPromptOptions;
  /**
   * Output tokens the answer cannot use: a reasoning model spends part of max_completion_tokens
   * thinking before it writes (about 2,000 at low effort).
   */
  reservedOutputTokens?: number;
  /**
   * More papers per answer means fewer requests but a longer wait for the first line and more lost
   * when one answer fails; 40 keeps a 100-paper week at three requests.
   */
  maxPapersPerBatch?: number;
}

/**
 * Output per paper, by estimateTokens' count (one token per Hangul syllable, which overestimates real
 * tokenizers a little): the id and keys (~25), a Korean title (~45), the TL;DR (≤ 80), and with
 * relevance the score and its reason (~45).
 */
export const OUTPUT_TOKENS_PER_PAPER = 150;
export const RELEVANCE_OUTPUT_TOKENS_PER_PAPER = 45;
/** max_tokens asks for this much more than the estimate, so a wordy answer is not cut off. */
const OUTPUT_MARGIN = 1.3;
/** The JSON wrapper and a little slack, per answer. */
const OUTPUT_OVERHEAD_TOKENS = 100;
/** Of the context window, what the estimates may fill (they are estimates). */
const CONTEXT_SHARE = 0.9;
const DEFAULT_MAX_PAPERS_PER_BATCH = 40;

function withRelevance(options: BatchPlanOptions): boolean {
  return (options.prompt.interests?.length ?? 0) > 0;
}

function outputPerPaper(options: BatchPlanOptions): number {
  return OUTPUT_TOKENS_PER_PAPER + (withRelevance(options) ? RELEVANCE_OUTPUT_TOKENS_PER_PAPER : 0);
}

function wantedOutputTokens(papers: number, options: BatchPlanOptions): number {
  return (
    (options.reservedOutputTokens ?? 0) +
    OUTPUT_OVERHEAD_TOKENS +
    Math.ceil(papers * outputPerPaper(options) * OUTPUT_MARGIN)
  );
}

/** What to send as max_tokens / max_completion_tokens for a batch of this size. */
export function maxOutputTokensFor(papers: number, limits: BatchLimits, options: BatchPlanOptions): number {
  return Math.min(limits.maxOutputTokens, wantedOutputTokens(papers, options));
}

function inputTokens(input: OneLinerInput): number {
  return estimateTokens(JSON.stringify(input)) + 4;
}

/** The fixed part of every request: the system prompt and the user message's framing. */
export function promptOverheadTokens(options: BatchPlanOptions): number {
  return estimateTokens(buildOneLinerSystemPrompt(options.prompt)) + 60;
}

function greedyBatches(
  inputs: readonly OneLinerInput[],
  limits: BatchLimits,
  options: BatchPlanOptions,
  maxPapers: number,
): OneLinerInput[][] {
  const overhead = promptOverheadTokens(options);
  const contextBudget = limits.contextTokens * CONTEXT_SHARE;
  const batches: OneLinerInput[][] = [];
  let batch: OneLinerInput[] = [];
  let batchInput = 0;
  for (const input of inputs) {
    const cost = inputTokens(input);
    const size = batch.length + 1;
    const output = wantedOutputTokens(size, options);
    const fits =
      size <= maxPapers &&
      output <= limits.maxOutputTokens &&
      overhead + batchInput + cost + output <= contextBudget;
    if (!fits && batch.length > 0) {
      batches.push(batch);
      batch = [];
      batchInput = 0;
    }
    // A paper that does not fit even alone still gets its own request: the endpoint has the last word.
    batch.push(input);
    batchInput += cost;
  }
  if (batch.length > 0) batches.push(batch);
  return batches;
}

/**
 * Papers in page order, cut into the fewest batches that fit, then evened out (100 papers in three
 * batches are 34 + 34 + 32, not 40 + 40 + 20) so no answer is much longer than the others.
 */
export function planOneLinerBatches(
  inputs: readonly OneLinerInput[],
  limits: BatchLimits,
  options: BatchPlanOptions,
): OneLinerInput[][] {
  const maxPapers = Math.max(1, options.maxPapersPerBatch ?? DEFAULT_MAX_PAPERS_PER_BATCH);
  const fewest = greedyBatches(inputs, limits, options, maxPapers);
  if (fewest.length <= 1) return fewest;
  const even = greedyBatches(inputs, limits, options, Math.ceil(inputs.length / fewest.length));
  return even.length === fewest.length ? even : fewest;
}

// ---- Retry queue -------------------------------------------------------------------------------

/** How many answers a paper may be missing from before it is reported as failed. */
export const MAX_ONE_LINER_ATTEMPTS = 3;

export interface OneLinerQueue {
  /** Paper ids still to ask for, in the order they will be asked. */
  pending: string[];
  /** How many answers each pending paper was already missing from. */
  misses: Record<string, number>;
  /** Papers missing from MAX_ONE_LINER_ATTEMPTS answers: shown as failed, with a retry button. */
  failed: string[];
}

export function startOneLinerQueue(ids: readonly string[]): OneLinerQueue {
  return { pending: [...new Set(ids)], misses: {}, failed: [] };
}

/** The next batch to send: the first batch of a plan over the pending papers (retries come first). */
export function nextOneLinerBatch(
  queue: OneLinerQueue,
  inputsById: ReadonlyMap<string, OneLinerInput>,
  limits: BatchLimits,
  options: BatchPlanOptions,
): OneLinerInput[] {
  const pending = queue.pending.flatMap((id) => {
    const input = inputsById.get(id);
    return input ? [input] : [];
  });
  return planOneLinerBatches(pending, limits, options)[0] ?? [];
}

/**
 * After an answer (or a failed request, where every id of the batch is missing): answered papers
 * leave the queue, missing ones go to its front for the next batch, or to `failed` after too many misses.
 */
export function settleOneLinerBatch(
  queue: OneLinerQueue,
  batchIds: readonly string[],
  missing: readonly string[],
): OneLinerQueue {
  const inBatch = new Set(batchIds);
  const missingSet = new Set(missing.filter((id) => inBatch.has(id)));
  const misses = { ...queue.misses };
  const retry: string[] = [];
  const failed = [...queue.failed];
  for (const id of batchIds) {
    if (!missingSet.has(id)) {
      delete misses[id];
      continue;
    }
    const count = (misses[id] ?? 0) + 1;
    if (count >= MAX_ONE_LINER_ATTEMPTS) {
      delete misses[id];
      failed.push(id);
    } else {
      misses[id] = count;
      retry.push(id);
    }
  }
  const rest = queue.pending.filter((id) => !inBatch.has(id));
  return { pending: [...retry, ...rest], misses, failed };
}
