// The day at a glance in Chromium, driven from the options page as any extension page would (the
// cards' UI is the content script's): one-liners for a 30-paper day, structured-output fallbacks,
// ranking by the interests set on the options page, and a glossary term edited there reaching the
// next summary's prompt.
import type { Page } from '@playwright/test';
import type { PaperForGlance, PaperForSummary } from '../../lib/shared/domain.ts';
import type { GlancePortEvent } from '../../lib/shared/messages.ts';
import { buildPapers, paperId, titledPapers } from '../fixtures/oneliners/papers.ts';
import { askFromPage, oneLinersFromPage, summariesFromPage } from './extension-page.ts';
import { expect, test } from './fixtures.ts';
import { oneLinerBatchIn } from './mock-openai.ts';

async function optionsPage(page: Page, extensionId: string): Promise<Page> {
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  await expect(page.getByLabel('API 키')).toBeVisible();
  return page;
}

const ask = askFromPage;
const oneLiners = oneLinersFromPage;
const summarize = async (page: Page, paper: Omit<PaperForSummary, 'keywords'>) =>
  (await summariesFromPage(page, [{ ...paper, keywords: [] }]))[0];

const items = (events: GlancePortEvent[]) =>
  events.flatMap((event) => (event.type === 'oneLiners' ? event.items : []));
const done = (events: GlancePortEvent[]) => events.find((event) => event.type === 'done');
const day = (count: number): PaperForGlance[] =>
  buildPapers(count).map((paper) => ({ ...paper, keywords: [] }));

async function setInterests(page: Page, interests: string): Promise<void> {
  await page.getByLabel('관심 주제', { exact: true }).fill(interests);
  await page.getByRole('button', { name: '저장', exact: true }).click();
  await expect(page.getByRole('status')).toContainText('저장했습니다');
}

test.describe('one-liners for a page', () => {
  test('a 30-paper day: one structured request, the missing and the malformed paper asked again, then the cache', async ({
    page,
    extensionId,
    openai,
    configure,
  }) => {
    openai.behave({ kind: 'structuredOneLiners', missingIds: [paperId(4)], malformedIds: [paperId(17)] });
    await configure({ model: 'gpt-4o-mini' });
    await optionsPage(page, extensionId);
    const papers = day(30);

    const first = await oneLiners(page, papers);
    expect(done(first)).toMatchObject({ type: 'done', failedIds: [], error: null, requests: 2 });
    expect(new Set(items(first).map((item) => item.id)).size).toBe(30);
    expect(items(first)[0]).toMatchObject({ titleKo: expect.stringContaining('한국어'), fromCache: false });
    const [batch, retry] = openai.chatRequests();
    expect(openai.chatRequests()).toHaveLength(2);
    expect(batch?.body).toMatchObject({
      model: 'gpt-4o-mini',
      response_format: { type: 'json_schema', json_schema: { name: 'paper_one_liners', strict: true } },
    });
    expect(oneLinerBatchIn(batch?.body)?.papers.map((paper) => paper.id)).toEqual(papers.map((p) => p.id));
    expect(oneLinerBatchIn(retry?.body)?.papers.map((paper) => paper.id)).toEqual([paperId(4), paperId(17)]);

    // Asking again sends nothing: every one-liner comes from the cache, here and on page load.
    const again = await oneLiners(page, papers);
    expect(done(again)).toMatchObject({ failedIds: [], requests: 0 });
    expect(items(again)).toHaveLength(30);
    expect(items(again).every((item) => item.fromCache)).toBe(true);
    const cached = await ask(page, {
      type: 'getOneLiners',
      paperIds: papers.map((p) => p.id),
    });
    expect(Object.keys(cached.oneLiners)).toHaveLength(30);
    expect(openai.chatRequests()).toHaveLength(2);

    const usage = await ask(page, { type: 'getSpending' });
    expect(usage.today.requests).toBe(2);
  });

  test('an endpoint without response_format gets json_object, then plain JSON, and the next page starts there', async ({
    page,
    extensionId,
    openai,
    configure,
  }) => {
    openai.behave({ kind: 'structuredOneLiners' }, { kind: 'noResponseFormat' });
    await configure({ model: 'gpt-4o-mini' });
    await optionsPage(page, extensionId);
    const papers = day(6);
    expect(done(await oneLiners(page, papers.slice(0, 3)))).toMatchObject({ failedIds: [], requests: 1 });
    const formats = () =>
      openai
        .chatRequests()
        .map((r) => (r.body as { response_format?: { type: string } }).response_format?.type ?? 'none');
    expect(formats()).toEqual(['json_schema', 'json_object', 'none']);
    expect(done(await oneLiners(page, papers.slice(3)))).toMatchObject({ failedIds: [] });
    expect(formats()).toEqual(['json_schema', 'json_object', 'none', 'none']);
  });

  test('shows the cost of a day before the first run, about a tenth of full summaries', async ({
    page,
    extensionId,
    configure,
  }) => {
    await configure({ model: 'gpt-4o-mini' });
    await optionsPage(page, extensionId);
    await page.getByLabel('페이지를 열면 한 줄 요약을 자동으로 받기').check();
    await expect(page.getByTestId('oneliner-cost')).toContainText('하루 30편 기준');
    const estimate = await ask(page, { type: 'estimateOneLiners' });
    expect(estimate.requests).toBe(1);
    expect(estimate.tokens / estimate.fullSummaries.tokens).toBeLessThan(0.25);
    await page.getByRole('button', { name: '저장', exact: true }).click();
    await expect(page.getByRole('status')).toContainText('저장했습니다');
    expect(await ask(page, { type: 'getPagePrefs' })).toMatchObject({
      autoOneLiners: true,
      hasInterests: false,
    });
  });
});

