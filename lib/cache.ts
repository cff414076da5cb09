// The summary cache: finished, checked summaries by paper, model, prompt version, style and language,
// and the deep reading's results beside them (deep summaries, sections' explanations, question
// threads: see DeepCacheEntry), all bounded in size together with least-recently-used eviction and
// exported and imported together. Lives in the background worker.
import * as v from 'valibot';
import { UsageSchema } from './messages.ts';
import { PROMPT_VERSION } from './summary/prompt.ts';
import { SUMMARY_STYLES, type SummaryStyle } from './summary/styles.ts';

export const SUMMARY_LANGUAGE = 'ko';
/** A thread keeps its latest turns: older ones fall off, as the prompt only sends the latest anyway. */
export const MAX_THREAD_TURNS = 40;
export const DEFAULT_CACHE_MAX_BYTES = 4 * 1024 * 1024;

export interface CacheKeyParts {
  paperId: string;
  model: string;
  style: SummaryStyle;
  promptVersion?: string;
  language?: string;
}

/** Changing any part (a new prompt, another model) must miss the cache rather than serve stale text. */
export function cacheKey(parts: CacheKeyParts): string {
  return [
    parts.paperId,
    parts.model,
    parts.style,
    parts.promptVersion ?? PROMPT_VERSION,
    parts.language ?? SUMMARY_LANGUAGE,
  ].join('|');
}

export const CachedSummarySchema = v.object({
  key: v.string(),
  paperId: v.pipe(v.string(), v.regex(/^\d{4}\.\d{4,5}$/)),
  text: v.pipe(v.string(), v.nonEmpty(), v.maxLength(20_000)),
  model: v.string(),
  style: v.picklist(SUMMARY_STYLES),
  promptVersion: v.string(),
  usage: v.nullable(UsageSchema),
  createdAt: v.number(),
});
export type CachedSummary = v.InferOutput<typeof CachedSummarySchema>;

// ---- Deep reading (lib/worker/deep): keyed like summaries plus the full text's version -----------
// Their keys start with their kind (`deep|…`, `section|…`, `thread|…`), never with a paper id as a
// summary's do, so no key of one kind can name an entry of another.

