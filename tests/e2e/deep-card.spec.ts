// Deep reading from a card's panel on Hugging Face's page: under a finished summary, "전문 요약"
// shows the full text's estimate first and then streams the deep summary into the card; "질문하기"
// streams an answer that stays with the paper; "한국어로 읽기" opens the reader.
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { SAMPLE_ID } from '../fixtures/arxiv/papers.ts';
import { buildListPage, islandProps2026, makePaper, makePapers } from '../fixtures/hf-pages.ts';
import { answerDeepPrompts, kindOf, messagesOf, serveSample } from './deep-helpers.ts';
import { expect, openPopupFor, summaryHost, test } from './fixtures.ts';

const papers = [
  makePaper(800, { id: SAMPLE_ID, title: 'Deep Reading with Pi Policies' }),
  ...makePapers(2, { startIndex: 801 }),
];
const PAGE_URL = 'https://huggingface.co/papers/date/2026-11-20';
const PAGE_HTML = buildListPage({
  papers,
  layout: '2026-rich',
  props: islandProps2026(papers, { periodType: 'day', dateString: '2026-11-20' }),
});

/** The sample paper's card with its abstract summary done, and its panel's deep reading part. */
async function summarisedCard(page: Page) {
  const host = summaryHost(page, SAMPLE_ID);
  await host.getByRole('button', { name: '한국어 요약' }).click();
  await expect(host.getByRole('region').first()).toContainText('모델:');
  return host;
}

/** After a reload: the sample paper's panel, back from the cache without a click. */
async function cachedCard(page: Page) {
  const host = summaryHost(page, SAMPLE_ID);
  await expect(host.getByRole('region').first()).toContainText('저장된 요약');
  return host;
}

test('"전문 요약" on a card: the estimate first, then the deep summary streamed from the paper’s body, and in the digest', async ({
  context,
  extensionId,
  openPapers,
  configure,
  openai,
  arxiv,
}) => {
  await configure();
  serveSample(arxiv);
  answerDeepPrompts(openai);
  const page = await openPapers(PAGE_HTML, PAGE_URL);
  const host = await summarisedCard(page);
  const deep = host.getByRole('group', { name: '전문 요약' });

  await deep.getByRole('button', { name: '전문 요약', exact: true }).click();
  await expect(deep).toContainText('이 논문 전문 ≈');
  await expect(deep).toContainText('토큰');
  // Nothing is spent before the user agrees to the estimate.
  expect(openai.chatRequests().filter((request) => kindOf(request) === 'deep')).toHaveLength(0);
  await deep.getByRole('button', { name: '이대로 요약' }).click();

  await expect(deep.getByRole('heading', { name: "What's New" })).toBeVisible();
  await expect(deep.getByRole('heading', { name: '한계 (Limitations)' })).toBeVisible();
  await expect(deep.locator('math').first()).toBeAttached();
  await expect(deep.getByRole('link', { name: 'https://github.com/example/deep-reading' })).toBeVisible();
  const deepRequests = openai.chatRequests().filter((request) => kindOf(request) === 'deep');
  expect(deepRequests).toHaveLength(1);
  const sent = messagesOf(deepRequests[0] as (typeof deepRequests)[number])
    .map((message) => message.content)
    .join('\n');
  expect(sent).toContain('We use 8 GPUs.');

  // After a reload the card's panel brings it back from the cache, with no new deep request.
  await page.reload();
  const again = await cachedCard(page);
  await expect(
    again.getByRole('group', { name: '전문 요약' }).getByRole('heading', { name: "What's New" }),
  ).toBeVisible();
  expect(openai.chatRequests().filter((request) => kindOf(request) === 'deep')).toHaveLength(1);

  // The digest takes the deep summary as the paper's entry, in the seed's 2024 newsletter format.
  const popup = await openPopupFor(context, extensionId, page);
  // The deep summary was counted like a summary: today's spending has both requests.
  await expect(popup.getByTestId('popup-spend')).toContainText(`요청 ${openai.chatRequests().length}건`);
  expect(openai.chatRequests()).toHaveLength(2);
  await expect(popup.getByLabel(/전문 요약이 있는 논문은 전문 요약으로/)).toBeChecked();
  const downloading = popup.waitForEvent('download');
  await popup.getByRole('button', { name: '파일로 저장' }).click();
  const markdown = readFileSync((await (await downloading).path()) as string, 'utf8');
  const entry = markdown.slice(markdown.indexOf(`(https://arxiv.org/abs/${SAMPLE_ID})`));
  expect(entry).toContain("- ***What's New***:");
  expect(entry).toContain('- ***Technical Details***:');
});

test('a question asked under a card’s summary streams an answer that stays with the paper', async ({
  openPapers,
  configure,
  openai,
  arxiv,
}) => {
  await configure();
  serveSample(arxiv);
  answerDeepPrompts(openai);
  const page = await openPapers(PAGE_HTML, PAGE_URL);
  const host = await summarisedCard(page);
  const questions = host.getByRole('group', { name: '질문과 답' });
  await expect(questions.getByRole('button', { name: '한계는?' })).toBeVisible();
  await questions.getByLabel('질문', { exact: true }).fill('손실 함수는 무엇인가요?');
  await questions.getByRole('button', { name: '질문하기' }).click();
  await expect(questions.getByRole('listitem')).toContainText('손실 함수는 무엇인가요?');
  await expect(questions.getByRole('listitem').locator('math').first()).toBeAttached();
  await expect(questions.getByRole('listitem')).toContainText('(§2)');
  const asked = openai.chatRequests().filter((request) => kindOf(request) === 'question');
  expect(asked).toHaveLength(1);

  await page.reload();
  const again = await cachedCard(page);
  await expect(again.getByRole('group', { name: '질문과 답' }).getByRole('listitem')).toContainText(
    '손실 함수는 무엇인가요?',
  );
  expect(openai.chatRequests().filter((request) => kindOf(request) === 'question')).toHaveLength(1);
});

test('"한국어로 읽기" on a card opens the reader on that paper', async ({
  context,
  openPapers,
  configure,
}) => {
  await configure();
  const page = await openPapers(PAGE_HTML, PAGE_URL);
  const host = await summarisedCard(page);
  const opening = context.waitForEvent('page', { predicate: (tab) => tab.url().includes('reader.html') });
  await host.getByRole('group', { name: '전문 요약' }).getByRole('button', { name: '한국어로 읽기' }).click();
  const reader = await opening;
  expect(new URL(reader.url()).searchParams.get('paper')).toBe(SAMPLE_ID);
});
