// The summary cache: finished, checked summaries by paper, model, prompt version, style and language,
// and the deep reading's results beside them (deep summaries, sections' explanations, question
// threads: see DeepCacheEntry), all bounded in size together with least-recently-used eviction and
// exported and imported together. Lives in the background worker. The bounded store underneath
// (LruStore) keeps the one-liners and embedding vectors too, each kind under its own prefix and index.
import * as v from 'valibot';
import { MAX_GLOSSARY_FINDINGS, MAX_URL_CHARS } from '../shared/limits.ts';
import { GlossaryFindingSchema, PaperIdSchema, UsageSchema } from '../shared/messages.ts';
import { SUMMARY_STYLES, type SummaryStyle } from '../shared/summary/styles.ts';
import { PROMPT_VERSION } from './summary/prompt.ts';

export const SUMMARY_LANGUAGE = 'ko';
/** A thread keeps its latest turns: older ones fall off, as the prompt only sends the latest anyway. */
export const MAX_THREAD_TURNS = 40;
const DEFAULT_CACHE_MAX_BYTES = 4 * 1024 * 1024;

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

const CachedSummarySchema = v.object({
  key: v.string(),
  paperId: PaperIdSchema,
  text: v.pipe(v.string(), v.nonEmpty(), v.maxLength(20_000)),
  model: v.string(),
  style: v.picklist(SUMMARY_STYLES),
  promptVersion: v.string(),
  usage: v.nullable(UsageSchema),
  createdAt: v.number(),
  glossaryFindings: v.optional(v.pipe(v.array(GlossaryFindingSchema), v.maxLength(MAX_GLOSSARY_FINDINGS))),
});
export type CachedSummary = v.InferOutput<typeof CachedSummarySchema>;

// ---- Deep reading (lib/worker/deep): keyed like summaries plus the full text's version -----------
// Their keys start with their kind (`deep|…`, `section|…`, `thread|…`), never with a paper id as a
// summary's do, so no key of one kind can name an entry of another.

