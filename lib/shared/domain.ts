// What the extension talks about, whichever runtime it is in: papers, summaries' errors and usage,
// one-liners, rankings, spending, the glossary's rows. Plain types and constants, no schemas: the
// wire schemas (lib/shared/messages.ts) are declared against these types, so what a message parses
// to is always one of them.
import type { GlossaryEntry } from './glossary/entry.ts';

// ---- Errors ----------------------------------------------------------------------------------
export const ERROR_KINDS = [
  'noKey',
  'badKey',
  'auth',
  'permission',
  'originBlocked',
  'modelNotFound',
  'rateLimited',
  'quota',
  'network',
  'timeout',
  'server',
  'streamBroken',
  'badOutput',
  'truncated',
  'badRequest',
  'endpointPermission',
  'paperMissing',
  'budget',
  'priceUnknown',
  'notCompatible',
  'extensionReloaded',
  /** Deep reading: arXiv refused us and the extension has no arxiv.org permission yet. */
  'arxivPermission',
  /** Deep reading: arXiv has neither an HTML rendering nor a PDF of the paper. */
  'fullTextMissing',
  /** Deep reading: arXiv sent something, but no text could be read from it. */
  'fullTextUnreadable',
  /** Deep reading: arXiv could not be reached or was busy (429, 5xx). */
  'fullTextNetwork',
  'unknown',
] as const;
export type ErrorKind = (typeof ERROR_KINDS)[number];

export interface SummaryError {
  kind: ErrorKind;
  /** For `rateLimited`: how long the endpoint asked us to wait. */
  retryAfterMs?: number | undefined;
  /** The endpoint's own message, shown small under ours (never contains the key). */
  detail?: string | undefined;
}

export interface Usage {
  promptTokens: number;
  completionTokens: number;
}

// ---- Papers ----------------------------------------------------------------------------------
/** A paper as a summary needs it (limits: lib/shared/limits.ts). */
export interface PaperForSummary {
  /** arXiv id without version (lib/shared/arxiv.ts ARXIV_PAPER_ID). */
  id: string;
  title: string;
  abstract: string;
  keywords: string[];
}

/** A paper to read in full: its arXiv id, and Hugging Face's `githubRepo` / `projectPage` when known. */
export interface DeepPaper {
  id: string;
  githubRepo?: string | null | undefined;
  projectPage?: string | null | undefined;
}

/** A paper as the one-liners, the ranking and the reading profile need it. */
export interface PaperForGlance {
  id: string;
  title: string;
  /** Hugging Face's English one-line summary (`ai_summary`); null when the paper has none. */
  aiSummary: string | null;
  /** Used (trimmed) when there is no aiSummary. */
  abstract: string;
  /** Hugging Face's `ai_keywords` ([] when none): the reading profile learns from them. */
  keywords: string[];
}

/**
 * The order a whole-page run (and the digest) takes the papers in. `recommended` (추천순): by the
 * user's interests (rankPapers), papers nothing could score last in page order.
 */
export const RUN_ORDERS = ['page', 'upvotes', 'recommended'] as const;
export type RunOrder = (typeof RUN_ORDERS)[number];

// ---- Summaries and one-liners ----------------------------------------------------------------
/** A glossary term the answer rendered its own way (lib/shared/glossary/after-check.ts). */
export interface GlossaryFinding {
  en: string;
  expected: string;
  found: string;
  kind: 'different' | 'translated';
}

export interface OneLinerItem {
  id: string;
  /** The title in Korean. */
  titleKo: string;
  /** One Korean sentence, at most 80 characters (longer only when flagged `tooLong`). */
  tldrKo: string;
  /** 0–3 against the interests, when the one-liners scored them (no embeddings); else null. */
  relevance: 0 | 1 | 2 | 3 | null;
  /** Why that score, in a short Korean phrase; null without a score. */
  reasonKo: string | null;
  /** `trimmed`: cut at a sentence end to fit; `tooLong`: over the limit with nowhere to cut. */
  flags: ('trimmed' | 'tooLong')[];
  model: string;
  createdAt: number;
  fromCache: boolean;
}

export interface OneLinerEstimate {
  papers: number;
  requests: number;
  tokens: number;
  /** USD at the model's price; null when the price is unknown. */
  cost: number | null;
  model: string;
  /** The same papers summarised in full, for the comparison shown before the first run. */
  fullSummaries: { tokens: number; cost: number | null };
}

// ---- Ranking ---------------------------------------------------------------------------------
export interface RankedPaper {
  id: string;
  /** Higher is closer to the interests; null when nothing could score it (ranked last, page order). */
  score: number | null;
  /** Among the top papers: show the "추천" badge. */
  recommended: boolean;
  /** Why, in Korean, for a recommended paper: the interest it matches or the one-liner's reason. */
  reasonKo: string | null;
}

export interface Ranking {
  /**
   * `embeddings`: cosine to the interests' vectors (and the reading history); `relevance`: the
   * one-liners' 0–3 scores (the endpoint has no embeddings); `none`: no interests set (page order).
   */
  method: 'embeddings' | 'relevance' | 'none';
  /** Every paper asked about, best first; unscored ones last in page order. */
  ranked: RankedPaper[];
  /** Papers without a score: with `relevance`, those without a scored one-liner yet (run one-liners). */
  unscored: string[];
  /** Why part of the ranking could not be computed now (offline, budget…); it used what was cached. */
  error: SummaryError | null;
}

// ---- Spending --------------------------------------------------------------------------------
export interface Spending {
  today: { requests: number; tokens: number; cost: number };
  month: { cost: number };
  monthlyBudgetUsd: number;
}

// ---- Glossary --------------------------------------------------------------------------------
/** A glossary entry as the options page lists it. */
export interface GlossaryRow {
  entry: GlossaryEntry;
  /** `shipped` as it came; `changed`: the user's version of a shipped term; `added`: the user's own. */
  status: 'shipped' | 'changed' | 'added';
}

/** A row of an imported file that was skipped (line is 1-based, 0 for a single entry), or a field's problem. */
export interface GlossaryProblem {
  line: number;
  message: string;
}

// ---- The page --------------------------------------------------------------------------------
export interface PageStatus {
  total: number;
  done: number;
  busy: number;
  /** Papers whose summary failed (their panel shows the error). */
  failed: number;
  /** `2026-11-20`, `2026-W47`, `2026-10` or `trending`; null where the page does not say. */
  period: string | null;
}
