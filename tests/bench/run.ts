// `npm run bench`: the built extension in real Chromium against the mock OpenAI server. Prints a
// table, writes bench-results/latest.json, and checks tests/bench/budgets.json. Each timing is the
// median of several runs (--runs N, default 5). Only size budgets fail the run, unless --strict.
// `--sizes-only` skips the browser (that is `npm run bench:size`, which CI runs); `--only text` runs
// only the timing rows whose key contains that text, and writes bench-results/partial.json; `--out
// name` writes bench-results/name.json instead (e.g. `--out before` on the previous commit), and
// `--before file` shows that earlier run's medians beside these (and keeps them in the JSON).
//
// How each row is measured:
// - Content script cost: CDP Performance.getMetrics ScriptDuration of the page's renderer, read
//   once every card has its button (checked after the page has settled), minus the same page served
//   at an address the content script does not match: what is left is the extension's scripting.
// - First token overhead: in the page, the time from the click to the first frame after the first
//   text reached the panel (a MutationObserver in our open shadow root, then requestAnimationFrame
//   and a task), minus the mock's own time from receiving the request to writing the first text.
// - Cached panels: a 50-card page whose summaries are all cached; from DOMContentLoaded to the frame
//   in which all 50 panels show their summary (polled every animation frame in the page).
// - Longest task, 500 cached cards: a 500-card page whose summaries are all in the cache (imported
//   through the options page's import, as a user would), traced with CDP from navigation until every
//   panel shows its summary. The row is the most script one main-thread task ran (the fixture pages
//   run none of their own, so that is the extension), layout it forced included. The browser's own
//   style, layout and paint in its frames are not counted: on this loaded 2-core machine a bare
//   500-card page's frames alone take ~70-140 ms, with no extension at all.
// - Whole-page run: 60 papers, concurrency 3, every answer taking the same time at the mock. The
//   theoretical minimum is ceil(60 / 3) × the mock's mean time per request; the ratio is the run's
//   wall time (click to "all done" in the page) over that minimum.
// - One-liners vs full summaries: a 30-paper day (the fixtures' papers, each with an ai_summary, their
//   abstracts repeated to 1,300 characters, about arXiv's usual 200 words; the fixtures' own are 350)
//   asked for as one-liners, then as 30 full summaries, from the options page through the worker's
//   own ports; the tokens are the mock's usage as the extension's ledger counted them.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { PROMPT_VERSION } from '../../lib/worker/summary/prompt.ts';
import { EXTENSION_PATH, launchWithExtension } from '../e2e/browser.ts';
import { askFromPage, oneLinersFromPage, summariesFromPage } from '../e2e/extension-page.ts';
import { DEFAULT_KOREAN_SUMMARY, type MockOpenAI, startMockOpenAI } from '../e2e/mock-openai.ts';
import { makePapers } from '../fixtures/hf-pages.ts';
import { bigWeekPage, type FixturePage, fixturePages } from '../fixtures/pages.ts';
import { measureSizes } from './sizes.ts';

interface Budgets {
  sizes: Record<string, number>;
  timings: Record<string, number>;
  ratios: Record<string, number>;
}
interface Row {
  key: string;
  label: string;
  unit: string;
  median: number;
  /** The same row's median in the run given with --before. */
  before: number | null;
  runs: number[];
  budget: number | null;
  enforced: boolean;
  pass: boolean | null;
}

