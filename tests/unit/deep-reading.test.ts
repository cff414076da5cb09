import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type Settings } from '../../lib/shared/settings.ts';
import { buildPaperView } from '../../lib/worker/deep/paper-view.ts';
import {
  budgetFor,
  codeLinks,
  DEFAULT_CONTEXT_TOKENS,
  estimateDeepReading,
  planDeepReading,
  questionContext,
  questionTerms,
  sectionGroup,
  sectionPromptInput,
  textVersionOf,
} from '../../lib/worker/deep/reading.ts';
import { fullTextError } from '../../lib/worker/full-text-library.ts';
import type { FullTextFailureKind, FullTextResult } from '../../lib/worker/fulltext/types.ts';
import { fullTextOf, longPaperHtml, samplePaperHtml } from '../fixtures/arxiv/papers.ts';

const sample = fullTextOf(samplePaperHtml(), 'https://arxiv.org/html/2611.01234v2');
const long = fullTextOf(longPaperHtml(40, 8), 'https://arxiv.org/html/2611.09999v1');
const settings = (over: Partial<Settings> = {}): Settings => ({
  ...DEFAULT_SETTINGS,
  apiKey: 'sk-x',
  ...over,
});

describe('the reading plan and its estimate', () => {
  it('reads a paper that fits in one request, and says what it costs before anything is sent', () => {
    const estimate = estimateDeepReading(sample, settings({ model: 'gpt-4o-mini' }), []);
    expect(estimate).toMatchObject({
      chunks: 1,
      requests: 1,
      source: 'arxiv-html',
      textVersion: 'html-v2',
      model: 'gpt-4o-mini',
    });
    expect(estimate.tokens).toBe(estimate.inputTokens + estimate.outputTokens);
    expect(estimate.inputTokens).toBeGreaterThan(estimate.textTokens);
    // gpt-4o-mini: $0.15 in, $0.60 out per million tokens.
    expect(estimate.cost).toBeCloseTo((estimate.inputTokens * 0.15 + estimate.outputTokens * 0.6) / 1e6, 10);
    expect(estimateDeepReading(sample, settings({ model: 'my-local-model' }), []).cost).toBeNull();
  });

  it('reads a paper longer than the model context in parts, then combines them: parts + 1 requests', () => {
    const small = settings({ model: 'gpt-4' }); // 8,192 tokens of context in the catalogue
    const plan = planDeepReading(long, small, []);
    expect(plan.whole).toBeNull();
    expect(plan.chunks.length).toBeGreaterThan(3);
    const estimate = estimateDeepReading(long, small, []);
    expect(estimate.chunks).toBe(plan.chunks.length);
    const combines = plan.combineRounds.reduce((sum, round) => sum + round.length, 0);
    expect(estimate.requests).toBe(plan.chunks.length + combines);
    for (const chunk of plan.chunks)
      expect(chunk.tokens).toBeLessThan(8_192 - budgetFor(small, 4_000).answerTokens);
    // The same paper fits a 1M-token model whole.
    expect(planDeepReading(long, settings({ model: 'gpt-4.1-mini' }), []).whole).not.toBeNull();
  });

  it('gives deep answers more room than a summary, and thinking models their thinking on top', () => {
    expect(budgetFor(settings({ model: 'gpt-4o-mini' }), 4_000).answerTokens).toBe(4_000);
    expect(budgetFor(settings({ model: 'gpt-5-mini' }), 4_000).answerTokens).toBeGreaterThan(4_000);
    expect(budgetFor(settings({ model: 'some-unknown-model' }), 4_000).contextTokens).toBe(
      DEFAULT_CONTEXT_TOKENS,
    );
  });

  it('names the text version by source and arXiv version', () => {
    expect(textVersionOf(sample)).toBe('html-v2');
    expect(textVersionOf({ ...sample, source: 'pdf', version: undefined })).toBe('pdf');
  });
});

