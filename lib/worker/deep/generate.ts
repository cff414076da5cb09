// Asks the model for the deep reading's answers: the deep summary (the whole paper in one request,
// or a long paper part by part, then combined), a section's explanation, an answer to a question.
// Each streams its final answer, is checked, and is asked again once if it fails the check. Every
// request goes through lib/worker/stream-answer.ts (plans, corrections, usage, idle watchdog).
// Runs in the background worker only.

import type { DeepPortEvent } from '../../shared/deep-messages.ts';
import type { Usage } from '../../shared/domain.ts';
import type { Settings } from '../../shared/settings.ts';
import type { CodeLink } from '../cache.ts';
import { chunkLabel, combineInput } from '../fulltext/chunking.ts';
import type { PaperFullText } from '../fulltext/types.ts';
import { SummaryFailure } from '../openai/errors.ts';
import type { CorrectionStore } from '../request-plan.ts';
import { addUsage, type Endpoint, type StreamedAnswer, streamAnswer } from '../stream-answer.ts';
import { summaryMarkdownToHtml } from '../summary/markdown.ts';
import type { ChatMessage } from '../summary/prompt.ts';
import { figureLines, findFigure, type KeyFigurePick, pickKeyFigure } from './figures.ts';
import { checkAnswer, checkDeepSummary, parseDeepSummary, parseSectionExplanation } from './output.ts';
import {
  buildCombinedSummaryPrompt,
  buildDeepRetryReminder,
  buildDeepSummaryPrompt,
  buildMergeNotesPrompt,
  buildPartNotesPrompt,
  buildQuestionPrompt,
  buildSectionPrompt,
  DEEP_ANSWER_TOKENS,
  NOTES_ANSWER_TOKENS,
  QUESTION_ANSWER_TOKENS,
  SECTION_ANSWER_TOKENS,
} from './prompt.ts';
import { planDeepReading, questionContext, sectionGroup, sectionPromptInput } from './reading.ts';

/** Events a deep request shows on the way (the service adds queueing and the result). */
export type DeepProgressEvent = Extract<
  DeepPortEvent,
  { type: 'reading' | 'started' | 'progress' | 'retrying' }
>;

export interface DeepRequest {
  settings: Settings;
  fullText: PaperFullText;
  endpoint: Endpoint;
  signal: AbortSignal;
  onEvent: (event: DeepProgressEvent) => void;
  /** Every billed answer, also those thrown away. */
  onUsage?: (usage: Usage, model: string) => void;
  corrections?: CorrectionStore;
}

/** Streamed text is rendered at most this often: a long answer re-rendered per token costs the worker. */
const PROGRESS_INTERVAL_MS = 60;

/** Shows the latest text at most every PROGRESS_INTERVAL_MS; `cancel` drops what is pending. */
function progressShower(show: (text: string) => void) {
  let pending: string | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let last = 0;
  const flush = () => {
    timer = null;
    if (pending === null) return;
    last = Date.now();
    show(pending);
    pending = null;
  };
  return {
    push(text: string) {
      pending = text;
      if (timer) return;
      const wait = Math.max(0, PROGRESS_INTERVAL_MS - (Date.now() - last));
      if (wait === 0) flush();
      else timer = setTimeout(flush, wait);
    },
    cancel() {
      if (timer) clearTimeout(timer);
      timer = null;
      pending = null;
    },
  };
}

/** One request; `visible` turns the streamed text into what is shown (null: nothing is streamed). */
async function ask(
  request: DeepRequest,
  messages: ChatMessage[],
  answerTokens: number,
  visible: ((text: string) => string) | null,
): Promise<StreamedAnswer> {
  const shower = progressShower((text) => {
    const shown = visible ? visible(text) : text;
    request.onEvent({ type: 'progress', text: shown, html: summaryMarkdownToHtml(shown) });
  });
  try {
    return await streamAnswer(
      {
        settings: request.settings,
        messages,
        signal: request.signal,
        answerTokens,
        corrections: request.corrections,
        onUsage: request.onUsage,
        ...(visible && {
          onStarted: (model: string) => request.onEvent({ type: 'started', model }),
          onText: (text: string) => shower.push(text),
          onRetrying: (reason: string) => {
            shower.cancel();
            request.onEvent({ type: 'retrying', reason });
          },
        }),
      },
      request.endpoint,
    );
  } finally {
    shower.cancel();
  }
}

