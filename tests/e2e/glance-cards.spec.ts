// The day at a glance on Hugging Face's page, as the user sees it: "한 줄 요약" in the toolbar puts a
// Korean title and one line under every card's English title (one request for a 30-paper day, from the
// cache after a reload); 추천순 badges the papers matching the interests and summarises them first; the
// popup exports the one-liner digest.
import { readFileSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import {
  buildListPage,
  type FixturePaper,
  islandProps2026,
  makePaper,
  makePapers,
} from '../fixtures/hf-pages.ts';
import { RANKING_TITLES } from '../fixtures/oneliners/papers.ts';
import { expect, openPopupFor, summaryHost, test } from './fixtures.ts';
import { oneLinerBatchIn } from './mock-openai.ts';

const DAY_URL = 'https://huggingface.co/papers/date/2026-11-20';

function dayPage(papers: FixturePaper[]) {
  return {
    url: DAY_URL,
    html: buildListPage({
      papers,
      layout: '2026-compact',
      props: islandProps2026(papers, { periodType: 'day', dateString: '2026-11-20' }),
    }),
    papers,
  };
}

const toolbarOf = (page: Page) => page.getByRole('region', { name: 'Daily Papers KO 페이지 도구' });
/** The line under one card's English title (our own shadow host). */
const lineOf = (page: Page, paperId: string) =>
  page.locator(`daily-papers-ko-glance[data-paper-id="${paperId}"]`);
const koreanTitleOf = (paper: FixturePaper) => `${paper.title.split(':')[0]?.trim()}: 한국어 제목`;

async function expectLineUnderTitle(page: Page, paper: FixturePaper): Promise<void> {
  const line = lineOf(page, paper.id);
  await expect(line).toContainText(koreanTitleOf(paper));
  await expect(line).toContainText('새로운 방법으로 기존 방법보다');
  // Right after the card's heading, outside Hugging Face's link and heading.
  const placement = await line.evaluate((host) => ({
    previous: host.previousElementSibling?.localName,
    insideLinkOrHeading: host.parentElement?.closest('a, h1, h2, h3, h4, h5, h6') !== null,
  }));
  expect(placement).toEqual({ previous: 'h3', insideLinkOrHeading: false });
}

test.describe('"한 줄 요약" on the cards', () => {
  test('a 30-paper day: the cost first, one request, every card its Korean title and line; a reload shows them from the cache', async ({
    context,
    extensionId,
    openai,
    configure,
    openPapers,
  }) => {
    test.setTimeout(90_000);
    openai.behave({ kind: 'structuredOneLiners' });
    await configure({ model: 'gpt-4o-mini' });
    const day = dayPage(makePapers(30, { startIndex: 20 }));
    const page = await openPapers(day.html, day.url);
    const toolbar = toolbarOf(page);
    const run = toolbar.getByRole('button', { name: '한 줄 요약', exact: true });
    await expect(run).toBeVisible();
    await expect(toolbar).toContainText(/한 줄 요약 30편 ≈ [\d,.]+k? 토큰 ≈ <?\$[\d.]+ \(요청 1번\)/);

    await run.click();
    await expect(toolbar.getByRole('status').filter({ hasText: '한 줄 요약 30편 완료' })).toContainText(
      '요청 1번',
    );
    for (const paper of day.papers) await expectLineUnderTitle(page, paper);
    expect(openai.chatRequests()).toHaveLength(1);
    expect(oneLinerBatchIn(openai.chatRequests()[0]?.body)?.papers).toHaveLength(30);
    // The panel folded or never opened: the line is its own, outside the card's summary host.
    await expect(
      summaryHost(page, day.papers[0]?.id ?? '').getByRole('button', { name: '한국어 요약' }),
    ).toBeVisible();

    // HF's title link still goes where it went.
    const titleLink = page.getByRole('link', { name: day.papers[0]?.title ?? '', exact: true });
    await expect(titleLink).toHaveAttribute('href', `/papers/${day.papers[0]?.id}`);

    await page.reload();
    for (const paper of day.papers) await expectLineUnderTitle(page, paper);
    await expect(toolbarOf(page)).not.toContainText('한 줄 요약 30편 ≈');
    expect(openai.chatRequests()).toHaveLength(1);

    // The popup's digest of the day's one-liners only.
    const popup = await openPopupFor(context, extensionId, page);
    const selectWith = (value: string) =>
      popup.locator('select').filter({ has: popup.locator(`option[value="${value}"]`) });
    await selectWith('oneLiners').selectOption({ label: '한 줄 요약만' });
    await selectWith('recommended').selectOption({ label: '페이지 순서' });
    const downloading = popup.waitForEvent('download');
    await popup.getByRole('button', { name: '파일로 저장' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe('daily-papers-2026-11-20-oneliners.md');
    const markdown = readFileSync(await download.path(), 'utf8');
    expect(markdown.split('\n')[0]).toBe('## Daily Papers 한 줄 요약 (2026-11-20)');
    const first = day.papers[0] as FixturePaper;
    expect(markdown).toContain(
      `- [${koreanTitleOf(first)}](https://arxiv.org/abs/${first.id}): 새로운 방법으로 기존 방법보다`,
    );
    expect(markdown.match(/^- \[/gm)).toHaveLength(30);
    expect(openai.chatRequests()).toHaveLength(1);
  });

  test('a failed run says why in Korean and "다시 시도" asks again', async ({
    openai,
    configure,
    openPapers,
  }) => {
    openai.behave({ kind: 'structuredOneLiners' });
    await configure({ model: 'gpt-4o-mini' });
    const day = dayPage(makePapers(4, { startIndex: 60 }));
    const page = await openPapers(day.html, day.url);
    openai.replyOnce({
      kind: 'error',
      status: 401,
      code: 'invalid_api_key',
      type: 'invalid_request_error',
      message: 'Incorrect API key provided',
    });
    const toolbar = toolbarOf(page);
    await toolbar.getByRole('button', { name: '한 줄 요약', exact: true }).click();
    await expect(toolbar).toContainText('한 줄 요약을 받지 못했습니다');
    await toolbar.getByRole('button', { name: '다시 시도' }).click();
    await expect(toolbar).toContainText('한 줄 요약 4편 완료');
    for (const paper of day.papers) await expectLineUnderTitle(page, paper);
  });
});

/** A day of RANKING_TITLES: two match "RLHF, multimodal agents". */
function rankingDay() {
  const papers = RANKING_TITLES.map((title, index) =>
    makePaper(700 + index, { id: `2511.${String(20_000 + index)}`, title, aiSummary: `${title}.` }),
  );
  return dayPage(papers);
}

async function setInterests(page: Page, extensionId: string, interests: string): Promise<void> {
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  await page.getByLabel('관심 주제', { exact: true }).fill(interests);
  await page.getByRole('button', { name: '저장', exact: true }).click();
  await expect(page.getByRole('status')).toContainText('저장했습니다');
  await page.close();
}

async function expectReasonOnFocus(badge: Locator, reason: string): Promise<void> {
  await expect(badge).toHaveAccessibleDescription(reason);
  await badge.focus();
  await expect(badge.locator('xpath=following-sibling::*[@role="tooltip"]')).toBeVisible();
  await badge.press('Escape');
  await expect(badge.locator('xpath=following-sibling::*[@role="tooltip"]')).toBeHidden();
}

test.describe('추천순', () => {
  test('with interests set on the options page: badges with reasons on the matching papers, summarised first', async ({
    context,
    extensionId,
    openai,
    configure,
    openPapers,
  }) => {
    await configure({ model: 'gpt-4o-mini', concurrency: 1 });
    await setInterests(await context.newPage(), extensionId, 'RLHF, multimodal agents');
    const day = rankingDay();
    const page = await openPapers(day.html, day.url);
    const toolbar = toolbarOf(page);
    await toolbar.getByLabel('순서').selectOption({ label: '추천순' });
    await expect(toolbar).toContainText('관심 주제와 가까운 2편에 "추천"을 붙였습니다');

    const rlhf = day.papers[1] as FixturePaper;
    const agents = day.papers[3] as FixturePaper;
    const rlhfBadge = lineOf(page, rlhf.id).getByRole('button', { name: '추천' });
    await expectReasonOnFocus(rlhfBadge, "관심 주제 'RLHF'와 가까운 논문");
    await expect(lineOf(page, agents.id).getByRole('button', { name: '추천' })).toHaveAccessibleDescription(
      "관심 주제 'multimodal agents'와 가까운 논문",
    );
    await expect(page.locator('daily-papers-ko-glance')).toHaveCount(2);
    await lineOf(page, agents.id).getByRole('button', { name: '추천' }).hover();
    await expect(lineOf(page, agents.id).getByRole('tooltip')).toBeVisible();

    await toolbar.getByRole('button', { name: '이 페이지 모두 요약' }).click();
    const [first, second] = await openai.waitForRequests(2);
    const titles = [first, second].map(
      (request) => [rlhf, agents].find((paper) => JSON.stringify(request?.body).includes(paper.title))?.id,
    );
    expect(titles.sort()).toEqual([rlhf.id, agents.id].sort());

    // Back to page order (the run cancelled): the badges go.
    await toolbar.getByRole('button', { name: '취소' }).click();
    await toolbar.getByLabel('순서').selectOption({ label: '페이지 순서' });
    await expect(page.locator('daily-papers-ko-glance')).toHaveCount(0);
  });

  test('without interests, 추천순 says where to set them', async ({ configure, openPapers }) => {
    await configure({ model: 'gpt-4o-mini' });
    const day = rankingDay();
    const page = await openPapers(day.html, day.url);
    const toolbar = toolbarOf(page);
    await toolbar.getByLabel('순서').selectOption({ label: '추천순' });
    await expect(toolbar).toContainText('설정 페이지의 "관심 주제"로 정렬합니다');
    await expect(toolbar.getByRole('button', { name: '설정 열기' })).toBeVisible();
    await expect(page.locator('daily-papers-ko-glance')).toHaveCount(0);
  });
});
