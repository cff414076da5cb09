// Deep reading, end to end: the reader page ("한국어로 읽기") on arXiv fixtures served as arxiv.org,
// the deep summary ("전문 요약") streamed from the mock, questions kept with the paper, long papers
// read in parts, the PDF fallback, and hostile content that must do nothing.
import type { BrowserContext, Page } from '@playwright/test';
import { hostilePaperHtml, longPaperHtml, SAMPLE_ID } from '../fixtures/arxiv/papers.ts';
import { samplePaperPdf } from '../fixtures/arxiv/pdf.ts';
import { SAMPLE_DEEP_SUMMARY } from '../fixtures/deep/answers.ts';
import { XSS_PAYLOADS } from '../fixtures/xss-payloads.ts';
import { answerDeepPrompts, kindOf, messagesOf, serveSample, systemOf } from './deep-helpers.ts';
import { expect, type FakeArxiv, test } from './fixtures.ts';
import type { MockOpenAI, RecordedRequest } from './mock-openai.ts';

async function openReader(context: BrowserContext, extensionId: string, paperId: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/reader.html?paper=${paperId}`);
  return page;
}

/** Settings saved, the sample paper on arXiv, the mock answering each prompt, the reader open on it. */
async function readSample(fixtures: {
  context: BrowserContext;
  extensionId: string;
  configure: () => Promise<void>;
  openai: MockOpenAI;
  arxiv: FakeArxiv;
}): Promise<Page> {
  await fixtures.configure();
  serveSample(fixtures.arxiv);
  answerDeepPrompts(fixtures.openai);
  return openReader(fixtures.context, fixtures.extensionId, SAMPLE_ID);
}

test.describe('the reader (한국어로 읽기)', () => {
  test('opens a paper with its outline, rendered equations and tables, and links back to HF and arXiv', async ({
    context,
    extensionId,
    configure,
    arxiv,
  }) => {
    await configure();
    serveSample(arxiv);
    const page = await openReader(context, extensionId, SAMPLE_ID);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Deep Reading with');
    const outline = page.getByRole('navigation', { name: '목차' });
    await expect(outline.getByRole('link', { name: '2.1 Policy Optimisation' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Hugging Face에서 보기' })).toHaveAttribute(
      'href',
      `https://huggingface.co/papers/${SAMPLE_ID}`,
    );
    await expect(page.getByRole('link', { name: 'arXiv에서 보기' })).toHaveAttribute(
      'href',
      `https://arxiv.org/abs/${SAMPLE_ID}`,
    );
    const method = page.locator('section.paper-section', {
      has: page.getByRole('heading', { name: '2 Method' }),
    });
    await expect(method.locator('math').first()).toBeAttached();
    const table = page.locator('figure.paper-figure table');
    await expect(table).toBeVisible();
    await expect(table.locator('th').first()).toHaveText('Model');
    await expect(page.getByTestId('deep-estimate')).toContainText('토큰');
  });

  test('"전문 요약" sends the body text and streams the sections, key figure and links', async ({
    context,
    extensionId,
    configure,
    openai,
    arxiv,
  }) => {
    const page = await readSample({ context, extensionId, configure, openai, arxiv });
    await expect(page.getByTestId('deep-estimate')).toContainText('토큰');
    await page.getByRole('button', { name: '전문 요약', exact: true }).click();

    const deep = page.locator('section.card.deep');
    await expect(deep.getByRole('heading', { name: '한계 (Limitations)' })).toBeVisible();
    await expect(deep.getByRole('heading', { name: "What's New" })).toBeVisible();
    await expect(deep.getByRole('heading', { name: '재현 (Reproducibility)' })).toBeVisible();
    // The request carried the paper's body, not only its abstract.
    const request = openai.chatRequests()[0] as RecordedRequest;
    const sent = messagesOf(request)
      .map((m) => m.content)
      .join('\n');
    expect(sent).toContain('We use 8 GPUs.');
    expect(sent).toContain('Policy Optimisation');
    expect(sent).toContain('\\mathcal{L}(\\theta)=\\mathbb{E}_{x\\sim p}[\\log q_{\\theta}(x)]');
    expect((request.body as { max_tokens?: number }).max_tokens).toBeGreaterThan(1500);
    // Math and tables of the answer render.
    await expect(deep.locator('.summary math').first()).toBeAttached();
    await expect(deep.locator('.summary table')).toBeVisible();
    // The key figure: the model's pick, from arXiv, with its Korean caption.
    const figure = deep.locator('figure.key-figure');
    await expect(figure.locator('img')).toHaveAttribute(
      'src',
      `https://arxiv.org/html/${SAMPLE_ID}v2/x1.png`,
    );
    await expect(figure).toContainText('리더의 전체 구조입니다');
    await expect(deep.getByRole('link', { name: 'https://github.com/example/deep-reading' })).toBeVisible();
    await expect(page.getByRole('button', { name: '손실 함수는 어떻게 정의되나요?' })).toBeVisible();

    // Cached: a reload shows it with no new request.
    await page.reload();
    await expect(
      page.locator('section.card.deep').getByRole('heading', { name: "What's New" }),
    ).toBeVisible();
    await expect(page.getByText(/저장된 결과/).first()).toBeVisible();
    expect(openai.chatRequests()).toHaveLength(1);
  });
});

