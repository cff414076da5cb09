// What deep reading talks about (lib/shared/deep-messages.ts has its wire schemas, typed against these):
// the views of what the worker made, the paper laid out for the reader, and an estimate.
import type { Usage } from './domain.ts';

/** What every deep result records about how it was made. */
interface ResultMeta {
  model: string;
  usage: Usage | null;
  /** Estimated USD from the price table; null when the model has no price. */
  cost: number | null;
  createdAt: number;
  fromCache: boolean;
  /** Which full text it was read from: `html-v2`, `pdf`. */
  textVersion: string;
}

export interface KeyFigureView {
  id: string;
  number: string;
  kind: 'figure' | 'table';
  /** https://arxiv.org/… only, or null (a TikZ figure, a table, a PDF). */
  imageUrl: string | null;
  /** The paper's caption, as unsanitised HTML with MathML. */
  captionHtml: string;
  /** The Korean caption (plain text); "" when the model gave none. */
  captionKo: string;
}

export interface CodeLinkView {
  url: string;
  from: 'paper' | 'github' | 'project';
}

export interface DeepSummaryView extends ResultMeta {
  paperId: string;
  /** Markdown: **Korean title**, then What's New / Technical Details / Performance Highlights / 한계 / 재현, claims tagged (§3.2). */
  text: string;
  /** `text` as unsanitised HTML (MathML, tables): sanitise before showing (lib/shared/summary/render.ts). */
  html: string;
  keyFigure: KeyFigureView | null;
  /** Three questions to start with, for the "질문" box. */
  questions: string[];
  /** Code and data links from the paper's text and from Hugging Face, checked http(s) addresses. */
  links: CodeLinkView[];
  source: 'arxiv-html' | 'pdf';
  /** 1 when read in one request, else the number of parts read before combining. */
  chunks: number;
  /** The digest's entry body in the seed's 2024 newsletter format (lib/shared/digest.ts renders it). */
  digest: { text: string; style: 'newsletter' };
}

export interface SectionView extends ResultMeta {
  sectionKey: string;
  text: string;
  html: string;
  /** Korean captions of the section's figures and tables, by figure key. */
  captions: Record<string, string>;
}

export interface TurnView {
  question: string;
  answer: string;
  html: string;
  model: string;
  usage: Usage | null;
  cost: number | null;
  createdAt: number;
}

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