describe('sections and questions', () => {
  it('explains a top-level section with its subsections and their figures', () => {
    const group = sectionGroup(sample, 'S2');
    expect(group?.sections.map((s) => s.number)).toEqual(['2', '2.1', '2.1.1']);
    expect(group?.label).toBe('§2 Method');
    expect(sectionGroup(sample, 'S2.SS1')).toBeNull();
    const experiments = sectionGroup(sample, 'S3');
    expect(experiments?.figures.map((f) => `${f.kind} ${f.number}`)).toEqual([
      'table 1',
      'figure 2',
      'figure 3',
    ]);
    const input = sectionPromptInput(sample, experiments as NonNullable<typeof experiments>, settings());
    expect(input.text).toContain('We use 8 GPUs.');
    expect(input.text).not.toContain('Variance shrinks');
  });

  it('sends the whole paper with a question when it fits', () => {
    expect(questionContext(sample, '한계는?', settings(), [])).toMatchObject({ partial: false });
  });

  it('for a long paper, sends the abstract and the sections that mention the question most', () => {
    const variant = {
      ...long,
      sections: long.sections.map((section) =>
        section.number === '37'
          ? { ...section, paragraphs: [...section.paragraphs, 'Limitations: the tokenizer fails on Hangul.'] }
          : section,
      ),
    };
    const { context, partial } = questionContext(
      variant,
      '한계는? tokenizer',
      settings({ model: 'gpt-4' }),
      [],
    );
    expect(partial).toBe(true);
    expect(context).toContain('This paper is long.');
    expect(context).toContain('the tokenizer fails on Hangul');
    expect(context).not.toContain('Section 20, paragraph 1.');
    expect(questionTerms('재현하려면 LoRA rank는?')).toEqual(
      expect.arrayContaining(['lora', 'rank', 'code', 'github']),
    );
  });

  it('lists code links from Hugging Face first, then from the paper, once each and checked', () => {
    const links = codeLinks(sample, {
      githubRepo: 'https://github.com/example/deep-reading/',
      projectPage: 'javascript:alert(1)',
    });
    expect(links[0]).toEqual({ url: 'https://github.com/example/deep-reading/', from: 'github' });
    expect(links.filter((link) => link.url.includes('deep-reading'))).toHaveLength(1);
    expect(links).toContainEqual({ url: 'https://huggingface.co/datasets/example/papers', from: 'paper' });
    expect(links.some((link) => link.url.startsWith('javascript'))).toBe(false);
  });
});

describe('the reader view of a paper', () => {
  const view = buildPaperView('2611.01234', sample, 'https://arxiv.org/html/2611.01234v2', []);

  it('renders TeX as MathML and tables as <table>, figures only from arxiv.org', () => {
    const method = view.sections.find((section) => section.key === 'S2');
    expect(method?.html).toContain('<math');
    expect(method?.html).not.toContain('$$');
    const table = view.figures.find((figure) => figure.kind === 'table');
    expect(table?.tableHtml).toMatch(/^<table><thead><tr><th>Model<\/th>/);
    expect(table?.sectionKey).toBe('S3');
    expect(view.figures.find((figure) => figure.key === 'S1.F1')?.imageUrl).toBe(
      'https://arxiv.org/html/2611.01234v2/x1.png',
    );
    expect(view.sections.filter((section) => section.explainable).map((section) => section.key)).toEqual([
      'S1',
      'S2',
      'S3',
      'Sx1',
      'A1',
    ]);
  });

  it('keeps the text as text: nothing in a paper becomes markup', () => {
    const hostile = buildPaperView(
      '2611.06666',
      {
        ...sample,
        sections: [
          {
            id: 'S1',
            number: '1',
            title: 'X',
            depth: 1,
            paragraphs: ['<img src=x onerror=alert(1)> **bold** costs \\$5'],
          },
        ],
      },
      'https://arxiv.org/html/2611.06666',
      [],
    );
    expect(hostile.sections[0]?.html).toBe('<p>&lt;img src=x onerror=alert(1)&gt; **bold** costs $5</p>');
  });
});

describe('why there is no full text', () => {
  const failure = (kind: FullTextFailureKind): Extract<FullTextResult, { ok: false }> => ({
    ok: false,
    kind,
    attempts: [{ source: 'arxiv-html', url: 'u', kind, detail: 'd' }],
  });

  it('is the missing permission when arXiv could not be read without it, the network otherwise', () => {
    expect(fullTextError(failure('network'), false).kind).toBe('arxivPermission');
    expect(fullTextError(failure('network'), true).kind).toBe('fullTextNetwork');
    expect(fullTextError(failure('notFound'), false).kind).toBe('fullTextMissing');
    expect(fullTextError(failure('unparseable'), true).kind).toBe('fullTextUnreadable');
  });
});
