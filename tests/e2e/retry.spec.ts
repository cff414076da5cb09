// "다시 시도" on an error panel works once the cause is fixed: a wrong key corrected on the options
// page, or an endpoint that recovered from 5xx or 429. The summary then streams in the same panel.
import type { Page } from '@playwright/test';
import { fixturePages } from '../fixtures/pages.ts';
import { expect, summaryHost, test } from './fixtures.ts';
import { mockErrors } from './mock-openai.ts';

const fixture = fixturePages.day2026;
const paperId = fixture.expectedPaperIds[0] ?? '';
const LAST_BULLET = '다중 모달(multimodal) 환경으로의 확장을 향후 과제로 제시합니다.';

async function clickSummarize(page: Page) {
  const host = summaryHost(page, paperId);
  await host.getByRole('button', { name: '한국어 요약' }).click();
  return host;
}

test('401: "설정 열기" and "다시 시도"; after the key is fixed, "다시 시도" streams the summary', async ({
  openPapers,
  configure,
  openai,
}) => {
  await configure({ apiKey: 'sk-wrong-key-0000' });
  // The endpoint accepts only the right key, as a real one does.
  openai.reply((request) =>
    request.headers.authorization === 'Bearer sk-right-key-1111'
      ? { kind: 'stream', chunkDelayMs: 20 }
      : mockErrors.invalidApiKey(),
  );
  const page = await openPapers(fixture.html, fixture.url);
  const host = await clickSummarize(page);
  await expect(host.getByRole('alert')).toContainText('API 키가 올바르지 않습니다(401)');
  await expect(host.getByRole('button', { name: '설정 열기', exact: true })).toBeVisible();
  const retry = host.getByRole('button', { name: '다시 시도', exact: true });
  await expect(retry).toBeEnabled();

  await configure({ apiKey: 'sk-right-key-1111' });
  await retry.click();
  await expect(host.locator('.dpk-summary')).not.toBeEmpty();
  await expect(host.getByRole('region')).toContainText(LAST_BULLET);
  await expect(host.getByRole('region')).toContainText('모델:');
  await expect(host.getByRole('alert')).toHaveCount(0);
  expect(openai.chatRequests().at(-1)?.headers.authorization).toBe('Bearer sk-right-key-1111');
});

for (const outage of [
  { name: '500 every time', error: () => mockErrors.serverError(), message: '(5xx)' },
  {
    name: '429 every time',
    error: () => mockErrors.rateLimited({ retryAfterSeconds: 1 }),
    message: '요청 한도에 걸렸습니다(429)',
  },
]) {
  test(`${outage.name}: once the endpoint recovers, "다시 시도" streams the summary`, async ({
    openPapers,
    configure,
    openai,
  }) => {
    test.setTimeout(60_000);
    await configure();
    openai.reply(outage.error());
    const page = await openPapers(fixture.html, fixture.url);
    const host = await clickSummarize(page);
    // The worker's own retries give up first; then the panel offers the user's.
    const retry = host.getByRole('button', { name: '다시 시도', exact: true });
    await expect(retry).toBeVisible({ timeout: 30_000 });
    await expect(host.getByRole('alert')).toContainText(outage.message);
    await expect(retry).toBeEnabled({ timeout: 5_000 });
    const failed = openai.chatRequests().length;

    openai.reply({ kind: 'stream', chunkDelayMs: 20 });
    await retry.click();
    await expect(host.getByRole('region')).toContainText(LAST_BULLET);
    await expect(host.getByRole('region')).toContainText('모델:');
    await expect(host.getByRole('alert')).toHaveCount(0);
    expect(openai.chatRequests()).toHaveLength(failed + 1);
  });
}

test('a whole-page run stopped by a wrong key starts again at once when the key is fixed: no 30-second halt', async ({
  openPapers,
  configure,
  openai,
}) => {
  await configure({ apiKey: 'sk-wrong-key-0000' });
  openai.reply((request) =>
    request.headers.authorization === 'Bearer sk-right-key-1111'
      ? { kind: 'stream', chunkDelayMs: 5 }
      : mockErrors.invalidApiKey(),
  );
  const page = await openPapers(fixture.html, fixture.url);
  const toolbar = page.getByRole('region', { name: 'Daily Papers KO 페이지 도구' });
  await toolbar.getByRole('button', { name: '이 페이지 모두 요약' }).click();
  // The key error stops the run: every card says so, and nothing more is sent with the wrong key.
  await expect(summaryHost(page, paperId).getByRole('alert')).toContainText(
    'API 키가 올바르지 않습니다(401)',
  );
  const wrongTries = openai.chatRequests().length;
  expect(wrongTries).toBeLessThanOrEqual(3);

  await configure({ apiKey: 'sk-right-key-1111' });
  await toolbar.getByRole('button', { name: '이 페이지 모두 요약' }).click();
  // The worker's halt after a key error was lifted by the saved settings: the run goes at once (well
  // inside the 30 s halt), and every paper is summarised with the new key.
  await expect(toolbar).toContainText('이 페이지의 논문을 모두 요약했습니다.', { timeout: 15_000 });
  const fixedRequests = openai.chatRequests().slice(wrongTries);
  expect(fixedRequests.length).toBe(fixture.expectedPaperIds.length);
  expect(fixedRequests.every((request) => request.headers.authorization === 'Bearer sk-right-key-1111')).toBe(
    true,
  );
});
