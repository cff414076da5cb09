// The deep reading's part of the protocol (lib/shared/messages.ts has the rest): the `dpk-deep` port that
// streams a deep summary, a section's explanation or an answer, and the schemas of what the worker
// made (their types: lib/shared/deep-domain.ts). Kept apart so that only the code that reads papers in
// depth carries these schemas.
//
// One port per operation, as with summaries: connect, post one request, read events until `done`
// or `error`. Disconnecting without `stop` lets the work go on for REJOIN_GRACE_MS (a card that is
// re-rendered joins it again); `stop` aborts it unless another page is reading it too.
import * as v from 'valibot';
import type { CodeLinkView, DeepSummaryView, KeyFigureView, SectionView, TurnView } from './deep-domain.ts';
import { t } from './i18n/t.ts';
import { MAX_NAME_CHARS, MAX_QUESTION_CHARS } from './limits.ts';
import { DeepPaperSchema, SummaryErrorSchema, UsageSchema } from './messages.ts';

export const DEEP_PORT_NAME = 'dpk-deep';

// ---- Views: what the worker made, ready to show (their types: lib/shared/deep-domain.ts) ----------

const CommonResultEntries = {
  model: v.string(),
  usage: v.nullable(UsageSchema),
  cost: v.nullable(v.number()),
  createdAt: v.number(),
  fromCache: v.boolean(),
  textVersion: v.string(),
};

const KeyFigureViewSchema: v.GenericSchema<KeyFigureView> = v.object({
  id: v.string(),
  number: v.string(),
  kind: v.picklist(['figure', 'table']),
  imageUrl: v.nullable(v.pipe(v.string(), v.regex(/^https:\/\/arxiv\.org\//))),
  captionHtml: v.string(),
  captionKo: v.string(),
});

const CodeLinkViewSchema: v.GenericSchema<CodeLinkView> = v.object({
  url: v.pipe(v.string(), v.regex(/^https?:\/\//)),
  from: v.picklist(['paper', 'github', 'project']),
});

const DeepSummaryViewSchema: v.GenericSchema<DeepSummaryView> = v.object({
  paperId: v.string(),
  text: v.string(),
  html: v.string(),
  keyFigure: v.nullable(KeyFigureViewSchema),
  questions: v.array(v.string()),
  links: v.array(CodeLinkViewSchema),
  source: v.picklist(['arxiv-html', 'pdf']),
  chunks: v.number(),
  digest: v.object({ text: v.string(), style: v.literal('newsletter') }),
  ...CommonResultEntries,
});

const SectionViewSchema: v.GenericSchema<SectionView> = v.object({
  sectionKey: v.string(),
  text: v.string(),
  html: v.string(),
  captions: v.record(v.string(), v.string()),
  ...CommonResultEntries,
});

const TurnViewSchema: v.GenericSchema<TurnView> = v.object({
  question: v.string(),
  answer: v.string(),
  html: v.string(),
  model: v.string(),
  usage: v.nullable(UsageSchema),
  cost: v.nullable(v.number()),
  createdAt: v.number(),
});

// ---- Port: page → background -------------------------------------------------------------------

const DeepPortRequestSchema = v.variant('type', [
  /** The deep summary ("전문 요약"); `force` replaces a cached one. */
  v.object({ type: v.literal('summarize'), paper: DeepPaperSchema, force: v.boolean() }),
  /** One top-level section's Korean explanation, with Korean captions of its figures. */
  v.object({
    type: v.literal('explainSection'),
    paper: DeepPaperSchema,
    sectionKey: v.pipe(v.string(), v.nonEmpty(), v.maxLength(MAX_NAME_CHARS)),
    force: v.boolean(),
  }),
  /** A question about the paper ("질문하기"); the answer joins the paper's cached thread. */
  v.object({
    type: v.literal('ask'),
    paper: DeepPaperSchema,
    question: v.pipe(v.string(), v.trim(), v.nonEmpty(), v.maxLength(MAX_QUESTION_CHARS)),
  }),
  v.object({ type: v.literal('stop') }),
]);
export type DeepPortRequest = v.InferOutput<typeof DeepPortRequestSchema>;

// ---- Port: background → page -------------------------------------------------------------------

const DeepResultSchema = v.variant('kind', [
  v.object({ kind: v.literal('summary'), summary: DeepSummaryViewSchema }),
  v.object({ kind: v.literal('section'), section: SectionViewSchema }),
  v.object({ kind: v.literal('answer'), turn: TurnViewSchema }),
]);
export type DeepResult = v.InferOutput<typeof DeepResultSchema>;

const DeepPortEventSchema = v.variant('type', [
  /** Waiting for a free slot in the queue. */
  v.object({ type: v.literal('queued') }),
  /** Waiting before a retry, until this time (epoch ms), because of this error. */
  v.object({ type: v.literal('waiting'), untilMs: v.number(), error: SummaryErrorSchema }),
  /**
   * Reading before the streamed answer: getting the full text, or reading part `index` of `of`
   * (a paper longer than the model's context), or combining the parts' notes.
   */
  v.object({
    type: v.literal('reading'),
    step: v.picklist(['fullText', 'part', 'combine']),
    index: v.optional(v.number()),
    of: v.optional(v.number()),
  }),
  /** The streamed answer's request went out to this model. */
  v.object({ type: v.literal('started'), model: v.string() }),
  /** The answer so far as Markdown and unsanitised HTML; replaces what was shown. */
  v.object({ type: v.literal('progress'), text: v.string(), html: v.string() }),
  /** The answer so far is dropped and asked for again (a failed check, a thinking model out of room). */
  v.object({ type: v.literal('retrying'), reason: v.string() }),
  v.object({ type: v.literal('done'), result: DeepResultSchema }),
  v.object({ type: v.literal('error'), error: SummaryErrorSchema }),
]);
export type DeepPortEvent = v.InferOutput<typeof DeepPortEventSchema>;

export function parseDeepPortRequest(message: unknown): DeepPortRequest | null {
  const parsed = v.safeParse(DeepPortRequestSchema, message);
  return parsed.success ? parsed.output : null;
}

export function parseDeepPortEvent(message: unknown): DeepPortEvent | null {
  const parsed = v.safeParse(DeepPortEventSchema, message);
  return parsed.success ? parsed.output : null;
}

/** Offered under a summary before any deep summary suggests its own. */
export function starterQuestions(): string[] {
  return [t('questions.starter1'), t('questions.starter2'), t('questions.starter3')];
}
