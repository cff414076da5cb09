import type { WxtBrowser } from 'wxt/browser';
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
