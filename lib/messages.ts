// The one protocol between the content script, extension pages and the background worker.
// Every message is a member of a union below and is parsed with its schema where it arrives.
import * as v from 'valibot';
import type { DeepEstimate, DeepSummaryView, PaperView, ReaderState } from './deep-messages.ts';
import type { DigestPaper } from './digest.ts';
import { SUMMARY_STYLES } from './summary/styles.ts';

export const SUMMARY_PORT_NAME = 'dpk-summary';
/**
 * A card re-rendered by the page drops its port without saying stop. The background keeps that
 * request going this long, and the card that comes back within it rejoins instead of starting over.
 */
export const REJOIN_GRACE_MS = 3_000;

const MAX_TITLE = 1_000;
const MAX_ABSTRACT = 20_000;

export const PaperForSummarySchema = v.object({
  id: v.pipe(v.string(), v.regex(/^\d{4}\.\d{4,5}$/)),
  title: v.pipe(v.string(), v.nonEmpty(), v.maxLength(MAX_TITLE)),
  abstract: v.pipe(v.string(), v.maxLength(MAX_ABSTRACT)),
  keywords: v.pipe(v.array(v.pipe(v.string(), v.maxLength(200))), v.maxLength(50)),
});
export type PaperForSummary = v.InferOutput<typeof PaperForSummarySchema>;

// ---- Port: content script → background -------------------------------------------------------
export const SummaryPortRequestSchema = v.variant('type', [
  v.object({
    type: v.literal('summarize'),
    paper: PaperForSummarySchema,
    /** Skip the cache and replace its entry ("다시 요약"). */
    force: v.boolean(),
    /** Part of a whole-page run: queued behind clicks on single cards. */
    batch: v.boolean(),
  }),
  v.object({ type: v.literal('stop') }),
]);
export type SummaryPortRequest = v.InferOutput<typeof SummaryPortRequestSchema>;

// ---- Port: background → content script -------------------------------------------------------
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

export const SummaryErrorSchema = v.object({
  kind: v.picklist(ERROR_KINDS),
  /** For `rateLimited`: how long the endpoint asked us to wait. */
  retryAfterMs: v.optional(v.number()),
  /** The endpoint's own message, shown small under ours (never contains the key). */
  detail: v.optional(v.pipe(v.string(), v.maxLength(500))),
});
export type SummaryError = v.InferOutput<typeof SummaryErrorSchema>;

export const UsageSchema = v.object({ promptTokens: v.number(), completionTokens: v.number() });
export type Usage = v.InferOutput<typeof UsageSchema>;

export const SummaryPortEventSchema = v.variant('type', [
  /** Waiting for a free slot in the queue. */
  v.object({ type: v.literal('queued') }),
  /** Waiting before a retry, until this time (epoch ms), because of this error. */
  v.object({ type: v.literal('waiting'), untilMs: v.number(), error: SummaryErrorSchema }),
  /** The request went out (after any wait) to this model. */
  v.object({ type: v.literal('started'), model: v.string() }),
  /** The visible summary so far (think blocks removed) as Markdown and unsanitised HTML; replaces what was shown. */
  v.object({ type: v.literal('progress'), text: v.string(), html: v.string() }),
  /** The first answer failed the output check; the text is cleared and asked for once more. */
  v.object({ type: v.literal('retrying'), reason: v.string() }),
  v.object({
    type: v.literal('done'),
    text: v.string(),
    html: v.string(),
    model: v.string(),
    style: v.picklist(SUMMARY_STYLES),
    usage: v.nullable(UsageSchema),
    /** Estimated USD from the price table; null when the model has no price. */
    cost: v.nullable(v.number()),
    createdAt: v.number(),
    fromCache: v.boolean(),
  }),
  v.object({ type: v.literal('error'), error: SummaryErrorSchema }),
]);
export type SummaryPortEvent = v.InferOutput<typeof SummaryPortEventSchema>;

