// A page you can skim: folded panels keep the summary's Korean title on one line, and the toolbar
// folds or unfolds every panel at once.
import { fixturePages } from '../fixtures/pages.ts';
import { expect, summaryHost, test } from './fixtures.ts';
import { koreanSummaryFor, type RecordedRequest } from './mock-openai.ts';

const fixture = fixturePages.day2026;
const collapse = (text: string) => text.replace(/\s+/g, ' ').trim();

/** The paper title the extension sent, read back out of the request's <paper> block. */
function titleSent(request: RecordedRequest): string {
  const body = request.body as { messages: { role: string; content: string }[] };
  const user = body.messages.find((m) => m.role === 'user')?.content ?? '';
  return (
    (JSON.parse(/<paper>\n([\s\S]*)\n<\/paper>/.exec(user)?.[1] ?? '{}') as { title?: string }).title ?? ''
  );
}

test('"모두 접기" folds every panel to its one-line Korean title; "모두 펼치기" opens them again', async ({
  openPapers,
  configure,
  openai,
}) => {
  await configure();
  const [first, second] = fixture.papers;
  if (!first || !second) throw new Error('the fixture has two papers');
  // Each summary's title names its paper, so each folded line can be told apart.
  openai.reply((request) => ({ kind: 'stream', text: koreanSummaryFor(titleSent(request)) }));
  const page = await openPapers(fixture.html, fixture.url);
  const toolbar = page.getByRole('region', { name: 'Daily Papers KO 페이지 도구' });
  // Nothing to fold yet: the buttons wait for a panel.
  await expect(toolbar.getByRole('button', { name: '모두 접기', exact: true })).toBeHidden();

  const hosts = [summaryHost(page, first.id), summaryHost(page, second.id)];
  for (const host of hosts) {
    await host.getByRole('button', { name: '한국어 요약' }).click();
    await expect(host.getByRole('region')).toContainText('모델:');
  }

  await toolbar.getByRole('button', { name: '모두 접기', exact: true }).click();
  for (const [index, host] of hosts.entries()) {
    const paper = index === 0 ? first : second;
    await expect(host.getByRole('region')).toBeHidden();
    await expect(host.getByRole('button', { name: '한국어 요약' })).toHaveAttribute('aria-expanded', 'false');
    const title = host.locator('.dpk-folded-title');
    await expect(title).toBeVisible();
    await expect(title).toHaveText(`${collapse(paper.title)} — 한국어 요약`);
    // One line, whatever its length.
    const box = await title.boundingBox();
    const lineHeight = await title.evaluate((node) => Number.parseFloat(getComputedStyle(node).lineHeight));
    expect(box?.height ?? 0).toBeLessThanOrEqual(lineHeight + 1);
  }

  await toolbar.getByRole('button', { name: '모두 펼치기', exact: true }).click();
  for (const host of hosts) {
    await expect(host.getByRole('region')).toBeVisible();
    await expect(host.locator('.dpk-folded-title')).toBeHidden();
  }
  // Cards never summarised stay as they were: no panel opens for them.
  await expect(summaryHost(page, fixture.expectedPaperIds[2] ?? '').getByRole('region')).toHaveCount(0);
});

test('a long Korean title stays on one line when folded', async ({ openPapers, configure, openai }) => {
  await configure();
  const paper = fixture.papers[0];
  if (!paper) throw new Error('the fixture has a paper');
  const long = `${'아주 긴 한국어 제목 '.repeat(20)}끝`;
  openai.reply({ kind: 'stream', text: `**${long}**\n\n- 항목 하나입니다.` });
  const page = await openPapers(fixture.html, fixture.url);
  const host = summaryHost(page, paper.id);
  const button = host.getByRole('button', { name: '한국어 요약' });
  await button.click();
  await expect(host.getByRole('region')).toContainText('모델:');
  await button.click();
  const title = host.locator('.dpk-folded-title');
  await expect(title).toBeVisible();
  const { height, lineHeight, overflowing } = await title.evaluate((node) => ({
    height: node.getBoundingClientRect().height,
    lineHeight: Number.parseFloat(getComputedStyle(node).lineHeight),
    overflowing: node.scrollWidth > node.clientWidth,
  }));
  expect(height).toBeLessThanOrEqual(lineHeight + 1);
  expect(overflowing).toBe(true);
});
