import type { Page } from '@playwright/test';
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

/** Hugging Face's own links: visible, enabled, and not covered by anything of ours. */
async function expectPageLinksClickable(page: Page): Promise<void> {
  const links = page.locator('a[href^="/papers/"]:visible');
  const count = Math.min(await links.count(), 5);
  for (let i = 0; i < count; i++) await links.nth(i).click({ trial: true, timeout: 2_000 });
}

test('on the real saved 2024-08-01 page, every card gets one button', async ({ openPapers }) => {
  const html = realPageHtml();
  test.skip(html === null, REAL_PAGE_SKIP_REASON);
  const page = await openPapers(html ?? '', REAL_PAGE_URL);
  await waitForContentScript(page);
  await expect.poll(() => injectedPaperIds(page)).toEqual(REAL_PAGE_PAPER_IDS);
  await expect(page.getByRole('button', { name: '한국어 요약', exact: true })).toHaveCount(
    REAL_PAGE_PAPER_IDS.length,
  );
  await expectPageLinksClickable(page);
});

for (const fixture of [...Object.values(fixturePages), bigWeekPage(200)]) {
  const what =
    fixture.expectedPaperIds.length === 0
      ? 'nothing'
      : `exactly its ${fixture.expectedPaperIds.length} cards`;
  test(`on ${fixture.name}, the content script finds ${what}, and the page's links still take clicks`, async ({
    openPapers,
  }) => {
    const page = await openPapers(fixture.html, fixture.url, { api: fixture.api });
    await waitForContentScript(page);
    await expect.poll(() => injectedPaperIds(page)).toEqual(fixture.expectedPaperIds);
    await expect(page.getByRole('button', { name: '한국어 요약', exact: true })).toHaveCount(
      fixture.expectedPaperIds.length,
    );
    await expectPageLinksClickable(page);
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
