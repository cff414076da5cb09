import type { WxtBrowser } from 'wxt/browser';
import { bigWeekPage, fixturePages } from '../fixtures/pages.ts';
import { expect, injectedPaperIds, test, waitForContentScript } from './fixtures.ts';
import { REAL_PAGE_PAPER_IDS, REAL_PAGE_SKIP_REASON, REAL_PAGE_URL, realPageHtml } from './real-page.ts';

test('the extension loads and its service worker runs', async ({ context, extensionId }) => {
  const worker = context
    .serviceWorkers()
    .find((w) => w.url().startsWith(`chrome-extension://${extensionId}/`));
  expect(worker).toBeDefined();
  const name = await worker?.evaluate(
    () => (globalThis as unknown as { chrome: WxtBrowser }).chrome.runtime.getManifest().name,
  );
  expect(name).toBe('Daily Papers KO');
});

test('on the real saved 2024-08-01 page, every card gets one button', async ({ openPapers }) => {
  const html = realPageHtml();
  test.skip(html === null, REAL_PAGE_SKIP_REASON);
  const page = await openPapers(html ?? '', REAL_PAGE_URL);
  await waitForContentScript(page);
  await expect.poll(() => injectedPaperIds(page)).toEqual(REAL_PAGE_PAPER_IDS);
  await expect(page.getByRole('button', { name: '한국어 요약', exact: true })).toHaveCount(
    REAL_PAGE_PAPER_IDS.length,
  );
});

for (const fixture of [...Object.values(fixturePages), bigWeekPage(200)]) {
  const what =
    fixture.expectedPaperIds.length === 0
      ? 'nothing'
      : `exactly its ${fixture.expectedPaperIds.length} cards`;
  test(`on ${fixture.name}, the content script finds ${what}`, async ({ openPapers }) => {
    const page = await openPapers(fixture.html, fixture.url, { api: fixture.api });
    await waitForContentScript(page);
    await expect.poll(() => injectedPaperIds(page)).toEqual(fixture.expectedPaperIds);
    await expect(page.getByRole('button', { name: '한국어 요약', exact: true })).toHaveCount(
      fixture.expectedPaperIds.length,
    );
  });
}

test('Hugging Face’s own links and buttons keep working around our UI', async ({ openPapers }) => {
  const fixture = fixturePages.day2026;
  const page = await openPapers(fixture.html, fixture.url);
  await expect(page.getByRole('button', { name: '한국어 요약', exact: true })).toHaveCount(
    fixture.expectedPaperIds.length,
  );
  const menu = page.locator('#hf-menu-button');
  await menu.click();
  await expect(menu).toHaveAttribute('data-clicked', '1');
  const firstTitle = page.locator('article h3 a').first();
  await expect(firstTitle).toHaveAttribute('href', `/papers/${fixture.expectedPaperIds[0]}`);
  await firstTitle.click({ trial: true });
});
