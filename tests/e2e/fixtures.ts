// The end-to-end harness: a real Chromium with the built extension, a mock OpenAI server, and
// Hugging Face pages served from fixtures. Tests import `test` and `expect` from here.
import { rm } from 'node:fs/promises';
import {
  type BrowserContext,
  test as base,
  type CDPSession,
  expect,
  type Page,
  type Route,
} from '@playwright/test';
import { launchWithExtension } from './browser.ts';
import { type MockOpenAI, startMockOpenAI } from './mock-openai.ts';

export { chromiumExecutable, EXTENSION_PATH } from './browser.ts';
export { expect };

export interface ExtensionSettingsInput {
  apiKey?: string;
  baseURL?: string;
  model?: string;
  summaryStyle?: 'bullets' | 'newsletter';
  concurrency?: number;
  monthlyBudgetUsd?: number;
  requestTimeoutSeconds?: number;
  autoSummarize?: boolean;
}

export interface OpenPapersOptions {
  /** Same-origin JSON by path + query, e.g. `{ '/api/papers/2408.00001': {...} }`. */
  api?: Record<string, unknown>;
}

export interface ArxivReply {
  status?: number;
  body: string | Uint8Array;
  contentType?: string;
}

/** arXiv as the tests serve it: pages and PDFs by path, every request recorded, 404 for the rest. */
export interface FakeArxiv {
  serve(path: string, reply: ArxivReply): void;
  /** Paths asked for, in order (images included). */
  requests: string[];
  /**
   * Whether the extension may read the answers. True: as once the arxiv.org permission is granted,
   * which no test can do (Chromium's prompt has nobody to click it); Playwright answers a CORS
   * request it fulfils with an allowing header anyway. False: as arXiv answers an extension without
   * the permission, with no CORS grant for its origin (here an `Access-Control-Allow-Origin` that
   * names another origin, which Playwright leaves alone). Default true.
   */
  cors: boolean;
}

interface HarnessFixtures {
  /** The browser's language (`test.use({ uiLocale: 'en-US' })` for the English UI). */
  uiLocale: string;
  context: BrowserContext;
  arxiv: FakeArxiv;
  extensionId: string;
  openai: MockOpenAI;
  configure: (settings?: ExtensionSettingsInput) => Promise<void>;
  openPapers: (html: string, url: string, options?: OpenPapersOptions) => Promise<Page>;
}

function fulfillJson(route: Route, body: unknown): Promise<void> {
  return route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(body) });
}