const ROOT = path.resolve(import.meta.dirname, '../..');
const budgets = JSON.parse(readFileSync(path.join(import.meta.dirname, 'budgets.json'), 'utf8')) as Budgets;
const args = process.argv.slice(2);
const runsArg = args.indexOf('--runs');
const RUNS = runsArg === -1 ? 5 : Math.max(1, Number(args[runsArg + 1]) || 5);
const STRICT = args.includes('--strict');
const SIZES_ONLY = args.includes('--sizes-only');
const onlyArg = args.indexOf('--only');
/** `--only firstToken` runs just the timing rows whose key contains that text. */
const ONLY = onlyArg === -1 ? '' : (args[onlyArg + 1] ?? '');
const wanted = (key: string) => key.includes(ONLY);
const outArg = args.indexOf('--out');
const OUT_NAME = outArg === -1 ? null : (args[outArg + 1] ?? null);
const BENCH_MODEL = 'gpt-4o-mini';
const beforeArg = args.indexOf('--before');
/** Medians of an earlier run, by row, to show beside this one. */
const BEFORE: Record<string, { median: number }> | null =
  beforeArg === -1
    ? null
    : (
        JSON.parse(readFileSync(args[beforeArg + 1] ?? '', 'utf8')) as {
          rows: Record<string, { median: number }>;
        }
      ).rows;
const ALL_DONE = '이 페이지의 논문을 모두 요약했습니다.';

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};
const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function row(
  key: string,
  label: string,
  unit: string,
  runs: number[],
  budget: number | undefined,
  enforced: boolean,
): Row {
  const value = round(median(runs));
  return {
    key,
    label,
    unit,
    median: value,
    before: BEFORE?.[key]?.median ?? null,
    runs: runs.map((r) => round(r)),
    budget: budget ?? null,
    enforced,
    pass: budget === undefined ? null : value <= budget,
  };
}

// ---- browser plumbing --------------------------------------------------------------------------

interface Bench {
  context: BrowserContext;
  extensionId: string;
  openai: MockOpenAI;
  serve(url: string, html: string): void;
  close(): Promise<void>;
}

async function startBench(): Promise<Bench> {
  const openai = await startMockOpenAI();
  const { context, profileDir } = await launchWithExtension();
  const pages = new Map<string, string>();
  await context.route('https://huggingface.co/**', (route) => {
    const html = pages.get(route.request().url());
    if (html !== undefined && route.request().resourceType() === 'document') {
      return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
    }
    return route.abort('internetdisconnected');
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  return {
    context,
    extensionId: new URL(worker.url()).host,
    openai,
    serve: (url, html) => pages.set(url, html),
    close: async () => {
      await context.close();
      await openai.close();
      await rm(profileDir, { recursive: true, force: true });
    },
  };
}

/** Settings through the real options page, as a user would. */
async function configure(bench: Bench, concurrency = 3): Promise<void> {
  const page = await bench.context.newPage();
  await page.goto(`chrome-extension://${bench.extensionId}/options.html`);
  await page.getByLabel('API 키').fill('sk-bench');
  await page.getByLabel('엔드포인트 URL').fill(bench.openai.baseURL);
  await page.getByLabel('모델', { exact: true }).fill(BENCH_MODEL);
  // The run settings are in the folded advanced part.
  await page.getByText('고급 설정').click();
  await page.getByLabel('동시 요청 수').fill(String(concurrency));
  await page.getByRole('button', { name: '저장' }).click();
  await page.getByRole('status').filter({ hasText: '저장했습니다' }).waitFor();
  await page.close();
}

/** One request from the options page, as the options page itself sends it. */
async function askFromOptions(bench: Bench, message: unknown): Promise<unknown> {
  const page = await bench.context.newPage();
  await page.goto(`chrome-extension://${bench.extensionId}/options.html`);
  const answer = await page.evaluate(
    (m) =>
      (
        globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }
      ).chrome.runtime.sendMessage(m),
    message,
  );
  await page.close();
  return answer;
}

const clearCache = (bench: Bench) => askFromOptions(bench, { type: 'clearCache' });

/** Puts a finished summary for every paper in the cache, through the options page's import. */
async function fillCache(bench: Bench, paperIds: string[]): Promise<void> {
  const createdAt = Date.now();
  const entries = paperIds.map((paperId) => ({
    // lib/worker/cache.ts's cacheKey (that module cannot load in plain Node: it uses parameter properties).
    key: [paperId, BENCH_MODEL, 'bullets', PROMPT_VERSION, 'ko'].join('|'),
    paperId,
    text: DEFAULT_KOREAN_SUMMARY,
    model: BENCH_MODEL,
    style: 'bullets',
    promptVersion: PROMPT_VERSION,
    usage: { promptTokens: 900, completionTokens: 300 },
    createdAt,
  }));
  const json = JSON.stringify({
    format: 'daily-papers-ko-cache',
    version: 1,
    exportedAt: createdAt,
    entries,
  });
  const result = (await askFromOptions(bench, { type: 'importCache', json })) as { imported: number };
  if (result.imported !== paperIds.length) {
    throw new Error(`imported ${result.imported} of ${paperIds.length} cached summaries`);
  }
}

const hostCount = (page: Page) => page.evaluate(() => document.querySelectorAll('daily-papers-ko').length);

// ---- measurements --------------------------------------------------------------------------------

/** ScriptDuration (ms) of one fresh page load, read once it has settled with `hosts` cards marked. */
async function scriptingOfLoad(bench: Bench, url: string, hosts: number): Promise<number> {
  const page = await bench.context.newPage();
  const cdp = await bench.context.newCDPSession(page);
  await cdp.send('Performance.enable');
  await page.goto(url, { waitUntil: 'load' });
  for (let tries = 0; ; tries++) {
    await sleep(tries === 0 ? 800 : 200);
    const count = await hostCount(page);
    if (count === hosts) break;
    if (tries > 25) throw new Error(`expected ${hosts} cards marked on ${url}, found ${count}`);
  }
  const { metrics } = await cdp.send('Performance.getMetrics');
  await page.close();
  return (metrics.find((m) => m.name === 'ScriptDuration')?.value ?? Number.NaN) * 1000;
}

async function contentScriptCost(bench: Bench, fixture: FixturePage): Promise<number[]> {
  const url = fixture.url;
  // Same markup where the content script does not run (its match is huggingface.co/papers*).
  const baselineUrl = url.replace('https://huggingface.co/papers', 'https://huggingface.co/bench-baseline');
  bench.serve(url, fixture.html);
  bench.serve(baselineUrl, fixture.html);
  await scriptingOfLoad(bench, url, fixture.expectedPaperIds.length); // warm-up
  const results: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const withExtension = await scriptingOfLoad(bench, url, fixture.expectedPaperIds.length);
    const without = await scriptingOfLoad(bench, baselineUrl, 0);
    results.push(Math.max(0, withExtension - without));
  }
  return results;
}

