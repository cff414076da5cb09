// Every way the endpoint can fail, end to end: the panel says what happened in Korean and offers
// the one next step that helps, retries only where retrying helps, never caches a broken summary,
// and leaves Hugging Face's page and the other cards working.
import type { Page } from '@playwright/test';
import { fixturePages } from '../fixtures/pages.ts';
import { type ExtensionSettingsInput, expect, summaryHost, test } from './fixtures.ts';
import { DEFAULT_KOREAN_SUMMARY, type MockOpenAI, type MockReply, mockErrors } from './mock-openai.ts';

const fixture = fixturePages.day2026;
/** Summarised first, successfully: on reload its cached panel shows the cache has been read. */
const controlId = fixture.expectedPaperIds[0] ?? '';
const paperId = fixture.expectedPaperIds[1] ?? '';
const LAST_BULLET = '다중 모달(multimodal) 환경으로의 확장을 향후 과제로 제시합니다.';

type NextStep = { role: 'button' | 'link'; name: string };
const OPEN_OPTIONS: NextStep = { role: 'button', name: '설정 열기' };
const RETRY: NextStep = { role: 'button', name: '다시 시도' };

interface Fault {
  name: string;
  settings?: ExtensionSettingsInput;
  /** Answers for the faulty paper, in order; after them the mock answers normally. */
  replies: MockReply[];
  message: string;
  /** Retried by itself until the whole summary arrived. */
  recovers: boolean;
  /** Offered when it does not recover. */
  next?: NextStep;
  /** Chat requests for the faulty paper. */
  requests: number;
}

const cut = (): MockReply => ({ kind: 'stream', text: DEFAULT_KOREAN_SUMMARY, cutAfterChunks: 6 });

const faults: Fault[] = [
  {
    name: '401 invalid key',
    replies: [mockErrors.invalidApiKey()],
    message: 'API 키가 올바르지 않습니다(401)',
    recovers: false,
    next: OPEN_OPTIONS,
    requests: 1,
  },
  {
    name: '403 not allowed',
    replies: [mockErrors.permissionDenied()],
    message: '이 키로는 이 모델이나 엔드포인트를 쓸 권한이 없습니다(403)',
    recovers: false,
    next: OPEN_OPTIONS,
    requests: 1,
  },
  {
    name: '404 model not found',
    replies: [mockErrors.modelNotFound('gpt-nope')],
    message: '모델을 찾을 수 없습니다',
    recovers: false,
    next: OPEN_OPTIONS,
    requests: 1,
  },
  {
    name: '429 quota exhausted',
    replies: [mockErrors.insufficientQuota()],
    message: '사용 한도(크레딧)를 모두 썼습니다',
    recovers: false,
    next: { role: 'link', name: 'OpenAI 결제 페이지 열기' },
    requests: 1,
  },
  {
    name: '429 rate limit',
    replies: [mockErrors.rateLimited({ retryAfterSeconds: 2 })],
    message: '요청 한도에 걸렸습니다(429). 2초 후 다시 시도하세요.',
    recovers: true,
    requests: 2,
  },
  {
    name: '500 server error',
    replies: [mockErrors.serverError()],
    message: '엔드포인트 서버에 문제가 생겼습니다(5xx)',
    recovers: true,
    requests: 2,
  },
  {
    name: '503 overloaded',
    replies: [mockErrors.overloaded()],
    message: '엔드포인트 서버에 문제가 생겼습니다(5xx)',
    recovers: true,
    requests: 2,
  },
  {
    name: 'a hang past the time limit',
    settings: { requestTimeoutSeconds: 2 },
    replies: [{ kind: 'hang' }],
    message: '엔드포인트가 제한 시간 안에 응답하지 않았습니다',
    recovers: true,
    requests: 2,
  },
  {
    name: 'a stream cut in the middle',
    replies: [cut()],
    message: '요약을 받는 도중 연결이 끊겼습니다',
    recovers: true,
    requests: 2,
  },
  {
    name: 'a malformed chunk',
    replies: [{ kind: 'stream', text: DEFAULT_KOREAN_SUMMARY, malformedAfterChunks: 5 }],
    message: '요약을 받는 도중 연결이 끊겼습니다',
    recovers: true,
    requests: 2,
  },
  {
    name: 'a stream cut every time',
    replies: [cut(), cut(), cut(), cut()],
    message: '끊긴 요약은 저장하지 않았습니다',
    recovers: false,
    next: RETRY,
    requests: 4,
  },
];

