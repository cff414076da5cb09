import type { Page } from '@playwright/test';
import { fixturePages } from '../fixtures/pages.ts';
import { expect, injectedPaperIds, summaryHost, test, waitForContentScript } from './fixtures.ts';
import { DEFAULT_KOREAN_SUMMARY, type MockOpenAI } from './mock-openai.ts';

type OpenPapers = (html: string, url: string) => Promise<Page>;

const ISLAND = '[data-target="DailyPapers"]';

/** The island (with its cards) of another fixture page, as Hugging Face's client-side router swaps it in. */
function islandMarkupOf(html: string): string {
  const start = html.indexOf('<div class="SVELTE_HYDRATER contents" data-target="DailyPapers"');
  if (start === -1) throw new Error('fixture has no DailyPapers island');
  // The island is the outermost div from `start`: count nesting to find its end.
  const tag = /<\/?div\b[^>]*>/g;
  tag.lastIndex = start;
  let depth = 0;
  for (let match = tag.exec(html); match; match = tag.exec(html)) {
    depth += match[0].startsWith('</') ? -1 : 1;
    if (depth === 0) return html.slice(start, match.index + match[0].length);
  }
  throw new Error('unbalanced island markup');
}

/** Swaps in another island as Hugging Face's router does, and (when given) its address. */
function replaceIsland(page: Page, markup: string, url?: string): Promise<void> {
  return page.evaluate(
    ({ selector, markup, url }) => {
      document.querySelector(selector)?.replaceWith(document.createRange().createContextualFragment(markup));
      if (url) history.pushState({}, '', url);
    },
    { selector: ISLAND, markup, url },
  );
}

test('a client-side switch to another period puts buttons on the new cards, once each', async ({
  openPapers,
}) => {
  const day = fixturePages.day2026;
  const week = fixturePages.week2026;
  const page = await openPapers(day.html, day.url);
  await waitForContentScript(page);
  await expect.poll(() => injectedPaperIds(page)).toEqual(day.expectedPaperIds);

  await replaceIsland(page, islandMarkupOf(week.html), week.url);
  await expect.poll(() => injectedPaperIds(page)).toEqual(week.expectedPaperIds);
  await expect(page.getByRole('button', { name: '한국어 요약', exact: true })).toHaveCount(
    week.expectedPaperIds.length,
  );
});

test('cards added later get buttons, and a re-rendered card never gets two', async ({ openPapers }) => {
  const day = fixturePages.day2026;
  const page = await openPapers(day.html, day.url);
  await waitForContentScript(page);
  await expect.poll(() => injectedPaperIds(page)).toEqual(day.expectedPaperIds);

  const addedId = '2611.99999';
  await page.evaluate((id) => {
    const first = document.querySelector('article');
    const clone = first?.cloneNode(true) as HTMLElement;
    clone.querySelector('daily-papers-ko')?.remove();
    const link = clone.querySelector('h3 a');
    link?.setAttribute('href', `/papers/${id}`);
    if (link) link.textContent = 'A Paper Added Later';
    first?.parentElement?.append(clone);
    // Re-render every existing card the way a framework might: same content, new nodes.
    for (const article of [...document.querySelectorAll('article')].slice(0, 3)) {
      const copy = article.cloneNode(true) as HTMLElement;
      copy.querySelector('daily-papers-ko')?.remove();
      article.replaceWith(copy);
    }
  }, addedId);

  await expect.poll(() => injectedPaperIds(page)).toEqual([...day.expectedPaperIds, addedId]);
  for (const id of [...day.expectedPaperIds, addedId]) {
    await expect(summaryHost(page, id)).toHaveCount(1);
  }
});

test('leaving for a page it does not understand removes everything it added', async ({ openPapers }) => {
  const day = fixturePages.day2026;
  const page = await openPapers(day.html, day.url);
  await waitForContentScript(page);
  await expect.poll(() => injectedPaperIds(page)).toEqual(day.expectedPaperIds);
  await page.evaluate(() => history.pushState({}, '', '/papers/submit'));
  await expect.poll(() => injectedPaperIds(page), { timeout: 5_000 }).toEqual([]);
});