/** Click to first painted text, in the page's clock. */
function clickToFirstText(page: Page, paperId: string): Promise<number> {
  return page.evaluate(
    (id) =>
      new Promise<number>((resolve, reject) => {
        const root = document.querySelector(`daily-papers-ko[data-paper-id="${id}"]`)?.shadowRoot;
        const button = [...(root?.querySelectorAll('button') ?? [])].find((b) =>
          b.textContent?.trim().endsWith('한국어 요약'),
        );
        if (!root || !button) return reject(new Error(`no button for ${id}`));
        let clickedAt = 0;
        // The panel may be drawn in the card's host or in a host of its own below the card's row.
        const painted = () =>
          [...document.querySelectorAll(`[data-paper-id="${id}"]`)].some((host) =>
            host.shadowRoot?.querySelector('.dpk-summary')?.textContent?.trim(),
          );
        const check = () => {
          if (!painted()) return requestAnimationFrame(check);
          requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - clickedAt), 0));
        };
        clickedAt = performance.now();
        button.click();
        requestAnimationFrame(check);
      }),
    paperId,
  );
}

async function firstTokenOverhead(bench: Bench): Promise<number[]> {
  const fixture = fixturePages.week2026;
  bench.serve(fixture.url, fixture.html);
  bench.openai.reply({
    kind: 'stream',
    text: DEFAULT_KOREAN_SUMMARY,
    firstChunkDelayMs: 100,
    chunkDelayMs: 5,
  });
  const page = await bench.context.newPage();
  await page.goto(fixture.url);
  while ((await hostCount(page)) < fixture.expectedPaperIds.length) await sleep(50);
  const results: number[] = [];
  for (let i = 0; i <= RUNS; i++) {
    const paperId = fixture.expectedPaperIds[i] as string;
    const before = bench.openai.chatRequests().length;
    const total = await clickToFirstText(page, paperId);
    const request = bench.openai.chatRequests()[before];
    if (!request?.firstContentAt) throw new Error('the mock saw no streamed text');
    // The first click also wakes the SDK client: a warm-up, not counted.
    if (i > 0) results.push(total - (request.firstContentAt - request.receivedAt));
    await sleep(300);
  }
  await page.close();
  return results;
}

