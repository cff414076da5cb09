// The same papers in every markup a redesign might bring, and every papers listing on the Hub: each
// paper gets exactly its buttons (two for a paper shown twice), and Hugging Face's own links keep
// working around them. A Hub page that lists no papers gets nothing.
import type { Page } from '@playwright/test';
import { type FixturePage, hubListingPages, markupVariantPages } from '../fixtures/pages.ts';
import { expect, injectedPaperIds, openPopupFor, paperUi, test, waitForContentScript } from './fixtures.ts';

/** Where our UI must never be: inside a link, a button, a heading or a paragraph of the page. */
const FORBIDDEN_HOLDERS = ['a', 'button', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p']
  .flatMap((tag) => [`${tag} daily-papers-ko`, `${tag} daily-papers-ko-panel`])
  .join(', ');

/** Every visible paper link still takes a click: enabled, and covered by nothing of ours. */
async function expectPaperLinksClickable(page: Page): Promise<void> {
  const links = page.locator('a[href*="/papers/"]:visible');
  const count = await links.count();
  for (let i = 0; i < count; i++) await links.nth(i).click({ trial: true, timeout: 2_000 });
  await expect(page.locator(FORBIDDEN_HOLDERS)).toHaveCount(0);
}

const pages: FixturePage[] = [...Object.values(markupVariantPages), ...Object.values(hubListingPages)];

for (const fixture of pages) {
  const count = fixture.expectedPaperIds.length;
  const what =
    count === 0 ? 'gets nothing' : `gets exactly ${count} button${count === 1 ? '' : 's'}, one per showing`;
  const { host, pathname, search } = new URL(fixture.url);
  test(`${fixture.name} (${host}${pathname}${search}) ${what}, and its links still work`, async ({
    context,
    openPapers,
  }) => {
    if (host === 'hf.co') {
      // The harness serves huggingface.co; Hugging Face's short domain is served here the same way.
      await context.route('https://hf.co/**', (route) =>
        route.request().resourceType() === 'document'
          ? route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: fixture.html })
          : route.abort('internetdisconnected'),
      );
    }
    const page = await openPapers(fixture.html, fixture.url, { api: fixture.api });
    await waitForContentScript(page);
    await expect.poll(() => injectedPaperIds(page)).toEqual(fixture.expectedPaperIds);
    await expect(page.getByRole('button', { name: '한국어 요약', exact: true })).toHaveCount(
      fixture.expectedPaperIds.length,
    );
    await expectPaperLinksClickable(page);
  });
}

test('a paper shown twice gets a button on each of its cards, and each opens its own panel', async ({
  openPapers,
  configure,
}) => {
  await configure();
  const fixture = markupVariantPages.pinnedTwice;
  const [pinnedId] = fixture.expectedPaperIds;
  const page = await openPapers(fixture.html, fixture.url);
  const hosts = page.locator(`daily-papers-ko[data-paper-id="${pinnedId}"]`);
  await expect(hosts).toHaveCount(2);
  await hosts.nth(1).getByRole('button', { name: '한국어 요약' }).click();
  // Both cards show the paper's panel: in the pinned card, and below the grid card's row.
  const panels = page.locator(paperUi(pinnedId ?? '')).getByRole('region');
  await expect(panels).toHaveCount(2);
  for (const index of [0, 1]) await expect(panels.nth(index)).toBeVisible();
  await expect(hosts).toHaveCount(2);
});

test('on a search page, a card is summarised from the page’s own data: no API request', async ({
  openPapers,
  configure,
  openai,
}) => {
  await configure();
  const fixture = hubListingPages.search;
  const page = await openPapers(fixture.html, fixture.url);
  const apiRequests: string[] = [];
  page.on('request', (request) => {
    if (new URL(request.url()).pathname.startsWith('/api/')) apiRequests.push(request.url());
  });
  const paper = fixture.papers[1];
  const host = page.locator(paperUi(paper?.id ?? ''));
  await host.getByRole('button', { name: '한국어 요약' }).click();
  await expect(host.getByRole('region')).toContainText('모델:');
  expect(openai.chatRequests()).toHaveLength(1);
  expect(JSON.stringify(openai.chatRequests()[0]?.body)).toContain(
    paper?.abstract.split('\n')[0] ?? '(none)',
  );
  expect(apiRequests).toEqual([]);
});

test('the popup counts the papers of an organisation’s list, and calls a dataset page no papers page', async ({
  context,
  extensionId,
  openPapers,
}) => {
  const org = hubListingPages.orgPapers;
  const orgPage = await openPapers(org.html, org.url);
  await expect(orgPage.getByRole('button', { name: '한국어 요약', exact: true })).toHaveCount(7);
  const popup = await openPopupFor(context, extensionId, orgPage);
  await expect(popup.getByTestId('popup-status')).toHaveText('논문 7편 · 요약 0편');

  const dataset = hubListingPages.datasetCitingPapers;
  const datasetPage = await openPapers(dataset.html, dataset.url);
  await waitForContentScript(datasetPage);
  await datasetPage.bringToFront();
  await popup.reload();
  await expect(popup.getByText('이 탭은 Hugging Face Daily Papers 페이지가 아닙니다.')).toBeVisible();
});
