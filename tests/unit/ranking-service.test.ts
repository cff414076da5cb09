// @vitest-environment node
// The ranking service against the mock endpoint: embeddings where the endpoint has them, the
// one-liner scores where it has none (remembered), the cache for days already seen, and the profile.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PaperForGlance } from '../../lib/shared/domain.ts';
import { DEFAULT_SETTINGS, type Settings } from '../../lib/shared/settings.ts';
import { LruStore } from '../../lib/worker/cache.ts';
import { ONE_LINER_LAYOUT, type OneLinerEntry, oneLinerKeys } from '../../lib/worker/oneliners/cache.ts';
import { type EmbeddingFact, VECTOR_LAYOUT } from '../../lib/worker/ranking/embeddings.ts';
import type { ReadingProfile } from '../../lib/worker/ranking/reading-profile.ts';
import { RankingService } from '../../lib/worker/ranking-service.ts';
import { RememberedCorrections } from '../../lib/worker/request-plan.ts';
import { type MockOpenAI, startMockOpenAI } from '../e2e/mock-openai.ts';
import { RANKING_TITLES, titledPapers } from '../fixtures/oneliners/papers.ts';
import { memoryLedger, memoryStore } from './memory-store.ts';

let mock: MockOpenAI;
beforeAll(async () => {
  mock = await startMockOpenAI({ port: 0 });
});
afterAll(() => mock.close());
beforeEach(() => mock.reset());

const TITLES = RANKING_TITLES;

function papers(): PaperForGlance[] {
  // The fifth ('Efficient Inference…') carries keywords for the reading profile.
  return titledPapers(10_000).map((paper, index) => ({
    ...paper,
    keywords: index === 4 ? ['inference', 'long context'] : [],
  }));
}

function setup(overrides: Partial<Settings> = {}) {
  let settings: Settings = {
    ...DEFAULT_SETTINGS,
    apiKey: 'sk-ranking',
    baseURL: mock.baseURL,
    provider: 'openai',
    model: 'gpt-4o-mini',
    interests: 'RLHF, multimodal agents',
    ...overrides,
  };
  const ledger = memoryLedger();
  const store = memoryStore();
  const oneLiners = new LruStore(store, ONE_LINER_LAYOUT, () => 1024 * 1024);
  const facts = new RememberedCorrections<EmbeddingFact>(() => {});
  let profile: ReadingProfile | undefined;
  const service = new RankingService({
    loadSettings: async () => settings,
    hasEndpointPermission: async () => true,
    ledger: ledger.store,
    recorder: ledger.recorder,
    vectors: new LruStore(store, VECTOR_LAYOUT, () => 1024 * 1024),
    oneLiners,
    facts,
    profile: {
      get: async () => profile,
      set: async (next) => {
        profile = next;
      },
    },
  });
  return {
    service,
    facts,
    oneLiners,
    ledger: ledger.current,
    profile: () => profile,
    settings: () => settings,
    change: (next: Partial<Settings>) => {
      settings = { ...settings, ...next };
    },
  };
}

