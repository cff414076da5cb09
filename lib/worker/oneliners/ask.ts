// Asks the model for one batch of one-liners and reads the answer as it streams: every entry that is
// complete and valid is handed on at once, and the ids without one are returned to be asked again.

import type { Usage } from '../../shared/domain.ts';
import type { GlossaryEntry } from '../../shared/glossary/entry.ts';
import type { Settings } from '../../shared/settings.ts';
import { glossaryForText } from '../glossary.ts';
import type { CorrectionStore } from '../request-plan.ts';
import { type Endpoint, streamAnswer } from '../stream-answer.ts';
import { type BatchLimits, maxOutputTokensFor } from './batches.ts';
import { type OneLiner, type OneLinerParseResult, parseOneLinerAnswer } from './parse.ts';
import { buildOneLinerRequest, type OneLinerInput, oneLinerJsonSchema } from './prompt.ts';

export interface OneLinerBatchRequest {
  settings: Settings;
  endpoint: Endpoint;
  signal: AbortSignal;
  corrections?: CorrectionStore;
  inputs: readonly OneLinerInput[];
  /** The interests to score each paper against (0–3 and a reason); empty for none. */
  interests: readonly string[];
  /** The glossary in use; the entries the batch's titles and texts use go into the prompt. */
  glossary: readonly GlossaryEntry[];
  limits: BatchLimits;
  onUsage?: (usage: Usage, model: string) => void;
  /** Entries complete and valid so far that were not handed on before, as the answer streams. */
  onEntries?: (entries: OneLiner[]) => void;
}

export interface OneLinerBatchAnswer {
  parsed: OneLinerParseResult;
  /** The model that answered, as the endpoint names it. */
  model: string;
  usage: Usage | null;
}

/** Only re-read the answer when another object may have closed. */
function countClosings(text: string): number {
  let count = 0;
  for (let at = text.indexOf('}'); at !== -1; at = text.indexOf('}', at + 1)) count++;
  return count;
}

export async function askForOneLiners(request: OneLinerBatchRequest): Promise<OneLinerBatchAnswer> {
  const { inputs, interests } = request;
  const ids = inputs.map((input) => input.id);
  const glossaryText = inputs.map((input) => `${input.title}\n${input.text}`).join('\n');
  const glossary = glossaryForText(request.glossary, glossaryText);
  const prompt = { mode: 'plain' as const, interests, glossaryBlock: glossary.block };
  const { messages } = buildOneLinerRequest(inputs, prompt);
  const withRelevance = interests.some((interest) => interest.trim() !== '');

  const handedOn = new Set<string>();
  let closings = 0;
  const handOn = (raw: string) => {
    if (!request.onEntries) return;
    const found = countClosings(raw);
    if (found === closings) return;
    closings = found;
    const fresh = parseOneLinerAnswer(raw, ids).ok.filter((entry) => !handedOn.has(entry.id));
    for (const entry of fresh) handedOn.add(entry.id);
    if (fresh.length > 0) request.onEntries(fresh);
  };

  // The room the answer needs; a reasoning model's thinking room is added by the request plan.
  const answerTokens = maxOutputTokensFor(inputs.length, request.limits, { prompt, reservedOutputTokens: 0 });
  const answer = await streamAnswer(
    {
      settings: request.settings,
      messages,
      signal: request.signal,
      corrections: request.corrections,
      answerTokens,
      jsonSchema: { name: 'paper_one_liners', schema: oneLinerJsonSchema(ids, withRelevance) },
      onText: handOn,
      onUsage: request.onUsage,
    },
    request.endpoint,
  );
  const parsed = parseOneLinerAnswer(answer.text, ids);
  const late = parsed.ok.filter((entry) => !handedOn.has(entry.id));
  if (late.length > 0) request.onEntries?.(late);
  return { parsed, model: answer.model, usage: answer.usage };
}
