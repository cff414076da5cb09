// The one protocol between the content script, extension pages and the background worker: the wire
// schemas (valibot) and the types inferred from them. Every message is a member of a union below and
// is parsed with its schema where it arrives. What the messages carry is declared in
// lib/shared/domain.ts (the schemas are typed against it); limits are in lib/shared/limits.ts.
//
// One-shot requests are answered through a handler map (`RuntimeHandlers`, `PageHandlers`): one
// function per request type, returning that type's response from `RuntimeResponses` / `PageResponses`,
// so a handler with the wrong response shape fails `tsc`, and so does a caller that expects one.
import * as v from 'valibot';
import { ARXIV_PAPER_ID } from './arxiv.ts';
import type { DeepEstimate, DeepSummaryView, PaperView, ReaderState } from './deep-domain.ts';
import type { DigestPaper } from './digest.ts';
import {
  type DeepPaper,
  ERROR_KINDS,
  type GlossaryFinding,
  type GlossaryProblem,
  type GlossaryRow,
  type OneLinerEstimate,
  type OneLinerItem,
  type PageStatus,
  type PaperForGlance,
  type PaperForSummary,
  type Ranking,
  RUN_ORDERS,
  type Spending,
  type SummaryError,
  type Usage,
} from './domain.ts';
import type { GlossaryEntry } from './glossary/entry.ts';
import type { RequestHandlers } from './handlers.ts';
import {
  MAX_ABSTRACT_CHARS,
  MAX_AI_SUMMARY_CHARS,
  MAX_ERROR_DETAIL_CHARS,
  MAX_GLOSSARY_FINDINGS,
  MAX_KEYWORD_CHARS,
  MAX_KEYWORDS,
  MAX_NAME_CHARS,
  MAX_PAPERS_PER_REQUEST,
  MAX_TITLE_CHARS,
  MAX_URL_CHARS,
} from './limits.ts';
import type { OneLinerDigestPaper } from './oneliner-digest.ts';
import type { PageReading } from './page-reading.ts';
import { SUMMARY_STYLES } from './summary/styles.ts';

export const SUMMARY_PORT_NAME = 'dpk-summary';
/**
 * A card re-rendered by the page drops its port without saying stop. The background keeps that
 * request going this long, and the card that comes back within it rejoins instead of starting over.
 */
export const REJOIN_GRACE_MS = 3_000;