async function cachedPanels(bench: Bench): Promise<number[]> {
  const week = bigWeekPage(50);
  bench.serve(week.url, week.html);
  bench.openai.reply({ kind: 'stream', text: DEFAULT_KOREAN_SUMMARY, chunkDelayMs: 0 });
  const page = await bench.context.newPage();
  await page.goto(week.url);
  const toolbar = page.getByRole('region', { name: 'Daily Papers KO 페이지 도구' });
  await toolbar.getByRole('button', { name: '이 페이지 모두 요약' }).click();
  await toolbar.getByText(ALL_DONE).waitFor({ timeout: 60_000 });
  await page.close();

  const results: number[] = [];
  for (let i = 0; i <= RUNS; i++) {
    const measured = await bench.context.newPage();
    await measured.addInitScript((count) => {
      const poll = () => {
        const filled = [...document.querySelectorAll('daily-papers-ko, daily-papers-ko-panel')].filter(
          (host) => host.shadowRoot?.querySelector('.dpk-summary')?.textContent?.trim(),
        ).length;
        if (filled === count) {
          (window as unknown as { __filledAt: number }).__filledAt = performance.now();
        } else requestAnimationFrame(poll);
      };
      requestAnimationFrame(poll);
    }, week.expectedPaperIds.length);
    const requestsBefore = bench.openai.chatRequests().length;
    await measured.goto(week.url);
    await measured.waitForFunction(() => '__filledAt' in window, undefined, { timeout: 10_000 });
    const ms = await measured.evaluate(() => {
      const [navigation] = performance.getEntriesByType('navigation') as PerformanceNavigationTiming[];
      return (
        (window as unknown as { __filledAt: number }).__filledAt - (navigation?.domContentLoadedEventEnd ?? 0)
      );
    });
    if (bench.openai.chatRequests().length !== requestsBefore) throw new Error('a cached page sent requests');
    if (i > 0) results.push(ms);
    await measured.close();
  }
  return results;
}

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { beginData?: { url?: string } };
}

/** Sets `__filledAt` in the page once its `count` cached panels show their summaries. */
async function watchPanelsFill(page: Page, count: number): Promise<void> {
  await page.addInitScript((expected) => {
    // Cheap on purpose (every 50 ms, not every frame): the poll runs on the thread being measured.
    const poll = () => {
      let filled = 0;
      for (const host of document.querySelectorAll('daily-papers-ko, daily-papers-ko-panel')) {
        if (host.shadowRoot?.querySelector('.dpk-summary')?.textContent) filled++;
      }
      if (filled === expected) (window as unknown as { __filledAt: number }).__filledAt = performance.now();
      else setTimeout(poll, 50);
    };
    setTimeout(poll, 50);
  }, count);
}

