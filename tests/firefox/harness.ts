// What the Firefox flows do with pages: open the options page and the fixture pages served as
// huggingface.co, find our UI by role and name (through the open shadow roots), and wait for what a
// user would see.
import type { Browser, ElementHandle, HTTPRequest, Page } from 'puppeteer-core';
import type { FixturePage } from '../fixtures/pages.ts';
import { EXTENSION_ORIGIN } from './firefox.ts';

const POLL_INTERVAL_MS = 50;
const DEFAULT_WAIT_MS = 10_000;

/**
 * Polls `probe` until it returns something other than undefined/false/null, like Playwright's
 * expect.poll. Puppeteer's own waitForFunction cannot be used on the extension's pages: it builds its
 * predicate with `new Function`, which the extension's CSP (rightly) blocks.
 */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined | null | false>,
  timeoutMs = DEFAULT_WAIT_MS,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== null && value !== false) return value;
      lastError = undefined;
    } catch (error) {
      // A page in the middle of loading has no document to ask yet.
      lastError = error;
    }
    if (Date.now() > deadline) {
      const reason = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}${reason}`);
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
  }
}

/** `page.$$` for an ARIA role and accessible name, reaching into `root`'s open shadow roots. */
function byRole(page: Page, root: string, role: string, name?: string): Promise<ElementHandle<Element>[]> {
  const aria = name === undefined ? `[role="${role}"]` : `${name}[role="${role}"]`;
  return page.$$(`${root} >>> ::-p-aria(${aria})`);
}

// ---- The options page ----------------------------------------------------------------------------

/**
 * Opens the extension's options page and waits until its form holds the stored settings. Over BiDi,
 * Firefox never reports a moz-extension:// navigation as finished (puppeteer issue #14314), so
 * `goto` is started, not awaited; it settles when the page closes.
 */
export async function openOptions(browser: Browser): Promise<Page> {
  const page = await browser.newPage();
  const url = `${EXTENSION_ORIGIN}/options.html`;
  const navigation = page.goto(url, { timeout: 0 }).then(
    () => undefined,
    (error: unknown) => error,
  );
  await waitFor(`the options page at ${url}`, async () => {
    const failed = await Promise.race([navigation, Promise.resolve('pending')]);
    if (failed instanceof Error) throw failed;
    return (await fieldByLabel(page, 'API 키')) !== undefined;
  });
  return page;
}

/** The form control labelled `label`, as a user finds it. */
export async function fieldByLabel(page: Page, label: string): Promise<ElementHandle<Element> | undefined> {
  for (const handle of await page.$$(`::-p-aria(${label})`)) {
    const isControl = await handle.evaluate((element) =>
      ['INPUT', 'SELECT', 'TEXTAREA'].includes(element.tagName),
    );
    if (isControl) return handle;
  }
  return undefined;
}

async function requiredField(page: Page, label: string): Promise<ElementHandle<Element>> {
  const field = await fieldByLabel(page, label);
  if (!field) throw new Error(`no field labelled "${label}"`);
  return field;
}

/** Replaces a text field's value by typing, as a user would. */
export async function fill(page: Page, label: string, value: string): Promise<void> {
  const field = await requiredField(page, label);
  await field.click();
  await field.evaluate((element) => (element as HTMLInputElement).select());
  await page.keyboard.press('Backspace');
  await field.type(value);
}

export async function fieldValue(page: Page, label: string): Promise<string> {
  const field = await requiredField(page, label);
  return field.evaluate((element) => (element as HTMLInputElement).value);
}

export async function clickButton(page: Page, name: string, root = 'html'): Promise<void> {
  const [button] = await byRole(page, root, 'button', name);
  if (!button) throw new Error(`no button named "${name}"`);
  await button.click();
}

/** The text of the page's status line once it contains `text`. */
export function waitForStatus(page: Page, text: string): Promise<string> {
  return waitFor(`a status saying "${text}"`, async () => {
    for (const status of await byRole(page, 'html', 'status')) {
      const content = await status.evaluate((element) => element.textContent ?? '');
      if (content.includes(text)) return content;
    }
    return undefined;
  });
}

export interface EndpointSettings {
  apiKey: string;
  baseURL: string;
  model: string;
}

/** Types the settings into the options page, saves, and waits for the confirmation. */
export async function saveSettings(browser: Browser, settings: EndpointSettings): Promise<void> {
  const page = await openOptions(browser);
  await fill(page, 'API 키', settings.apiKey);
  await fill(page, '엔드포인트 URL', settings.baseURL);
  await fill(page, '모델', settings.model);
  await clickButton(page, '저장');
  await waitForStatus(page, '저장했습니다');
  await page.close();
}

// ---- Hugging Face pages ----------------------------------------------------------------------------

/** Firefox may announce a request it then serves itself (a repeated image): there is nothing to answer. */
function isGoneRequestError(error: unknown): boolean {
  return error instanceof Error && /no such request/i.test(error.message);
}

async function answer(request: HTTPRequest, fixture: FixturePage): Promise<void> {
  const url = new URL(request.url());
  if (url.protocol === 'data:' || url.protocol === 'blob:' || url.hostname === '127.0.0.1') {
    return request.continue();
  }
  if (url.href === new URL(fixture.url).href && request.isNavigationRequest()) {
    return request.respond({ status: 200, contentType: 'text/html; charset=utf-8', body: fixture.html });
  }
  const apiBody = fixture.api?.[url.pathname + url.search];
  if (url.hostname === 'huggingface.co' && apiBody !== undefined) {
    return request.respond({ status: 200, contentType: 'application/json', body: JSON.stringify(apiBody) });
  }
  return request.abort('internetdisconnected');
}

/**
 * Opens `fixture` as if from huggingface.co: the page's requests are intercepted, the fixture's
 * document and JSON answered, loopback let through, and everything else aborted.
 */
export async function openPapers(browser: Browser, fixture: FixturePage): Promise<Page> {
  const page = await browser.newPage();
  await page.setRequestInterception(true);
  page.on('request', (request) => {
    answer(request, fixture).catch((error: unknown) => {
      if (!isGoneRequestError(error)) console.error(`interception of ${request.url()} failed:`, error);
    });
  });
  await page.goto(fixture.url);
  return page;
}

/** Our UI for one paper: its card's host (the button), and the panel's own host where the panel sits below the card's row. */
export function cardRoot(paperId: string): string {
  return `daily-papers-ko[data-paper-id="${paperId}"]`;
}

function panelRoots(paperId: string): string[] {
  return [cardRoot(paperId), `daily-papers-ko-panel[data-paper-id="${paperId}"]`];
}

/** Elements with this role (and name) in any of the paper's hosts. */
async function inPaperUi(
  page: Page,
  paperId: string,
  role: string,
  name?: string,
): Promise<ElementHandle<Element>[]> {
  const found = await Promise.all(panelRoots(paperId).map((root) => byRole(page, root, role, name)));
  return found.flat();
}

/** The paper ids of the cards that got our UI, in page order. */
export function injectedPaperIds(page: Page): Promise<string[]> {
  return page.$$eval('daily-papers-ko', (hosts) =>
    hosts.map((host) => (host as HTMLElement).dataset.paperId ?? ''),
  );
}

/** Every "한국어 요약" button on the page, across all cards. */
export async function summaryButtonCount(page: Page): Promise<number> {
  return (await byRole(page, 'daily-papers-ko', 'button', '한국어 요약')).length;
}

/** Waits for the card's "한국어 요약" button, then clicks it. */
export async function clickSummaryButton(page: Page, paperId: string): Promise<void> {
  const button = await waitFor(`the "한국어 요약" button of ${paperId}`, async () => {
    const [found] = await byRole(page, cardRoot(paperId), 'button', '한국어 요약');
    return found;
  });
  await button.click();
}

/** The text of a card's summary region (named "<title> 한국어 요약"), or undefined while there is none. */
export async function panelText(page: Page, paperId: string, title: string): Promise<string | undefined> {
  const [region] = await inPaperUi(page, paperId, 'region', `${title} 한국어 요약`);
  return region?.evaluate((element) => element.textContent ?? '');
}

export async function alertText(page: Page, paperId: string): Promise<string | undefined> {
  const [alert] = await inPaperUi(page, paperId, 'alert');
  return alert?.evaluate((element) => element.textContent ?? '');
}

/** Waits until the card's summary region contains every one of `texts`, and returns its text. */
export function waitForPanelText(
  page: Page,
  paperId: string,
  title: string,
  texts: string[],
  timeoutMs?: number,
): Promise<string> {
  return waitFor(
    `the summary of ${paperId} to show ${JSON.stringify(texts)}`,
    async () => {
      const text = await panelText(page, paperId, title);
      return text !== undefined && texts.every((wanted) => text.includes(wanted)) ? text : undefined;
    },
    timeoutMs,
  );
}
