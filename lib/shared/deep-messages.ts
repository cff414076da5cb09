// The deep reading's part of the protocol (lib/shared/messages.ts has the rest): the `dpk-deep` port that
// streams a deep summary, a section's explanation or an answer, and the views of what the worker
// made. Kept apart so that only the code that reads papers in depth carries these schemas.
//
// One port per operation, as with summaries: connect, post one request, read events until `done`
// or `error`. Disconnecting without `stop` lets the work go on for REJOIN_GRACE_MS (a card that is
// re-rendered joins it again); `stop` aborts it unless another page is reading it too.
import * as v from 'valibot';
import { DeepPaperSchema, SummaryErrorSchema, UsageSchema } from './messages.ts';

export const DEEP_PORT_NAME = 'dpk-deep';

// ---- Views: what the worker made, ready to show ----------------------------------------------------

const CommonResultEntries = {
  model: v.string(),
  usage: v.nullable(UsageSchema),
  /** Estimated USD from the price table; null when the model has no price. */
  cost: v.nullable(v.number()),
  createdAt: v.number(),
  fromCache: v.boolean(),
  /** Which full text it was read from: `html-v2`, `pdf`. */
  textVersion: v.string(),
};

export const KeyFigureViewSchema = v.object({
  id: v.string(),
  number: v.string(),
  kind: v.picklist(['figure', 'table']),
  /** https://arxiv.org/… only, or null (a TikZ figure, a table, a PDF). */
  imageUrl: v.nullable(v.pipe(v.string(), v.regex(/^https:\/\/arxiv\.org\//))),
  /** The paper's caption, as unsanitised HTML with MathML. */
  captionHtml: v.string(),
  /** The Korean caption (plain text); "" when the model gave none. */
  captionKo: v.string(),
});
export type KeyFigureView = v.InferOutput<typeof KeyFigureViewSchema>;

export const CodeLinkViewSchema = v.object({
  url: v.pipe(v.string(), v.regex(/^https?:\/\//)),
  from: v.picklist(['paper', 'github', 'project']),
});

export const DeepSummaryViewSchema = v.object({
  paperId: v.string(),
  /** Markdown: **Korean title**, then What's New / Technical Details / Performance Highlights / 한계 / 재현, claims tagged (§3.2). */
  text: v.string(),
  /** `text` as unsanitised HTML (MathML, tables): sanitise before showing (lib/shared/summary/render.ts). */
  html: v.string(),
  keyFigure: v.nullable(KeyFigureViewSchema),
  /** Three questions to start with, for the "질문" box. */
  questions: v.array(v.string()),
  /** Code and data links from the paper's text and from Hugging Face, checked http(s) addresses. */
  links: v.array(CodeLinkViewSchema),
  source: v.picklist(['arxiv-html', 'pdf']),
  /** 1 when read in one request, else the number of parts read before combining. */
  chunks: v.number(),
  /** The digest's entry body in the seed's 2024 newsletter format (lib/shared/digest.ts renders it). */
  digest: v.object({ text: v.string(), style: v.literal('newsletter') }),
  ...CommonResultEntries,
});
export type DeepSummaryView = v.InferOutput<typeof DeepSummaryViewSchema>;

export const SectionViewSchema = v.object({
  sectionKey: v.string(),
  text: v.string(),
  html: v.string(),
  /** Korean captions of the section's figures and tables, by figure key. */
  captions: v.record(v.string(), v.string()),
  ...CommonResultEntries,
});
export type SectionView = v.InferOutput<typeof SectionViewSchema>;

export const TurnViewSchema = v.object({
  question: v.string(),
  answer: v.string(),
  html: v.string(),
  model: v.string(),
  usage: v.nullable(UsageSchema),
  cost: v.nullable(v.number()),
  createdAt: v.number(),
});
export type TurnView = v.InferOutput<typeof TurnViewSchema>;

/** Everything cached for one paper (the reader shows it at once, the card panel under its summary). */
export interface ReaderState {
  deep: DeepSummaryView | null;
  /** By section key. */
  sections: Record<string, SectionView>;
  /** The paper's questions and answers, oldest first. */
  thread: TurnView[];
  /** Questions to offer when there is no deep summary yet. */
  starterQuestions: string[];
}

/** What a deep summary of this paper's full text would take, before anything is spent. */
export interface DeepEstimate {
  model: string;
  source: 'arxiv-html' | 'pdf';
  textVersion: string;
  /** Estimated tokens of the full text alone. */
  textTokens: number;
  inputTokens: number;
  outputTokens: number;
  /** inputTokens + outputTokens. */
  tokens: number;
  /** USD; null when the model has no price. */
  cost: number | null;
  /** Requests it takes: 1, or the parts plus the combining steps. */
  requests: number;
  /** 1 when the paper fits the model's context, else the number of parts. */
  chunks: number;
  contextTokens: number;
}

/** The paper laid out for the reader. HTML fields are unsanitised (MathML, tables): sanitise them. */
export interface PaperView {
  paperId: string;
  title: string;
  titleHtml: string;
  abstractHtml: string;
  source: 'arxiv-html' | 'pdf';
  textVersion: string;
  /** Where the full text came from (arXiv's HTML or PDF address). */
  url: string;
  sections: SectionOutline[];
  figures: FigureView[];
  links: { url: string; from: 'paper' | 'github' | 'project' }[];
}

export interface SectionOutline {
  /** Stable within a text version: LaTeXML's id, or `s<index>` where there is none (PDF). */
  key: string;
  number: string;
  title: string;
  depth: number;
  /** The section's own paragraphs (not its subsections'), as HTML. */
  html: string;
  /** Top-level sections can be explained in Korean on demand (with their subsections). */
  explainable: boolean;
}

export interface FigureView {
  key: string;
  number: string;
  kind: 'figure' | 'table';
  captionHtml: string;
  imageUrl: string | null;
  /** The section it sits in (its key), or "" before the first section. */
  sectionKey: string;
  /** A table's cells, as HTML of a <table>; null for figures. */
  tableHtml: string | null;
}

// ---- Port: page → background -------------------------------------------------------------------

export const DeepPortRequestSchema = v.variant('type', [
  /** The deep summary ("전문 요약"); `force` replaces a cached one. */
  v.object({ type: v.literal('summarize'), paper: DeepPaperSchema, force: v.boolean() }),
  /** One top-level section's Korean explanation, with Korean captions of its figures. */
  v.object({
    type: v.literal('explainSection'),
    paper: DeepPaperSchema,
    sectionKey: v.pipe(v.string(), v.nonEmpty(), v.maxLength(200)),
    force: v.boolean(),
  }),
  /** A question about the paper ("질문하기"); the answer joins the paper's cached thread. */
  v.object({
    type: v.literal('ask'),
    paper: DeepPaperSchema,
    question: v.pipe(v.string(), v.trim(), v.nonEmpty(), v.maxLength(2_000)),
  }),
  v.object({ type: v.literal('stop') }),
]);
export type DeepPortRequest = v.InferOutput<typeof DeepPortRequestSchema>;

// ---- Port: background → page -------------------------------------------------------------------

export const DeepResultSchema = v.variant('kind', [
  v.object({ kind: v.literal('summary'), summary: DeepSummaryViewSchema }),
  v.object({ kind: v.literal('section'), section: SectionViewSchema }),
  v.object({ kind: v.literal('answer'), turn: TurnViewSchema }),
]);
export type DeepResult = v.InferOutput<typeof DeepResultSchema>;

export const DeepPortEventSchema = v.variant('type', [
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
export const STARTER_QUESTIONS = ['한계는?', '재현하려면?', '기존 방법과 차이는?'];