test.describe('what the card panel and the digest use', () => {
  test('openReader opens the reader on the paper, and getDeepSummaries gives the digest entry', async ({
    context,
    extensionId,
    configure,
    openai,
    arxiv,
  }) => {
    const page = await readSample({ context, extensionId, configure, openai, arxiv });
    await page.getByRole('button', { name: '전문 요약', exact: true }).click();
    await expect(
      page.locator('section.card.deep').getByRole('heading', { name: "What's New" }),
    ).toBeVisible();
    const answer = await page.evaluate(
      (paperId) =>
        (
          globalThis as unknown as { chrome: typeof import('wxt/browser').browser }
        ).chrome.runtime.sendMessage({
          type: 'getDeepSummaries',
          paperIds: [paperId, '2611.00000'],
        }),
      SAMPLE_ID,
    );
    const deep = (answer as { deep: Record<string, { digest: { text: string; style: string } }> }).deep;
    expect(Object.keys(deep)).toEqual([SAMPLE_ID]);
    expect(deep[SAMPLE_ID]?.digest.style).toBe('newsletter');
    expect(deep[SAMPLE_ID]?.digest.text).toContain("- ***What's New***: LaTeXML 페이지를 읽는");

    const opened = context.waitForEvent('page');
    await page.evaluate(
      (paperId) =>
        (
          globalThis as unknown as { chrome: typeof import('wxt/browser').browser }
        ).chrome.runtime.sendMessage({
          type: 'openReader',
          paper: { id: paperId, githubRepo: 'https://github.com/example/deep-reading' },
        }),
      SAMPLE_ID,
    );
    const reader = await opened;
    await reader.waitForLoadState();
    expect(reader.url()).toBe(
      `chrome-extension://${extensionId}/reader.html?paper=${SAMPLE_ID}&github=https%3A%2F%2Fgithub.com%2Fexample%2Fdeep-reading`,
    );
    await expect(
      reader.locator('section.card.deep').getByRole('heading', { name: "What's New" }),
    ).toBeVisible();
    expect(openai.chatRequests()).toHaveLength(1);
  });
});

test.describe('questions (질문)', () => {
  test('an answer streams in, grounded in the paper, and is still there after a reload with no new request', async ({
    context,
    extensionId,
    configure,
    openai,
    arxiv,
  }) => {
    const page = await readSample({ context, extensionId, configure, openai, arxiv });
    // Three questions to start with, before any deep summary.
    for (const starter of ['한계는?', '재현하려면?', '기존 방법과 차이는?'])
      await expect(page.getByRole('button', { name: starter })).toBeVisible();
    await expect(page.getByTestId('deep-estimate')).toBeVisible();
    await page.getByRole('textbox', { name: '질문' }).fill('손실 함수는 무엇인가요?');
    await page.getByRole('button', { name: '질문하기' }).click();

    const thread = page.locator('.thread .turn');
    await expect(thread).toHaveCount(1);
    await expect(thread).toContainText('손실 함수는 무엇인가요?');
    await expect(thread).toContainText('로그 가능도의 기댓값');
    await expect(thread.locator('math').first()).toBeAttached();
    const request = openai.chatRequests()[0] as RecordedRequest;
    expect(kindOf(request)).toBe('question');
    expect(systemOf(request)).toContain('We use 8 GPUs.');
    expect(systemOf(request)).toContain('논문에 없음');

    await page.reload();
    await expect(page.locator('.thread .turn')).toContainText('로그 가능도의 기댓값');
    expect(openai.chatRequests()).toHaveLength(1);

    // A follow-up carries the conversation so far.
    await page.getByRole('textbox', { name: '질문' }).fill('더 쉽게 설명해 주세요.');
    await page.getByRole('button', { name: '질문하기' }).click();
    await expect(page.locator('.thread .turn')).toHaveCount(2);
    const followUp = messagesOf(openai.chatRequests()[1] as RecordedRequest);
    expect(followUp.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'user']);
    expect(followUp[1]?.content).toBe('손실 함수는 무엇인가요?');
  });

  test('a section is explained in Korean on demand, with Korean captions of its figures', async ({
    context,
    extensionId,
    configure,
    openai,
    arxiv,
  }) => {
    const page = await readSample({ context, extensionId, configure, openai, arxiv });
    const intro = page.locator('section.paper-section', {
      has: page.getByRole('heading', { name: '1 Introduction' }),
    });
    await intro.getByRole('button', { name: '한국어 설명' }).click();
    await expect(intro.locator('.explained')).toContainText('목적 함수');
    await expect(intro.locator('figure.paper-figure')).toContainText(
      '리더의 구조를 한눈에 보여 주는 그림입니다',
    );
    const request = openai.chatRequests()[0] as RecordedRequest;
    expect(kindOf(request)).toBe('section');
    const sent = messagesOf(request)[1]?.content ?? '';
    expect(sent).toContain('Large language models');
    expect(sent).not.toContain('We use 8 GPUs.');
  });
});

