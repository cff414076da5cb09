// The one protocol between the content script, extension pages and the background worker.
// Every message is a member of a union below and is parsed with its schema where it arrives.
import * as v from 'valibot';
import type { DeepEstimate, DeepSummaryView, PaperView, ReaderState } from './deep-messages.ts';
import type { DigestPaper } from './digest.ts';
import type { GlossaryEntry } from './glossary/entry.ts';
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

/** A glossary term the answer rendered its own way (lib/shared/glossary/after-check.ts). */
export const GlossaryFindingSchema = v.object({
  en: v.pipe(v.string(), v.maxLength(200)),
  expected: v.pipe(v.string(), v.maxLength(200)),
  found: v.pipe(v.string(), v.maxLength(300)),
  kind: v.picklist(['different', 'translated']),
});

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
    /**
     * Glossary terms the summary rendered differently from the glossary, after its one retry: for
     * the panel's meta line (describeGlossaryFindings). Absent or empty when it followed the glossary.
     */
    glossaryFindings: v.optional(v.pipe(v.array(GlossaryFindingSchema), v.maxLength(50))),
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

// ---- At a glance: one-liners for a page, over a port -----------------------------------------
/** The port a page opens to ask for one-liners; closing it stops what nobody else waits for. */
export const GLANCE_PORT_NAME = 'dpk-glance';

const PaperIdSchema = v.pipe(v.string(), v.regex(/^\d{4}\.\d{4,5}$/));

/** A paper as the one-liners, the ranking and the reading profile need it. */
export const PaperForGlanceSchema = v.object({
  id: PaperIdSchema,
  title: v.pipe(v.string(), v.nonEmpty(), v.maxLength(MAX_TITLE)),
  /** Hugging Face's English one-line summary (`ai_summary`); null when the paper has none. */
  aiSummary: v.nullable(v.pipe(v.string(), v.maxLength(2_000))),
  /** Used (trimmed) when there is no aiSummary. */
  abstract: v.pipe(v.string(), v.maxLength(MAX_ABSTRACT)),
  /** Hugging Face's `ai_keywords` ([] when none): the reading profile learns from them. */
  keywords: v.pipe(v.array(v.pipe(v.string(), v.maxLength(200))), v.maxLength(50)),
});
export type PaperForGlance = v.InferOutput<typeof PaperForGlanceSchema>;
const GlancePapersSchema = v.pipe(v.array(PaperForGlanceSchema), v.maxLength(1000));

export const GlancePortRequestSchema = v.variant('type', [
  /** One-liners for these papers: cached ones at once, the rest in as few requests as fit. */
  v.object({
    type: v.literal('oneLiners'),
    papers: GlancePapersSchema,
    /** Ask again even for papers with a cached one-liner (a "다시" button). */
    force: v.boolean(),
  }),
  /** Stop: requests only this page waited for are cancelled. */
  v.object({ type: v.literal('stop') }),
]);
export type GlancePortRequest = v.InferOutput<typeof GlancePortRequestSchema>;

const OneLinerItemSchema = v.object({
  id: PaperIdSchema,
  /** The title in Korean. */
  titleKo: v.string(),
  /** One Korean sentence, at most 80 characters (longer only when flagged `tooLong`). */
  tldrKo: v.string(),
  /** 0–3 against the interests, when the one-liners scored them (no embeddings); else null. */
  relevance: v.nullable(v.picklist([0, 1, 2, 3])),
  /** Why that score, in a short Korean phrase; null without a score. */
  reasonKo: v.nullable(v.string()),
  /** `trimmed`: cut at a sentence end to fit; `tooLong`: over the limit with nowhere to cut. */
  flags: v.array(v.picklist(['trimmed', 'tooLong'])),
  model: v.string(),
  createdAt: v.number(),
  fromCache: v.boolean(),
});
export type OneLinerItem = v.InferOutput<typeof OneLinerItemSchema>;

export const GlancePortEventSchema = v.variant('type', [
  /** One-liners ready: the cached ones first, then each as its answer is read (several per event). */
  v.object({ type: v.literal('oneLiners'), items: v.array(OneLinerItemSchema) }),
  /** How far the run is: papers with a one-liner of `total`, and requests sent so far. */
  v.object({
    type: v.literal('progress'),
    answered: v.number(),
    total: v.number(),
    requests: v.number(),
  }),
  /** Waiting before a retry (rate limit, server error) until this time (epoch ms). */
  v.object({ type: v.literal('waiting'), untilMs: v.number(), error: SummaryErrorSchema }),
  /**
   * The end, always sent once. `failedIds`: papers without a one-liner (missing from three answers,
   * or stopped by `error`). `usage`/`cost`: what this run's requests took (null when none was sent).
   */
  v.object({
    type: v.literal('done'),
    failedIds: v.array(PaperIdSchema),
    error: v.nullable(SummaryErrorSchema),
    usage: v.nullable(UsageSchema),
    cost: v.nullable(v.number()),
    requests: v.number(),
  }),
]);
export type GlancePortEvent = v.InferOutput<typeof GlancePortEventSchema>;

export function parseGlancePortRequest(message: unknown): GlancePortRequest | null {
  const parsed = v.safeParse(GlancePortRequestSchema, message);
  return parsed.success ? parsed.output : null;
}