const titled = (): PaperForGlance[] => titledPapers(100);

test.describe('추천순: ranking by the interests set on the options page', () => {
  test('with embeddings from the same endpoint: closest papers first with a badge and a reason, then from the cache', async ({
    page,
    extensionId,
    openai,
    configure,
  }) => {
    await configure({ model: 'gpt-4o-mini' });
    await optionsPage(page, extensionId);
    await setInterests(page, 'RLHF, multimodal agents');
    const ranked = await ask(page, { type: 'rankPapers', papers: titled() });
    expect(ranked.method).toBe('embeddings');
    expect(ranked.error).toBeNull();
    expect(
      ranked.ranked
        .slice(0, 2)
        .map((p) => p.id)
        .sort(),
    ).toEqual([paperId(101), paperId(103)]);
    expect(
      ranked.ranked
        .filter((p) => p.recommended)
        .map((p) => p.reasonKo)
        .sort(),
    ).toEqual(["관심 주제 'RLHF'와 가까운 논문", "관심 주제 'multimodal agents'와 가까운 논문"]);
    expect(openai.embeddingRequests()).toHaveLength(1);
    expect(openai.embeddingRequests()[0]?.body).toMatchObject({
      model: 'text-embedding-3-small',
      dimensions: 256,
    });

    const again = await ask(page, { type: 'rankPapers', papers: titled() });
    expect(again).toEqual(ranked);
    expect(openai.embeddingRequests()).toHaveLength(1);
  });

  test('without embeddings: the one-liners score the interests, and rank', async ({
    page,
    extensionId,
    openai,
    configure,
  }) => {
    openai.behave({ kind: 'structuredOneLiners' }, { kind: 'noEmbeddings' });
    await configure({ model: 'gpt-4o-mini' });
    await optionsPage(page, extensionId);
    await setInterests(page, 'RLHF, multimodal agents');
    const events = await oneLiners(page, titled());
    expect(done(events)).toMatchObject({ failedIds: [] });
    expect(JSON.stringify(openai.chatRequests()[0]?.body)).toContain('"relevance"');
    const ranked = await ask(page, { type: 'rankPapers', papers: titled() });
    expect(ranked.method).toBe('relevance');
    expect(
      ranked.ranked
        .filter((p) => p.recommended)
        .map((p) => p.id)
        .sort(),
    ).toEqual([paperId(101), paperId(103)]);
    expect(ranked.ranked.find((p) => p.id === paperId(101))?.reasonKo).toContain('RLHF');
    // The missing embeddings were learnt once.
    expect(openai.embeddingRequests()).toHaveLength(1);
  });
});

test.describe('one glossary', () => {
  test('a term changed on the options page is in the next summary prompt, and a different rendering is reported', async ({
    page,
    extensionId,
    openai,
    configure,
  }) => {
    await configure({ model: 'gpt-4o-mini' });
    await optionsPage(page, extensionId);
    await page.getByLabel('용어 찾기').fill('knowledge distillation');
    await expect(page.getByRole('list', { name: '용어집' })).toContainText('지식 증류');
    await page.getByLabel('영어 용어').fill('knowledge distillation');
    await page.getByLabel('한국어 번역어').fill('지식 압축');
    await page.getByRole('button', { name: '용어 추가·변경' }).click();
    await expect(page.getByTestId('glossary-note')).toContainText('다음 요약부터 씁니다');
    await expect(page.getByRole('list', { name: '용어집' })).toContainText('지식 압축');

    const answer =
      '**단계별 증류**\n\n- 이 논문은 큰 언어 모델을 작은 학생 모델로 옮기는 지식 증류(knowledge distillation) 방법을 제안합니다.\n- 학생 모델은 교사의 추론 과정을 함께 배워 적은 데이터로도 더 높은 정확도를 보였습니다.';
    openai.reply({ kind: 'stream', text: answer });
    const result = await summarize(page, {
      id: '2511.30001',
      title: 'Distilling Step by Step',
      abstract: 'We study knowledge distillation of large language models into small students.',
    });
    expect(JSON.stringify(openai.chatRequests()[0]?.body)).toContain('- knowledge distillation: 지식 압축');
    expect(openai.chatRequests()).toHaveLength(2);
    expect(result).toMatchObject({
      type: 'done',
      glossaryFindings: [
        { en: 'knowledge distillation', expected: '지식 압축', found: '지식 증류', kind: 'different' },
      ],
    });
  });

  test('imports terms from a CSV file and exports the glossary', async ({ page, extensionId }) => {
    await optionsPage(page, extensionId);
    await page.getByLabel('CSV 가져오기').setInputFiles({
      name: 'terms.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('\ufeffen,ko,keep_english\nvibe coding,바이브 코딩,false\n', 'utf8'),
    });
    await expect(page.getByTestId('glossary-note')).toContainText('용어 1개를 가져왔습니다');
    await expect(page.getByTestId('glossary-counts')).toContainText('추가 1');
    const exported = await ask(page, { type: 'exportGlossary' });
    expect(exported.csv).toContain('vibe coding,바이브 코딩,false');
  });
});