// ---- Deep reading: the paper a request is about -------------------------------------------------
const HttpsLinkSchema = v.pipe(v.string(), v.maxLength(2_000), v.regex(/^https:\/\/[^\s"'<>]+$/));

/** A paper to read in full: its arXiv id, and Hugging Face's `githubRepo` / `projectPage` when known. */
export const DeepPaperSchema = v.object({
  id: v.pipe(v.string(), v.regex(/^\d{4}\.\d{4,5}$/)),
  githubRepo: v.optional(v.nullable(HttpsLinkSchema)),
  projectPage: v.optional(v.nullable(HttpsLinkSchema)),
});
export type DeepPaper = v.InferOutput<typeof DeepPaperSchema>;

// ---- One-shot runtime messages --------------------------------------------------------------
export const ConnectionSchema = v.object({
  apiKey: v.string(),
  baseURL: v.string(),
  model: v.string(),
  provider: v.optional(v.string()),
});
export type Connection = v.InferOutput<typeof ConnectionSchema>;

export const RuntimeRequestSchema = v.variant('type', [
  v.object({ type: v.literal('openOptions') }),
  v.object({ type: v.literal('testConnection'), connection: ConnectionSchema }),
  v.object({ type: v.literal('listModels'), connection: ConnectionSchema }),
  /** What the catalogue knows of a model (price, shutdown date), for the options page's warnings. */
  v.object({ type: v.literal('modelInfo'), model: v.pipe(v.string(), v.maxLength(200)) }),
  /** Finished summaries for these papers under the current settings (content scripts ask on load). */
  v.object({
    type: v.literal('getCached'),
    paperIds: v.pipe(v.array(v.pipe(v.string(), v.regex(/^\d{4}\.\d{4,5}$/))), v.maxLength(1000)),
  }),
  v.object({ type: v.literal('getSpending') }),
  /** The few settings a page needs; the content script never reads the settings (they hold the key). */
  v.object({ type: v.literal('getPagePrefs') }),
  /** Tokens and cost a whole-page run would take, from the abstracts and the price table. */
  v.object({
    type: v.literal('estimateRun'),
    papers: v.pipe(
      v.array(
        v.object({
          title: v.pipe(v.string(), v.maxLength(1_000)),
          abstract: v.pipe(v.string(), v.maxLength(20_000)),
        }),
      ),
      v.maxLength(1000),
    ),
  }),
  /** Opens the reader for a paper in a new tab (a content script cannot open extension pages). */
  v.object({ type: v.literal('openReader'), paper: DeepPaperSchema }),
  /** Cached deep summaries for these papers under the current model, for cards and the digest. */
  v.object({
    type: v.literal('getDeepSummaries'),
    paperIds: v.pipe(v.array(v.pipe(v.string(), v.regex(/^\d{4}\.\d{4,5}$/))), v.maxLength(1000)),
  }),
  /** Everything cached for one paper's deep reading: summary, sections' explanations, questions. */
  v.object({ type: v.literal('getReaderState'), paperId: v.pipe(v.string(), v.regex(/^\d{4}\.\d{4,5}$/)) }),
  /** Tokens and price of a deep summary of this paper's full text (fetches the full text). */
  v.object({ type: v.literal('estimateDeep'), paper: DeepPaperSchema }),
  /** The paper's full text, laid out for the reader (outline, sections, figures, rendered math). */
  v.object({ type: v.literal('loadPaperView'), paper: DeepPaperSchema }),
  v.object({ type: v.literal('cacheStats') }),
  v.object({ type: v.literal('clearCache') }),
  v.object({ type: v.literal('exportCache') }),
  v.object({ type: v.literal('importCache'), json: v.pipe(v.string(), v.maxLength(50_000_000)) }),
]);
export type RuntimeRequest = v.InferOutput<typeof RuntimeRequestSchema>;

/** Requests a content script may make; everything else is for the extension's own pages. */
export const CONTENT_SCRIPT_REQUESTS: ReadonlySet<RuntimeRequest['type']> = new Set([
  'openOptions',
  'getCached',
  'getSpending',
  'getPagePrefs',
  'estimateRun',
  'openReader',
  'getDeepSummaries',
  'getReaderState',
  'estimateDeep',
]);

export type DoneEvent = Extract<SummaryPortEvent, { type: 'done' }>;
export interface Spending {
  today: { requests: number; tokens: number; cost: number };
  month: { cost: number };
  monthlyBudgetUsd: number;
}

export interface RuntimeResponses {
  openOptions: { ok: true };
  testConnection:
    | { ok: true; model: string; keyless: boolean; api: 'chat' | 'responses' }
    | { ok: false; error: SummaryError };
  listModels: { ok: true; models: string[] } | { ok: false; error: SummaryError };
  modelInfo: {
    known: boolean;
    /** The catalogue's list price; the user's own price is the options page's to add. */
    price: { input: number; output: number } | null;
    /** The announced shutdown, and whether it has already come. */
    shutdown: { date: string; successor: string; past: boolean } | null;
  };
  /** `inFlight`: papers still being summarised (a page that comes back joins them). */
  getCached: { summaries: Record<string, DoneEvent>; inFlight: string[] };
  getSpending: Spending;
  getPagePrefs: { autoSummarize: boolean };
  estimateRun: { papers: number; tokens: number; cost: number | null; model: string };
  openReader: { ok: true };
  getDeepSummaries: { deep: Record<string, DeepSummaryView> };
  getReaderState: ReaderState;
  estimateDeep: { ok: true; estimate: DeepEstimate } | { ok: false; error: SummaryError };
  loadPaperView: { ok: true; view: PaperView } | { ok: false; error: SummaryError };
  cacheStats: { count: number; bytes: number; maxBytes: number };
  clearCache: { ok: true };
  exportCache: { json: string };
  importCache: { imported: number; skipped: number };
}

// ---- Popup and shortcut → content script (the page) ---------------------------------------------
export const PageRequestSchema = v.variant('type', [
  v.object({ type: v.literal('pageStatus') }),
  v.object({ type: v.literal('summarizeAll'), order: v.picklist(['page', 'upvotes']) }),
  v.object({
    type: v.literal('buildDigest'),
    order: v.picklist(['page', 'upvotes']),
    /** Papers without a summary: summarise them first, or leave them out. */
    missing: v.picklist(['summarize', 'skip']),
  }),
]);
export type PageRequest = v.InferOutput<typeof PageRequestSchema>;

export interface PageStatus {
  total: number;
  done: number;
  busy: number;
  /** `2026-11-20`, `2026-W47`, `2026-10` or `trending`; null where the page does not say. */
  period: string | null;
}

export interface PageResponses {
  pageStatus: PageStatus;
  summarizeAll: { queued: number };
  /** The papers with their summaries; the popup renders the digest (lib/digest.ts). */
  buildDigest: { ok: true; period: string; papers: DigestPaper[] } | { ok: false; reason: 'empty' };
}

export function parsePageRequest(message: unknown): PageRequest | null {
  const parsed = v.safeParse(PageRequestSchema, message);
  return parsed.success ? parsed.output : null;
}

export function parsePortRequest(message: unknown): SummaryPortRequest | null {
  const parsed = v.safeParse(SummaryPortRequestSchema, message);
  return parsed.success ? parsed.output : null;
}

export function parsePortEvent(message: unknown): SummaryPortEvent | null {
  const parsed = v.safeParse(SummaryPortEventSchema, message);
  return parsed.success ? parsed.output : null;
}

export function parseRuntimeRequest(message: unknown): RuntimeRequest | null {
  const parsed = v.safeParse(RuntimeRequestSchema, message);
  return parsed.success ? parsed.output : null;
}
