import { fixturePages } from '../fixtures/pages.ts';
import { expect, summaryHost, test } from './fixtures.ts';
import { DEFAULT_KOREAN_SUMMARY, type MockReply, mockErrors } from './mock-openai.ts';

const fixture = fixturePages.day2026;
const paperId = fixture.expectedPaperIds[0] ?? '';

const finalErrors: { name: string; reply: MockReply; message: string; action: string }[] = [
  {
    name: '401 invalid key',
    reply: mockErrors.invalidApiKey(),
    message: 'API 키가 올바르지 않습니다(401)',
    action: '설정 열기',
  },
  {
    name: '404 model not found',
    reply: mockErrors.modelNotFound('gpt-nope'),
    message: '모델을 찾을 수 없습니다',
    action: '설정 열기',
  },
  {
    name: '429 quota exhausted',
    reply: mockErrors.insufficientQuota(),
    message: '사용 한도(크레딧)를 모두 썼습니다',
    action: 'OpenAI 결제 페이지 열기',
  },
];

for (const { name, reply, message, action } of finalErrors) {
  test(`${name}: the panel says what happened, offers the next step, and does not retry`, async ({
    openPapers,
    configure,
    openai,
  }) => {
    await configure();
    openai.reply(reply);
    const page = await openPapers(fixture.html, fixture.url);
    const host = summaryHost(page, paperId);
    await host.getByRole('button', { name: '한국어 요약' }).click();
    await expect(host.getByRole('alert')).toContainText(message);
    await expect(
      host.getByRole(action === 'OpenAI 결제 페이지 열기' ? 'link' : 'button', { name: action }),
    ).toBeVisible();
    expect(openai.chatRequests()).toHaveLength(1);
  });
}

const passingErrors: { name: string; reply: MockReply; message: string }[] = [
  {
    name: '429 rate limit',
    reply: mockErrors.rateLimited({ retryAfterSeconds: 2 }),
    message: '요청 한도에 걸렸습니다(429)',
  },
  {
    name: '500 server error',
    reply: mockErrors.serverError(),
    message: '엔드포인트 서버에 문제가 생겼습니다',
  },
  { name: '503 overloaded', reply: mockErrors.overloaded(), message: '엔드포인트 서버에 문제가 생겼습니다' },
  {
    name: 'stream broken in the middle',
    reply: { kind: 'stream', text: DEFAULT_KOREAN_SUMMARY, cutAfterChunks: 6 },
    message: '요약을 받는 도중 연결이 끊겼습니다',
  },
];

for (const { name, reply, message } of passingErrors) {
  test(`${name}: the panel says so, counts down, retries by itself and gets the whole summary`, async ({
    openPapers,
    configure,
    openai,
  }) => {
    await configure();
    openai.replyOnce(reply);
    const page = await openPapers(fixture.html, fixture.url);
    const host = summaryHost(page, paperId);
    await host.getByRole('button', { name: '한국어 요약' }).click();
    await expect(host.getByRole('alert')).toContainText(message);
    await expect(host.getByRole('alert')).toContainText('초 뒤에 다시 시도합니다');
    await expect(host.getByRole('region')).toContainText('모델:', { timeout: 10_000 });
    await expect(host.getByRole('alert')).toHaveCount(0);
    const [first, second] = openai.chatRequests();
    expect(openai.chatRequests()).toHaveLength(2);
    if (name.startsWith('429'))
      expect((second?.receivedAt ?? 0) - (first?.receivedAt ?? 0)).toBeGreaterThanOrEqual(2_000);
  });
}

test('no key: the panel offers the options page, which opens', async ({ context, openPapers, openai }) => {
  const page = await openPapers(fixture.html, fixture.url);
  const host = summaryHost(page, paperId);
  await host.getByRole('button', { name: '한국어 요약' }).click();
  await expect(host.getByRole('alert')).toContainText('API 키가 없습니다');
  const optionsOpened = context.waitForEvent('page');
  await host.getByRole('button', { name: '설정 열기' }).click();
  expect((await optionsOpened).url()).toMatch(/^chrome-extension:\/\/[a-z]+\/options\.html/);
  expect(openai.chatRequests()).toHaveLength(0);
});

test('endpoint unreachable: says so, retries a few times, then offers a retry', async ({
  openPapers,
  configure,
}) => {
  await configure({ baseURL: 'http://127.0.0.1:9/v1' });
  const page = await openPapers(fixture.html, fixture.url);
  const host = summaryHost(page, paperId);
  await host.getByRole('button', { name: '한국어 요약' }).click();
  await expect(host.getByRole('alert')).toContainText('엔드포인트에 연결할 수 없습니다');
  await expect(host.getByRole('button', { name: '다시 요약' })).toBeVisible({ timeout: 20_000 });
});

test('stop aborts the request on the endpoint and keeps what arrived', async ({
  openPapers,
  configure,
  openai,
}) => {
  await configure();
  openai.reply({ kind: 'stream', text: DEFAULT_KOREAN_SUMMARY, chunkDelayMs: 150 });
  const page = await openPapers(fixture.html, fixture.url);
  const host = summaryHost(page, paperId);
  await host.getByRole('button', { name: '한국어 요약' }).click();
  await expect(host.locator('.dpk-summary')).not.toBeEmpty();
  await host.getByRole('button', { name: '중단' }).click();
  const aborted = await openai.waitForAbort(5_000);
  expect(aborted.path).toBe('/v1/chat/completions');
  await expect(host.getByRole('region')).toContainText('요약을 중단했습니다');
});

test('closing the tab aborts the request on the endpoint', async ({ openPapers, configure, openai }) => {
  await configure();
  openai.reply({ kind: 'stream', text: DEFAULT_KOREAN_SUMMARY, chunkDelayMs: 150 });
  const page = await openPapers(fixture.html, fixture.url);
  const host = summaryHost(page, paperId);
  await host.getByRole('button', { name: '한국어 요약' }).click();
  await expect(host.locator('.dpk-summary')).not.toBeEmpty();
  await page.close();
  const aborted = await openai.waitForAbort(5_000);
  expect(aborted.aborted).toBe(true);
});