/**
 * The streamed final answer, checked; asked once more with a reminder when the check fails. A
 * final answer cut by the length limit is not kept.
 */
async function askChecked<T>(
  request: DeepRequest,
  messages: ChatMessage[],
  answerTokens: number,
  visible: (text: string) => string,
  check: (text: string) => { value: T; problem: string | null },
): Promise<{ value: T; answer: StreamedAnswer; usage: Usage | null }> {
  let answer = await ask(request, messages, answerTokens, visible);
  let usage = answer.usage;
  if (answer.finish === 'length') throw new SummaryFailure({ kind: 'truncated' });
  let result = check(answer.text);
  if (result.problem) {
    request.onEvent({ type: 'retrying', reason: result.problem });
    answer = await ask(request, [...messages, buildDeepRetryReminder(result.problem)], answerTokens, visible);
    usage = addUsage(usage, answer.usage);
    if (answer.finish === 'length') throw new SummaryFailure({ kind: 'truncated' });
    result = check(answer.text);
    if (result.problem) throw new SummaryFailure({ kind: 'badOutput', detail: result.problem });
  }
  return { value: result.value, answer, usage };
}

// ---- The deep summary --------------------------------------------------------------------------

export interface GeneratedDeepSummary {
  /** The shown Markdown: Korean title and sections, claims tagged. */
  text: string;
  keyFigure: KeyFigurePick | null;
  questions: string[];
  model: string;
  /** Every request's usage together (parts, merges, the final answer). */
  usage: Usage | null;
  /** 1 when read whole, else the number of parts. */
  chunks: number;
}

export interface DeepSummaryRequest extends DeepRequest {
  links: CodeLink[];
  /**
   * Notes of parts already read, by part index: kept by the caller across a retry after a rate
   * limit, so the parts already paid for are not asked for again.
   */
  notes?: Map<number, string>;
}

/** The notes of every part of a long paper, merged round by round until one set is left. */
async function readInParts(
  request: DeepSummaryRequest,
  plan: ReturnType<typeof planDeepReading>,
): Promise<{ text: string; usage: Usage | null }> {
  const { fullText } = request;
  const notes = request.notes ?? new Map<number, string>();
  let usage: Usage | null = null;
  for (const [index, chunk] of plan.chunks.entries()) {
    if (notes.has(index)) continue;
    request.onEvent({ type: 'reading', step: 'part', index: index + 1, of: plan.chunks.length });
    const answer = await ask(
      request,
      buildPartNotesPrompt({ title: fullText.title, label: chunkLabel(chunk), text: chunk.text }),
      NOTES_ANSWER_TOKENS,
      null,
    );
    usage = addUsage(usage, answer.usage);
    // Notes cut by the length limit are still notes; empty ones are not.
    if (!answer.text) throw new SummaryFailure({ kind: 'badOutput', detail: 'empty notes' });
    notes.set(index, answer.text);
  }
  let summaries = plan.chunks.map((chunk, index) => ({
    label: chunkLabel(chunk),
    text: notes.get(index) ?? '',
  }));
  // Every round but the last merges groups of notes; the last round's one group is the final answer's input.
  for (const round of plan.combineRounds.slice(0, -1)) {
    request.onEvent({ type: 'reading', step: 'combine' });
    const merged: typeof summaries = [];
    for (const group of round) {
      const members = group.map((i) => summaries[i]).filter((s): s is (typeof summaries)[number] => !!s);
      const answer = await ask(
        request,
        buildMergeNotesPrompt({
          title: fullText.title,
          text: members.map((member) => `## ${member.label}\n\n${member.text}`).join('\n\n'),
        }),
        NOTES_ANSWER_TOKENS,
        null,
      );
      usage = addUsage(usage, answer.usage);
      merged.push({ label: members.map((member) => member.label).join(', '), text: answer.text });
    }
    summaries = merged;
  }
  request.onEvent({ type: 'reading', step: 'combine' });
  return { text: combineInput(fullText, summaries), usage };
}

