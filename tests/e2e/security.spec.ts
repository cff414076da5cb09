// Security, end to end: hostile model output and hostile page data never execute, the page stays
// intact, and the API key stays where it belongs. A trap in the page's own world records any
// script that runs.
import type { BrowserContext, Page } from '@playwright/test';
import type { WxtBrowser } from 'wxt/browser';
import { MATHML_ATTRIBUTES, MATHML_TAGS, SUMMARY_TAGS } from '../../lib/shared/summary/allowed-tags.ts';
import { MATH_XSS_PAYLOADS } from '../fixtures/math-xss-payloads.ts';
import { bigWeekPage, fixturePages } from '../fixtures/pages.ts';
import {
  endMarker,
  hostilePage,
  hostileSummary,
  startMarker,
  XSS_PAYLOADS,
  type XssPayload,
} from '../fixtures/xss-payloads.ts';
import { expect, paperUi, summaryHost, test } from './fixtures.ts';
import { DEFAULT_KOREAN_SUMMARY, type MockOpenAI, type RecordedRequest } from './mock-openai.ts';

const ALL_DONE = '이 페이지의 논문을 모두 요약했습니다.';
/** What the summary renderer lets through: formatting and MathML; layout attributes on MathML only. */
const ALLOWED_TAGS = new Set(SUMMARY_TAGS.map((tag) => tag.toUpperCase()));
/** Hostile HTML and hostile TeX, both as model answers. */
const MODEL_PAYLOADS = [...XSS_PAYLOADS, ...MATH_XSS_PAYLOADS];

interface Trap {
  /** Calls to alert/confirm/prompt/print in the page world, and dialogs any frame opened. */
  hits(): Promise<string[]>;
  /** Every URL the browser asked for on evil.example. */
  evilRequests: string[];
}

/** Installs the page-world trap on every page of the context, before any of the page's scripts. */
async function installTrap(context: BrowserContext, page: () => Page | undefined): Promise<Trap> {
  await context.addInitScript(() => {
    const hits: string[] = [];
    Object.defineProperty(window, '__xssHits', { value: hits });
    for (const name of ['alert', 'confirm', 'prompt', 'print'] as const) {
      Object.defineProperty(window, name, {
        value: (...args: unknown[]) => {
          hits.push(`${name}(${args.map(String).join(', ')})`);
        },
        configurable: false,
        writable: false,
      });
    }
  });
  const dialogs: string[] = [];
  const evilRequests: string[] = [];
  context.on('page', (p) => {
    p.on('dialog', (dialog) => {
      dialogs.push(`dialog(${dialog.message()})`);
      void dialog.dismiss();
    });
  });
  context.on('request', (request) => {
    if (new URL(request.url()).hostname.endsWith('evil.example')) evilRequests.push(request.url());
  });
  return {
    evilRequests,
    hits: async () => {
      const current = page();
      const inPage = current
        ? await current.evaluate(() => [...((window as unknown as { __xssHits: string[] }).__xssHits ?? [])])
        : [];
      return [...inPage, ...dialogs];
    },
  };
}

interface PanelReport {
  paperId: string;
  text: string;
  visible: boolean;
  /** Elements or attributes in the summary that the allowlist should have removed. */
  forbidden: string[];
  /** Every link anywhere in our UI, with its href. */
  links: string[];
}

