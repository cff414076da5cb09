import { type FixturePage, fixturePages } from '../fixtures/pages.ts';
import { expect, summaryHost, test } from './fixtures.ts';
import { koreanSummaryFor, type RecordedRequest } from './mock-openai.ts';
import { REAL_PAGE_SKIP_REASON, REAL_PAGE_URL, realPageHtml } from './real-page.ts';

const collapse = (text: string) => text.replace(/\s+/g, ' ').trim();

/** The paper data the extension sent, read back out of the request's <paper> block. */
function paperSent(request: RecordedRequest | undefined): { title: string; abstract: string } {
  const body = request?.body as { messages: { role: string; content: string }[] };
  const user = body.messages.find((m) => m.role === 'user')?.content ?? '';
  return JSON.parse(/<paper>\n([\s\S]*)\n<\/paper>/.exec(user)?.[1] ?? '{}');
}

const summarizablePages: FixturePage[] = [
  fixturePages.day2024,
  fixturePages.day2026,
  fixturePages.week2026,
  fixturePages.month2026,
  fixturePages.trending,
  fixturePages.paper,
  fixturePages.islandMissing,
];

for (const fixture of summarizablePages) {
  test(`on ${fixture.name}, a card's button streams its own Korean summary`, async ({
    openPapers,
    configure,
    openai,
  }) => {
    await configure({ apiKey: `sk-e2e-${fixture.name}`, model: 'gpt-4.1-mini' });
    const page = await openPapers(fixture.html, fixture.url, { api: fixture.api });
    // The second card where there is one, so a mix-up with the first would show.
    const paper = fixture.papers.find(
      (p) => p.id === (fixture.expectedPaperIds[1] ?? fixture.expectedPaperIds[0]),
    );
    if (!paper) throw new Error(`fixture ${fixture.name} has no papers`);
    const host = summaryHost(page, paper.id);
    await host.getByRole('button', { name: '한국어 요약' }).click();
    const panel = host.getByRole('region', { name: `${collapse(paper.title)} 한국어 요약` });
    const firstLine = koreanSummaryFor(collapse(paper.title)).split('\n')[0]?.replaceAll('**', '') ?? '';
    await expect(panel).toContainText(firstLine);
    await expect(panel).toContainText('모델: gpt-4.1-mini');

    const [request] = openai.chatRequests();
    expect(openai.chatRequests()).toHaveLength(1);
    expect(request?.headers.authorization).toBe(`Bearer sk-e2e-${fixture.name}`);
    expect(request?.body).toMatchObject({ model: 'gpt-4.1-mini' });
    const sent = paperSent(request);
    expect(sent.title).toBe(collapse(paper.title));
    expect(collapse(sent.abstract)).toBe(collapse(paper.abstract));
  });
}

test('on the real saved page, the clicked card streams its summary', async ({
  openPapers,
  configure,
  openai,
}) => {
  const html = realPageHtml();
  test.skip(html === null, REAL_PAGE_SKIP_REASON);
  await configure({ apiKey: 'sk-test-real-page' });
  const page = await openPapers(html ?? '', REAL_PAGE_URL);
  const host = summaryHost(page, '2407.21783');
  await host.getByRole('button', { name: '한국어 요약' }).click();
  const panel = host.getByRole('region', { name: 'The Llama 3 Herd of Models 한국어 요약' });
  await expect(panel).toContainText('The Llama 3 Herd of Models — 한국어 요약');
  expect(paperSent(openai.chatRequests()[0]).abstract).toContain(
    'Our largest model is a dense Transformer with 405B',
  );
});

test('the panel can be collapsed and expanded, by keyboard too', async ({ openPapers, configure }) => {
  await configure();
  const fixture = fixturePages.day2026;
  const page = await openPapers(fixture.html, fixture.url);
  const host = summaryHost(page, fixture.expectedPaperIds[0] ?? '');
  const button = host.getByRole('button', { name: '한국어 요약' });
  await button.focus();
  await page.keyboard.press('Enter');
  const panel = host.getByRole('region');
  await expect(panel).toContainText('모델:');
  await expect(button).toHaveAttribute('aria-expanded', 'true');
  await page.keyboard.press('Enter');
  await expect(panel).toBeHidden();
  await expect(button).toHaveAttribute('aria-expanded', 'false');
  await page.keyboard.press('Space');
  await expect(panel).toBeVisible();
});

test('copy puts the Markdown summary, the English title and the arXiv link on the clipboard', async ({
  context,
  openPapers,
  configure,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: 'https://huggingface.co' });
  await configure();
  const fixture = fixturePages.day2026;
  const page = await openPapers(fixture.html, fixture.url);
  const paper = fixture.papers[0];
  const host = summaryHost(page, paper?.id ?? '');
  await host.getByRole('button', { name: '한국어 요약' }).click();
  await expect(host.getByRole('region')).toContainText('모델:');
  await host.getByRole('button', { name: '복사' }).click();
  await expect(host.getByText('복사했습니다.')).toBeVisible();
  const clipboard = await page.evaluate(() => navigator.clipboard.readText());
  const title = collapse(paper?.title ?? '');
  expect(clipboard).toBe(
    `${koreanSummaryFor(title).trim()}\n\n${title}\nhttps://arxiv.org/abs/${paper?.id ?? ''}`,
  );
});

test('the default endpoint, api.openai.com, works as configured', async ({
  context,
  openPapers,
  configure,
  openai,
}) => {
  // Playwright also routes the service worker's requests: send OpenAI's traffic to the mock.
  await context.route('https://api.openai.com/**', async (route) => {
    const url = route.request().url().replace('https://api.openai.com', openai.origin);
    await route.fulfill({ response: await route.fetch({ url }) });
  });
  await configure({ apiKey: 'sk-default-endpoint', baseURL: 'https://api.openai.com/v1' });
  const fixture = fixturePages.day2026;
  const page = await openPapers(fixture.html, fixture.url);
  const host = summaryHost(page, fixture.expectedPaperIds[0] ?? '');
  await host.getByRole('button', { name: '한국어 요약' }).click();
  await expect(host.getByRole('region')).toContainText('모델:');
  expect(openai.chatRequests()[0]?.headers.authorization).toBe('Bearer sk-default-endpoint');
});
