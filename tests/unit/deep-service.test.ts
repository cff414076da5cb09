// @vitest-environment node
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { EMPTY_LEDGER, type Ledger } from '../../lib/shared/cost.ts';
import type { DeepSummaryView, SectionView, TurnView } from '../../lib/shared/deep-domain.ts';
import type { DeepPortEvent } from '../../lib/shared/deep-messages.ts';
import { DEFAULT_SETTINGS, type Settings } from '../../lib/shared/settings.ts';
import { SummaryCache } from '../../lib/worker/cache.ts';
import { DeepService } from '../../lib/worker/deep-service.ts';
import type { LoadedFullText } from '../../lib/worker/full-text-library.ts';
import { SummaryService } from '../../lib/worker/summary-service.ts';
import {
  type MockOpenAI,
  type MockReply,
  mockErrors,
  type RecordedRequest,
  startMockOpenAI,
} from '../e2e/mock-openai.ts';
import { fullTextOf, longPaperHtml, samplePaperHtml } from '../fixtures/arxiv/papers.ts';
import {
  ANSWER_TEXT,
  deepAnswerFor,
  deepPromptKind,
  partNotes,
  SAMPLE_DEEP_SUMMARY,
} from '../fixtures/deep/answers.ts';
import { memoryStore } from './memory-store.ts';

const sample = fullTextOf(samplePaperHtml(), 'https://arxiv.org/html/2611.01234v2');
const long = fullTextOf(longPaperHtml(30, 8), 'https://arxiv.org/html/2611.09999v1');
const paper = { id: '2611.01234', githubRepo: 'https://github.com/example/deep-reading', projectPage: null };

let mock: MockOpenAI;
beforeAll(async () => {
  mock = await startMockOpenAI({ port: 0 });
});
afterAll(() => mock.close());

const kindOf = (request: RecordedRequest) =>
  deepPromptKind(
    ((request.body as { messages: { content: string }[] }).messages[0]?.content ?? '') as string,
  );

beforeEach(() => {
  mock.reset();
  mock.reply((request): MockReply => {
    const text = deepAnswerFor(kindOf(request));
    return { kind: 'stream', text, usage: { prompt_tokens: 1_000, completion_tokens: 100 } };
  });
});

function setup(
  over: Partial<Settings> = {},
  fullText: LoadedFullText = { ok: true, fullText: sample, url: 'u' },
) {
  let ledger: Ledger = EMPTY_LEDGER;
  const settings: Settings = {
    ...DEFAULT_SETTINGS,
    apiKey: 'sk-unit',
    baseURL: mock.baseURL,
    model: 'gpt-4o-mini',
    ...over,
  };
  const loadSettings = async () => settings;
  const cache = new SummaryCache(memoryStore());
  const summaries = new SummaryService({
    loadSettings,
    hasEndpointPermission: async () => true,
    generate: vi.fn(),
    cache,
    ledger: {
      get: async () => ledger,
      set: async (next) => {
        ledger = next;
      },
    },
  });
  const load = vi.fn(async () => fullText);
  const service = new DeepService({ loadSettings, fullTexts: { load }, cache, summaries });
  return { service, load, ledger: () => ledger };
}

/** Runs one operation to its end; resolves with every event. */
function run(
  service: DeepService,
  operation: Parameters<DeepService['subscribe']>[0],
): Promise<DeepPortEvent[]> {
  return new Promise((resolve) => {
    const events: DeepPortEvent[] = [];
    void service.subscribe(operation, (event) => {
      events.push(event);
      if (event.type === 'done' || event.type === 'error') resolve(events);
    });
  });
}

function resultOf<K extends 'summary' | 'section' | 'answer'>(events: DeepPortEvent[], kind: K) {
  const last = events.at(-1);
  if (last?.type !== 'done' || last.result.kind !== kind)
    throw new Error(`no ${kind}: ${JSON.stringify(last)}`);
  return last.result as Extract<typeof last.result, { kind: K }>;
}