/** Reads every panel's summary from inside its (open) shadow root. */
function readPanels(page: Page): Promise<PanelReport[]> {
  return page.evaluate(
    ({ allowed, mathTags, mathAttributes }) => {
      const allowedTags = new Set(allowed);
      const mathml = new Set<string>(mathTags);
      const mathLayout = new Set<string>(mathAttributes);
      return [...document.querySelectorAll('daily-papers-ko')].map((host) => {
        // The panel is in the card's host, or in its own host below the card's row.
        const panelHost = document.querySelector(
          `daily-papers-ko-panel[data-paper-id="${(host as HTMLElement).dataset.paperId}"]`,
        );
        const root = (panelHost ?? host).shadowRoot;
        const summary = root?.querySelector('.dpk-summary') as HTMLElement | null;
        const forbidden: string[] = [];
        for (const element of summary?.querySelectorAll('*') ?? []) {
          if (!allowedTags.has(element.tagName.toUpperCase()))
            forbidden.push(`<${element.tagName.toLowerCase()}>`);
          const isMathml = element.namespaceURI === 'http://www.w3.org/1998/Math/MathML';
          for (const attribute of element.attributes) {
            if (isMathml && mathml.has(element.localName) && mathLayout.has(attribute.name)) continue;
            forbidden.push(`${element.tagName}[${attribute.name}]`);
          }
        }
        return {
          paperId: (host as HTMLElement).dataset.paperId ?? '',
          text: summary?.textContent ?? '',
          visible: summary?.checkVisibility({ opacityProperty: true, visibilityProperty: true }) ?? false,
          forbidden,
          links: [...(root?.querySelectorAll('a') ?? [])].map((a) => a.getAttribute('href') ?? ''),
        };
      });
    },
    { allowed: [...ALLOWED_TAGS], mathTags: [...MATHML_TAGS], mathAttributes: [...MATHML_ATTRIBUTES] },
  );
}

/** Proves the trap is live: a handler planted in one of our shadow roots is caught. */
async function expectTrapCatches(page: Page, trap: Trap): Promise<void> {
  await page.evaluate(() => {
    const img = document.createElement('img');
    img.setAttribute('src', 'https://huggingface.co/never-served.png');
    img.setAttribute('onerror', "alert('control')");
    document.querySelector('daily-papers-ko')?.shadowRoot?.append(img);
  });
  await expect.poll(() => trap.hits()).toContain('alert(control)');
}

/** Runs "summarise the whole page", then checks every paper was asked for and nothing ran. */
async function summarizeWholePage(page: Page, openai: MockOpenAI, trap: Trap, papers: number): Promise<void> {
  const toolbar = page.getByRole('region', { name: 'Daily Papers KO 페이지 도구' });
  await toolbar.getByRole('button', { name: '이 페이지 모두 요약' }).click();
  await expect(toolbar).toContainText(ALL_DONE, { timeout: 60_000 });
  expect(openai.chatRequests()).toHaveLength(papers);
  expect(await trap.hits()).toEqual([]);
  expect(trap.evilRequests).toEqual([]);
}

function paperInRequest(request: RecordedRequest): { title: string; abstract: string } {
  const body = request.body as { messages: { role: string; content: string }[] };
  const user = body.messages.find((m) => m.role === 'user')?.content ?? '';
  return JSON.parse(/<paper>\n([\s\S]*)\n<\/paper>/.exec(user)?.[1] ?? '{}');
}

const collapse = (text: string) => text.replace(/\s+/g, ' ').trim();

