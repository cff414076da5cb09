import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { BULLETS_SUMMARY } from '../fixtures/digest/summaries.ts';
import { buildListPage, type FixturePaper, islandProps2024 } from '../fixtures/hf-pages.ts';
import { fixturePages } from '../fixtures/pages.ts';
import { expect, summaryHost, test } from './fixtures.ts';
import type { MockOpenAI } from './mock-openai.ts';

/** The same four papers the digest unit test renders: an image paper, a tricky title, a video paper. */
function digestDay() {
  const source = fixturePages.day2024.papers.slice(0, 4);
  const papers: FixturePaper[] = source.map((paper, index) =>
    index === 0 ? { ...paper, authors: paper.authors.slice(0, 3) } : paper,
  );
  return {
    url: 'https://huggingface.co/papers?date=2024-08-01',
    html: buildListPage({ papers, layout: '2024', props: islandProps2024(papers, '2024-08-01') }),
    papers,
  };
}

/**
 * Opens the digest day with every paper but the second (the unit test's unsummarised one)
 * summarised through the panels.
 */
async function openDigestDay({
  configure,
  openai,
  openPapers,
}: {
  configure: () => Promise<void>;
  openai: MockOpenAI;
  openPapers: (html: string, url: string) => Promise<Page>;
}): Promise<Page> {
  await configure();
  openai.reply({ kind: 'stream', text: BULLETS_SUMMARY });
  const day = digestDay();
  const page = await openPapers(day.html, day.url);
  for (const paper of [day.papers[0], day.papers[2], day.papers[3]]) {
    const host = summaryHost(page, paper?.id ?? '');
    await host.getByRole('button', { name: '한국어 요약' }).click();
    await expect(host.getByRole('region')).toContainText('모델:');
  }
  return page;
}

const expectedBullets = readFileSync(
  path.join(import.meta.dirname, '../fixtures/digest/day2024-bullets.md'),
  'utf8',
);

test('with the papers summarised, the popup exports the seed-format digest to the clipboard and a file', async ({
  context,
  extensionId,
  openPapers,
  configure,
  openai,
}) => {
  const page = await openDigestDay({ configure, openai, openPapers });

  // Chromium grants no clipboard permission to extension origins: read the clipboard back on the page.
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: 'https://huggingface.co' });
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  await expect(popup.getByTestId('popup-status')).toHaveText('논문 4편 · 요약 3편');
  await expect(popup.getByTestId('popup-spend')).toContainText('요청 3건');

  await popup.getByRole('button', { name: '클립보드에 복사' }).click();
  await expect(popup.getByRole('status')).toHaveText('논문 3편의 다이제스트를 복사했습니다.');
  await page.bringToFront();
  const clipboard = await page.evaluate(() => navigator.clipboard.readText());
  await popup.bringToFront();
  expect(clipboard.split('\n')).toEqual(expectedBullets.split('\n'));

  const downloading = popup.waitForEvent('download');
  await popup.getByRole('button', { name: '파일로 저장' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('daily-papers-2024-08-01.md');
  expect(readFileSync(await download.path(), 'utf8')).toBe(expectedBullets);
  expect(openai.chatRequests()).toHaveLength(3);
});

test('"summarise first" sends only the missing paper, then exports all four', async ({
  context,
  extensionId,
  openPapers,
  configure,
  openai,
}) => {
  await openDigestDay({ configure, openai, openPapers });
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  await popup.getByLabel(/먼저 요약하기\(1편/).check();
  const downloading = popup.waitForEvent('download');
  await popup.getByRole('button', { name: '파일로 저장' }).click();
  const markdown = readFileSync(await (await downloading).path(), 'utf8');
  expect(openai.chatRequests()).toHaveLength(4);
  expect(JSON.stringify(openai.chatRequests()[3]?.body)).toContain('Tora: Trajectory-oriented');
  expect(markdown.match(/^### /gm)).toHaveLength(4);
  expect(markdown).toContain('### [Tora: Trajectory-oriented Diffusion Transformer for Video Generation]');
});

test('elsewhere, the popup links to Hugging Face papers and the options', async ({
  context,
  extensionId,
}) => {
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  await expect(popup.getByText('이 탭은 Hugging Face Daily Papers 페이지가 아닙니다.')).toBeVisible();
  await expect(popup.getByRole('link', { name: 'Hugging Face Daily Papers 열기' })).toHaveAttribute(
    'href',
    'https://huggingface.co/papers',
  );
  // With no key yet, the notice "API 키를 설정하세요" offers it too; the popup's own button is last.
  await expect(popup.getByText('API 키를 설정하세요')).toBeVisible();
  await expect(popup.getByRole('button', { name: '설정 열기' }).last()).toBeVisible();
});

test('the popup starts a whole-page run', async ({ context, extensionId, openPapers, configure, openai }) => {
  await configure();
  const fixture = fixturePages.day2026;
  const page = await openPapers(fixture.html, fixture.url);
  await expect(page.getByRole('button', { name: '한국어 요약', exact: true })).toHaveCount(15);
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  await expect(popup.getByTestId('popup-status')).toHaveText('논문 15편 · 요약 0편');
  await popup.getByRole('button', { name: '이 페이지 모두 요약' }).click();
  await expect(popup.getByRole('status')).toHaveText('15편을 요약 대기열에 넣었습니다.');
  await expect(page.getByRole('region', { name: 'Daily Papers KO 페이지 도구' })).toContainText(
    '이 페이지의 논문을 모두 요약했습니다.',
    { timeout: 30_000 },
  );
  expect(openai.chatRequests()).toHaveLength(15);
});