/** The longest main-thread task of one load of a page with `count` cached cards, from a CDP trace. */
async function longestTaskOfLoad(bench: Bench, url: string, count: number): Promise<number> {
  const page = await bench.context.newPage();
  const cdp = await bench.context.newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', ({ value }) => events.push(...(value as unknown as TraceEvent[])));
  await watchPanelsFill(page, count);
  await cdp.send('Tracing.start', {
    traceConfig: {
      includedCategories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'toplevel'],
    },
    transferMode: 'ReportEvents',
  });
  await page.goto(url);
  await page.waitForFunction(() => '__filledAt' in window, undefined, { timeout: 60_000, polling: 200 });
  await sleep(300);
  const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.end');
  await complete;
  await page.close();

  // The page's main thread: where its HTML was parsed.
  const parse = events.find((e) => e.name === 'ParseHTML' && e.args?.beginData?.url === url);
  if (!parse) throw new Error('no ParseHTML event for the page in the trace');
  const onMain = events.filter((e) => e.pid === parse.pid && e.tid === parse.tid && e.ph === 'X');
  const end = (e: TraceEvent) => e.ts + (e.dur ?? 0);
  const within = (inner: TraceEvent, outer: TraceEvent) =>
    inner !== outer && inner.ts >= outer.ts && end(inner) <= end(outer);
  // Each run of script once (not again for the calls nested in it), layout it forced included.
  const outermost: TraceEvent[] = [];
  for (const script of onMain.filter((e) => SCRIPT_EVENTS.has(e.name)).sort((a, b) => a.ts - b.ts)) {
    const last = outermost.at(-1);
    if (!last || script.ts >= end(last)) outermost.push(script);
  }
  let longest = 0;
  for (const task of onMain.filter((e) => e.name === 'RunTask')) {
    const ms = outermost.filter((script) => within(script, task)).reduce((sum, s) => sum + (s.dur ?? 0), 0);
    longest = Math.max(longest, ms / 1000);
  }
  return longest;
}

/** Trace events for JavaScript running (the fixture pages run none of their own: this is the extension). */
const SCRIPT_EVENTS = new Set([
  'EvaluateScript',
  'FunctionCall',
  'v8.callFunction',
  'v8.evaluateModule',
  'TimerFire',
  'FireIdleCallback',
  'FireAnimationFrame',
  'RunMicrotasks',
]);

async function longestTaskWithCachedCards(bench: Bench, count: number): Promise<number[]> {
  const week = bigWeekPage(count);
  bench.serve(week.url, week.html);
  await clearCache(bench);
  await fillCache(bench, week.expectedPaperIds);
  const requestsBefore = bench.openai.chatRequests().length;
  const results: number[] = [];
  for (let i = 0; i <= RUNS; i++) {
    const ms = await longestTaskOfLoad(bench, week.url, count);
    if (i > 0) results.push(ms);
  }
  if (bench.openai.chatRequests().length !== requestsBefore) throw new Error('a cached page sent requests');
  return results;
}

async function wholePageRun(
  bench: Bench,
): Promise<{ ratio: number[]; wallMs: number[]; minimumMs: number[]; requests: number[] }> {
  const week = bigWeekPage(60);
  bench.serve(week.url, week.html);
  const concurrency = 3;
  bench.openai.reply({
    kind: 'stream',
    text: DEFAULT_KOREAN_SUMMARY,
    firstChunkDelayMs: 150,
    chunkDelayMs: 3,
  });
  const out = {
    ratio: [] as number[],
    wallMs: [] as number[],
    minimumMs: [] as number[],
    requests: [] as number[],
  };
  for (let i = 0; i < Math.min(RUNS, 3); i++) {
    await clearCache(bench);
    bench.openai.reset();
    const page = await bench.context.newPage();
    await page.goto(week.url);
    while ((await hostCount(page)) < 60) await sleep(50);
    const wall = await page.evaluate(
      (done) =>
        new Promise<number>((resolve, reject) => {
          const toolbar = document.querySelector('daily-papers-ko-toolbar')?.shadowRoot;
          const start = [...(toolbar?.querySelectorAll('button') ?? [])].find(
            (b) => b.textContent?.trim() === '이 페이지 모두 요약',
          );
          if (!toolbar || !start) return reject(new Error('no toolbar'));
          const clickedAt = performance.now();
          const observer = new MutationObserver(() => {
            if (!toolbar.textContent?.includes(done)) return;
            observer.disconnect();
            resolve(performance.now() - clickedAt);
          });
          observer.observe(toolbar, { subtree: true, childList: true, characterData: true });
          start.click();
        }),
      ALL_DONE,
    );
    const requests = bench.openai.chatRequests();
    const durations = requests.map((r) => (r.finishedAt ?? r.receivedAt) - r.receivedAt);
    const mean = durations.reduce((a, b) => a + b, 0) / durations.length;
    const minimum = Math.ceil(60 / concurrency) * mean;
    out.ratio.push(wall / minimum);
    out.wallMs.push(wall);
    out.minimumMs.push(minimum);
    out.requests.push(requests.length);
    await page.close();
  }
  return out;
}