test('when the extension is reloaded, the orphaned UI is removed from open pages', async ({
  context,
  extensionId,
  openPapers,
}) => {
  const day = fixturePages.day2026;
  const page = await openPapers(day.html, day.url);
  await waitForContentScript(page);
  await expect.poll(() => injectedPaperIds(page)).toEqual(day.expectedPaperIds);
  const worker = context.serviceWorkers().find((w) => w.url().includes(extensionId));
  await worker?.evaluate(() =>
    (globalThis as unknown as { chrome: { runtime: { reload(): void } } }).chrome.runtime.reload(),
  );
  // The next change on the page lets the orphaned script notice and clean up after itself.
  await expect
    .poll(async () => {
      await page.evaluate(() => document.body.append(document.createElement('div')));
      return injectedPaperIds(page);
    })
    .toEqual([]);
});

/** Opens day2026 and starts one card's summary, streamed slowly; resolves once text is showing. */
async function startStreaming(
  {
    openPapers,
    configure,
    openai,
  }: { openPapers: OpenPapers; configure: () => Promise<void>; openai: MockOpenAI },
  cardIndex: number,
  chunkDelayMs: number,
): Promise<{ page: Page; paperId: string }> {
  await configure();
  openai.reply({ kind: 'stream', text: DEFAULT_KOREAN_SUMMARY, chunkDelayMs });
  const day = fixturePages.day2026;
  const paperId = day.expectedPaperIds[cardIndex] ?? '';
  const page = await openPapers(day.html, day.url);
  await summaryHost(page, paperId).getByRole('button', { name: '한국어 요약' }).click();
  await expect(summaryHost(page, paperId).locator('.dpk-summary')).not.toBeEmpty();
  return { page, paperId };
}

/** The card shows the whole summary, from the one request there was, never aborted. */
async function expectOneWholeSummary(page: Page, paperId: string, openai: MockOpenAI): Promise<void> {
  const panel = summaryHost(page, paperId).getByRole('region');
  await expect(panel).toContainText('다중 모달(multimodal) 환경으로의 확장을 향후 과제로 제시합니다.', {
    timeout: 20_000,
  });
  await expect(panel).toContainText('모델:');
  expect(openai.chatRequests()).toHaveLength(1);
  expect(openai.chatRequests()[0]?.aborted).toBe(false);
}

test('the island re-rendered while a summary streams: the new card carries on, with no second request', async ({
  openPapers,
  configure,
  openai,
}) => {
  const day = fixturePages.day2026;
  const { page, paperId } = await startStreaming({ openPapers, configure, openai }, 3, 60);

  // Hugging Face re-renders its island: the same cards, every node new.
  await replaceIsland(page, islandMarkupOf(day.html));
  await expect.poll(() => injectedPaperIds(page)).toEqual(day.expectedPaperIds);
  await expectOneWholeSummary(page, paperId, openai);
  // Every other card is as it was: one button each, no panel.
  await expect(page.getByRole('button', { name: '한국어 요약', exact: true })).toHaveCount(
    day.expectedPaperIds.length,
  );
  await expect(page.locator('daily-papers-ko, daily-papers-ko-panel').getByRole('region')).toHaveCount(1);
});

test('switching to another period and back while a summary streams carries on, with no second request', async ({
  openPapers,
  configure,
  openai,
}) => {
  const day = fixturePages.day2026;
  const week = fixturePages.week2026;
  const { page, paperId } = await startStreaming({ openPapers, configure, openai }, 1, 60);

  await replaceIsland(page, islandMarkupOf(week.html), week.url);
  await expect.poll(() => injectedPaperIds(page)).toEqual(week.expectedPaperIds);
  await replaceIsland(page, islandMarkupOf(day.html), day.url);
  await expect.poll(() => injectedPaperIds(page)).toEqual(day.expectedPaperIds);
  await expectOneWholeSummary(page, paperId, openai);
});

test('a page reloaded while its summary streams joins the same request', async ({
  openPapers,
  configure,
  openai,
}) => {
  const { page, paperId } = await startStreaming({ openPapers, configure, openai }, 2, 120);
  await page.reload();
  await expect(summaryHost(page, paperId).getByRole('region')).toContainText('희소 라우팅 증류');
  await expectOneWholeSummary(page, paperId, openai);
});
