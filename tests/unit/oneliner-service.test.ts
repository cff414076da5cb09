// @vitest-environment node
// The one-liner service against the mock endpoint: batches, retries of missing papers, the cache,
// structured-output fallbacks, spending rules and leaving early.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PaperForGlance } from '../../lib/shared/domain.ts';
import type { GlossaryEntry } from '../../lib/shared/glossary/entry.ts';
import type { GlancePortEvent } from '../../lib/shared/messages.ts';
import { DEFAULT_SETTINGS, type Settings } from '../../lib/shared/settings.ts';
import { LruStore } from '../../lib/worker/cache.ts';
import { OneLinerService } from '../../lib/worker/oneliner-service.ts';
import { ONE_LINER_LAYOUT } from '../../lib/worker/oneliners/cache.ts';
import { RequestScheduler } from '../../lib/worker/queue.ts';
import { type PlanCorrection, RememberedCorrections } from '../../lib/worker/request-plan.ts';
import { type MockOpenAI, mockErrors, oneLinerBatchIn, startMockOpenAI } from '../e2e/mock-openai.ts';
import { buildPapers, paperId } from '../fixtures/oneliners/papers.ts';
import { memoryLedger, memoryStore } from './memory-store.ts';

let mock: MockOpenAI;
beforeAll(async () => {
  mock = await startMockOpenAI({ port: 0 });
});
afterAll(() => mock.close());
beforeEach(() => {
  mock.reset();
  mock.behave({ kind: 'structuredOneLiners' });
});

function day(count: number): PaperForGlance[] {
  return buildPapers(count).map((paper) => ({ ...paper, keywords: [] }));
}

function setup(
  overrides: Partial<Settings> = {},
  extra: { relevance?: string[]; glossary?: GlossaryEntry[] } = {},
) {
  let settings: Settings = {
    ...DEFAULT_SETTINGS,
    apiKey: 'sk-oneliners',
    baseURL: mock.baseURL,
    model: 'gpt-4o-mini',
    ...overrides,
  };
  const ledger = memoryLedger();
  const store = memoryStore();
  const learnt: Record<string, PlanCorrection>[] = [];
  const corrections = new RememberedCorrections((entries) => learnt.push(entries));
  const service = new OneLinerService({
    loadSettings: async () => settings,
    hasEndpointPermission: async () => true,
    ledger: ledger.store,
    recorder: ledger.recorder,
    cache: new LruStore(store, ONE_LINER_LAYOUT, () => 1024 * 1024),
    scheduler: new RequestScheduler({ maxConcurrency: () => settings.concurrency, baseDelayMs: 1 }),
    corrections,
    glossary: async () => extra.glossary ?? [],
    relevanceInterests: async () => extra.relevance ?? [],
  });
  const run = async (papers: PaperForGlance[], force = false) => {
    const events: GlancePortEvent[] = [];
    let resolve: (done: Extract<GlancePortEvent, { type: 'done' }>) => void = () => {};
    const finished = new Promise<Extract<GlancePortEvent, { type: 'done' }>>((r) => {
      resolve = r;
    });
    const leave = await service.subscribe(papers, { force }, (event) => {
      events.push(event);
      if (event.type === 'done') resolve(event);
    });
    return {
      events,
      finished,
      leave,
      items: () => events.flatMap((e) => (e.type === 'oneLiners' ? e.items : [])),
    };
  };
  return {
    service,
    run,
    corrections,
    ledger: ledger.current,
    store,
    change: (next: Partial<Settings>) => {
      settings = { ...settings, ...next };
    },
  };
}

const idsIn = (index: number) =>
  oneLinerBatchIn(mock.chatRequests()[index]?.body)?.papers.map((p) => p.id) ?? [];