describe('RankingService with embeddings', () => {
  it('ranks the papers closest to an interest first, recommends them with the interest named', async () => {
    const { service, ledger } = setup();
    const ranked = await service.rank(papers());
    expect(ranked.method).toBe('embeddings');
    expect(ranked.error).toBeNull();
    expect(
      ranked.ranked
        .slice(0, 2)
        .map((p) => p.id)
        .sort(),
    ).toEqual(['2511.20001', '2511.20003']);
    const recommended = Object.fromEntries(
      ranked.ranked.filter((p) => p.recommended).map((p) => [p.id, p.reasonKo]),
    );
    expect(recommended).toEqual({
      '2511.20001': "관심 주제 'RLHF'와 가까운 논문",
      '2511.20003': "관심 주제 'multimodal agents'와 가까운 논문",
    });
    expect(mock.embeddingRequests()).toHaveLength(1);
    const body = mock.embeddingRequests()[0]?.body as { model: string; input: string[]; dimensions: number };
    expect(body).toMatchObject({ model: 'text-embedding-3-small', dimensions: 256 });
    expect(body.input).toHaveLength(2 + TITLES.length);
    await vi.waitFor(() => expect(Object.values(ledger().months)[0]?.cost).toBeGreaterThan(0));
  });

  it('ranks a day already seen from the cache alone, even with the endpoint gone', async () => {
    const { service } = setup();
    const first = await service.rank(papers());
    await mock.close();
    try {
      expect(await service.rank(papers())).toEqual(first);
    } finally {
      mock = await startMockOpenAI({ port: 0 });
    }
  });

  it('asks again only for what is not cached: a new interest', async () => {
    const { service, change } = setup();
    await service.rank(papers());
    change({ interests: 'RLHF, multimodal agents, protein structure' });
    const ranked = await service.rank(papers());
    expect(mock.embeddingRequests()).toHaveLength(2);
    expect(mock.embeddingRequests()[1]?.body).toMatchObject({ input: ['protein structure'] });
    expect(
      ranked.ranked
        .slice(0, 3)
        .map((p) => p.id)
        .sort(),
    ).toEqual(['2511.20001', '2511.20002', '2511.20003']);
  });

  it('asks for full vectors where the endpoint refuses dimensions, and remembers it', async () => {
    mock.behave({ kind: 'embeddingsWithoutDimensions' });
    const { service, facts } = setup();
    expect((await service.rank(papers())).method).toBe('embeddings');
    expect(facts.get(`${mock.baseURL}\ntext-embedding-3-small`)).toMatchObject({ noDimensions: true });
    await service.rank(papers().slice(0, 3));
    const bodies = mock.embeddingRequests().map((r) => r.body as Record<string, unknown>);
    // Refused, asked again in full; the next page asks in full at once.
    expect(bodies.map((b) => 'dimensions' in b)).toEqual([true, false, false]);
  });

  it('says nothing is ranked without interests or reading history', async () => {
    const { service } = setup({ interests: '' });
    const ranked = await service.rank(papers());
    expect(ranked.method).toBe('none');
    expect(ranked.ranked.map((p) => p.id)).toEqual(papers().map((p) => p.id));
    expect(mock.requests).toHaveLength(0);
  });

  it('learns from reading when allowed, and ranks by it without interests', async () => {
    const { service, profile } = setup({ interests: '', learnFromReading: true });
    const [, , , , efficient] = papers();
    expect(await service.recordRead(efficient as PaperForGlance)).toBe(true);
    expect(profile()?.reads).toBe(1);
    expect(profile()?.keywords).toMatchObject({ inference: 1 });
    const ranked = await service.rank(papers());
    expect(ranked.method).toBe('embeddings');
    expect(ranked.ranked[0]?.id).toBe('2511.20004');
  });

  it('keeps nothing of what was read when learning is off', async () => {
    const { service, profile } = setup();
    expect(await service.recordRead(papers()[0] as PaperForGlance)).toBe(false);
    expect(profile()).toBeUndefined();
  });
});

describe('RankingService without embeddings', () => {
  it('ranks by the one-liners scores when the endpoint has no embeddings, and remembers that', async () => {
    mock.behave({ kind: 'noEmbeddings' });
    const { service, oneLiners, facts, settings } = setup();
    const interests = ['RLHF', 'multimodal agents'];
    expect(await service.relevanceInterests(settings())).toEqual(interests);
    expect(facts.get(`${mock.baseURL}\ntext-embedding-3-small`)).toMatchObject({ unavailable: true });

    const scored = (id: string, relevance: 0 | 1 | 2 | 3, reasonKo: string): OneLinerEntry => ({
      key: oneLinerKeys(id, 'gpt-4o-mini', interests).scored as string,
      paperId: id,
      titleKo: '한국어 제목',
      tldrKo: '한 줄 요약이다.',
      relevance,
      reasonKo,
      flags: [],
      model: 'gpt-4o-mini',
      createdAt: 1,
    });
    await oneLiners.putAll([
      scored('2511.20000', 0, '관련 없음'),
      scored('2511.20001', 3, 'RLHF를 직접 다룸'),
      scored('2511.20003', 2, '멀티모달 에이전트'),
    ]);
    const ranked = await service.rank(papers());
    expect(ranked.method).toBe('relevance');
    expect(ranked.ranked.slice(0, 3).map((p) => p.id)).toEqual(['2511.20001', '2511.20003', '2511.20000']);
    expect(ranked.ranked.filter((p) => p.recommended).map((p) => [p.id, p.reasonKo])).toEqual([
      ['2511.20001', 'RLHF를 직접 다룸'],
      ['2511.20003', '멀티모달 에이전트'],
    ]);
    expect(ranked.unscored).toHaveLength(TITLES.length - 3);
    expect(mock.embeddingRequests()).toHaveLength(1);
  });

  it('goes straight to the scores for a provider without embeddings', async () => {
    const { service } = setup({ provider: 'anthropic', baseURL: 'https://api.anthropic.com/v1' });
    expect((await service.rank(papers())).method).toBe('relevance');
    expect(mock.requests).toHaveLength(0);
  });

  it('ranks by the scores when a budget forbids an embedding model without a price', async () => {
    const { service } = setup({ embeddingModel: 'my-embedder', monthlyBudgetUsd: 5 });
    const ranked = await service.rank(papers());
    expect(ranked.method).toBe('relevance');
    expect(ranked.error).toEqual({ kind: 'priceUnknown' });
    expect(mock.requests).toHaveLength(0);
  });
});