/** Figures are shown from arXiv only: an imported file must not point the reader anywhere else. */
const ArxivImageUrlSchema = v.pipe(
  v.string(),
  v.maxLength(MAX_URL_CHARS),
  v.regex(/^https:\/\/arxiv\.org\/[^\s"'<>]*$/),
);
const WebLinkSchema = v.pipe(v.string(), v.maxLength(MAX_URL_CHARS), v.regex(/^https?:\/\/[^\s"'<>]+$/));

const DeepBaseEntries = {
  key: v.string(),
  paperId: PaperIdSchema,
  model: v.string(),
  promptVersion: v.string(),
  /** Which full text it was read from: `html-v2`, `pdf`. */
  textVersion: v.pipe(v.string(), v.maxLength(40)),
  usage: v.nullable(UsageSchema),
  createdAt: v.number(),
};

const KeyFigureSchema = v.object({
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

const CodeLinkSchema = v.object({
  url: WebLinkSchema,
  /** Where it was found: the paper's text, or Hugging Face's `githubRepo` / `projectPage`. */
  from: v.picklist(['paper', 'github', 'project']),
});
export type CodeLink = v.InferOutput<typeof CodeLinkSchema>;

const DeepSummaryEntrySchema = v.object({
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

const SectionEntrySchema = v.object({
  kind: v.literal('section'),
  ...DeepBaseEntries,
  sectionId: v.pipe(v.string(), v.maxLength(200)),
  text: v.pipe(v.string(), v.nonEmpty(), v.maxLength(30_000)),
  /** Korean captions of the section's figures and tables, by figure id. */
  captions: v.record(v.pipe(v.string(), v.maxLength(200)), v.pipe(v.string(), v.maxLength(2_000))),
});
export type SectionEntry = v.InferOutput<typeof SectionEntrySchema>;

const ThreadTurnSchema = v.object({
  question: v.pipe(v.string(), v.nonEmpty(), v.maxLength(2_000)),
  answer: v.pipe(v.string(), v.nonEmpty(), v.maxLength(20_000)),
  model: v.string(),
  usage: v.nullable(UsageSchema),
  createdAt: v.number(),
});

/** A paper's questions and answers, oldest first; `createdAt` is the latest turn's. */
const ThreadEntrySchema = v.object({
  kind: v.literal('thread'),
  ...DeepBaseEntries,
  turns: v.pipe(v.array(ThreadTurnSchema), v.nonEmpty(), v.maxLength(MAX_THREAD_TURNS)),
});
export type ThreadEntry = v.InferOutput<typeof ThreadEntrySchema>;

export type DeepCacheEntry = DeepSummaryEntry | SectionEntry | ThreadEntry;
export type CacheEntry = CachedSummary | DeepCacheEntry;

/** The kinds with a `kind` field first: a summary has none. */
const CacheEntrySchema = v.union([
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

export function entryBytes(entry: unknown): number {
  return new TextEncoder().encode(JSON.stringify(entry)).length;
}

function totalBytes(index: CacheIndex): number {
  return Object.values(index).reduce((sum, entry) => sum + entry.bytes, 0);
}

/** Keys to evict, least recently used first, until the cache fits in `maxBytes`; `keep` are never evicted. */
export function planEviction(
  index: CacheIndex,
  maxBytes: number,
  keep?: string | ReadonlySet<string>,
): string[] {
  const kept = typeof keep === 'string' ? new Set([keep]) : (keep ?? new Set<string>());
  let bytes = totalBytes(index);
  const victims: string[] = [];
  const byAge = Object.entries(index).sort(([, a], [, b]) => a.lastUsedAt - b.lastUsedAt);
  for (const [key, entry] of byAge) {
    if (bytes <= maxBytes) break;
    if (kept.has(key)) continue;
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

/** Where one kind of entry lives in the key-value store, and what a valid entry is. */
export interface LruLayout<T extends { key: string }> {
  indexKey: string;
  prefix: string;
  schema: v.GenericSchema<unknown, T>;
}

const IndexSchema = v.record(v.string(), v.object({ bytes: v.number(), lastUsedAt: v.number() }));
const ExportSchema = v.object({
  format: v.literal('daily-papers-ko-cache'),
  version: v.literal(1),
  entries: v.array(v.unknown()),
});

/** Entries by key in a key-value store, one index per kind, evicting the least recently used past `maxBytes`. */
export class LruStore<T extends { key: string }> {
  /** Index updates are read-modify-write: one at a time. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    protected readonly store: KeyValueStore,
    protected readonly layout: LruLayout<T>,
    private readonly maxBytes: () => Promise<number> | number,
    protected readonly now: () => number = Date.now,
  ) {}

  protected serialized<R>(task: () => Promise<R>): Promise<R> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  protected async readIndex(): Promise<CacheIndex> {
    const { indexKey } = this.layout;
    const parsed = v.safeParse(IndexSchema, (await this.store.get([indexKey]))[indexKey]);
    return parsed.success ? parsed.output : {};
  }

  /**
   * Looks up several keys at once (one storage read) and marks the hits as just used. The caller
   * gets the hits without waiting for that mark to be written; later cache work still waits for it.
   */
  getEntries(keys: string[]): Promise<Map<string, T>> {
    return this.read(keys, this.layout.schema);
  }

  /** Every key stored that passes the test (one read of the index; no entry is read). */
  keysWhere(test: (key: string) => boolean): Promise<string[]> {
    return this.serialized(async () => Object.keys(await this.readIndex()).filter(test));
  }

  protected async read<U extends T>(
    keys: string[],
    schema: v.GenericSchema<unknown, U>,
  ): Promise<Map<string, U>> {
    const { indexKey, prefix } = this.layout;
    const found = new Map<string, U>();
    if (keys.length === 0) return found;
    let written: Promise<void> = Promise.resolve();
    await this.serialized(async () => {
      const stored = await this.store.get([...keys.map((key) => prefix + key), indexKey]);
      const parsedIndex = v.safeParse(IndexSchema, stored[indexKey]);
      const index: CacheIndex = parsedIndex.success ? parsedIndex.output : {};
      const now = this.now();
      for (const key of keys) {
        const parsed = v.safeParse(schema, stored[prefix + key]);
        if (!parsed.success || parsed.output.key !== key) continue;
        found.set(key, parsed.output);
        index[key] = { bytes: index[key]?.bytes ?? entryBytes(parsed.output), lastUsedAt: now };
      }
      if (found.size === 0) return;
      written = this.store.set({ [indexKey]: index });
      // The queue holds the next task until the mark is written; this caller does not wait for it.
      this.queue = this.queue.then(() => written).catch(() => undefined);
    });
    void written.catch(() => undefined);
    return found;
  }

  /** Stores entries (replacing older ones under their keys) in one write, and evicts to stay in bounds. */
  putAll(entries: T[]): Promise<void> {
    const { indexKey, prefix, schema } = this.layout;
    return this.serialized(async () => {
      if (entries.length === 0) return;
      const checked = entries.map((entry) => v.parse(schema, entry));
      const index = await this.readIndex();
      const now = this.now();
      const items: Record<string, unknown> = {};
      for (const entry of checked) {
        index[entry.key] = { bytes: entryBytes(entry), lastUsedAt: now };
        items[prefix + entry.key] = entry;
      }
      const victims = planEviction(index, await this.maxBytes(), new Set(checked.map((entry) => entry.key)));
      for (const victim of victims) delete index[victim];
      await this.store.set({ ...items, [indexKey]: index });
      if (victims.length > 0) await this.store.remove(victims.map((key) => prefix + key));
    });
  }

  /** Stores a finished entry (replacing any older one for the key) and evicts to stay in bounds. */
  put(entry: T): Promise<void> {
    return this.putAll([entry]);
  }

  stats(): Promise<{ count: number; bytes: number }> {
    return this.serialized(async () => {
      const index = await this.readIndex();
      return { count: Object.keys(index).length, bytes: totalBytes(index) };
    });
  }

  clear(): Promise<void> {
    const { indexKey, prefix } = this.layout;
    return this.serialized(async () => {
      const index = await this.readIndex();
      await this.store.remove([indexKey, ...Object.keys(index).map((key) => prefix + key)]);
    });
  }

  /** Every valid entry. */
  protected async all(): Promise<T[]> {
    const { prefix, schema } = this.layout;
    const index = await this.readIndex();
    const stored = await this.store.get(Object.keys(index).map((key) => prefix + key));
    return Object.values(stored).filter((entry): entry is T => v.is(schema, entry));
  }
}

const SUMMARY_LAYOUT: LruLayout<CacheEntry> = {
  indexKey: 'summary-cache-index',
  prefix: 'summary:',
  schema: CacheEntrySchema,
};

/** Summaries and the deep reading's entries, bounded together, exported and imported together. */
export class SummaryCache extends LruStore<CacheEntry> {
  constructor(
    store: KeyValueStore,
    maxBytes: () => Promise<number> | number = () => DEFAULT_CACHE_MAX_BYTES,
    now: () => number = Date.now,
  ) {
    super(store, SUMMARY_LAYOUT, maxBytes, now);
  }

  /** Summaries only, by key (one storage read); other kinds under these keys are not returned. */
  get(keys: string[]): Promise<Map<string, CachedSummary>> {
    return this.read(keys, CachedSummarySchema);
  }

  /** Everything, as a JSON document the user can keep and import elsewhere. */
  exportAll(): Promise<string> {
    return this.serialized(async () => {
      const entries = await this.all();
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
