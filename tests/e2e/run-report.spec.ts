// A whole-page run adds up: its end message counts done, failed and skipped papers and gives the
// run's cost; the popup counts failures apart from the summaries.
import { fixturePages } from '../fixtures/pages.ts';
import { expect, summaryHost, test } from './fixtures.ts';
import { mockErrors, type RecordedRequest } from './mock-openai.ts';

const fixture = fixturePages.day2026;
const collapse = (text: string) => text.replace(/\s+/g, ' ').trim();

/** The paper title the extension sent, read back out of the request's <paper> block. */
function titleSent(request: RecordedRequest): string {
  const body = request.body as { messages: { role: string; content: string }[] };
  const user = body.messages.find((m) => m.role === 'user')?.content ?? '';
  const paper = JSON.parse(/<paper>\n([\s\S]*)\n<\/paper>/.exec(user)?.[1] ?? '{}') as { title?: string };
  return paper.title ?? '';
}

test('"이 페이지 모두 요약" ends with done, failed and skipped counts and the run’s cost; the popup counts failures', async ({
  context,
  extensionId,
  openPapers,
  configure,
  openai,
}) => {
  await configure();
  const [skipped, ...rest] = fixture.papers;
  const failing = rest.slice(0, 2);
  if (!skipped || failing.length < 2) throw new Error('the fixture has at least three papers');
  const total = fixture.papers.length;
  // Two papers fail for good (a 404 is not retried); the others stream with usage, so they have a cost.
  const failingTitles = new Set(failing.map((paper) => collapse(paper.title)));
  openai.reply((request) =>
    failingTitles.has(titleSent(request))
      ? mockErrors.modelNotFound('gpt-4o-mini')
      : { kind: 'stream', usage: { prompt_tokens: 100_000, completion_tokens: 50_000 } },
  );
  const page = await openPapers(fixture.html, fixture.url);
  // One paper is summarised before the run: the run skips it.
  await summaryHost(page, skipped.id).getByRole('button', { name: '한국어 요약' }).click();
  await expect(summaryHost(page, skipped.id).getByRole('region')).toContainText('모델:');

  const toolbar = page.getByRole('region', { name: 'Daily Papers KO 페이지 도구' });
  await toolbar.getByRole('button', { name: '이 페이지 모두 요약' }).click();
  const done = total - 1 - failing.length;
  // gpt-4o-mini ($0.15 in, $0.60 out per million tokens): $0.045 a summary; the skipped one is not counted.
  const cost = (done * 0.045).toFixed(2);
  await expect(toolbar.getByRole('status').filter({ hasText: '모두 요약 끝' })).toHaveText(
    new RegExp(
      `^모두 요약 끝: 완료 ${done}편 · 실패 2편 · 건너뜀 1편\\(이미 요약됨\\) · 비용 약 \\$${cost.replace('.', '\\.')}$`,
    ),
    { timeout: 30_000 },
  );
  for (const paper of failing) {
    await expect(
      summaryHost(page, paper.id).getByRole('button', { name: '다시 시도', exact: true }),
    ).toBeVisible();
  }

  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  await expect(popup.getByTestId('popup-status')).toHaveText(`논문 ${total}편 · 요약 ${total - 2}편`);
  await expect(popup.getByTestId('popup-failed')).toHaveText(
    '요약 실패 2편: 카드의 "다시 시도"로 다시 요청하세요.',
  );
});
