// When Hugging Face's markup hides cards from us, the page's data still lists its papers: the toolbar
// says how many cards were found, "목록으로 보기" lists every paper with the same button and streaming
// panel, and the popup reports what the page reader saw.
import type { Page } from '@playwright/test';
import { driftPages, fixturePages } from '../fixtures/pages.ts';
import { expect, openPopupFor, test } from './fixtures.ts';

const TOOLBAR = 'Daily Papers KO 페이지 도구';

function fallbackList(page: Page) {
  return page.getByRole('list', { name: '이 페이지의 논문' });
}

function rowOf(page: Page, paperId: string) {
  return page.locator(`daily-papers-ko-toolbar li[data-paper-id="${paperId}"]`);
}

test('some cards without a link to their paper: the toolbar counts them, and the list summarises a paper that has no card', async ({
  openPapers,
  configure,
  openai,
}) => {
  await configure();
  const fixture = driftPages.someCardsUnlinked;
  const page = await openPapers(fixture.html, fixture.url);
  await expect(page.getByRole('button', { name: '한국어 요약', exact: true })).toHaveCount(4);
  await expect(page.getByText('카드 6편 중 4편만 찾았습니다')).toBeVisible();
  const open = page.getByRole('button', { name: '목록으로 보기' });
  await expect(open).toHaveAttribute('aria-expanded', 'false');
  // Folded, the list adds no buttons: each card still has exactly one.
  await expect(page.getByRole('button', { name: '한국어 요약', exact: true })).toHaveCount(4);

  await open.click();
  await expect(open).toHaveAttribute('aria-expanded', 'true');
  const list = fallbackList(page);
  await expect(list.getByRole('listitem')).toHaveCount(6);
  const lost = fixture.papers[5];
  if (!lost) throw new Error('fixture has six papers');
  const row = rowOf(page, lost.id);
  await expect(row.getByRole('link', { name: lost.title })).toHaveAttribute('href', `/papers/${lost.id}`);
  await row.getByRole('button', { name: '한국어 요약' }).click();
  await expect(row.getByRole('region')).toContainText('모델:');
  const requests = openai.chatRequests();
  expect(requests).toHaveLength(1);
  expect(JSON.stringify(requests[0]?.body)).toContain(lost.title);
  // Hugging Face's own card for it is untouched and still takes its click.
  await page.locator('.paper-tile').last().click();
  await expect(page.locator('.paper-tile').last()).toHaveAttribute('data-opened', lost.id);
});

test('no card found at all: the list is offered folded by itself, and the whole-page run covers every paper', async ({
  openPapers,
  configure,
  openai,
}) => {
  await configure();
  const fixture = driftPages.noCardLinked;
  const page = await openPapers(fixture.html, fixture.url);
  const toolbar = page.getByRole('region', { name: TOOLBAR });
  await expect(page.getByText('카드 6편 중 0편만 찾았습니다')).toBeVisible();
  await expect(page.getByRole('button', { name: '목록으로 보기' })).toHaveAttribute('aria-expanded', 'false');
  // The toolbar sits at the top of the page's main area, above Hugging Face's heading.
  const placed = await page.evaluate(() => document.querySelector('main')?.firstElementChild?.localName);
  expect(placed).toBe('daily-papers-ko-toolbar');
  await expect(toolbar).toContainText('논문 6편 · 요약 0편');

  await toolbar.getByRole('button', { name: '이 페이지 모두 요약' }).click();
  await expect(toolbar).toContainText('이 페이지의 논문을 모두 요약했습니다.', { timeout: 30_000 });
  expect(openai.chatRequests()).toHaveLength(6);
  await page.getByRole('button', { name: '목록으로 보기' }).click();
  for (const paper of fixture.papers)
    await expect(rowOf(page, paper.id).getByRole('region')).toContainText('모델:');

  // After a reload the summaries come back from the cache, in the list.
  await page.reload();
  await page.getByRole('button', { name: '목록으로 보기' }).click();
  const first = fixture.papers[0];
  if (!first) throw new Error('fixture has papers');
  await expect(rowOf(page, first.id).getByRole('region')).toContainText('저장된 요약');
  expect(openai.chatRequests()).toHaveLength(6);
});

test('the popup reports what the page reader saw, and copies an anonymised diagnostic', async ({
  context,
  extensionId,
  openPapers,
}) => {
  const fixture = driftPages.someCardsUnlinked;
  const page = await openPapers(fixture.html, fixture.url);
  await expect(page.getByText('카드 6편 중 4편만 찾았습니다')).toBeVisible();
  // Chromium grants no clipboard permission to extension origins: read the clipboard back on the page.
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: 'https://huggingface.co' });
  const popup = await openPopupFor(context, extensionId, page);
  const report = popup.getByRole('group').filter({ hasText: '페이지 읽기 상태' });
  await expect(report).toContainText('카드 6편 중 4편만 찾았습니다');
  await expect(report).toContainText('Daily Papers 목록 (day)');
  await expect(report).toContainText('데이터의 논문6편');
  await expect(report).toContainText('카드 없는 논문2편');
  await popup.getByRole('button', { name: '문제 보고용 정보 복사' }).click();
  await expect(report.getByRole('status')).toContainText('복사했습니다');
  await page.bringToFront();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toContain('- route: list (day)');
  expect(copied).toContain('- data island: found');
  expect(copied).toContain('- papers in data: 6');
  expect(copied).toContain('- cards found: 4 (papers with a card: 4, without: 2)');
  expect(copied).toContain('- card elements: div×4');
  expect(copied).toContain('- fallback list offered: yes');
  // Nothing that names the page, its papers or the user.
  expect(copied).not.toContain('huggingface.co');
  expect(copied).not.toContain('2026-11-20');
  for (const paper of fixture.papers) {
    expect(copied).not.toContain(paper.id);
    expect(copied).not.toContain(paper.title);
  }
});

test('on a page whose cards are all found, nothing speaks of drift', async ({
  context,
  extensionId,
  openPapers,
}) => {
  const fixture = fixturePages.day2026;
  const page = await openPapers(fixture.html, fixture.url);
  await expect(page.getByRole('button', { name: '한국어 요약', exact: true })).toHaveCount(15);
  const popup = await openPopupFor(context, extensionId, page);
  const report = popup.getByRole('group').filter({ hasText: '페이지 읽기 상태' });
  await expect(report).toBeVisible();
  await report.getByText('페이지 읽기 상태').click();
  await expect(report).toContainText('찾은 카드15개 (논문 15편)');
  await expect(report).not.toContainText('만 찾았습니다');
  await expect(page.getByRole('button', { name: '목록으로 보기' })).toHaveCount(0);
  await expect(page.getByText(/카드 \d+편 중/)).toHaveCount(0);
});
