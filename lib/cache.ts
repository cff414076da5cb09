// The summary cache: finished, checked summaries by paper, model, prompt version, style and language,
// bounded in size with least-recently-used eviction. Lives in the background worker.
import * as v from 'valibot';
import { UsageSchema } from './messages.ts';
import { PROMPT_VERSION } from './summary/prompt.ts';
import { SUMMARY_STYLES, type SummaryStyle } from './summary/styles.ts';

export const SUMMARY_LANGUAGE = 'ko';
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

export interface IndexEntry {
  bytes: number;
  lastUsedAt: number;
}
export type CacheIndex = Record<string, IndexEntry>;

export function entryBytes(entry: CachedSummary): number {
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
   * Looks up several keys at once (one storage read) and marks the hits as just used. The caller
   * gets the hits without waiting for that mark to be written; later cache work still waits for it.
   */
  async get(keys: string[]): Promise<Map<string, CachedSummary>> {
    const found = new Map<string, CachedSummary>();
    if (keys.length === 0) return found;
    let written: Promise<void> = Promise.resolve();
    await this.serialized(async () => {
      const stored = await this.store.get([...keys.map((key) => ENTRY_PREFIX + key), INDEX_KEY]);
      const parsedIndex = v.safeParse(IndexSchema, stored[INDEX_KEY]);
      const index: CacheIndex = parsedIndex.success ? parsedIndex.output : {};
      const now = this.now();
      for (const key of keys) {
        const parsed = v.safeParse(CachedSummarySchema, stored[ENTRY_PREFIX + key]);
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

  /** Stores a finished summary (replacing any older one for the key) and evicts to stay in bounds. */
  put(entry: CachedSummary): Promise<void> {
    return this.serialized(async () => {
      const checked = v.parse(CachedSummarySchema, entry);
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
      const entries = Object.values(stored).filter((entry) => v.is(CachedSummarySchema, entry));
      return JSON.stringify({ format: 'daily-papers-ko-cache', version: 1, exportedAt: this.now(), entries });
    });
  }

  /** Imports an export; invalid entries are skipped, newer summaries win. Returns how many were taken. */
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
      const entry = v.safeParse(CachedSummarySchema, candidate);
      if (!entry.success) {
        skipped++;
        continue;
      }
      const existing = (await this.get([entry.output.key])).get(entry.output.key);
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