test.describe('long papers, PDFs and missing papers', () => {
  test('a paper longer than the model context is read in parts, then combined', async ({
    context,
    extensionId,
    configure,
    openai,
    arxiv,
  }) => {
    // gpt-4: an 8,192-token context in the catalogue.
    await configure({ model: 'gpt-4' });
    arxiv.serve('/html/2611.09999', { body: longPaperHtml(12, 6) });
    answerDeepPrompts(openai);
    const page = await openReader(context, extensionId, '2611.09999');
    const estimate = page.getByTestId('deep-estimate');
    await expect(estimate).toContainText('부분으로 나눠 읽은 뒤 합칩니다');
    const parts = Number(/(\d+)부분으로/.exec((await estimate.textContent()) ?? '')?.[1]);
    expect(parts).toBeGreaterThan(1);
    await page.getByRole('button', { name: '전문 요약', exact: true }).click();
    await expect(
      page.locator('section.card.deep').getByRole('heading', { name: "What's New" }),
    ).toBeVisible();

    const kinds = openai.chatRequests().map(kindOf);
    expect(kinds.filter((kind) => kind === 'notes')).toHaveLength(parts);
    expect(kinds.at(-1)).toBe('deep');
    expect(kinds).toHaveLength(parts + 1 + kinds.filter((kind) => kind === 'merge').length);
    // Every part went out, and no request held more than the context allows.
    const notes = openai.chatRequests().filter((request) => kindOf(request) === 'notes');
    const sentText = notes.map((request) => messagesOf(request)[1]?.content ?? '').join('\n');
    expect(sentText).toContain('Section 1, paragraph 1.');
    expect(sentText).toContain('Section 12, paragraph 6.');
    for (const request of openai.chatRequests()) {
      const chars = messagesOf(request).reduce((sum, m) => sum + m.content.length, 0);
      expect(chars / 4).toBeLessThan(8_192);
    }
    await expect(page.getByText(/부분으로 나눠 읽고 합쳤습니다/)).toBeVisible();
  });

  test('a paper without an HTML rendering is read from its PDF', async ({
    context,
    extensionId,
    configure,
    openai,
    arxiv,
  }) => {
    await configure();
    arxiv.serve(`/pdf/${SAMPLE_ID}`, { body: await samplePaperPdf(), contentType: 'application/pdf' });
    answerDeepPrompts(openai);
    const started = Date.now();
    const page = await openReader(context, extensionId, SAMPLE_ID);
    await expect(page.getByText('PDF에서 글자를 읽었습니다')).toBeVisible({ timeout: 20_000 });
    console.log(`PDF fallback: reader showed the PDF's text ${Date.now() - started} ms after opening`);
    await expect(page.getByRole('heading', { name: '2.1 Chunking' })).toBeVisible();
    expect(arxiv.requests).toEqual(expect.arrayContaining([`/html/${SAMPLE_ID}`, `/pdf/${SAMPLE_ID}`]));

    await page.getByRole('button', { name: '전문 요약', exact: true }).click();
    await expect(
      page.locator('section.card.deep').getByRole('heading', { name: "What's New" }),
    ).toBeVisible();
    const sent = messagesOf(openai.chatRequests()[0] as RecordedRequest)[1]?.content ?? '';
    expect(sent).toContain('We split the paper into chunks that fit the context window.');
  });

  test('a paper with neither HTML nor PDF says so in Korean, and nothing is sent', async ({
    context,
    extensionId,
    configure,
    openai,
    arxiv,
  }) => {
    await configure();
    expect(arxiv.cors).toBe(true);
    const page = await openReader(context, extensionId, '2611.07777');
    await expect(page.getByRole('alert')).toContainText('arXiv에 이 논문의 전문(HTML도 PDF도)이 없습니다');
    await expect(page.getByRole('button', { name: '전문 요약', exact: true })).toBeDisabled();
    expect(openai.chatRequests()).toHaveLength(0);
  });

  test('without the arxiv.org permission (arXiv sends no CORS headers) the reader asks for it', async ({
    context,
    extensionId,
    configure,
    arxiv,
  }) => {
    await configure();
    serveSample(arxiv);
    arxiv.cors = false;
    const page = await openReader(context, extensionId, SAMPLE_ID);
    await expect(page.getByRole('heading', { name: 'arXiv 접근 권한이 필요합니다' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'arXiv 접근 허용' })).toBeVisible();
    const optional = await page.evaluate(
      () =>
        (
          globalThis as unknown as { chrome: typeof import('wxt/browser').browser }
        ).chrome.runtime.getManifest().optional_host_permissions,
    );
    expect(optional).toEqual(expect.arrayContaining(['https://arxiv.org/html/*', 'https://arxiv.org/pdf/*']));
  });
});

