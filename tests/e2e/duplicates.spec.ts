// One paper shown in two cards on a page: both cards show the same summary, from one request.
// (Coming back to a page while its paper still streams is covered by navigation.spec.ts: a reload
// and a period switched back both rejoin the request under way.)
import { markupVariantPages } from '../fixtures/pages.ts';
import { expect, paperUi, test } from './fixtures.ts';

test('a paper shown twice streams the same summary into both of its cards, from one request', async ({
  openPapers,
  configure,
  openai,
}) => {
  await configure();
  const fixture = markupVariantPages.pinnedTwice;
  const [pinnedId] = fixture.expectedPaperIds;
  openai.reply({ kind: 'stream', chunkDelayMs: 30 });
  const page = await openPapers(fixture.html, fixture.url);
  const hosts = page.locator(`daily-papers-ko[data-paper-id="${pinnedId}"]`);
  await expect(hosts).toHaveCount(2);
  // Each card's panel: in the card (the pinned list) or in its own host below the card's grid row.
  const panels = page.locator(paperUi(pinnedId ?? '')).getByRole('region');
  await hosts.nth(1).getByRole('button', { name: '한국어 요약' }).click();
  // Both cards stream: the first shows text while the request is still under way.
  await expect(panels).toHaveCount(2);
  await expect(panels.nth(0).locator('.dpk-summary')).not.toBeEmpty();
  await expect(panels.nth(0).getByRole('button', { name: '중단' })).toBeVisible();
  for (const index of [0, 1]) await expect(panels.nth(index)).toContainText('모델:');
  const [first, second] = await page
    .locator(paperUi(pinnedId ?? ''))
    .evaluateAll((elements) =>
      elements
        .map((host) => host.shadowRoot?.querySelector('.dpk-summary')?.textContent ?? '')
        .filter(Boolean),
    );
  expect(first).toContain('희소 라우팅 증류');
  expect(second).toBe(first);
  expect(openai.chatRequests()).toHaveLength(1);
  // After a reload, both come back from the cache, with no new request.
  await page.reload();
  for (const index of [0, 1]) {
    await expect(panels.nth(index)).toContainText('저장된 요약');
  }
  expect(openai.chatRequests()).toHaveLength(1);
});