describe('DeepService', () => {
  it('reads the full text, streams the deep summary, caches it, and serves it again with no request', async () => {
    const { service } = setup();
    const events = await run(service, { type: 'summarize', paper, force: false });
    expect(events.map((e) => e.type)).toEqual(
      expect.arrayContaining(['queued', 'reading', 'started', 'progress', 'done']),
    );
    const summary: DeepSummaryView = resultOf(events, 'summary').summary;
    expect(summary).toMatchObject({
      fromCache: false,
      textVersion: 'html-v2',
      chunks: 1,
      source: 'arxiv-html',
      keyFigure: { id: 'S1.F1', imageUrl: 'https://arxiv.org/html/2611.01234v2/x1.png' },
    });
    expect(summary.links[0]).toEqual({ url: 'https://github.com/example/deep-reading', from: 'github' });
    expect(summary.html).toContain('<math');
    expect(summary.digest.text).toContain("- ***What's New***:");
    expect(mock.chatRequests()).toHaveLength(1);

    const again = await run(service, { type: 'summarize', paper, force: false });
    expect(resultOf(again, 'summary').summary.fromCache).toBe(true);
    expect(mock.chatRequests()).toHaveLength(1);
    expect(
      (await service.cachedSummaries(['2611.01234', '2611.00000']))['2611.01234']?.questions,
    ).toHaveLength(3);
    expect((await service.readerState('2611.01234')).deep?.text).toBe(summary.text);
  });

  it('records every billed request in the ledger, the parts of a long paper included', async () => {
    const { service, ledger } = setup({ model: 'gpt-4' }, { ok: true, fullText: long, url: 'u' });
    const events = await run(service, { type: 'summarize', paper: { id: '2611.09999' }, force: false });
    const requests = mock.chatRequests();
    expect(requests.length).toBeGreaterThan(2);
    expect(requests.map(kindOf).at(-1)).toBe('deep');
    expect(events.filter((e) => e.type === 'reading' && e.step === 'part').length).toBe(
      requests.filter((r) => kindOf(r) === 'notes').length,
    );
    expect(resultOf(events, 'summary').summary.chunks).toBe(
      requests.filter((r) => kindOf(r) === 'notes').length,
    );
    // The ledger is written after each answer; on a loaded machine that takes more than waitFor's 1 s.
    await vi.waitFor(() => expect(Object.values(ledger().days)[0]?.requests).toBe(requests.length), {
      timeout: 15_000,
    });
  });

  it('does not pay twice for the parts already read when a part is rate limited and the job retries', async () => {
    const { service } = setup({ model: 'gpt-4' }, { ok: true, fullText: long, url: 'u' });
    let notes = 0;
    mock.reply((request): MockReply => {
      const kind = kindOf(request);
      if (kind === 'notes' && ++notes === 2) return mockErrors.rateLimited({ retryAfterMs: 20 });
      return { kind: 'stream', text: kind === 'deep' ? SAMPLE_DEEP_SUMMARY : partNotes('p'), usage: true };
    });
    const events = await run(service, { type: 'summarize', paper: { id: '2611.09999' }, force: false });
    expect(events.some((e) => e.type === 'waiting')).toBe(true);
    const parts = resultOf(events, 'summary').summary.chunks;
    // Every part once, the rate-limited one twice, and the final answer.
    expect(mock.chatRequests().filter((r) => kindOf(r) === 'notes')).toHaveLength(parts + 1);
  });

  it('refuses a deep summary whose estimate would pass the monthly budget, before any request', async () => {
    const { service } = setup({ monthlyBudgetUsd: 0.000001 });
    const events = await run(service, { type: 'summarize', paper, force: false });
    expect(events.at(-1)).toMatchObject({ type: 'error', error: { kind: 'budget' } });
    expect(mock.chatRequests()).toHaveLength(0);
  });

  it('sends one request for a deep summary two pages ask for at once', async () => {
    const { service } = setup();
    const [a, b] = await Promise.all([
      run(service, { type: 'summarize', paper, force: false }),
      run(service, { type: 'summarize', paper, force: false }),
    ]);
    expect(resultOf(a, 'summary').summary.text).toBe(resultOf(b, 'summary').summary.text);
    expect(mock.chatRequests()).toHaveLength(1);
  });

  it('keeps the conversation per paper and sends it with the next question', async () => {
    const { service } = setup();
    const first: TurnView = resultOf(
      await run(service, { type: 'ask', paper, question: '손실 함수는?' }),
      'answer',
    ).turn;
    expect(first).toMatchObject({ question: '손실 함수는?', answer: ANSWER_TEXT });
    await run(service, { type: 'ask', paper, question: '더 쉽게?' });
    const second = mock.chatRequests()[1]?.body as { messages: { role: string; content: string }[] };
    expect(second.messages.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'user']);
    expect(second.messages[2]?.content).toBe(ANSWER_TEXT);
    const state = await service.readerState('2611.01234');
    expect(state.thread.map((turn) => turn.question)).toEqual(['손실 함수는?', '더 쉽게?']);
    expect(state.starterQuestions).toEqual(['한계는?', '재현하려면?', '기존 방법과 차이는?']);
  });

  it("explains a section and keeps its figures' Korean captions by figure", async () => {
    const { service } = setup();
    const section: SectionView = resultOf(
      await run(service, { type: 'explainSection', paper, sectionKey: 'S1', force: false }),
      'section',
    ).section;
    expect(section.captions).toEqual({ 'S1.F1': '리더의 구조를 한눈에 보여 주는 그림입니다.' });
    expect(section.text).not.toContain('그림 캡션');
    expect((await service.readerState('2611.01234')).sections.S1?.fromCache).toBe(true);
    const missing = await run(service, { type: 'explainSection', paper, sectionKey: 'S9', force: false });
    expect(missing.at(-1)).toMatchObject({ type: 'error', error: { kind: 'paperMissing' } });
  });

  it('says why there is no full text, and sends nothing', async () => {
    const { service } = setup({}, { ok: false, error: { kind: 'fullTextMissing' } });
    const events = await run(service, { type: 'summarize', paper, force: false });
    expect(events.at(-1)).toMatchObject({ type: 'error', error: { kind: 'fullTextMissing' } });
    expect(await service.estimate(paper)).toEqual({ ok: false, error: { kind: 'fullTextMissing' } });
    expect(mock.chatRequests()).toHaveLength(0);
  });
});
