// The core flows in real Firefox ESR with the built Firefox extension: buttons on the list, a streamed
// summary, saved options, the cache after a reload, an error, and a summary slower than Firefox's
// idle timeout for non-persistent backgrounds. One browser serves all of them; each uses its own card.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { Browser } from 'puppeteer-core';
import { koreanSummaryFor, type MockOpenAI, mockErrors, startMockOpenAI } from '../e2e/mock-openai.ts';
import type { FixturePaper } from '../fixtures/hf-pages.ts';
import { fixturePages } from '../fixtures/pages.ts';
import {
  BACKGROUND_IDLE_TIMEOUT_MS,
  type FirefoxWithExtension,
  launchFirefoxWithExtension,
} from './firefox.ts';
import {
  alertText,
  clickSummaryButton,
  type EndpointSettings,
  fieldValue,
  injectedPaperIds,
  openOptions,
  openPapers,
  panelText,
  saveSettings,
  summaryButtonCount,
  waitFor,
  waitForPanelText,
} from './harness.ts';

const fixture = fixturePages.day2026;
const LAST_BULLET = '향후 과제로 제시합니다';

function paperAt(index: number): FixturePaper {
  const paper = fixture.papers[index];
  if (!paper) throw new Error(`${fixture.name} has no paper ${index}`);
  return paper;
}

/** The first line of the mock's summary for `paper`, as the panel renders it (bold markers gone). */
function summaryHeading(paper: FixturePaper): string {
  return (koreanSummaryFor(paper.title).split('\n')[0] ?? '').replaceAll('**', '');
}

/** The paper data the extension sent, read back out of the request's <paper> block. */
function paperSent(body: unknown): { title?: string; abstract?: string } {
  const messages = (body as { messages?: { role: string; content: string }[] }).messages ?? [];
  const user = messages.find((message) => message.role === 'user')?.content ?? '';
  return JSON.parse(/<paper>\n([\s\S]*)\n<\/paper>/.exec(user)?.[1] ?? '{}');
}

const collapse = (text: string) => text.replace(/\s+/g, ' ').trim();