/** The deep summary ("전문 요약"): streamed, in the deep format, with its key figure and questions. */
export async function generateDeepSummary(request: DeepSummaryRequest): Promise<GeneratedDeepSummary> {
  const { fullText, settings, links } = request;
  const plan = planDeepReading(fullText, settings, links);
  const figures = figureLines(fullText.figures);
  let partsUsage: Usage | null = null;
  let messages: ChatMessage[];
  if (plan.whole) {
    messages = buildDeepSummaryPrompt({ title: fullText.title, text: plan.whole.text, figures, links });
  } else {
    const parts = await readInParts(request, plan);
    partsUsage = parts.usage;
    messages = buildCombinedSummaryPrompt({ title: fullText.title, text: parts.text, figures, links });
  }
  const final = await askChecked(
    request,
    messages,
    DEEP_ANSWER_TOKENS,
    (text) => parseDeepSummary(text).text,
    (text) => {
      const parsed = parseDeepSummary(text);
      return { value: parsed, problem: checkDeepSummary(parsed) };
    },
  );
  return {
    text: final.value.text,
    keyFigure: pickKeyFigure(fullText.figures, final.value.keyFigure),
    questions: final.value.questions,
    model: final.answer.model,
    usage: addUsage(partsUsage, final.usage),
    chunks: plan.whole ? 1 : plan.chunks.length,
  };
}

// ---- A section's explanation -------------------------------------------------------------------

export interface GeneratedSection {
  text: string;
  /** Korean captions by figure key. */
  captions: Record<string, string>;
  model: string;
  usage: Usage | null;
}

/** One top-level section explained in Korean, with Korean captions of its figures and tables. */
export async function explainSection(
  request: DeepRequest & { sectionKey: string },
): Promise<GeneratedSection> {
  const group = sectionGroup(request.fullText, request.sectionKey);
  if (!group) throw new SummaryFailure({ kind: 'paperMissing', detail: `no section ${request.sectionKey}` });
  const input = sectionPromptInput(request.fullText, group, request.settings);
  const final = await askChecked(
    request,
    buildSectionPrompt(input),
    SECTION_ANSWER_TOKENS,
    (text) => parseSectionExplanation(text).text,
    (text) => {
      const parsed = parseSectionExplanation(text);
      return { value: parsed, problem: checkAnswer(parsed.text) };
    },
  );
  const captions: Record<string, string> = {};
  for (const caption of final.value.captions) {
    const found = findFigure(request.fullText.figures, caption);
    if (found) captions[found.key] = caption.captionKo;
  }
  return { text: final.value.text, captions, model: final.answer.model, usage: final.usage };
}

// ---- Questions ---------------------------------------------------------------------------------

/** How many earlier turns go with a question: enough for a follow-up, not a whole evening's worth. */
const HISTORY_TURNS = 6;

export interface GeneratedAnswer {
  text: string;
  model: string;
  usage: Usage | null;
}

/** An answer to a question about the paper, grounded in its text, streamed. */
export async function answerQuestion(
  request: DeepRequest & { question: string; history: { question: string; answer: string }[] },
): Promise<GeneratedAnswer> {
  const history = request.history.slice(-HISTORY_TURNS);
  const { context, partial } = questionContext(request.fullText, request.question, request.settings, history);
  const final = await askChecked(
    request,
    buildQuestionPrompt({
      title: request.fullText.title,
      context,
      partial,
      history,
      question: request.question,
    }),
    QUESTION_ANSWER_TOKENS,
    (text) => text,
    (text) => ({ value: text, problem: checkAnswer(text) }),
  );
  return { text: final.value, model: final.answer.model, usage: final.usage };
}