export function parseGlancePortEvent(message: unknown): GlancePortEvent | null {
  const parsed = v.safeParse(GlancePortEventSchema, message);
  return parsed.success ? parsed.output : null;
}

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
  /** Whether summaries need an API key that is not saved yet (the page and popup say so before a click). */
  v.object({ type: v.literal('getKeyStatus') }),
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
  // At a glance (one-liners themselves come over GLANCE_PORT_NAME).
  /** Cached one-liners for these papers: no request is sent (works offline for days already seen). */
  v.object({ type: v.literal('getOneLiners'), paperIds: v.pipe(v.array(PaperIdSchema), v.maxLength(1000)) }),
  /** Tokens and cost of one-liners for these papers (a typical 30-paper day when omitted), beside full summaries. */
  v.object({ type: v.literal('estimateOneLiners'), papers: v.optional(GlancePapersSchema) }),
  /** These papers by relevance to the user's interests (and reading), with the top ones recommended. */
  v.object({ type: v.literal('rankPapers'), papers: GlancePapersSchema }),
  /**
   * The user read this paper deeply or upvoted it: the reading profile learns, if allowed. (Papers
   * summarised are learnt by the worker itself when their summary is made.)
   */
  v.object({
    type: v.literal('recordReading'),
    paper: PaperForGlanceSchema,
    kind: v.picklist(['deepRead', 'upvoted']),
  }),
  /** The glossary in use, for the options page. */
  v.object({ type: v.literal('getGlossary') }),
  /** One change to the user's glossary edits (an entry is validated where it arrives). */
  v.object({
    type: v.literal('editGlossary'),
    edit: v.variant('kind', [
      v.object({ kind: v.literal('upsert'), entry: v.unknown() }),
      v.object({ kind: v.literal('remove'), en: v.pipe(v.string(), v.maxLength(200)) }),
      v.object({ kind: v.literal('restore'), en: v.pipe(v.string(), v.maxLength(200)) }),
      v.object({
        kind: v.literal('import'),
        csv: v.pipe(v.string(), v.maxLength(2_000_000)),
        mode: v.picklist(['merge', 'replace']),
      }),
      v.object({ kind: v.literal('reset') }),
    ]),
  }),
  v.object({ type: v.literal('exportGlossary') }),
]);
export type RuntimeRequest = v.InferOutput<typeof RuntimeRequestSchema>;

/** Requests a content script may make; everything else is for the extension's own pages. */
export const CONTENT_SCRIPT_REQUESTS: ReadonlySet<RuntimeRequest['type']> = new Set([
  'openOptions',
  'getCached',
  'getSpending',
  'getPagePrefs',
  'getKeyStatus',
  'estimateRun',
  'openReader',
  'getDeepSummaries',
  'getReaderState',
  'estimateDeep',
  'getOneLiners',
  'estimateOneLiners',
  'rankPapers',
  'recordReading',
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
  /**
   * `autoOneLiners`: ask for the page's one-liners when it opens (on in the options, which showed its
   * cost, and a key is set); `hasInterests`: the user set interests, so 추천순 has something to rank by.
   */
  getPagePrefs: { autoSummarize: boolean; autoOneLiners: boolean; hasInterests: boolean };
  getKeyStatus: KeyStatus;
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
  getOneLiners: { oneLiners: Record<string, OneLinerItem> };
  estimateOneLiners: OneLinerEstimateResponse;
  rankPapers: RankResponse;
  /** `learnt`: false when learning from reading is off in the options (nothing was kept). */
  recordReading: { ok: true; learnt: boolean };
  getGlossary: { rows: GlossaryRow[]; removed: GlossaryEntry[] };
  editGlossary:
    | {
        ok: true;
        rows: GlossaryRow[];
        removed: GlossaryEntry[];
        imported: number;
        problems: GlossaryProblem[];
      }
    | { ok: false; problems: GlossaryProblem[] };
  exportGlossary: { csv: string; fileName: string };
}

export interface OneLinerEstimateResponse {
  papers: number;
  requests: number;
  tokens: number;
  /** USD at the model's price; null when the price is unknown. */
  cost: number | null;
  model: string;
  /** The same papers summarised in full, for the comparison shown before the first run. */
  fullSummaries: { tokens: number; cost: number | null };
}

export interface RankedPaper {
  id: string;
  /** Higher is closer to the interests; null when nothing could score it (ranked last, page order). */
  score: number | null;
  /** Among the top papers: show the "추천" badge. */
  recommended: boolean;
  /** Why, in Korean, for a recommended paper: the interest it matches or the one-liner's reason. */
  reasonKo: string | null;
}

export interface RankResponse {
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
  /** Papers whose summary failed (their panel shows the error). */
  failed: number;
  /** `2026-11-20`, `2026-W47`, `2026-10` or `trending`; null where the page does not say. */
  period: string | null;
}

export interface PageResponses {
  pageStatus: PageStatus;
  summarizeAll: { queued: number };
  /** The papers with their summaries; the popup renders the digest (lib/shared/digest.ts). */
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

// ---- Worker → pages: the key's status -----------------------------------------------------------
/** `needsKey`: no key is saved and the endpoint is not one that works without (a local server). */
export interface KeyStatus {
  needsKey: boolean;
}
/** Sent to every tab when the settings change, so a page's notice goes away once a key is saved. */
export const KEY_STATUS_CHANGED = 'dpkKeyStatusChanged';
export interface KeyStatusChanged extends KeyStatus {
  type: typeof KEY_STATUS_CHANGED;
}
export function parseKeyStatusChanged(message: unknown): KeyStatusChanged | null {
  if (typeof message !== 'object' || message === null) return null;
  const { type, needsKey } = message as Record<string, unknown>;
  return type === KEY_STATUS_CHANGED && typeof needsKey === 'boolean' ? { type, needsKey } : null;
}
