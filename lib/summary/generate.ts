// Streams one Korean summary from the model: output cleaned as it arrives, checked when done,
// retried once if it is not a Korean summary. Asking the model (request plans that adapt to the
// endpoint, usage, the idle watchdog) is lib/worker/stream-answer.ts's. Runs in the background worker only.
import type OpenAI from 'openai';
import type { PaperForSummary, SummaryPortEvent, Usage } from '../messages.ts';
import { SummaryFailure } from '../openai/errors.ts';
import type { Settings } from '../settings.ts';
import type { CorrectionStore } from '../worker/request-plan.ts';
import { addUsage, endpointFor, type StreamedAnswer, streamAnswer } from '../worker/stream-answer.ts';
import { summaryMarkdownToHtml } from './markdown.ts';
import { checkSummaryOutput, type OutputProblem } from './output-check.ts';
import { buildRetryReminder, buildSummaryPrompt, type ChatMessage } from './prompt.ts';

/** What generation produces; the service adds cost and cache provenance. */
export type GeneratedSummary = Omit<Extract<SummaryPortEvent, { type: 'done' }>, 'cost' | 'fromCache'>;

export interface GenerateRequest {
  settings: Settings;
  paper: PaperForSummary;
  signal: AbortSignal;
  onEvent: (event: SummaryPortEvent) => void;
  /** Called for every answer the endpoint billed, including ones thrown away (a failed check, a cut). */
  onUsage?: (usage: Usage, model: string) => void;
  /** What earlier requests learnt about this endpoint + model. */
  corrections?: CorrectionStore;
  /** Injected for tests; the real client otherwise. */
  client?: OpenAI;
}

/** A checked answer, or the reason it is not one. */
function finished(answer: StreamedAnswer): { text: string; problem: OutputProblem | null } {
  if (answer.finish === 'length') throw new SummaryFailure({ kind: 'truncated' });
  return { text: answer.text, problem: checkSummaryOutput(answer.text) };
}

/** Resolves with the finished, checked summary; rejects with SummaryFailure, or an abort error. */
export async function generateSummary(request: GenerateRequest): Promise<GeneratedSummary> {
  const { settings, paper, onEvent } = request;
  const endpoint = endpointFor(settings, request.client);
  const ask = (messages: ChatMessage[]) =>
    streamAnswer(
      {
        settings,
        messages,
        signal: request.signal,
        corrections: request.corrections,
        onUsage: request.onUsage,
        onStarted: (model) => onEvent({ type: 'started', model }),
        onText: (visible) =>
          onEvent({ type: 'progress', text: visible, html: summaryMarkdownToHtml(visible) }),
        onRetrying: (reason) => onEvent({ type: 'retrying', reason }),
      },
      endpoint,
    );

  const messages = buildSummaryPrompt(paper, settings.summaryStyle);
  let answer = await ask(messages);
  let usage = answer.usage;
  let result = finished(answer);
  if (result.problem) {
    onEvent({ type: 'retrying', reason: result.problem });
    answer = await ask([...messages, buildRetryReminder(result.problem)]);
    usage = addUsage(usage, answer.usage);
    result = finished(answer);
    if (result.problem) throw new SummaryFailure({ kind: 'badOutput', detail: result.problem });
  }
  return {
    type: 'done',
    text: result.text,
    html: summaryMarkdownToHtml(result.text),
    model: answer.model,
    style: settings.summaryStyle,
    usage,
    createdAt: Date.now(),
  };
}