/** Summarises the control card, so a later reload proves the cache was read. */
async function summarizeControl(page: Page): Promise<void> {
  await summaryHost(page, controlId).getByRole('button', { name: '한국어 요약' }).click();
  await expect(summaryHost(page, controlId).getByRole('region')).toContainText(LAST_BULLET);
}

/** Clicks the faulty card's button and waits until the mock's text streams into its panel. */
async function startStreaming(page: Page, openai: MockOpenAI, chunkDelayMs: number) {
  openai.reply({ kind: 'stream', text: DEFAULT_KOREAN_SUMMARY, chunkDelayMs });
  const host = summaryHost(page, paperId);
  await host.getByRole('button', { name: '한국어 요약' }).click();
  await expect(host.locator('.dpk-summary')).not.toBeEmpty();
  return host;
}

/** After a reload: the control card comes from the cache; the faulty card only as a whole summary or not at all. */
async function expectCacheAfterReload(page: Page, openai: MockOpenAI, faultyCached: boolean): Promise<void> {
  const before = openai.chatRequests().length;
  await page.reload();
  await expect(summaryHost(page, controlId).getByRole('region')).toContainText('저장된 요약');
  const faulty = summaryHost(page, paperId);
  if (faultyCached) {
    await expect(faulty.getByRole('region')).toContainText('저장된 요약');
    await expect(faulty.getByRole('region')).toContainText(LAST_BULLET);
  } else {
    await expect(faulty.getByRole('region')).toHaveCount(0);
    await expect(faulty.getByRole('button', { name: '한국어 요약' })).toBeVisible();
  }
  expect(openai.chatRequests().length).toBe(before);
}

/**
 * Records every text the card's alert shows. A retry can follow its countdown within half a
 * second, quicker than polling the DOM can be relied on to see it.
 */
async function recordAlerts(page: Page, id: string): Promise<() => Promise<string[]>> {
  await page.evaluate((paperId) => {
    const seen: string[] = [];
    Object.defineProperty(window, '__dpkAlerts', { value: seen, configurable: true });
    const cardRoot = document.querySelector(`daily-papers-ko[data-paper-id="${paperId}"]`)?.shadowRoot;
    if (!cardRoot) throw new Error(`no card host for ${paperId}`);
    // The panel is in the card's host, or in its own host below the card's row once it opens.
    const panelRoot = () =>
      document.querySelector(`daily-papers-ko-panel[data-paper-id="${paperId}"]`)?.shadowRoot ?? null;
    const record = () => {
      const text = (panelRoot() ?? cardRoot).querySelector('[role="alert"]')?.textContent ?? '';
      if (text && seen.at(-1) !== text) seen.push(text);
    };
    const options = { subtree: true, childList: true, characterData: true };
    const observer = new MutationObserver(() => {
      const root = panelRoot();
      if (root && !watched.has(root)) {
        watched.add(root);
        observer.observe(root, options);
      }
      record();
    });
    const watched = new Set<ShadowRoot>();
    observer.observe(cardRoot, options);
    observer.observe(document.body, { subtree: true, childList: true });
  }, id);
  return () => page.evaluate(() => [...(window as unknown as { __dpkAlerts: string[] }).__dpkAlerts]);
}

/** The alert's message followed by its countdown to the automatic retry. */
function countdownAfter(message: string): RegExp {
  const escaped = message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`${escaped}[\\s\\S]*\\d+초 뒤에 다시 시도합니다`);
}

/** Hugging Face's page is whole: every card is there, with its own link and our one button. */
async function expectPageIntact(page: Page): Promise<void> {
  await expect(page.locator('article')).toHaveCount(fixture.expectedPaperIds.length);
  await expect(page.locator('daily-papers-ko')).toHaveCount(fixture.expectedPaperIds.length);
  await expect(page.locator(`a[href="/papers/${paperId}"]`).first()).toBeVisible();
}

