import { describe, expect, it, vi } from 'vitest';
import { EMPTY_LEDGER, type Ledger } from '../../lib/shared/cost.ts';
import { REJOIN_GRACE_MS, type SummaryPortEvent } from '../../lib/shared/messages.ts';
import { DEFAULT_SETTINGS } from '../../lib/shared/settings.ts';
import { SummaryCache } from '../../lib/worker/cache.ts';
import type { GeneratedSummary, GenerateRequest } from '../../lib/worker/summary/generate.ts';
import { SummaryService } from '../../lib/worker/summary-service.ts';
import { memoryStore } from './memory-store.ts';

const paper = (id: string) => ({ id, title: `Paper ${id}`, abstract: 'An abstract.', keywords: [] });

function setup(settings = {}) {
  let ledger: Ledger = EMPTY_LEDGER;
  const calls: GenerateRequest[] = [];
  const release: (() => void)[] = [];
  const generate = vi.fn(
    (request: GenerateRequest) =>
      new Promise<GeneratedSummary>((resolve, reject) => {
        calls.push(request);
        request.signal.addEventListener('abort', () => reject(new DOMException('stopped', 'AbortError')));
        request.onEvent({ type: 'started', model: 'gpt-4.1-mini' });
        release.push(() => {
          const model =
            request.settings.model === DEFAULT_SETTINGS.model ? 'gpt-4.1-mini' : request.settings.model;
          request.onUsage?.({ promptTokens: 1_000_000, completionTokens: 0 }, model);
          resolve({
            type: 'done',
            text: `**${request.paper.title}**\n\n- 한국어 요약입니다.`,
            html: '<p>x</p>',
            model: 'gpt-4.1-mini',
            style: 'bullets',
            usage: { promptTokens: 1_000_000, completionTokens: 0 },
            createdAt: 1,
          });
        });
      }),
  );
  const service = new SummaryService({
    loadSettings: async () => ({ ...DEFAULT_SETTINGS, apiKey: 'sk-x', ...settings }),
    hasEndpointPermission: async () => true,
    generate,
    cache: new SummaryCache(memoryStore()),
    ledger: {
      get: async () => ledger,
      set: async (next) => {
        ledger = next;
      },
    },
  });
  return { service, calls, release, generate, ledger: () => ledger };
}

