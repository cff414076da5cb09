// Reading arXiv's HTML (LaTeXML) into sections, paragraphs with TeX, floats and links.
import { describe, expect, it } from 'vitest';
import { parseArxivHtml } from '../../lib/worker/fulltext/arxiv-html.ts';
import type { PaperFullText } from '../../lib/worker/fulltext/types.ts';
import { summaryMarkdownToHtml } from '../../lib/worker/summary/markdown.ts';
import { arxivHtmlPage, figure, para } from '../fixtures/arxiv/latexml.ts';
import { hostilePaperHtml, SAMPLE_ID, samplePaperHtml } from '../fixtures/arxiv/papers.ts';
import { XSS_PAYLOADS } from '../fixtures/xss-payloads.ts';

const PAGE_URL = `https://arxiv.org/html/${SAMPLE_ID}`;

function sample(): PaperFullText {
  const paper = parseArxivHtml(samplePaperHtml(), PAGE_URL);
  if (!paper) throw new Error('the sample paper did not parse');
  return paper;
}

const sectionTitled = (paper: PaperFullText, title: string) => paper.sections.find((s) => s.title === title);

describe('arXiv HTML → full text', () => {
  it('reads the title with its math, the abstract, and the version from the page', () => {
    const paper = sample();
    expect(paper.source).toBe('arxiv-html');
    expect(paper.title).toBe('Deep Reading with $\\pi^{*}$-Policies');
    expect(paper.abstract).toBe(
      'We study policies $\\pi^{*}$ that minimise $\\mathcal{L}_{\\text{KL}}$. Code is at https://github.com/example/deep-reading.',
    );
    expect(paper.version).toBe('v2');
  });

  it('lists sections in order with their numbers, titles and depths, appendix included', () => {
    expect(sample().sections.map((s) => [s.id, s.number, s.title, s.depth])).toEqual([
      ['S1', '1', 'Introduction', 1],
      ['S2', '2', 'Method', 1],
      ['S2.SS1', '2.1', 'Policy Optimisation', 2],
      ['S2.SS1.SSS1', '2.1.1', 'Variance', 3],
      ['S3', '3', 'Experiments', 1],
      ['S3.SS0.SSS0.Px1', '', 'Setup', 4],
      ['Sx1', '', 'Acknowledgements', 1],
      ['A1', 'A', 'Proofs', 1],
      ['A1.SS1', 'A.1', 'Lemmas', 2],
    ]);
  });

  it('keeps inline math as $…$ from alttext, never the MathML characters, and escapes literal dollars', () => {
    const intro = sectionTitled(sample(), 'Introduction');
    expect(intro?.paragraphs[0]).toBe(
      'Large language models [Vaswani et al., 2017] read papers. Training costs \\$5 per run.\n' +
        'Footnote 1: Our code: https://github.com/example/deep-reading and data at https://huggingface.co/datasets/example/papers.',
    );
    expect(intro?.paragraphs[1]).toBe(
      'We contribute:\n- a reader for LaTeXML pages;\n- a loss $\\mathcal{L}$ that works.',
    );
  });

  it('writes display equations as $$…$$ with their numbers, one line per aligned row', () => {
    const paper = sample();
    expect(sectionTitled(paper, 'Method')?.paragraphs).toEqual([
      'We define the objective over $\\theta$:\n$$\\mathcal{L}(\\theta)=\\mathbb{E}_{x\\sim p}[\\log q_{\\theta}(x)]$$ (1)\nwhich we minimise.',
    ]);
    expect(sectionTitled(paper, 'Policy Optimisation')?.paragraphs).toEqual([
      'The update is\n$$\\displaystyle \\pi_{t+1} \\displaystyle =\\arg\\max_{\\pi}J(\\pi)$$ (2)\n$$\\displaystyle J(\\pi) \\displaystyle =\\sum_{t}\\gamma^{t}r_{t}$$ (3)',
      'Theorem 1. The update converges when $\\gamma<1$.',
    ]);
  });

  it('gives text whose TeX renders as MathML when quoted in a summary, and whose dollars stay dollars', () => {
    const [first] = sectionTitled(sample(), 'Introduction')?.paragraphs ?? [];
    const method = sectionTitled(sample(), 'Method')?.paragraphs[0] ?? '';
    expect(summaryMarkdownToHtml(first ?? '')).toContain('Training costs $5 per run.');
    const html = summaryMarkdownToHtml(method);
    expect(html.match(/<math[ >]/g)).toHaveLength(2);
    expect(html).toContain('<math display="block">');
  });

  it('lists figures and tables with numbers, captions, absolute image URLs and their section', () => {
    expect(sample().figures).toEqual([
      {
        id: 'S1.F1',
        number: '1',
        kind: 'figure',
        caption: 'Overview of the reader. Inputs $x_{i}$ flow left to right.',
        imageUrl: 'https://arxiv.org/html/2611.01234v2/x1.png',
        sectionNumber: '1',
      },
      {
        id: 'S3.T1',
        number: '1',
        kind: 'table',
        caption: 'Accuracy on $\\mathcal{D}_{\\text{test}}$.',
        imageUrl: null,
        sectionNumber: '3',
        rows: [
          ['Model', 'Acc.'],
          ['Baseline', '71.2'],
          ['Ours', '78.9'],
        ],
      },
      {
        id: 'S3.F2',
        number: '2',
        kind: 'figure',
        caption: 'Two views of the sweep.',
        imageUrl: 'https://arxiv.org/html/2611.01234v2/x2a.png',
        sectionNumber: '3',
      },
      {
        id: 'S3.F3',
        number: '3',
        kind: 'figure',
        caption: 'A TikZ diagram with no raster image.',
        imageUrl: null,
        sectionNumber: '3',
      },
    ]);
  });

  it('resolves image paths against the page address when the page has no <base>', () => {
    const html = arxivHtmlPage({
      arxivId: '2611.05555',
      version: 'v3',
      noBase: true,
      title: 'No base',
      authors: [],
      abstract: 'a',
      sections: [
        {
          id: 'S1',
          number: '1',
          title: 'One',
          blocks: [
            para('S1.p1', 'text'),
            figure({ id: 'S1.F1', number: '1', caption: 'c', src: '2611.05555v3/x1.png' }),
          ],
        },
      ],
    });
    const paper = parseArxivHtml(html, 'https://arxiv.org/html/2611.05555v3');
    expect(paper?.figures[0]?.imageUrl).toBe('https://arxiv.org/html/2611.05555v3/x1.png');
    expect(paper?.version).toBe('v3');
  });

  it('drops the bibliography, the table of contents, the page chrome and the author list', () => {
    const text = JSON.stringify(sample());
    for (const absent of [
      'Attention is all you need',
      'bib-only',
      'experimental HTML',
      'LaTeXML_logo',
      'Ada Lovelace',
      '[1]',
    ])
      expect(text).not.toContain(absent);
  });

  it('collects code and data links from the text and footnotes, once each, not from the bibliography', () => {
    expect(sample().links).toEqual([
      'https://github.com/example/deep-reading',
      'https://huggingface.co/datasets/example/papers',
    ]);
  });

  it('says a page that is not LaTeXML output has no paper in it', () => {
    expect(parseArxivHtml('<html><body><h1>No HTML for this paper</h1></body></html>', PAGE_URL)).toBeNull();
    expect(parseArxivHtml('<article class="ltx_document"></article>', PAGE_URL)).toBeNull();
    expect(parseArxivHtml('', PAGE_URL)).toBeNull();
  });

  it('keeps hostile content as plain text and refuses images off arXiv or not over http(s)', () => {
    const paper = parseArxivHtml(hostilePaperHtml(), 'https://arxiv.org/html/2611.06666');
    if (!paper) throw new Error('the hostile paper did not parse');
    const paragraphs = paper.sections.flatMap((s) => s.paragraphs);
    expect(paragraphs).toHaveLength(XSS_PAYLOADS.length);
    // The payload comes back as the very text the author wrote (dollars escaped), and again as TeX.
    for (const [i, { payload }] of XSS_PAYLOADS.entries()) {
      const textPart = payload.replace(/\s+/g, ' ').trim().replace(/\$/g, '\\$');
      expect(paragraphs[i]).toContain(`Payload ${i + 1}: ${textPart}`);
    }
    expect(paper.title).toBe(`Hostile ${XSS_PAYLOADS[0]?.payload}`);
    expect(paper.figures.map((f) => f.imageUrl)).toEqual([null, null, null]);
    expect(paper.links.every((link) => link.startsWith('https://'))).toBe(true);
  });
});