test.describe('hostile content', () => {
  test('XSS payloads in the full text and in answers do nothing', async ({
    context,
    extensionId,
    configure,
    openai,
    arxiv,
  }) => {
    await configure();
    const hits: string[] = [];
    context.on('page', (page) =>
      page.on('dialog', (dialog) => {
        hits.push(dialog.message());
        void dialog.dismiss();
      }),
    );
    await context.addInitScript(() => {
      const recorded: string[] = [];
      Object.defineProperty(window, '__xssHits', { value: recorded });
      for (const name of ['alert', 'confirm', 'prompt', 'print'] as const)
        Object.defineProperty(window, name, {
          value: (...args: unknown[]) => recorded.push(`${name}(${args.join(', ')})`),
          configurable: false,
          writable: false,
        });
    });
    const evil: string[] = [];
    context.on('request', (request) => {
      if (new URL(request.url()).hostname.endsWith('evil.example')) evil.push(request.url());
    });
    arxiv.serve('/html/2611.06666', { body: hostilePaperHtml() });
    const payloads = XSS_PAYLOADS.map((p) => p.payload).join('\n\n');
    // The deep summary must still read as Korean to be kept: each payload comes with a Korean line.
    const korean = '이 줄은 공격 문자열 옆에 붙인 한국어 설명 문장이며 요약의 한국어 비율을 지킵니다.';
    const mixed = XSS_PAYLOADS.map((p) => `- ${korean} ${p.payload}`).join('\n');
    answerDeepPrompts(openai, {
      deep: SAMPLE_DEEP_SUMMARY.replace('### Technical Details', `### Technical Details\n${mixed}`),
      question: `답: ${payloads}`,
      section: `- 설명 ${payloads}`,
    });
    const page = await openReader(context, extensionId, '2611.06666');
    await expect(page.getByRole('heading', { name: /1 Payloads/ })).toBeVisible();
    await page.getByRole('button', { name: '전문 요약', exact: true }).click();
    // (A payload opens a code fence that swallows the headings after it: the end is the sign.)
    await expect(page.locator('section.card.deep').getByRole('button', { name: '다시 요약' })).toBeVisible();
    await expect(page.locator('section.card.deep .meta')).toContainText('모델:');
    await page.getByRole('textbox', { name: '질문' }).fill('<img src=x onerror=alert(1)>');
    await page.getByRole('button', { name: '질문하기' }).click();
    await expect(page.locator('.thread .turn')).toHaveCount(1);
    await page.locator('.explanation button').first().click();
    await expect(page.locator('.explained')).toHaveCount(1);
    await page.mouse.move(10, 10);
    await page.mouse.move(600, 600);

    const report = await page.evaluate(() => {
      const links = [...document.querySelectorAll('a')].map((a) => a.getAttribute('href') ?? '');
      const images = [...document.querySelectorAll('img')].map((img) => img.getAttribute('src') ?? '');
      const scripts = [...document.querySelectorAll('script')].map((s) => s.getAttribute('src') ?? 'inline');
      const handlers = [...document.querySelectorAll('*')].flatMap((element) =>
        [...element.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `${element.tagName} ${a.name}`),
      );
      return {
        hits: [...((window as unknown as { __xssHits: string[] }).__xssHits ?? [])],
        links,
        images,
        scripts,
        handlers,
        embedded: document.querySelectorAll('iframe, object, embed, form:not(.ask), base').length,
      };
    });
    expect(report.hits).toEqual([]);
    expect(hits).toEqual([]);
    expect(evil).toEqual([]);
    expect(report.handlers).toEqual([]);
    expect(report.embedded).toBe(0);
    expect(report.scripts.every((src) => /^\/chunks\/[\w-]+\.js$/.test(src))).toBe(true);
    for (const href of report.links) expect(href).toMatch(/^(https?:\/\/|#)/);
    for (const src of report.images) expect(src).toMatch(/^https:\/\/arxiv\.org\//);
  });
});