const TYPICAL_ABSTRACT_CHARS = 1_300;

/** Tokens (the mock's usage, as the ledger counted it) of one-liners for a day against its full summaries. */
async function oneLinersVsSummaries(
  bench: Bench,
): Promise<{ oneLinerTokens: number; summaryTokens: number; oneLinerRequests: number }> {
  const papers = makePapers(30, { startIndex: 700 }).map((paper) => ({
    ...paper,
    abstract: paper.abstract.replace(/\s+/g, ' ').repeat(4).slice(0, TYPICAL_ABSTRACT_CHARS),
  }));
  await clearCache(bench);
  bench.openai.reset();
  bench.openai.behave({ kind: 'structuredOneLiners' });
  const page = await bench.context.newPage();
  await page.goto(`chrome-extension://${bench.extensionId}/options.html`);
  const spent = async () => (await askFromPage(page, { type: 'getSpending' })).today.tokens;
  const start = await spent();
  const events = await oneLinersFromPage(
    page,
    papers.map((p) => ({
      id: p.id,
      title: p.title,
      aiSummary: p.aiSummary ?? null,
      abstract: p.abstract,
      keywords: p.aiKeywords ?? [],
    })),
  );
  const done = events.find((event) => event.type === 'done');
  if (done?.type !== 'done' || done.failedIds.length > 0) throw new Error('one-liners did not finish');
  // The ledger is written a moment after the answer: wait for it to settle.
  let afterOneLiners = await spent();
  for (let tries = 0; afterOneLiners === start && tries < 50; tries++) {
    await sleep(100);
    afterOneLiners = await spent();
  }
  const summaries = await summariesFromPage(
    page,
    papers.map((p) => ({ id: p.id, title: p.title, abstract: p.abstract, keywords: p.aiKeywords ?? [] })),
  );
  if (summaries.some((event) => event.type !== 'done')) throw new Error('a summary failed');
  await sleep(500);
  const end = await spent();
  await page.close();
  return {
    oneLinerTokens: afterOneLiners - start,
    summaryTokens: end - afterOneLiners,
    oneLinerRequests: done.requests,
  };
}

// ---- main -------------------------------------------------------------------------------------------

