import { expect, test } from './fixtures.ts';
import { REAL_PAGE_SKIP_REASON, REAL_PAGE_URL, realPageHtml } from './real-page.ts';

test('streams a Korean summary into the clicked card on the real page', async ({
  openPapers,
  configure,
  openai,
}) => {
  const html = realPageHtml();
  test.skip(html === null, REAL_PAGE_SKIP_REASON);
  await configure({ apiKey: 'sk-test-real-page', model: 'gpt-4.1-mini' });
  const page = await openPapers(html ?? '', REAL_PAGE_URL);
  const card = page.locator('article', { has: page.locator('h3 a[href="/papers/2407.21783"]') });
  await card.getByRole('button', { name: '한국어 요약' }).click();
  const panel = card.getByRole('region', { name: 'The Llama 3 Herd of Models 한국어 요약' });
  await expect(panel).toContainText('The Llama 3 Herd of Models — 한국어 요약');
  await expect(panel).toContainText('모델:');
  const [request] = openai.chatRequests();
  expect(request?.headers.authorization).toBe('Bearer sk-test-real-page');
  expect(JSON.stringify(request?.body)).toContain('Llama 3');
});