// ---- Shared pieces ----------------------------------------------------------------------------
/** An arXiv id as Hugging Face uses it (2411.01234), without a version: the one paper-id schema. */
export const PaperIdSchema = v.pipe(v.string(), v.regex(ARXIV_PAPER_ID));
const PaperIdsSchema = v.pipe(v.array(PaperIdSchema), v.maxLength(MAX_PAPERS_PER_REQUEST));
const RunOrderSchema = v.picklist(RUN_ORDERS);
const TitleSchema = v.pipe(v.string(), v.nonEmpty(), v.maxLength(MAX_TITLE_CHARS));
const AbstractSchema = v.pipe(v.string(), v.maxLength(MAX_ABSTRACT_CHARS));
const KeywordsSchema = v.pipe(
  v.array(v.pipe(v.string(), v.maxLength(MAX_KEYWORD_CHARS))),
  v.maxLength(MAX_KEYWORDS),
);
const HttpsLinkSchema = v.pipe(v.string(), v.maxLength(MAX_URL_CHARS), v.regex(/^https:\/\/[^\s"'<>]+$/));

const PaperForSummarySchema: v.GenericSchema<PaperForSummary> = v.object({
  id: PaperIdSchema,
  title: TitleSchema,
  abstract: AbstractSchema,
  keywords: KeywordsSchema,
});

// ---- Port: content script → background -------------------------------------------------------
const SummaryPortRequestSchema = v.variant('type', [
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
export const SummaryErrorSchema: v.GenericSchema<SummaryError> = v.object({
  kind: v.picklist(ERROR_KINDS),
  retryAfterMs: v.optional(v.number()),
  detail: v.optional(v.pipe(v.string(), v.maxLength(MAX_ERROR_DETAIL_CHARS))),
});

export const UsageSchema: v.GenericSchema<Usage> = v.object({
  promptTokens: v.number(),
  completionTokens: v.number(),
});

export const GlossaryFindingSchema: v.GenericSchema<GlossaryFinding> = v.object({
  en: v.pipe(v.string(), v.maxLength(MAX_NAME_CHARS)),
  expected: v.pipe(v.string(), v.maxLength(MAX_NAME_CHARS)),
  found: v.pipe(v.string(), v.maxLength(300)),
  kind: v.picklist(['different', 'translated']),
});

const SummaryPortEventSchema = v.variant('type', [
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
    glossaryFindings: v.optional(v.pipe(v.array(GlossaryFindingSchema), v.maxLength(MAX_GLOSSARY_FINDINGS))),
  }),
  v.object({ type: v.literal('error'), error: SummaryErrorSchema }),
]);
export type SummaryPortEvent = v.InferOutput<typeof SummaryPortEventSchema>;

// ---- Deep reading: the paper a request is about -------------------------------------------------
export const DeepPaperSchema: v.GenericSchema<DeepPaper> = v.object({
  id: PaperIdSchema,
  githubRepo: v.optional(v.nullable(HttpsLinkSchema)),
  projectPage: v.optional(v.nullable(HttpsLinkSchema)),
});

// ---- At a glance: one-liners for a page, over a port -----------------------------------------
/** The port a page opens to ask for one-liners; closing it stops what nobody else waits for. */
export const GLANCE_PORT_NAME = 'dpk-glance';

const PaperForGlanceSchema: v.GenericSchema<PaperForGlance> = v.object({
  id: PaperIdSchema,
  title: TitleSchema,
  aiSummary: v.nullable(v.pipe(v.string(), v.maxLength(MAX_AI_SUMMARY_CHARS))),
  abstract: AbstractSchema,
  keywords: KeywordsSchema,
});
const GlancePapersSchema = v.pipe(v.array(PaperForGlanceSchema), v.maxLength(MAX_PAPERS_PER_REQUEST));

const GlancePortRequestSchema = v.variant('type', [
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

const OneLinerItemSchema: v.GenericSchema<OneLinerItem> = v.object({
  id: PaperIdSchema,
  titleKo: v.string(),
  tldrKo: v.string(),
  relevance: v.nullable(v.picklist([0, 1, 2, 3])),
  reasonKo: v.nullable(v.string()),
  flags: v.array(v.picklist(['trimmed', 'tooLong'])),
  model: v.string(),
  createdAt: v.number(),
  fromCache: v.boolean(),
});

const GlancePortEventSchema = v.variant('type', [
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

export function parseGlancePortEvent(message: unknown): GlancePortEvent | null {
  const parsed = v.safeParse(GlancePortEventSchema, message);
  return parsed.success ? parsed.output : null;
}

export function parseGlancePortRequest(message: unknown): GlancePortRequest | null {
  const parsed = v.safeParse(GlancePortRequestSchema, message);
  return parsed.success ? parsed.output : null;
}

// ---- One-shot runtime messages --------------------------------------------------------------
const ConnectionSchema = v.object({
  apiKey: v.string(),
  baseURL: v.string(),
  model: v.string(),
  provider: v.optional(v.string()),
});
export type Connection = v.InferOutput<typeof ConnectionSchema>;

const RuntimeRequestSchema = v.variant('type', [
  v.object({ type: v.literal('openOptions') }),
  v.object({ type: v.literal('testConnection'), connection: ConnectionSchema }),
  v.object({ type: v.literal('listModels'), connection: ConnectionSchema }),
  /** What the catalogue knows of a model (price, shutdown date), for the options page's warnings. */
  v.object({ type: v.literal('modelInfo'), model: v.pipe(v.string(), v.maxLength(MAX_NAME_CHARS)) }),
  /** Finished summaries for these papers under the current settings (content scripts ask on load). */
  v.object({
    type: v.literal('getCached'),
    paperIds: PaperIdsSchema,
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
          title: v.pipe(v.string(), v.maxLength(MAX_TITLE_CHARS)),
          abstract: AbstractSchema,
        }),
      ),
      v.maxLength(MAX_PAPERS_PER_REQUEST),
    ),
  }),
  /** Opens the reader for a paper in a new tab (a content script cannot open extension pages). */
  v.object({ type: v.literal('openReader'), paper: DeepPaperSchema }),
  /** Cached deep summaries for these papers under the current model, for cards and the digest. */
  v.object({
    type: v.literal('getDeepSummaries'),
    paperIds: PaperIdsSchema,
  }),
  /** Everything cached for one paper's deep reading: summary, sections' explanations, questions. */
  v.object({ type: v.literal('getReaderState'), paperId: PaperIdSchema }),
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
  v.object({ type: v.literal('getOneLiners'), paperIds: PaperIdsSchema }),
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
      v.object({ kind: v.literal('remove'), en: v.pipe(v.string(), v.maxLength(MAX_NAME_CHARS)) }),
      v.object({ kind: v.literal('restore'), en: v.pipe(v.string(), v.maxLength(MAX_NAME_CHARS)) }),
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
export type RuntimeRequestType = RuntimeRequest['type'];

/** The answer to each one-shot request, by its type. */
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
  estimateOneLiners: OneLinerEstimate;
  rankPapers: Ranking;
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

/** The worker's answers: one handler per request type; `sender` is who asked (already trusted). */
export type RuntimeHandlers<Sender> = RequestHandlers<RuntimeRequest, RuntimeResponses, Sender>;

// ---- Popup and shortcut → content script (the page) ---------------------------------------------
const PageRequestSchema = v.variant('type', [
  v.object({ type: v.literal('pageStatus') }),
  v.object({ type: v.literal('summarizeAll'), order: RunOrderSchema }),
  v.object({
    type: v.literal('buildDigest'),
    order: RunOrderSchema,
    /** Papers without a summary: summarise them first, or leave them out. */
    missing: v.picklist(['summarize', 'skip']),
  }),
  /** What the page reader saw, for the popup's drift report. */
  v.object({ type: v.literal('pageReading') }),
  /**
   * The page's papers with their one-liners, for the one-liner digest; `missing: 'summarize'` runs
   * "한 줄 요약" for the papers without one first. With `recommended`, the ranking's badges and reasons.
   */
  v.object({
    type: v.literal('buildOneLinerDigest'),
    order: RunOrderSchema,
    missing: v.picklist(['summarize', 'skip']),
  }),
]);
export type PageRequest = v.InferOutput<typeof PageRequestSchema>;

export type PageRequestType = PageRequest['type'];

export interface PageResponses {
  pageStatus: PageStatus;
  summarizeAll: { queued: number };
  /** The papers with their summaries; the popup renders the digest (lib/shared/digest.ts). */
  buildDigest: { ok: true; period: string; papers: DigestPaper[] } | { ok: false; reason: 'empty' };
  /** Null before the first scan. */
  pageReading: PageReading | null;
  /** In the order to render (lib/shared/oneliner-digest.ts); `recommendedFirst` when 추천순 ranked them. */
  buildOneLinerDigest:
    | { ok: true; period: string; papers: OneLinerDigestPaper[]; recommendedFirst: boolean }
    | { ok: false; reason: 'empty' };
}

/** The content script's answers to the popup and the keyboard shortcut, given the page's context. */
export type PageHandlers<Context> = RequestHandlers<PageRequest, PageResponses, Context>;

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