describe('OneLinerService', () => {
  it('asks for a 30-paper day in one structured request, caches it, and sends nothing the second time', async () => {
    const { run, ledger } = setup();
    const papers = day(30);
    const first = await run(papers);
    const done = await first.finished;
    expect(done).toMatchObject({ failedIds: [], error: null, requests: 1 });
    expect(done.usage?.promptTokens).toBeGreaterThan(0);
    expect(done.cost).toBeGreaterThan(0);
    expect(mock.chatRequests()).toHaveLength(1);
    const body = mock.chatRequests()[0]?.body as Record<string, unknown>;
    expect(body).toMatchObject({
      stream: true,
      response_format: { type: 'json_schema', json_schema: { name: 'paper_one_liners', strict: true } },
    });
    expect(idsIn(0)).toEqual(papers.map((p) => p.id));
    expect(first.items()).toHaveLength(30);
    expect(first.items()[0]).toMatchObject({ id: paperId(0), fromCache: false, relevance: null });
    expect(first.events.filter((e) => e.type === 'progress').at(-1)).toMatchObject({
      answered: 30,
      total: 30,
    });
    expect(Object.values(ledger().months)[0]).toMatchObject({ requests: 1 });

    const again = await run(papers);
    expect(await again.finished).toMatchObject({ failedIds: [], requests: 0, cost: null });
    expect(again.items().every((item) => item.fromCache)).toBe(true);
    expect(again.items()).toHaveLength(30);
    expect(mock.chatRequests()).toHaveLength(1);
  });

  it('hands on each entry as soon as the stream has it', async () => {
    const { run } = setup();
    const first = await run(day(6));
    await first.finished;
    const batches = first.events.filter((e) => e.type === 'oneLiners');
    expect(batches.length).toBeGreaterThan(1);
  });

  it('asks again in the next request for a paper left out and one with a malformed entry', async () => {
    mock.behave({ kind: 'structuredOneLiners', missingIds: [paperId(4)], malformedIds: [paperId(17)] });
    const { run } = setup();
    const first = await run(day(30));
    expect(await first.finished).toMatchObject({ failedIds: [], requests: 2 });
    expect(mock.chatRequests()).toHaveLength(2);
    expect(idsIn(1)).toEqual([paperId(4), paperId(17)]);
    expect(new Set(first.items().map((item) => item.id)).size).toBe(30);
  });

  it('reports a paper missing from three answers as failed, never dropping it silently', async () => {
    mock.behave({ kind: 'structuredOneLiners', missingIds: [paperId(2)], faultsEveryTime: true });
    const { run } = setup();
    const first = await run(day(5));
    expect(await first.finished).toMatchObject({ failedIds: [paperId(2)], error: null, requests: 3 });
    expect(idsIn(1)).toEqual([paperId(2)]);
    expect(idsIn(2)).toEqual([paperId(2)]);
    expect(first.items()).toHaveLength(4);
  });

  it('cuts a large page into batches that fit a small model, and retries within those limits', async () => {
    const { run } = setup({ model: 'my-local-model' });
    const first = await run(day(30));
    expect(await first.finished).toMatchObject({ failedIds: [] });
    const sizes = mock.chatRequests().map((_, index) => idsIn(index).length);
    expect(sizes.length).toBeGreaterThan(2);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(10);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(30);
    for (const request of mock.chatRequests()) {
      expect((request.body as { max_tokens: number }).max_tokens).toBeLessThanOrEqual(2048);
    }
  });

  it('falls back from json_schema to json_object to plain JSON, and remembers it for the next page', async () => {
    mock.behave({ kind: 'structuredOneLiners' }, { kind: 'noResponseFormat' });
    const { run, corrections } = setup();
    const first = await run(day(3));
    expect(await first.finished).toMatchObject({ failedIds: [], requests: 1 });
    const formats = mock
      .chatRequests()
      .map((r) => (r.body as { response_format?: { type: string } }).response_format?.type);
    expect(formats).toEqual(['json_schema', 'json_object', undefined]);
    expect(corrections.get(`${mock.baseURL}\ngpt-4o-mini`)).toMatchObject({ structuredOutput: null });

    const next = await run(day(6).slice(3));
    await next.finished;
    expect(mock.chatRequests()).toHaveLength(4);
    expect(mock.chatRequests()[3]?.body).not.toHaveProperty('response_format');
  });

  it('scores relevance when interests are to be scored, and keeps those apart in the cache', async () => {
    const interests = ['reinforcement', 'diffusion'];
    const { run, service } = setup({ interests: interests.join(', ') }, { relevance: interests });
    const papers = day(3);
    const first = await run(papers);
    await first.finished;
    const body = mock.chatRequests()[0]?.body as { response_format: { json_schema: { schema: unknown } } };
    expect(JSON.stringify(body.response_format.json_schema.schema)).toContain('relevance');
    expect(first.items()[0]?.relevance).toBe(0);
    const cached = await service.cached(papers.map((p) => p.id));
    expect(Object.keys(cached)).toHaveLength(3);
  });

  it('puts the glossary lines for the batch terms in the prompt', async () => {
    const glossary: GlossaryEntry[] = [
      { en: 'sparse attention', ko: '희소 어텐션', keepEnglish: false, source: 'user' },
      { en: 'knowledge distillation', ko: '지식 증류', keepEnglish: false, source: 'user' },
    ];
    const { run } = setup({}, { glossary });
    await (await run(day(2))).finished;
    const system = JSON.stringify(mock.chatRequests()[0]?.body);
    expect(system).toContain('- sparse attention: 희소 어텐션');
    expect(system).not.toContain('knowledge distillation');
  });

  it('sends nothing past the monthly budget, nor to a model without a price under a budget', async () => {
    const { run, change } = setup({ monthlyBudgetUsd: 0.000001 });
    change({ model: 'my-unpriced-model' });
    expect(await (await run(day(2))).finished).toMatchObject({
      error: { kind: 'priceUnknown' },
      failedIds: [paperId(0), paperId(1)],
    });
    expect(mock.chatRequests()).toHaveLength(0);
  });

  it('says why when the key cannot be sent, and sends nothing', async () => {
    const { run } = setup({ apiKey: 'sk-“복사된키”' });
    expect(await (await run(day(1))).finished).toMatchObject({ error: { kind: 'badKey' } });
    expect(mock.chatRequests()).toHaveLength(0);
  });

  it('ends with the error when the endpoint keeps failing', async () => {
    mock.reply(mockErrors.invalidApiKey());
    mock.behave();
    const { run } = setup();
    const done = await (await run(day(2))).finished;
    expect(done.error?.kind).toBe('auth');
    expect(done.failedIds).toHaveLength(2);
  });

  it('cancels the request when the only page waiting for it leaves', async () => {
    mock.behave();
    mock.reply({ kind: 'hang' });
    const { run } = setup();
    const first = await run(day(2));
    await mock.waitForRequests(1);
    first.leave();
    await mock.waitForAbort();
  });

  it('shares one request between two pages asking for the same papers', async () => {
    const { run } = setup();
    const papers = day(4);
    const [a, b] = await Promise.all([run(papers), run(papers)]);
    await Promise.all([a.finished, b.finished]);
    expect(mock.chatRequests()).toHaveLength(1);
    expect(b.items()).toHaveLength(4);
  });

  it('asks again for everything when forced', async () => {
    const { run } = setup();
    await (await run(day(2))).finished;
    await (await run(day(2), true)).finished;
    expect(mock.chatRequests()).toHaveLength(2);
  });
});

vi.setConfig({ testTimeout: 15_000 });