/** Payloads with no Markdown or TeX syntax in them must show character for character. */
const showsLiterally = ({ payload }: XssPayload) =>
  !/[*_`[\]!\\&{}$]/.test(payload) && !payload.includes('\u0000') && !payload.includes('\u202e');

test(`${MODEL_PAYLOADS.length} hostile model answers: none runs, nothing is fetched, each panel shows the text`, async ({
  context,
  openPapers,
  configure,
  openai,
}) => {
  test.setTimeout(90_000);
  expect(MODEL_PAYLOADS.length).toBeGreaterThanOrEqual(50);
  let page: Page | undefined;
  const trap = await installTrap(context, () => page);
  await configure({ concurrency: 10 });
  const week = bigWeekPage(MODEL_PAYLOADS.length);
  const payloadOf = new Map(week.papers.map((p, i) => [collapse(p.title), MODEL_PAYLOADS[i] as XssPayload]));
  openai.reply((request) => {
    const hostile = payloadOf.get(collapse(paperInRequest(request).title));
    if (!hostile) throw new Error('a request for a paper the test does not know');
    return { kind: 'stream', text: hostileSummary(hostile), chunkDelayMs: 1 };
  });
  page = await openPapers(week.html, week.url);
  // The page's own layout (its stylesheet makes <body> a flex column), to compare after the payloads.
  const bodyDisplay = await page.evaluate(() => getComputedStyle(document.body).display);
  await summarizeWholePage(page, openai, trap, MODEL_PAYLOADS.length);

  const panels = await readPanels(page);
  expect(panels).toHaveLength(MODEL_PAYLOADS.length);
  for (const [i, panel] of panels.entries()) {
    const hostile = MODEL_PAYLOADS[i] as XssPayload;
    const where = `payload ${hostile.n}: ${hostile.payload}`;
    expect(panel.text, where).toContain(startMarker(hostile.n));
    expect(panel.text, where).toContain(endMarker(hostile.n));
    expect(panel.visible, where).toBe(true);
    expect(panel.forbidden, where).toEqual([]);
    if (showsLiterally(hostile)) expect(collapse(panel.text), where).toContain(collapse(hostile.payload));
    for (const href of panel.links) expect(href, where).toMatch(/^https:\/\//);
  }
  // Hugging Face's page is untouched by the CSS payloads.
  await expect(page.locator('article').first()).toBeVisible();
  expect(await page.evaluate(() => getComputedStyle(document.body).display)).toBe(bodyDisplay);
  await expectTrapCatches(page, trap);
});

test('math and tables from the model survive the sanitiser as MathML and table rows', async ({
  openPapers,
  configure,
  openai,
}) => {
  await configure({});
  const fixture = fixturePages.day2026;
  const paperId = fixture.expectedPaperIds[0] ?? '';
  openai.replyOnce({
    kind: 'stream',
    text: [
      '**수식과 표가 있는 한국어 요약입니다**',
      '',
      '- 최적 정책 $\\pi^*$ 와 손실 $\\mathcal{L}_{\\text{KL}}$ 을 함께 줄이는 방법을 제안합니다.',
      '- 가격은 $5 and $10 정도이며, 이것은 수식이 아니라 글자 그대로 보여야 합니다.',
      '',
      '$$\\max_\\theta \\mathbb{E}\\left[\\frac{r}{\\sqrt{d}}\\right]$$',
      '',
      '| 모델 | 정확도 |',
      '|---|---:|',
      '| 기준선 | 71.2 |',
      '| 제안 | 78.9 |',
    ].join('\n'),
  });
  const page = await openPapers(fixture.html, fixture.url, { api: fixture.api });
  const host = summaryHost(page, paperId);
  await host.getByRole('button', { name: '한국어 요약' }).click();
  const summary = host.locator('.dpk-summary');
  await expect(summary).toContainText('가격은 $5 and $10 정도');
  await expect(summary.locator('math')).toHaveCount(3);
  await expect(summary.locator('math[display="block"] mfrac')).toHaveCount(1);
  await expect(summary.locator('thead th')).toHaveText(['모델', '정확도']);
  await expect(summary.locator('tbody tr')).toHaveCount(2);
  const [panel] = (await readPanels(page)).filter((p) => p.paperId === paperId);
  expect(panel?.forbidden).toEqual([]);
  // Rendered, not dropped: Chromium lays the formula out as MathML with a real size.
  const box = await summary.locator('math[display="block"]').boundingBox();
  expect(box?.height ?? 0).toBeGreaterThan(10);
});

test(`${XSS_PAYLOADS.length} papers with hostile titles, abstracts and authors: found, summarised, and inert`, async ({
  context,
  openPapers,
  configure,
  openai,
}) => {
  test.setTimeout(90_000);
  let page: Page | undefined;
  const trap = await installTrap(context, () => page);
  await configure({ concurrency: 10 });
  const hostile = hostilePage();
  // The model echoes the page's data back, so it comes home through the renderer too.
  openai.reply((request) => {
    const { title, abstract } = paperInRequest(request);
    const text = [
      `**${title}**`,
      '',
      `- 초록의 마지막 부분을 그대로 옮깁니다: ${abstract.slice(-160)}`,
      '- 이 요약은 페이지 데이터가 안전하게 다뤄지는지 확인하기 위한 시험용 한국어 문장입니다.',
      '- 모델은 제목과 초록에 들어 있던 내용을 그대로 되돌려 보내며, 확장 프로그램은 그것을 글자로만 보여 줘야 합니다.',
      '- 한국어 비율 검사를 통과하도록 충분히 긴 한국어 문장을 덧붙여 둡니다. 실제 요약과 비슷한 길이입니다.',
    ].join('\n');
    return { kind: 'stream', text, chunkDelayMs: 1 };
  });
  page = await openPapers(hostile.html, hostile.url);
  // Every paper is found, despite its markup-laden data; the page's own rendering ran no payload.
  await expect(page.locator('daily-papers-ko')).toHaveCount(hostile.papers.length);
  expect(await trap.hits()).toEqual([]);

  await summarizeWholePage(page, openai, trap, hostile.papers.length);

  for (const request of openai.chatRequests()) {
    const { title } = paperInRequest(request);
    const paper = hostile.papers.find((p) => collapse(p.title) === collapse(title));
    expect(paper, `sent a title the page does not have: ${title}`).toBeDefined();
  }
  const panels = await readPanels(page);
  for (const panel of panels) {
    const payload = hostile.payloadOf.get(panel.paperId) as XssPayload;
    const where = `payload ${payload.n}: ${payload.payload}`;
    expect(panel.text, where).toContain(startMarker(payload.n));
    expect(panel.visible, where).toBe(true);
    expect(panel.forbidden, where).toEqual([]);
    for (const href of panel.links) expect(href, where).toMatch(/^https:\/\//);
  }
  // The panel's accessible name carries the title as plain text.
  const first = hostile.papers[0];
  await expect(
    page
      .locator(paperUi(first?.id ?? ''))
      .getByRole('region', { name: `${collapse(first?.title ?? '')} 한국어 요약` }),
  ).toBeVisible();
  await expectTrapCatches(page, trap);
});

test('the API key never reaches the page, the console, other storage, or any other origin', async ({
  context,
  extensionId,
  openPapers,
  configure,
  openai,
}) => {
  const key = `sk-canary-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;
  // Anything the page world could see posted to it.
  await context.addInitScript(() => {
    const seen: string[] = [];
    Object.defineProperty(window, '__seenMessages', { value: seen });
    window.addEventListener('message', (event) => seen.push(JSON.stringify(event.data) ?? ''), true);
  });
  const consoleLines: string[] = [];
  context.on('console', (message) => consoleLines.push(message.text()));
  for (const worker of context.serviceWorkers()) worker.on('console', (m) => consoleLines.push(m.text()));
  const sent: { url: string; carriesKey: boolean }[] = [];
  await context.route('**/*', async (route) => {
    const request = route.request();
    const everything = `${request.url()}\n${JSON.stringify(await request.allHeaders())}\n${request.postData() ?? ''}`;
    sent.push({ url: request.url(), carriesKey: everything.includes(key) });
    await route.fallback();
  });

  await configure({ apiKey: key });
  const fixture = fixturePages.day2026;
  // One summary streams, one fails with an endpoint that echoes the key back in its error.
  openai.replyOnce(
    { kind: 'stream', text: DEFAULT_KOREAN_SUMMARY },
    {
      kind: 'error',
      status: 401,
      type: 'invalid_request_error',
      code: 'invalid_api_key',
      message: `Incorrect API key provided: ${key}. You can find your API key at https://platform.openai.com.`,
    },
  );
  const page = await openPapers(fixture.html, fixture.url);
  const [firstId, secondId] = fixture.expectedPaperIds;
  await summaryHost(page, firstId ?? '')
    .getByRole('button', { name: '한국어 요약' })
    .click();
  await expect(summaryHost(page, firstId ?? '').getByRole('region')).toContainText('모델:');
  await summaryHost(page, secondId ?? '')
    .getByRole('button', { name: '한국어 요약' })
    .click();
  const alert = summaryHost(page, secondId ?? '').getByRole('alert');
  await expect(alert).toContainText('API 키가 올바르지 않습니다(401)');
  await expect(alert).toContainText('Incorrect API key provided: ***.');

  // The endpoint did get the key: the checks below could have found it.
  expect(openai.chatRequests().map((r) => r.headers.authorization)).toEqual([
    `Bearer ${key}`,
    `Bearer ${key}`,
  ]);
  expect(sent.filter((r) => r.carriesKey).length).toBeGreaterThanOrEqual(2);

  const pageWorld = await page.evaluate(() => {
    const shadows = [
      ...document.querySelectorAll('daily-papers-ko, daily-papers-ko-toolbar, daily-papers-ko-panel'),
    ].map((host) => host.shadowRoot?.innerHTML ?? '');
    const storage = (s: Storage) => Object.keys(s).map((k) => `${k}=${s.getItem(k)}`);
    return [
      document.documentElement.outerHTML,
      ...shadows,
      ...storage(localStorage),
      ...storage(sessionStorage),
      document.cookie,
      window.name,
      ...(window as unknown as { __seenMessages: string[] }).__seenMessages,
      ...performance.getEntries().map((e) => e.name),
    ].join('\n');
  });
  expect(pageWorld).toContain('Incorrect API key provided');
  expect(pageWorld).not.toContain(key);
  expect(consoleLines.join('\n')).not.toContain(key);
  expect(sent.filter((r) => r.carriesKey && !r.url.startsWith(`${openai.baseURL}/`))).toEqual([]);

  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  const stored = await options.evaluate(async () => {
    const { chrome } = globalThis as unknown as { chrome: WxtBrowser };
    return {
      local: JSON.stringify(await chrome.storage.local.get(null)),
      sync: JSON.stringify(await chrome.storage.sync.get(null)),
      session: JSON.stringify(await chrome.storage.session.get(null)),
    };
  });
  expect(stored.local).not.toContain(key);
  expect(stored.sync).not.toContain(key);
  expect(stored.session).not.toContain(key);
});