for (const fault of faults) {
  test(`${fault.name}: ${fault.recovers ? 'says so, retries by itself, and caches only the whole summary' : 'says what to do next, and caches nothing'}`, async ({
    openPapers,
    configure,
    openai,
  }) => {
    test.setTimeout(45_000);
    await configure(fault.settings);
    const page = await openPapers(fixture.html, fixture.url);
    await summarizeControl(page);
    openai.replyOnce(...fault.replies);

    const host = summaryHost(page, paperId);
    const alerts = await recordAlerts(page, paperId);
    await host.getByRole('button', { name: '한국어 요약' }).click();
    await expect.poll(alerts, { timeout: 10_000 }).toContainEqual(expect.stringContaining(fault.message));
    if (fault.recovers) {
      await expect.poll(alerts).toContainEqual(expect.stringMatching(countdownAfter(fault.message)));
      await expect(host.getByRole('region')).toContainText(LAST_BULLET, { timeout: 15_000 });
      await expect(host.getByRole('region')).toContainText('모델:');
      await expect(host.getByRole('alert')).toHaveCount(0);
    } else if (fault.next) {
      await expect(host.getByRole(fault.next.role, { name: fault.next.name })).toBeVisible({
        timeout: 20_000,
      });
    }
    // The control card's request, then this paper's.
    expect(openai.chatRequests()).toHaveLength(1 + fault.requests);
    if (fault.name.startsWith('429 rate')) {
      const [, first, second] = openai.chatRequests();
      expect((second?.receivedAt ?? 0) - (first?.receivedAt ?? 0)).toBeGreaterThanOrEqual(2_000);
    }
    await expectPageIntact(page);
    await expectCacheAfterReload(page, openai, fault.recovers);
  });
}

test('endpoint refusing connections: says so, retries a few times, then offers a retry; nothing cached', async ({
  openPapers,
  configure,
  openai,
}) => {
  test.setTimeout(45_000);
  await configure();
  const page = await openPapers(fixture.html, fixture.url);
  await summarizeControl(page);
  // Port 9 (discard) on loopback: nothing listens, so the connection is refused at once.
  await configure({ baseURL: 'http://127.0.0.1:9/v1' });
  await page.reload();
  const host = summaryHost(page, paperId);
  const alerts = await recordAlerts(page, paperId);
  await host.getByRole('button', { name: '한국어 요약' }).click();
  await expect
    .poll(alerts)
    .toContainEqual(expect.stringMatching(countdownAfter('엔드포인트에 연결할 수 없습니다')));
  await expect(host.getByRole('button', { name: '다시 시도', exact: true })).toBeVisible({ timeout: 20_000 });
  await expect(host.getByRole('button', { name: '설정 열기' })).toHaveCount(0);
  await expectPageIntact(page);
  await expectCacheAfterReload(page, openai, false);
});

test('the service worker stopped in the middle of a stream: the summary still arrives whole', async ({
  context,
  openPapers,
  configure,
  openai,
}) => {
  await configure();
  const page = await openPapers(fixture.html, fixture.url);
  await summarizeControl(page);
  const host = await startStreaming(page, openai, 80);
  const cdp = await context.newCDPSession(page);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await expect.poll(() => openai.chatRequests().some((r) => r.aborted)).toBe(true);
  await expect(host.getByRole('region')).toContainText(LAST_BULLET, { timeout: 20_000 });
  await expect(host.getByRole('region')).toContainText('모델:');
  await expectPageIntact(page);
  await expectCacheAfterReload(page, openai, true);
});

test('no key: the panel offers the options page, which opens', async ({ context, openPapers, openai }) => {
  // The install's welcome tab is an options page Chrome would bring forward instead of opening one.
  await context
    .waitForEvent('page', { predicate: (p) => p.url().includes('options.html'), timeout: 3_000 })
    .catch(() => null);
  for (const open of context.pages()) if (open.url().includes('options.html')) await open.close();
  const page = await openPapers(fixture.html, fixture.url);
  const host = summaryHost(page, paperId);
  await host.getByRole('button', { name: '한국어 요약' }).click();
  await expect(host.getByRole('alert')).toContainText('API 키가 없습니다');
  const optionsOpened = context.waitForEvent('page');
  await host.getByRole('button', { name: '설정 열기' }).click();
  expect((await optionsOpened).url()).toMatch(/^chrome-extension:\/\/[a-z]+\/options\.html/);
  expect(openai.chatRequests()).toHaveLength(0);
});

test('stop aborts the request on the endpoint and keeps what arrived, uncached', async ({
  openPapers,
  configure,
  openai,
}) => {
  await configure();
  const page = await openPapers(fixture.html, fixture.url);
  await summarizeControl(page);
  const host = await startStreaming(page, openai, 150);
  await host.getByRole('button', { name: '중단' }).click();
  const aborted = await openai.waitForAbort(5_000);
  expect(aborted.path).toBe('/v1/chat/completions');
  await expect(host.getByRole('region')).toContainText('요약을 중단했습니다');
  await expectCacheAfterReload(page, openai, false);
});

test('closing the tab aborts the request on the endpoint', async ({ openPapers, configure, openai }) => {
  await configure();
  const page = await openPapers(fixture.html, fixture.url);
  await startStreaming(page, openai, 150);
  await page.close();
  const aborted = await openai.waitForAbort(5_000);
  expect(aborted.aborted).toBe(true);
});
