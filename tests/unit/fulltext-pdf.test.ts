// @vitest-environment node
// PDF fallback: pdf.js reads a PDF built by pdf-lib, the layout heuristics find the paper in it.
// Node stands in for a context with no DOM (pdf.js needs none for text).
import * as pdfjs from 'unpdf/pdfjs';
import { describe, expect, it } from 'vitest';
import { fullTextFromPdf } from '../../lib/worker/fulltext/pdf-layout.ts';
import { linesOfPage, readPdfText } from '../../lib/worker/fulltext/pdf-text.ts';
import { buildPdf, samplePaperPdf } from '../fixtures/arxiv/pdf.ts';

const item = (str: string, x: number, y: number, size = 10, hasEOL = false) => ({
  str,
  transform: [size, 0, 0, size, x, y],
  width: str.length * size * 0.5,
  hasEOL,
});

describe('PDF text lines', () => {
  it('joins text runs on one baseline into a line, with spaces where the runs are apart', () => {
    const lines = linesOfPage(1, [
      item('Deep', 72, 700),
      item('reading', 100, 700),
      item('works', 72, 688, 10, true),
      item('', 0, 0),
      { type: 'beginMarkedContent' },
      item('3 Results', 72, 660, 12),
    ]);
    expect(lines).toEqual([
      { page: 1, text: 'Deep reading', fontSize: 10, y: 700 },
      { page: 1, text: 'works', fontSize: 10, y: 688 },
      { page: 1, text: '3 Results', fontSize: 12, y: 660 },
    ]);
  });

  it('reads every line of a real PDF in order, with sizes, and its link annotations', async () => {
    const text = await readPdfText(await samplePaperPdf(), pdfjs);
    expect(text.lines[0]).toEqual({ page: 1, text: 'Preprint. Under review.', fontSize: 8, y: 760 });
    expect(text.lines.find((line) => line.text === '1 Introduction')).toMatchObject({
      page: 1,
      fontSize: 12,
    });
    expect(text.lines.at(-1)).toMatchObject({ page: 2, text: '2' });
    expect(text.linkUrls).toEqual(['https://huggingface.co/datasets/example/papers']);
  });

  it('throws for bytes that are not a PDF', async () => {
    await expect(readPdfText(new TextEncoder().encode('<html>nope</html>'), pdfjs)).rejects.toThrow();
  });
});

describe('PDF → full text', () => {
  it('finds the title, abstract, numbered sections, captions and links; drops references and page furniture', async () => {
    const paper = fullTextFromPdf(await readPdfText(await samplePaperPdf(), pdfjs));
    expect(paper).toMatchObject({
      source: 'pdf',
      title: 'Reading Papers in Depth with Section-Wise Summaries',
      abstract:
        'We read whole papers, not only their abstracts. Our code is at https://github.com/example/deep-reading and it is free.',
      links: ['https://github.com/example/deep-reading', 'https://huggingface.co/datasets/example/papers'],
    });
    expect(paper?.sections.map((s) => [s.number, s.title, s.depth, s.paragraphs])).toEqual([
      [
        '1',
        'Introduction',
        1,
        [
          'Summaries of abstracts miss the method. We propose to read the full text section by section and to combine the results into one summary.',
          'Second paragraph of the introduction starts here and is long enough to wrap over two lines, with a hyphenated word across the break.',
        ],
      ],
      ['2', 'Method', 1, ['We split the paper into chunks that fit the context window.']],
      ['2.1', 'Chunking', 2, ['Each chunk holds whole sections when they fit.']],
      [
        '3',
        'Experiments',
        1,
        [
          'We summarise 100 papers and compare with abstract-only summaries.',
          'The full-text summaries are preferred in 78% of cases.',
        ],
      ],
      ['A', 'Proofs', 1, ['The appendix proves that chunks never split a paragraph.']],
    ]);
    expect(paper?.figures).toEqual([
      {
        id: '',
        number: '1',
        kind: 'figure',
        caption: 'Overview of the chunking pipeline.',
        imageUrl: null,
        sectionNumber: '2.1',
      },
      {
        id: '',
        number: '1',
        kind: 'table',
        caption: 'Human ratings of the summaries.',
        imageUrl: null,
        sectionNumber: '3',
      },
    ]);
    const everything = JSON.stringify(paper);
    for (const absent of ['Preprint. Under review.', 'Attention is all you need', 'Ada Lovelace'])
      expect(everything).not.toContain(absent);
  });

  it('does not take a numbered sentence or a number out of order for a heading', () => {
    const line = (text: string, y: number, fontSize = 10) => ({ page: 1, text, fontSize, y });
    const paper = fullTextFromPdf({
      lines: [
        line('A Title in Large Type', 720, 16),
        line('1 Introduction', 690, 12),
        line('We ran the experiment. The numbers below are what we found, and they are long enough.', 676),
        line('2 of the 10 runs failed, as the table shows in full for every one of the settings.', 664),
        line('7 Days Later', 640, 12),
        line('2 Method', 610, 12),
        line('The method is simple and we describe it here in enough words to count as a paragraph.', 596),
      ],
      linkUrls: [],
    });
    expect(paper?.sections.map((s) => s.title)).toEqual(['Introduction', 'Method']);
    expect(paper?.sections[0]?.paragraphs.join(' ')).toContain('2 of the 10 runs failed');
    expect(paper?.sections[0]?.paragraphs.join(' ')).toContain('7 Days Later');
  });

  it('says a PDF with no text (a scan) has no paper in it', async () => {
    expect(fullTextFromPdf(await readPdfText(await buildPdf([[]]), pdfjs))).toBeNull();
  });
});