// The timeout only guards against a hang: every wait inside is bounded on its own (the suite takes 40–70 s on 2 busy cores).
describe('Daily Papers KO in Firefox ESR', { timeout: 180_000 }, () => {
  let firefox: FirefoxWithExtension;
  let browser: Browser;
  let openai: MockOpenAI;
  /** What the options page last saved; the options flow changes it, later flows expect it at the endpoint. */
  let settings: EndpointSettings;

  before(async () => {
    openai = await startMockOpenAI();
    firefox = await launchFirefoxWithExtension();
    browser = firefox.browser;
    settings = { apiKey: 'sk-firefox-e2e-1234', baseURL: openai.baseURL, model: 'gpt-4o-mini' };
    await saveSettings(browser, settings);
  });

  after(async () => {
    await firefox?.close();
    await openai?.close();
    if (firefox?.blackhole.attempts.length) {
      console.log(
        `Requests refused on their way off this machine:\n  ${firefox.blackhole.attempts.join('\n  ')}`,
      );
    }
  });

  beforeEach(async () => {
    openai.reset();
    // Each flow starts from the one tab Firefox opened with; pages of earlier flows go.
    const [, ...opened] = await browser.pages();
    for (const page of opened) await page.close();
  });

  it('on the list page, every card gets exactly one "한국어 요약" button', async () => {
    const page = await openPapers(browser, fixture);
    const ids = await waitFor('every card to get our UI', async () => {
      const found = await injectedPaperIds(page);
      return found.length === fixture.expectedPaperIds.length ? found : undefined;
    });
    assert.deepEqual(ids, fixture.expectedPaperIds);
    assert.equal(await summaryButtonCount(page), fixture.expectedPaperIds.length);
  });

  it('options: a changed key and model are saved, and there when the page is opened again', async () => {
    settings = { ...settings, apiKey: 'sk-firefox-e2e-5678', model: 'gpt-4.1-mini' };
    await saveSettings(browser, settings);
    const reopened = await openOptions(browser);
    assert.equal(await fieldValue(reopened, 'API 키'), settings.apiKey);
    assert.equal(await fieldValue(reopened, '엔드포인트 URL'), settings.baseURL);
    assert.equal(await fieldValue(reopened, '모델'), settings.model);
  });

  it('a click streams the Korean summary into that card; the endpoint got the key, model and abstract', async () => {
    openai.reply({ kind: 'stream', chunkDelayMs: 30 });
    const paper = paperAt(1);
    const page = await openPapers(browser, fixture);
    await clickSummaryButton(page, paper.id);

    // Seen while it streams: part of the summary, not yet the end.
    const partial = await waitFor('part of the summary', async () => {
      const text = await panelText(page, paper.id, paper.title);
      return text?.includes(summaryHeading(paper)) && !text.includes(LAST_BULLET) ? text : undefined;
    });
    assert.ok(partial.length > 0);
    const done = await waitForPanelText(page, paper.id, paper.title, [
      summaryHeading(paper),
      LAST_BULLET,
      `모델: ${settings.model}`,
    ]);
    assert.ok(done.length > partial.length);

    const [request, ...more] = openai.chatRequests();
    assert.ok(request);
    assert.equal(more.length, 0);
    assert.equal(request.headers.authorization, `Bearer ${settings.apiKey}`);
    assert.equal((request.body as { model?: string }).model, settings.model);
    const sent = paperSent(request.body);
    assert.equal(sent.title, paper.title);
    assert.equal(collapse(sent.abstract ?? ''), collapse(paper.abstract));
  });

  it('after a reload the summary shows from the cache, with no new request', async () => {
    const paper = paperAt(2);
    const page = await openPapers(browser, fixture);
    await clickSummaryButton(page, paper.id);
    await waitForPanelText(page, paper.id, paper.title, [LAST_BULLET, '모델:']);
    assert.equal(openai.chatRequests().length, 1);

    await page.reload();
    await waitForPanelText(page, paper.id, paper.title, [summaryHeading(paper), LAST_BULLET, '저장된 요약']);
    assert.equal(openai.chatRequests().length, 1);
  });

  it('a 401 from the endpoint shows the Korean message, and nothing is cached', async () => {
    const control = paperAt(5);
    const paper = paperAt(3);
    const page = await openPapers(browser, fixture);
    // Summarised first, so that after the reload its cached panel shows the cache has been read.
    await clickSummaryButton(page, control.id);
    await waitForPanelText(page, control.id, control.title, [LAST_BULLET, '모델:']);

    openai.replyOnce(mockErrors.invalidApiKey());
    await clickSummaryButton(page, paper.id);
    const message = await waitFor('the error message', () => alertText(page, paper.id));
    assert.match(message, /API 키가 올바르지 않습니다\(401\)/);
    assert.equal(openai.chatRequests().length, 2);

    await page.reload();
    await waitForPanelText(page, control.id, control.title, ['저장된 요약']);
    assert.equal(await panelText(page, paper.id, paper.title), undefined);
    assert.equal(openai.chatRequests().length, 2);
  });

  it(`an answer slower than the background's idle timeout (${BACKGROUND_IDLE_TIMEOUT_MS} ms) still arrives whole, in one request`, async () => {
    openai.reply({ kind: 'stream', firstChunkDelayMs: 2 * BACKGROUND_IDLE_TIMEOUT_MS, chunkDelayMs: 5 });
    const paper = paperAt(4);
    const page = await openPapers(browser, fixture);
    await clickSummaryButton(page, paper.id);
    await waitForPanelText(page, paper.id, paper.title, [LAST_BULLET, '모델:'], 15_000);
    const requests = openai.chatRequests();
    assert.equal(requests.length, 1, 'the request was started again: the background was stopped mid-answer');
    assert.equal(requests[0]?.aborted, false);
  });
});