const ARXIV_PAPER_ID = /^\d{4}\.\d{4,5}$/;
/** Figures are shown from arXiv only: an imported file must not point the reader anywhere else. */
const ArxivImageUrlSchema = v.pipe(
  v.string(),
  v.maxLength(2_000),
  v.regex(/^https:\/\/arxiv\.org\/[^\s"'<>]*$/),
);
const WebLinkSchema = v.pipe(v.string(), v.maxLength(2_000), v.regex(/^https?:\/\/[^\s"'<>]+$/));

const DeepBaseEntries = {
  key: v.string(),
  paperId: v.pipe(v.string(), v.regex(ARXIV_PAPER_ID)),
  model: v.string(),
  promptVersion: v.string(),
  /** Which full text it was read from: `html-v2`, `pdf`. */
  textVersion: v.pipe(v.string(), v.maxLength(40)),
  usage: v.nullable(UsageSchema),
  createdAt: v.number(),
};

export const KeyFigureSchema = v.object({
  id: v.pipe(v.string(), v.maxLength(200)),
  number: v.pipe(v.string(), v.maxLength(20)),
  kind: v.picklist(['figure', 'table']),
  imageUrl: v.nullable(ArxivImageUrlSchema),
  /** The paper's own caption (TeX as `$…$`). */
  caption: v.pipe(v.string(), v.maxLength(4_000)),
  /** The model's Korean caption; "" when it gave none. */
  captionKo: v.pipe(v.string(), v.maxLength(2_000)),
});
export type KeyFigure = v.InferOutput<typeof KeyFigureSchema>;

export const CodeLinkSchema = v.object({
  url: WebLinkSchema,
  /** Where it was found: the paper's text, or Hugging Face's `githubRepo` / `projectPage`. */
  from: v.picklist(['paper', 'github', 'project']),
});
export type CodeLink = v.InferOutput<typeof CodeLinkSchema>;

export const DeepSummaryEntrySchema = v.object({
  kind: v.literal('deep'),
  ...DeepBaseEntries,
  /** Markdown: the sections, each claim tagged (§3.2). */
  text: v.pipe(v.string(), v.nonEmpty(), v.maxLength(60_000)),
  keyFigure: v.nullable(KeyFigureSchema),
  questions: v.pipe(v.array(v.pipe(v.string(), v.maxLength(300))), v.maxLength(5)),
  links: v.pipe(v.array(CodeLinkSchema), v.maxLength(40)),
  source: v.picklist(['arxiv-html', 'pdf']),
  /** 1 when the paper was read in one request; the number of parts when it was read in parts. */
  chunks: v.pipe(v.number(), v.integer(), v.minValue(1)),
});
export type DeepSummaryEntry = v.InferOutput<typeof DeepSummaryEntrySchema>;

export const SectionEntrySchema = v.object({
  kind: v.literal('section'),
  ...DeepBaseEntries,
  sectionId: v.pipe(v.string(), v.maxLength(200)),
  text: v.pipe(v.string(), v.nonEmpty(), v.maxLength(30_000)),
  /** Korean captions of the section's figures and tables, by figure id. */
  captions: v.record(v.pipe(v.string(), v.maxLength(200)), v.pipe(v.string(), v.maxLength(2_000))),
});
export type SectionEntry = v.InferOutput<typeof SectionEntrySchema>;

export const ThreadTurnSchema = v.object({
  question: v.pipe(v.string(), v.nonEmpty(), v.maxLength(2_000)),
  answer: v.pipe(v.string(), v.nonEmpty(), v.maxLength(20_000)),
  model: v.string(),
  usage: v.nullable(UsageSchema),
  createdAt: v.number(),
});
export type ThreadTurn = v.InferOutput<typeof ThreadTurnSchema>;

/** A paper's questions and answers, oldest first; `createdAt` is the latest turn's. */
export const ThreadEntrySchema = v.object({
  kind: v.literal('thread'),
  ...DeepBaseEntries,
  turns: v.pipe(v.array(ThreadTurnSchema), v.nonEmpty(), v.maxLength(MAX_THREAD_TURNS)),
});
export type ThreadEntry = v.InferOutput<typeof ThreadEntrySchema>;

export type DeepCacheEntry = DeepSummaryEntry | SectionEntry | ThreadEntry;
export type CacheEntry = CachedSummary | DeepCacheEntry;

/** The kinds with a `kind` field first: a summary has none. */
export const CacheEntrySchema = v.union([
  DeepSummaryEntrySchema,
  SectionEntrySchema,
  ThreadEntrySchema,
  CachedSummarySchema,
]);

export interface IndexEntry {
  bytes: number;
  lastUsedAt: number;
}
export type CacheIndex = Record<string, IndexEntry>;

export function entryBytes(entry: CacheEntry): number {
  return new TextEncoder().encode(JSON.stringify(entry)).length;
}

export function totalBytes(index: CacheIndex): number {
  return Object.values(index).reduce((sum, entry) => sum + entry.bytes, 0);
}

/** Keys to evict, least recently used first, until the cache fits in `maxBytes`. */
export function planEviction(index: CacheIndex, maxBytes: number, keep?: string): string[] {
  let bytes = totalBytes(index);
  const victims: string[] = [];
  const byAge = Object.entries(index).sort(([, a], [, b]) => a.lastUsedAt - b.lastUsedAt);
  for (const [key, entry] of byAge) {
    if (bytes <= maxBytes) break;
    if (key === keep) continue;
    victims.push(key);
    bytes -= entry.bytes;
  }
  return victims;
}

/** The storage the cache needs: `browser.storage.local` in the extension, a map in tests. */
export interface KeyValueStore {
  get(keys: string[]): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string[]): Promise<void>;
}

const INDEX_KEY = 'summary-cache-index';
const ENTRY_PREFIX = 'summary:';
const IndexSchema = v.record(v.string(), v.object({ bytes: v.number(), lastUsedAt: v.number() }));
const ExportSchema = v.object({
  format: v.literal('daily-papers-ko-cache'),
  version: v.literal(1),
  entries: v.array(v.unknown()),
});

export class SummaryCache {
  /** Index updates are read-modify-write: one at a time. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly store: KeyValueStore,
    private readonly maxBytes: () => Promise<number> | number = () => DEFAULT_CACHE_MAX_BYTES,
    private readonly now: () => number = Date.now,
  ) {}

  private serialized<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async readIndex(): Promise<CacheIndex> {
    const parsed = v.safeParse(IndexSchema, (await this.store.get([INDEX_KEY]))[INDEX_KEY]);
    return parsed.success ? parsed.output : {};
  }

  /**
   * Looks up several summary keys at once (one storage read) and marks the hits as just used. The
   * caller gets the hits without waiting for that mark to be written; later cache work still waits for it.
   */
  get(keys: string[]): Promise<Map<string, CachedSummary>> {
    return this.read(keys, CachedSummarySchema);
  }

  /** The same for entries of any kind (deep summaries, sections, threads, summaries). */
  getEntries(keys: string[]): Promise<Map<string, CacheEntry>> {
    return this.read(keys, CacheEntrySchema);
  }

  /** Every key stored that passes the test (one read of the index; no entry is read). */
  keysWhere(test: (key: string) => boolean): Promise<string[]> {
    return this.serialized(async () => Object.keys(await this.readIndex()).filter(test));
  }

  private async read<T extends CacheEntry>(
    keys: string[],
    schema: v.GenericSchema<unknown, T>,
  ): Promise<Map<string, T>> {
    const found = new Map<string, T>();
    if (keys.length === 0) return found;
    let written: Promise<void> = Promise.resolve();
    await this.serialized(async () => {
      const stored = await this.store.get([...keys.map((key) => ENTRY_PREFIX + key), INDEX_KEY]);
      const parsedIndex = v.safeParse(IndexSchema, stored[INDEX_KEY]);
      const index: CacheIndex = parsedIndex.success ? parsedIndex.output : {};
      const now = this.now();
      for (const key of keys) {
        const parsed = v.safeParse(schema, stored[ENTRY_PREFIX + key]);
        if (!parsed.success || parsed.output.key !== key) continue;
        found.set(key, parsed.output);
        index[key] = { bytes: index[key]?.bytes ?? entryBytes(parsed.output), lastUsedAt: now };
      }
      if (found.size === 0) return;
      written = this.store.set({ [INDEX_KEY]: index });
      // The queue holds the next task until the mark is written; this caller does not wait for it.
      this.queue = this.queue.then(() => written).catch(() => undefined);
    });
    void written.catch(() => undefined);
    return found;
  }

  /** Stores a finished entry (replacing any older one for the key) and evicts to stay in bounds. */
  put(entry: CacheEntry): Promise<void> {
    return this.serialized(async () => {
      const checked = v.parse(CacheEntrySchema, entry);
      const index = await this.readIndex();
      index[checked.key] = { bytes: entryBytes(checked), lastUsedAt: this.now() };
      const victims = planEviction(index, await this.maxBytes(), checked.key);
      for (const victim of victims) delete index[victim];
      await this.store.set({ [ENTRY_PREFIX + checked.key]: checked, [INDEX_KEY]: index });
      if (victims.length > 0) await this.store.remove(victims.map((key) => ENTRY_PREFIX + key));
    });
  }

  stats(): Promise<{ count: number; bytes: number }> {
    return this.serialized(async () => {
      const index = await this.readIndex();
      return { count: Object.keys(index).length, bytes: totalBytes(index) };
    });
  }

  clear(): Promise<void> {
    return this.serialized(async () => {
      const index = await this.readIndex();
      await this.store.remove([INDEX_KEY, ...Object.keys(index).map((key) => ENTRY_PREFIX + key)]);
    });
  }

  /** Everything, as a JSON document the user can keep and import elsewhere. */
  exportAll(): Promise<string> {
    return this.serialized(async () => {
      const index = await this.readIndex();
      const stored = await this.store.get(Object.keys(index).map((key) => ENTRY_PREFIX + key));
      const entries = Object.values(stored).filter((entry) => v.is(CacheEntrySchema, entry));
      return JSON.stringify({ format: 'daily-papers-ko-cache', version: 1, exportedAt: this.now(), entries });
    });
  }

  /** Imports an export; invalid entries are skipped, newer entries win. Returns how many were taken. */
  async importAll(json: string): Promise<{ imported: number; skipped: number }> {
    let document: unknown;
    try {
      document = JSON.parse(json);
    } catch {
      return { imported: 0, skipped: -1 };
    }
    const parsed = v.safeParse(ExportSchema, document);
    if (!parsed.success) return { imported: 0, skipped: -1 };
    let imported = 0;
    let skipped = 0;
    for (const candidate of parsed.output.entries) {
      const entry = v.safeParse(CacheEntrySchema, candidate);
      if (!entry.success) {
        skipped++;
        continue;
      }
      const existing = (await this.getEntries([entry.output.key])).get(entry.output.key);
      if (existing && existing.createdAt >= entry.output.createdAt) {
        skipped++;
        continue;
      }
      await this.put(entry.output);
      imported++;
    }
    return { imported, skipped };
  }
}
