// Streams one Korean summary from the model: output cleaned as it arrives, checked when done, and
// retried once if it is not a Korean summary or renders a glossary term its own way. Asking the model
// (request plans that adapt to the endpoint, usage, the idle watchdog) is lib/worker/stream-answer.ts's.
// Runs in the background worker only.
import type OpenAI from 'openai';
import type { PaperForSummary, Usage } from '../../shared/domain.ts';
import type { GlossaryEntry } from '../../shared/glossary/entry.ts';
import type { SummaryPortEvent } from '../../shared/messages.ts';
import type { Settings } from '../../shared/settings.ts';
import { checkAgainstGlossary, type GlossaryFinding, glossaryForText } from '../glossary.ts';
import { SummaryFailure } from '../openai/errors.ts';
import type { CorrectionStore } from '../request-plan.ts';
import { addUsage, endpointFor, type StreamedAnswer, streamAnswer } from '../stream-answer.ts';
import { summaryMarkdownToHtml } from './markdown.ts';
import { checkSummaryOutput, type OutputProblem } from './output-check.ts';
import {
  buildGlossaryReminder,
  buildRetryReminder,
  buildSummaryPrompt,
  type ChatMessage,
  summaryGlossaryText,
} from './prompt.ts';

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
  /** The glossary in use (lib/worker/glossary.ts); the entries the paper uses go into the prompt. */
  glossary?: readonly GlossaryEntry[];
  /** Injected for tests; the real client otherwise. */
  client?: OpenAI;
}

/** A finished answer read: its text, a hard problem (not a Korean summary), and glossary findings. */
interface Checked {
  text: string;
  problem: OutputProblem | null;
  findings: GlossaryFinding[];
}

function check(answer: StreamedAnswer, glossary: readonly GlossaryEntry[]): Checked {
  if (answer.finish === 'length') throw new SummaryFailure({ kind: 'truncated' });
  const problem = checkSummaryOutput(answer.text);
  return { text: answer.text, problem, findings: problem ? [] : checkAgainstGlossary(glossary, answer.text) };
}

/** Resolves with the finished, checked summary; rejects with SummaryFailure, or an abort error. */
export async function generateSummary(request: GenerateRequest): Promise<GeneratedSummary> {
  const { settings, paper, onEvent } = request;
  const endpoint = endpointFor(settings, request.client);
  const glossary = glossaryForText(request.glossary ?? [], summaryGlossaryText(paper));
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

  const messages = buildSummaryPrompt(paper, settings.summaryStyle, glossary.block);
  const answer = await ask(messages);
  let usage = answer.usage;
  let answeredBy = answer.model;
  let result = check(answer, glossary.entries);
  // A term rendered its own way counts against the answer like Hanja does: one more try, with the
  // glossary's renderings named. If that try fails or is worse (not a Korean summary), the first stands.
  if (result.problem || result.findings.length > 0) {
    const first = result;
    const reminder = first.problem
      ? buildRetryReminder(first.problem)
      : buildGlossaryReminder(first.findings);
    onEvent({ type: 'retrying', reason: first.problem ?? 'glossary' });
    try {
      const retried = await ask([...messages, reminder]);
      usage = addUsage(usage, retried.usage);
      result = check(retried, glossary.entries);
      answeredBy = retried.model;
    } catch (error) {
      if (first.problem || !(error instanceof SummaryFailure)) throw error;
      result = first;
    }
    if (result.problem && !first.problem) result = first;
    if (result.problem) throw new SummaryFailure({ kind: 'badOutput', detail: result.problem });
    if (result === first) {
      answeredBy = answer.model;
      onEvent({ type: 'progress', text: first.text, html: summaryMarkdownToHtml(first.text) });
    }
  }
  return {
    type: 'done',
    text: result.text,
    html: summaryMarkdownToHtml(result.text),
    model: answeredBy,
    style: settings.summaryStyle,
    usage,
    createdAt: Date.now(),
    ...(result.findings.length > 0 && { glossaryFindings: result.findings }),
  };
}