export const test = base.extend<HarnessFixtures>({
  uiLocale: ['ko-KR', { option: true }],

  context: async ({ uiLocale }, use) => {
    const { context, profileDir } = await launchWithExtension([], uiLocale);
    await use(context);
    await context.close();
    await rm(profileDir, { recursive: true, force: true });
  },

  extensionId: async ({ context }, use) => {
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    const extensionId = new URL(worker.url()).host;
    await use(extensionId);
  },

  // biome-ignore lint/correctness/noEmptyPattern: see above.
  openai: async ({}, use) => {
    const mock = await startMockOpenAI({ port: 0 });
    await use(mock);
    await mock.close();
  },

  configure: async ({ context, extensionId, openai }, use) => {
    await use(async (settings = {}) => {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${extensionId}/options.html`);
      await page.getByLabel('API 키').fill(settings.apiKey ?? 'sk-test-key-1234');
      await page.getByLabel('엔드포인트 URL').fill(settings.baseURL ?? openai.baseURL);
      await page.getByLabel('모델', { exact: true }).fill(settings.model ?? 'gpt-4o-mini');
      const advanced = [
        settings.summaryStyle,
        settings.concurrency,
        settings.monthlyBudgetUsd,
        settings.autoSummarize,
        settings.requestTimeoutSeconds,
      ];
      if (advanced.some((value) => value !== undefined)) await page.getByText('고급 설정').click();
      if (settings.summaryStyle) {
        await page.getByLabel('요약 스타일').selectOption(settings.summaryStyle);
      }
      if (settings.concurrency !== undefined) {
        await page.getByLabel('동시 요청 수').fill(String(settings.concurrency));
      }
      if (settings.monthlyBudgetUsd !== undefined) {
        await page.getByLabel('월 예산(USD)').fill(String(settings.monthlyBudgetUsd));
      }
      if (settings.autoSummarize !== undefined) {
        await page.getByLabel('화면에 보이는 카드를 자동으로 요약').setChecked(settings.autoSummarize);
      }
      if (settings.requestTimeoutSeconds !== undefined) {
        await page.getByLabel('응답 대기 시간(초)').fill(String(settings.requestTimeoutSeconds));
      }
      await page.getByRole('button', { name: '저장' }).click();
      await expect(page.getByRole('status')).toContainText('저장했습니다');
      await page.close();
    });
  },

  arxiv: async ({ context }, use) => {
    const served = new Map<string, ArxivReply>();
    const fake: FakeArxiv = {
      requests: [],
      cors: true,
      serve: (path, reply) => served.set(path, reply),
    };
    await context.route('https://arxiv.org/**', async (route) => {
      const path = new URL(route.request().url()).pathname;
      fake.requests.push(path);
      const reply = served.get(path) ?? { status: 404, body: 'Not Found', contentType: 'text/plain' };
      await route.fulfill({
        status: reply.status ?? 200,
        contentType: reply.contentType ?? 'text/html; charset=utf-8',
        headers: { 'access-control-allow-origin': fake.cors ? '*' : 'https://arxiv.org' },
        body: typeof reply.body === 'string' ? reply.body : Buffer.from(reply.body),
      });
    });
    await use(fake);
  },

  openPapers: async ({ context }, use) => {
    // Every page a test served, by URL; one route answers them all so tests can open several.
    const served = new Map<string, { html: string; api: Record<string, unknown> }>();
    const findApiBody = (pathAndQuery: string): unknown =>
      [...served.values()].map((page) => page.api[pathAndQuery]).find((body) => body !== undefined);

    await context.route('https://huggingface.co/**', async (route) => {
      const requested = new URL(route.request().url());
      const apiBody = findApiBody(requested.pathname + requested.search);
      if (apiBody !== undefined) return fulfillJson(route, apiBody);
      if (requested.pathname.startsWith('/api/')) {
        return route.fulfill({ status: 404, contentType: 'application/json', body: '{"error":"Not Found"}' });
      }
      const page = served.get(requested.href);
      if (page && route.request().resourceType() === 'document') {
        return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: page.html });
      }
      return route.abort('internetdisconnected');
    });

    await use(async (html, url, options = {}) => {
      served.set(new URL(url).href, { html, api: options.api ?? {} });
      const page = await context.newPage();
      await page.goto(url);
      return page;
    });
  },
});

/**
 * Resolves once the extension's content script has been injected into the page (its isolated world
 * exists). The script's first scan runs synchronously at injection, so after this a page that got no
 * buttons really got none, rather than not yet.
 */
export async function waitForContentScript(page: Page, timeoutMs = 10_000): Promise<void> {
  const session = await page.context().newCDPSession(page);
  try {
    const injected = new Promise<void>((resolve) => {
      session.on('Runtime.executionContextCreated', ({ context }) => {
        if (context.name === 'Daily Papers KO' || context.origin.startsWith('chrome-extension://')) resolve();
      });
    });
    await session.send('Runtime.enable');
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('the content script was not injected')), timeoutMs);
    });
    await Promise.race([injected, timeout]).finally(() => clearTimeout(timer));
    // One round trip through the page, so a scan running in the same task has finished.
    await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 0)));
  } finally {
    await session.detach();
  }
}

/** The paper ids of the cards that got our UI, in page order. */
export function injectedPaperIds(page: Page): Promise<string[]> {
  return page
    .locator('daily-papers-ko')
    .evaluateAll((hosts) => hosts.map((host) => (host as HTMLElement).dataset.paperId ?? ''));
}

/**
 * Our UI for one paper: its card's host (the button) and, where the open panel has its own host below
 * the card's row (lib/page/panel-placement.ts), that one too. Playwright's locators reach into both
 * open shadow roots.
 */
export function summaryHost(page: Page, paperId: string) {
  return page.locator(paperUi(paperId));
}

/** The selector for one paper's hosts: the card's, and its panel's where it has its own. */
export function paperUi(paperId: string): string {
  return `daily-papers-ko[data-paper-id="${paperId}"], daily-papers-ko-panel[data-paper-id="${paperId}"]`;
}

/** Evaluates in the content script's isolated world, as a compromised content script could. */
export async function inContentScript(page: Page, expression: string): Promise<unknown> {
  const session: CDPSession = await page.context().newCDPSession(page);
  try {
    const contexts: { id: number; name: string }[] = [];
    session.on('Runtime.executionContextCreated', ({ context }) => contexts.push(context));
    await session.send('Runtime.enable');
    const isolated = contexts.find((c) => c.name === 'Daily Papers KO');
    if (!isolated) throw new Error(`no content-script world among ${contexts.map((c) => c.name).join(', ')}`);
    const { result, exceptionDetails } = await session.send('Runtime.evaluate', {
      expression,
      contextId: isolated.id,
      awaitPromise: true,
      returnByValue: true,
    });
    if (exceptionDetails) throw new Error(exceptionDetails.exception?.description ?? exceptionDetails.text);
    return result.value;
  } finally {
    await session.detach();
  }
}

/**
 * Opens the popup (as a tab) acting on `page`. The popup acts on the tab used last, and a fresh
 * install opens its welcome tab a moment after start: wait for that tab first, then bring `page` forward.
 */
export async function openPopupFor(context: BrowserContext, extensionId: string, page: Page): Promise<Page> {
  const isWelcome = (candidate: Page) => candidate.url().endsWith('/options.html#welcome');
  if (!context.pages().some(isWelcome)) {
    await context.waitForEvent('page', { predicate: isWelcome, timeout: 5_000 }).catch(() => undefined);
  }
  await page.bringToFront();
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  return popup;
}