for (const pageName of ['options.html', 'popup.html']) {
  // (eval cannot be tried here: code Playwright evaluates runs through DevTools, outside the CSP.)
  test(`${pageName} runs only its own bundled code: no inline script, no inline handler`, async ({
    context,
    extensionId,
  }) => {
    const page = await context.newPage();
    const violations: string[] = [];
    page.on('console', (message) => {
      if (message.text().includes('Content Security Policy')) violations.push(message.text());
    });
    await page.goto(`chrome-extension://${extensionId}/${pageName}`);
    // The page's own code lives within the policy.
    await expect(page.locator('main, body > *').first()).toBeVisible();
    expect(violations).toEqual([]);
    await page.evaluate(() => {
      Object.defineProperty(window, '__ran', { value: [] });
      const script = document.createElement('script');
      script.textContent = "window.__ran.push('inline')";
      document.head.append(script);
      const img = document.createElement('img');
      img.setAttribute('src', 'data:,');
      img.setAttribute('onerror', "window.__ran.push('handler')");
      document.body.append(img);
    });
    await expect.poll(() => violations.some((v) => v.includes('inline event handler'))).toBe(true);
    expect(violations.some((v) => v.includes('inline script'))).toBe(true);
    expect(await page.evaluate(() => [...(window as unknown as { __ran: string[] }).__ran])).toEqual([]);
  });
}