describe('SummaryService', () => {
  it('sends one request for a paper asked for by two tabs, and both get the summary', async () => {
    const { service, calls, release } = setup();
    const tabA: SummaryPortEvent[] = [];
    const tabB: SummaryPortEvent[] = [];
    await service.subscribe(paper('2511.00001'), { force: false, batch: true }, (e) => tabA.push(e));
    await service.subscribe(paper('2511.00001'), { force: false, batch: true }, (e) => tabB.push(e));
    await vi.waitFor(() => expect(calls).toHaveLength(1));
    release[0]?.();
    await vi.waitFor(() => expect(tabB.at(-1)?.type).toBe('done'));
    expect(tabA.at(-1)).toMatchObject({ type: 'done', fromCache: false, cost: 0.4 });
    expect(calls).toHaveLength(1);
  });

  it('serves a finished summary from the cache with no request', async () => {
    const { service, release, generate } = setup();
    await service.subscribe(paper('2511.00002'), { force: false, batch: false }, () => {});
    await vi.waitFor(() => expect(release).toHaveLength(1));
    release[0]?.();
    await vi.waitFor(async () => expect(Object.keys(await service.cached(['2511.00002']))).toHaveLength(1));
    const events: SummaryPortEvent[] = [];
    await service.subscribe(paper('2511.00002'), { force: false, batch: false }, (e) => events.push(e));
    expect(events).toEqual([expect.objectContaining({ type: 'done', fromCache: true })]);
    expect(generate).toHaveBeenCalledTimes(1);
  });

  it('records usage and cost in the ledger', async () => {
    const { service, release, ledger } = setup();
    await service.subscribe(paper('2511.00003'), { force: false, batch: false }, () => {});
    await vi.waitFor(() => expect(release).toHaveLength(1));
    release[0]?.();
    await vi.waitFor(() =>
      expect(Object.values(ledger().months)[0]).toMatchObject({ requests: 1, cost: 0.4 }),
    );
  });

  it('aborts the request when the last tab leaves', async () => {
    const { service, calls } = setup();
    const leave = await service.subscribe(paper('2511.00004'), { force: false, batch: false }, () => {});
    await vi.waitFor(() => expect(calls).toHaveLength(1));
    leave();
    expect(calls[0]?.signal.aborted).toBe(true);
  });

  it('keeps a request a tab let go of without stopping, for a rejoining card, then aborts it', async () => {
    const { service, calls, release } = setup();
    const leave = await service.subscribe(paper('2511.00007'), { force: false, batch: false }, () => {});
    await vi.waitFor(() => expect(calls).toHaveLength(1));
    vi.useFakeTimers();
    try {
      leave({ linger: true });
      vi.advanceTimersByTime(REJOIN_GRACE_MS - 1);
      expect(calls[0]?.signal.aborted).toBe(false);
      // A page coming back (reloaded) learns the paper is still being summarised.
      expect(await service.inFlight(['2511.00007', '2511.00009'])).toEqual(['2511.00007']);
      // The re-rendered card rejoins: the same request, and the grace timer no longer matters.
      const events: SummaryPortEvent[] = [];
      await service.subscribe(paper('2511.00007'), { force: false, batch: false }, (e) => events.push(e));
      vi.advanceTimersByTime(REJOIN_GRACE_MS * 2);
      expect(calls).toHaveLength(1);
      expect(calls[0]?.signal.aborted).toBe(false);
      expect(events[0]).toEqual({ type: 'started', model: 'gpt-4.1-mini' });
      release[0]?.();
      await vi.waitFor(() => expect(events.at(-1)?.type).toBe('done'));

      // Nobody comes back: aborted once the grace is over.
      const gone = await service.subscribe(paper('2511.00008'), { force: false, batch: false }, () => {});
      await vi.waitFor(() => expect(calls).toHaveLength(2));
      gone({ linger: true });
      vi.advanceTimersByTime(REJOIN_GRACE_MS);
      expect(calls[1]?.signal.aborted).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });

  it('stops new requests once the monthly budget is reached', async () => {
    const { service, release, calls } = setup({ monthlyBudgetUsd: 0.3 });
    await service.subscribe(paper('2511.00005'), { force: false, batch: false }, () => {});
    await vi.waitFor(() => expect(release).toHaveLength(1));
    release[0]?.();
    const events: SummaryPortEvent[] = [];
    await vi.waitFor(async () => expect(Object.keys(await service.cached(['2511.00005']))).toHaveLength(1));
    await service.subscribe(paper('2511.00006'), { force: false, batch: false }, (e) => events.push(e));
    await vi.waitFor(() => expect(events.at(-1)).toEqual({ type: 'error', error: { kind: 'budget' } }));
    expect(calls).toHaveLength(1);
  });

  it('asks for the price of a model it cannot price before a budget is spent on it', async () => {
    const { service, calls } = setup({ monthlyBudgetUsd: 5, model: 'my-azure-deployment' });
    const events: SummaryPortEvent[] = [];
    await service.subscribe(paper('2511.00008'), { force: false, batch: false }, (e) => events.push(e));
    await vi.waitFor(() => expect(events.at(-1)).toEqual({ type: 'error', error: { kind: 'priceUnknown' } }));
    expect(calls).toHaveLength(0);
  });

  it("counts an unpriced model's answers without a budget, never as free money saved", async () => {
    const { service, release, ledger } = setup({ model: 'my-azure-deployment' });
    await service.subscribe(paper('2511.00009'), { force: false, batch: false }, () => {});
    await vi.waitFor(() => expect(release).toHaveLength(1));
    release[0]?.();
    await vi.waitFor(() =>
      expect(Object.values(ledger().months)[0]).toMatchObject({ requests: 1, cost: 0, unpricedRequests: 1 }),
    );
  });
});

describe('SummaryService and the glossary', () => {
  it('passes the glossary to generation, keeps the findings with the summary, and says what was summarised', async () => {
    const glossary = [{ en: 'LoRA', ko: 'LoRA', keepEnglish: true, source: 'name' as const }];
    const summarised: string[] = [];
    const seen: GenerateRequest[] = [];
    const finding = { en: 'LoRA', expected: 'LoRA', found: '저랭크 적응', kind: 'translated' as const };
    const service = new SummaryService({
      loadSettings: async () => ({ ...DEFAULT_SETTINGS, apiKey: 'sk-x', model: 'gpt-4.1-mini' }),
      hasEndpointPermission: async () => true,
      generate: async (request) => {
        seen.push(request);
        return {
          type: 'done',
          text: '**제목**\n\n- 한국어 요약입니다.',
          html: '<p>x</p>',
          model: 'gpt-4.1-mini',
          style: 'bullets',
          usage: null,
          createdAt: 1,
          glossaryFindings: [finding],
        };
      },
      cache: new SummaryCache(memoryStore()),
      ledger: { get: async () => EMPTY_LEDGER, set: async () => {} },
      glossary: async () => glossary,
      onSummarized: (paper) => summarised.push(paper.id),
    });
    const events: SummaryPortEvent[] = [];
    await service.subscribe(paper('2511.00009'), { force: false, batch: false }, (e) => events.push(e));
    await vi.waitFor(() =>
      expect(events.at(-1)).toMatchObject({ type: 'done', glossaryFindings: [finding] }),
    );
    expect(seen[0]?.glossary).toBe(glossary);
    expect(summarised).toEqual(['2511.00009']);
    const cached = await service.cached(['2511.00009']);
    expect(cached['2511.00009']).toMatchObject({ fromCache: true, glossaryFindings: [finding] });
  });
});
