// `npm run screenshots` (second part): deep reading as a user sees it, from the real built extension
// in Chromium: a card's panel with its deep summary (a formula, a table, the key figure with its
// Korean caption, a question answered) and the reader page ("한국어로 읽기"), into docs/screenshots/.
// arxiv.org is the sample LaTeXML paper of the tests, the endpoint the mock server answering each
// deep prompt in its format; nothing reaches the internet.
import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { launchWithExtension } from '../e2e/browser.ts';
import { type MockReply, startMockOpenAI } from '../e2e/mock-openai.ts';
import { SAMPLE_ID, samplePaperHtml } from '../fixtures/arxiv/papers.ts';
import { deepAnswerFor, deepPromptKind } from '../fixtures/deep/answers.ts';
import { buildListPage, islandProps2026, makePaper, makePapers } from '../fixtures/hf-pages.ts';
import { configure, extensionIdOf } from './screenshot-setup.ts';

const OUT = path.resolve(import.meta.dirname, '../../docs/screenshots');
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

/** The sample paper's first figure: a small diagram, so the key figure reads as one. */
const FIGURE_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="640" height="200" viewBox="0 0 640 200">
<rect width="640" height="200" fill="#ffffff"/>
<g font-family="sans-serif" font-size="18" text-anchor="middle">
<rect x="20" y="60" width="160" height="80" rx="10" fill="#e0e7ff" stroke="#4f46e5"/><text x="100" y="106">LaTeXML page</text>
<rect x="240" y="60" width="160" height="80" rx="10" fill="#dcfce7" stroke="#15803d"/><text x="320" y="106">Reader</text>
<rect x="460" y="60" width="160" height="80" rx="10" fill="#fef3c7" stroke="#b45309"/><text x="540" y="106">Summary</text>
</g>
<g stroke="#374151" stroke-width="3" marker-end="url(#a)"><line x1="180" y1="100" x2="236" y2="100"/><line x1="400" y1="100" x2="456" y2="100"/></g>
<defs><marker id="a" markerWidth="10" markerHeight="10" refX="8" refY="5" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="#374151"/></marker></defs>
</svg>`;

async function lightPage(page: Page): Promise<void> {
  await page.evaluate(() => {
    document.body.style.background = '#ffffff';
    document.body.style.fontFamily = 'system-ui, "NanumGothic", sans-serif';
  });
}

async function main(): Promise<void> {
  const mock = await startMockOpenAI({ port: 0 });
  const { context, profileDir } = await launchWithExtension();
  try {
    const extensionId = await extensionIdOf(context);
    await context.route('https://huggingface.co/**', (route) =>
      route.request().resourceType() === 'document'
        ? route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: PAGE_HTML })
        : route.abort('internetdisconnected'),
    );
    // arXiv as it answers once its permission is granted: the paper's HTML and its figures.
    await context.route('https://arxiv.org/**', (route) => {
      const url = new URL(route.request().url());
      const headers = { 'access-control-allow-origin': '*' };
      if (url.pathname === `/html/${SAMPLE_ID}`)
        return route.fulfill({
          status: 200,
          headers,
          contentType: 'text/html; charset=utf-8',
          body: samplePaperHtml(),
        });
      if (url.pathname.startsWith(`/html/${SAMPLE_ID}v2/`))
        return route.fulfill({ status: 200, headers, contentType: 'image/svg+xml', body: FIGURE_SVG });
      return route.fulfill({ status: 404, headers, body: '' });
    });
    mock.reply((request): MockReply => {
      const messages = (request.body as { messages?: { content: string }[] }).messages ?? [];
      const text = deepAnswerFor(deepPromptKind(messages[0]?.content ?? ''));
      return { kind: 'stream', text, chunks: text?.match(/[\s\S]{1,40}/g) ?? undefined, usage: true };
    });
    await configure(context, extensionId, mock.baseURL);
    for (const open of context.pages()) if (open.url().includes('options.html')) await open.close();

    const page = await context.newPage();
    await page.setViewportSize({ width: 1000, height: 1000 });
    await page.goto(PAGE_URL);
    await lightPage(page);
    // The card's button is in its host; the open panel in its own host below the card's row.
    const host = page.locator(
      `daily-papers-ko[data-paper-id="${SAMPLE_ID}"], daily-papers-ko-panel[data-paper-id="${SAMPLE_ID}"]`,
    );
    await host.getByRole('button', { name: '한국어 요약' }).click();
    await host.getByRole('region').getByText('모델:').first().waitFor();
    const deep = host.getByRole('group', { name: '전문 요약' });
    await deep.getByRole('button', { name: '전문 요약', exact: true }).click();
    await deep.getByRole('button', { name: '이대로 요약' }).click();
    await deep.getByRole('heading', { name: '재현 (Reproducibility)' }).waitFor();
    const questions = host.getByRole('group', { name: '질문과 답' });
    await questions.getByLabel('질문', { exact: true }).fill('손실 함수는 어떻게 정의되나요?');
    await questions.getByRole('button', { name: '질문하기' }).click();
    await questions.getByRole('listitem').getByText('(§2)').waitFor();
    await page.mouse.move(0, 0);
    await page
      .locator(`daily-papers-ko-panel[data-paper-id="${SAMPLE_ID}"]`)
      .screenshot({ path: path.join(OUT, 'deep-card-light.png') });

    const reader = await context.newPage();
    await reader.setViewportSize({ width: 1200, height: 1400 });
    await reader.goto(`chrome-extension://${extensionId}/reader.html?paper=${SAMPLE_ID}`);
    await reader.getByRole('heading', { level: 1 }).waitFor();
    await reader.locator('section.card.deep').getByRole('heading', { name: "What's New" }).waitFor();
    await reader.screenshot({ path: path.join(OUT, 'reader-light.png') });
    console.log(`Deep reading screenshots written to ${path.relative(process.cwd(), OUT)}/`);
  } finally {
    await context.close();
    await mock.close();
    await rm(profileDir, { recursive: true, force: true });
  }
}

await main();