function printTable(rows: Row[]): void {
  const header = ['measure', ...(BEFORE ? ['before'] : []), 'median', 'budget', 'result', 'runs'];
  const lines = rows.map((r) => [
    r.label,
    ...(BEFORE ? [r.before === null ? '—' : `${r.before} ${r.unit}`] : []),
    `${r.median} ${r.unit}`,
    r.budget === null ? '—' : `≤ ${r.budget} ${r.unit}${r.enforced ? ' (CI)' : ''}`,
    r.pass === null ? '—' : r.pass ? 'pass' : 'FAIL',
    r.runs.length > 1 ? r.runs.join(', ') : '',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] as string).length)));
  const format = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] as number)).join(' | ')} |`;
  console.log(format(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const line of lines) console.log(format(line));
}

async function main(): Promise<void> {
  const rows: Row[] = [];
  const sizeLabels: Record<string, string> = {
    contentBoot: 'content script at page load (gzip)',
    contentAll: 'all content code, boot + lazy chunks (gzip)',
    background: 'background worker (gzip)',
    optionsPage: 'options page, all files (gzip)',
    popupPage: 'popup, all files (gzip)',
    readerPage: 'reader page, all files (gzip)',
    pdfReader: 'PDF reader with pdf.js (gzip)',
  };
  for (const size of measureSizes(EXTENSION_PATH)) {
    rows.push(
      row(
        `${size.part}GzipKB`,
        sizeLabels[size.part] ?? size.part,
        'KB',
        [size.gzipKB],
        budgets.sizes[`${size.part}GzipKB`],
        true,
      ),
    );
  }

  if (!SIZES_ONLY) {
    const bench = await startBench();
    try {
      await configure(bench);
      const t = budgets.timings;
      const timing = async (key: string, label: string, measure: () => Promise<number[]>) => {
        if (wanted(key)) rows.push(row(key, label, 'ms', await measure(), t[key], false));
      };
      await timing('contentScript50CardsScriptingMs', 'content script scripting, 50 cards', () =>
        contentScriptCost(bench, bigWeekPage(50)),
      );
      await timing('contentScript200CardsScriptingMs', 'content script scripting, 200 cards', () =>
        contentScriptCost(bench, bigWeekPage(200)),
      );
      await timing('firstTokenOverheadMs', 'click → first text painted, minus mock TTFB', () =>
        firstTokenOverhead(bench),
      );
      await timing('cachedPanels50FilledMs', 'DOMContentLoaded → 50 cached panels filled', () =>
        cachedPanels(bench),
      );
      await timing('longestTask500CachedMs', 'longest script in one task, 500 cached cards', () =>
        longestTaskWithCachedCards(bench, 500),
      );
      if (wanted('wholePage60')) {
        const whole = await wholePageRun(bench);
        rows.push(
          row(
            'wholePage60OverMinimumRatio',
            '60-paper run: wall / minimum (conc. 3)',
            '×',
            whole.ratio,
            t.wholePage60OverMinimumRatio,
            false,
          ),
          row('wholePage60WallMs', '60-paper run: wall time', 'ms', whole.wallMs, undefined, false),
          row(
            'wholePage60MinimumMs',
            '60-paper run: theoretical minimum',
            'ms',
            whole.minimumMs,
            undefined,
            false,
          ),
          row('wholePage60Requests', '60-paper run: requests sent', '', whole.requests, 60, false),
        );
      }
      if (wanted('oneLiners30')) {
        const measured = await oneLinersVsSummaries(bench);
        rows.push(
          row(
            'oneLiners30TokensOverSummaries',
            'one-liners / full summaries, 30 papers (tokens)',
            '×',
            [measured.oneLinerTokens / measured.summaryTokens],
            budgets.ratios.oneLiners30TokensOverSummaries,
            false,
          ),
          row(
            'oneLiners30Tokens',
            'one-liners, 30 papers: tokens',
            '',
            [measured.oneLinerTokens],
            undefined,
            false,
          ),
          row(
            'oneLiners30Requests',
            'one-liners, 30 papers: requests',
            '',
            [measured.oneLinerRequests],
            1,
            false,
          ),
          row(
            'summaries30Tokens',
            'full summaries, 30 papers: tokens',
            '',
            [measured.summaryTokens],
            undefined,
            false,
          ),
        );
      }
    } finally {
      await bench.close();
    }
  }

  printTable(rows);
  const outDir = path.join(ROOT, 'bench-results');
  mkdirSync(outDir, { recursive: true });
  const result = {
    date: new Date().toISOString(),
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? '',
      memoryGB: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
    },
    runs: RUNS,
    // By name, so a later run (or the README's before/after table) can be read row by row.
    rows: Object.fromEntries(rows.map(({ key, ...rest }) => [key, rest])),
  };
  const fileName = OUT_NAME ?? (SIZES_ONLY ? 'sizes' : ONLY ? 'partial' : 'latest');
  writeFileSync(path.join(outDir, `${fileName}.json`), `${JSON.stringify(result, null, 2)}\n`);
  const failed = rows.filter((r) => r.pass === false && (r.enforced || STRICT));
  if (failed.length > 0) {
    console.error(
      `\nOver budget: ${failed.map((r) => `${r.label} ${r.median} ${r.unit} > ${r.budget}`).join('; ')}`,
    );
    process.exitCode = 1;
  }
}

await main();
