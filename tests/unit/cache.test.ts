import { describe, expect, it } from 'vitest';
import {
  type CachedSummary,
  cacheKey,
  entryBytes,
  planEviction,
  SummaryCache,
} from '../../lib/worker/cache.ts';
import { PROMPT_VERSION } from '../../lib/worker/summary/prompt.ts';
import { memoryStore } from './memory-store.ts';

function entry(paperId: string, text = '**요약**\n\n- 한국어 요약입니다.', createdAt = 1): CachedSummary {
  const key = cacheKey({ paperId, model: 'gpt-4.1-mini', style: 'bullets' });
  return {
    key,
    paperId,
    text,
    model: 'gpt-4.1-mini',
    style: 'bullets',
    promptVersion: PROMPT_VERSION,
    usage: null,
    createdAt,
  };
}

describe('cacheKey', () => {
  it('differs by paper, model, style, prompt version and language', () => {
    const base = { paperId: '2407.21783', model: 'gpt-4.1-mini', style: 'bullets' as const };
    const keys = new Set([
      cacheKey(base),
      cacheKey({ ...base, paperId: '2407.21784' }),
      cacheKey({ ...base, model: 'gpt-5-mini' }),
      cacheKey({ ...base, style: 'newsletter' }),
      cacheKey({ ...base, promptVersion: 'v0-old' }),
      cacheKey({ ...base, language: 'en' }),
    ]);
    expect(keys.size).toBe(6);
    expect(cacheKey(base)).toBe(`2407.21783|gpt-4.1-mini|bullets|${PROMPT_VERSION}|ko`);
  });
});

describe('planEviction', () => {
  it('evicts least recently used first until under the cap, never the entry being written', () => {
    const index = {
      old: { bytes: 400, lastUsedAt: 1 },
      newest: { bytes: 400, lastUsedAt: 9 },
      middle: { bytes: 400, lastUsedAt: 5 },
    };
    expect(planEviction(index, 800)).toEqual(['old']);
    expect(planEviction(index, 400)).toEqual(['old', 'middle']);
    expect(planEviction(index, 400, 'old')).toEqual(['middle', 'newest']);
    expect(planEviction(index, 10_000)).toEqual([]);
  });
});

describe('SummaryCache', () => {
  it('returns what was put, and misses what was not', async () => {
    const cache = new SummaryCache(memoryStore());
    const a = entry('2407.00001');
    await cache.put(a);
    const found = await cache.get([a.key, 'missing']);
    expect(found.get(a.key)).toEqual(a);
    expect(found.has('missing')).toBe(false);
  });

  it('stays under its size cap by evicting the least recently used', async () => {
    let clock = 0;
    const one = entryBytes(entry('2407.00001'));
    const cache = new SummaryCache(
      memoryStore(),
      () => one * 2 + 10,
      () => ++clock,
    );
    const [a, b, c] = [entry('2407.00001'), entry('2407.00002'), entry('2407.00003')];
    await cache.put(a);
    await cache.put(b);
    await cache.get([a.key]); // a is now more recent than b
    await cache.put(c);
    const found = await cache.get([a.key, b.key, c.key]);
    expect([...found.keys()]).toEqual([a.key, c.key]);
    expect((await cache.stats()).count).toBe(2);
  });

  it('refuses to store an invalid entry', async () => {
    const cache = new SummaryCache(memoryStore());
    await expect(cache.put({ ...entry('2407.00001'), text: '' })).rejects.toThrow();
    expect((await cache.stats()).count).toBe(0);
  });

  it('ignores a damaged stored entry instead of serving it', async () => {
    const store = memoryStore();
    const cache = new SummaryCache(store);
    const a = entry('2407.00001');
    await cache.put(a);
    store.data.set(`summary:${a.key}`, { key: a.key, text: 42 });
    expect((await cache.get([a.key])).size).toBe(0);
  });

  it('exports to a file and imports it into another browser', async () => {
    const source = new SummaryCache(memoryStore());
    await source.put(entry('2407.00001'));
    await source.put(entry('2407.00002'));
    const file = await source.exportAll();
    const target = new SummaryCache(memoryStore());
    expect(await target.importAll(file)).toEqual({ imported: 2, skipped: 0 });
    expect((await target.stats()).count).toBe(2);
    expect(await target.importAll(file)).toEqual({ imported: 0, skipped: 2 });
    expect(await target.importAll('{"not":"an export"}')).toEqual({ imported: 0, skipped: -1 });
    expect(await target.importAll('garbage')).toEqual({ imported: 0, skipped: -1 });
  });

  it('clears everything', async () => {
    const store = memoryStore();
    const cache = new SummaryCache(store);
    await cache.put(entry('2407.00001'));
    await cache.clear();
    expect(await cache.stats()).toEqual({ count: 0, bytes: 0 });
    expect(store.data.size).toBe(0);
  });
});
