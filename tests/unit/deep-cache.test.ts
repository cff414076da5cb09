import { describe, expect, it } from 'vitest';
import {
  type CachedSummary,
  cacheKey,
  type DeepSummaryEntry,
  type SectionEntry,
  SummaryCache,
  type ThreadEntry,
} from '../../lib/worker/cache.ts';
import {
  deepKeyPrefix,
  deepSummaryKey,
  sectionCacheKey,
  threadKey,
} from '../../lib/worker/deep/cache-keys.ts';
import { DEEP_PROMPT_VERSION } from '../../lib/worker/deep/prompt.ts';
import { PROMPT_VERSION } from '../../lib/worker/summary/prompt.ts';
import { memoryStore } from './memory-store.ts';

const parts = { paperId: '2611.01234', model: 'gpt-4o-mini', textVersion: 'html-v2' };

function deepEntry(over: Partial<DeepSummaryEntry> = {}): DeepSummaryEntry {
  return {
    kind: 'deep',
    key: deepSummaryKey(parts),
    ...parts,
    promptVersion: DEEP_PROMPT_VERSION,
    text: "**제목**\n\n### What's New\n- 새 방법 (§1)",
    keyFigure: {
      id: 'S1.F1',
      number: '1',
      kind: 'figure',
      imageUrl: 'https://arxiv.org/html/2611.01234v2/x1.png',
      caption: 'Overview.',
      captionKo: '개요',
    },
    questions: ['한계는?'],
    links: [{ url: 'https://github.com/example/deep-reading', from: 'github' }],
    source: 'arxiv-html',
    chunks: 1,
    usage: { promptTokens: 10, completionTokens: 5 },
    createdAt: 100,
    ...over,
  };
}

const sectionEntry: SectionEntry = {
  kind: 'section',
  key: sectionCacheKey({ ...parts, sectionKey: 'S2' }),
  ...parts,
  promptVersion: DEEP_PROMPT_VERSION,
  sectionId: 'S2',
  text: '- 설명 (§2)',
  captions: { 'S2.F1': '그림 설명' },
  usage: null,
  createdAt: 100,
};

const threadEntry: ThreadEntry = {
  kind: 'thread',
  key: threadKey(parts),
  ...parts,
  promptVersion: DEEP_PROMPT_VERSION,
  turns: [{ question: '한계는?', answer: '논문에 없음.', model: 'gpt-4o-mini', usage: null, createdAt: 100 }],
  usage: null,
  createdAt: 100,
};

describe('deep reading cache keys', () => {
  it('are keyed like summaries plus the full text version, led by their kind', () => {
    expect(deepSummaryKey(parts)).toBe(`deep|2611.01234|gpt-4o-mini|${DEEP_PROMPT_VERSION}|ko|html-v2`);
    expect(sectionCacheKey({ ...parts, sectionKey: 'S2.SS1' })).toBe(
      `section|2611.01234|gpt-4o-mini|${DEEP_PROMPT_VERSION}|ko|html-v2|S2.SS1`,
    );
    expect(threadKey(parts)).toBe(`thread|2611.01234|gpt-4o-mini|${DEEP_PROMPT_VERSION}|ko|html-v2`);
  });

  it('differ by paper, model, prompt, language and text version, and one prefix finds every version', () => {
    const keys = new Set([
      deepSummaryKey(parts),
      deepSummaryKey({ ...parts, paperId: '2611.01235' }),
      deepSummaryKey({ ...parts, model: 'gpt-5-mini' }),
      deepSummaryKey({ ...parts, promptVersion: 'deep-v0' }),
      deepSummaryKey({ ...parts, language: 'en' }),
      deepSummaryKey({ ...parts, textVersion: 'html-v3' }),
      deepSummaryKey({ ...parts, textVersion: 'pdf' }),
    ]);
    expect(keys.size).toBe(7);
    const prefix = deepKeyPrefix('deep', parts);
    expect(deepSummaryKey({ ...parts, textVersion: 'pdf' }).startsWith(prefix)).toBe(true);
    expect(deepSummaryKey({ ...parts, paperId: '2611.01235' }).startsWith(prefix)).toBe(false);
    // 2611.0123 must not find 2611.01234's entries.
    expect(deepSummaryKey(parts).startsWith(deepKeyPrefix('deep', { ...parts, paperId: '2611.0123' }))).toBe(
      false,
    );
  });

  it('can never name a summary: a summary key starts with the paper id', () => {
    const summaryKey = cacheKey({ paperId: parts.paperId, model: parts.model, style: 'bullets' });
    for (const key of [deepSummaryKey(parts), threadKey(parts), sectionEntry.key])
      expect(key.split('|')[0]).not.toBe(summaryKey.split('|')[0]);
  });
});

describe('the cache with deep reading entries', () => {
  const summary: CachedSummary = {
    key: cacheKey({ paperId: parts.paperId, model: parts.model, style: 'bullets' }),
    paperId: parts.paperId,
    text: '**요약**\n\n- 한국어 요약입니다.',
    model: parts.model,
    style: 'bullets',
    promptVersion: PROMPT_VERSION,
    usage: null,
    createdAt: 1,
  };

  it('stores every kind beside summaries, and a summary lookup never returns one of them', async () => {
    const cache = new SummaryCache(memoryStore());
    for (const entry of [summary, deepEntry(), sectionEntry, threadEntry]) await cache.put(entry);
    expect((await cache.getEntries([deepSummaryKey(parts)])).get(deepSummaryKey(parts))).toMatchObject({
      kind: 'deep',
      keyFigure: { captionKo: '개요' },
    });
    expect((await cache.get([deepSummaryKey(parts), summary.key])).size).toBe(1);
    expect(await cache.keysWhere((key) => key.startsWith('section|'))).toEqual([sectionEntry.key]);
    expect((await cache.stats()).count).toBe(4);
  });

  it('exports and imports deep summaries, sections and threads with the summaries', async () => {
    const from = new SummaryCache(memoryStore());
    for (const entry of [summary, deepEntry(), sectionEntry, threadEntry]) await from.put(entry);
    const to = new SummaryCache(memoryStore());
    expect(await to.importAll(await from.exportAll())).toEqual({ imported: 4, skipped: 0 });
    const keys = [summary.key, deepSummaryKey(parts), sectionEntry.key, threadEntry.key];
    expect([...(await to.getEntries(keys)).keys()].sort()).toEqual([...keys].sort());
  });

  it('refuses an imported deep summary whose figure is not on arxiv.org, or whose links are not web links', async () => {
    const cache = new SummaryCache(memoryStore());
    const evilFigure = deepEntry({
      keyFigure: {
        ...(deepEntry().keyFigure as NonNullable<DeepSummaryEntry['keyFigure']>),
        imageUrl: 'https://evil.example/x.png',
      },
    });
    const evilLink = deepEntry({
      key: deepSummaryKey({ ...parts, textVersion: 'pdf' }),
      links: [{ url: 'javascript:alert(1)', from: 'paper' }],
    });
    const file = JSON.stringify({
      format: 'daily-papers-ko-cache',
      version: 1,
      entries: [evilFigure, evilLink],
    });
    expect(await cache.importAll(file)).toEqual({ imported: 0, skipped: 2 });
    await expect(cache.put(evilFigure)).rejects.toThrow();
  });
});
