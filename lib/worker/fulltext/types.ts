// The full text of a paper as the worker hands it on: plain text with TeX, structured by section.

export interface FullTextSection {
  /** The element id in arXiv's HTML ("S3.SS2", "A1"), or "" where there is none (PDF, preamble). */
  id: string;
  /** "3.2", "A", "A.1"; "" for an unnumbered section (Acknowledgements, text before the first heading). */
  number: string;
  title: string;
  /** 1 for a section or appendix, 2 for a subsection, 3 below that, 4 for a titled paragraph; 0 for the preamble. */
  depth: number;
  /** Plain text; inline math as `$…$` and display math as `$$…$$` (TeX from LaTeXML's alttext). */
  paragraphs: string[];
}

export interface FullTextFigure {
  id: string;
  /** "1", "S3", "A.2"; "" when the caption has no number. */
  number: string;
  kind: 'figure' | 'table';
  caption: string;
  /** Absolute https URL of the first image on arxiv.org; null for tables, TikZ/SVG figures and anything else. */
  imageUrl: string | null;
  /** Number of the section the float sits in ("" before the first numbered section). */
  sectionNumber: string;
  /** A table's cells as text, row by row (arXiv HTML only). */
  rows?: string[][];
}

export interface PaperFullText {
  source: 'arxiv-html' | 'pdf';
  title: string;
  abstract: string;
  sections: FullTextSection[];
  figures: FullTextFigure[];
  /** Code and data addresses found in the text (github.com, huggingface.co, …), in order of appearance. */
  links: string[];
  /** "v2" when the page says which version it shows. */
  version?: string;
}

/**
 * Why there is no full text. notFound: arXiv has neither an HTML rendering nor a PDF for the id (or
 * the id is not an arXiv id). network: a request failed or arXiv refused for now (429, 5xx): worth
 * trying again later. unparseable: a document came back but held no text we could read. aborted: the
 * caller's signal fired.
 */
export type FullTextFailureKind = 'notFound' | 'network' | 'unparseable' | 'aborted';

export interface FullTextAttempt {
  source: PaperFullText['source'];
  url: string;
  kind: FullTextFailureKind;
  /** HTTP status where there was a response. */
  status?: number;
  /** For logs, never for the user: the error's message or what was missing. */
  detail: string;
}

export type FullTextResult =
  | { ok: true; fullText: PaperFullText; url: string }
  | { ok: false; kind: FullTextFailureKind; attempts: FullTextAttempt[] };
