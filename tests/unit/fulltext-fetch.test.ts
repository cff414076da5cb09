// @vitest-environment node
// Getting a paper's full text from arXiv: HTML first, PDF after, and failures with a kind.
import * as pdfjs from 'unpdf/pdfjs';
import { describe, expect, it } from 'vitest';
import { arxivHtmlUrl, arxivPdfUrl, fetchFullText, type PdfReader } from '../../lib/worker/fulltext/fetch.ts';
import { readPdfText } from '../../lib/worker/fulltext/pdf-text.ts';
import { fixtureFetch } from '../fixtures/arxiv/fetch.ts';
import { SAMPLE_ID, samplePaperHtml } from '../fixtures/arxiv/papers.ts';
import { samplePaperPdf } from '../fixtures/arxiv/pdf.ts';

const HTML = arxivHtmlUrl(SAMPLE_ID);
const PDF = arxivPdfUrl(SAMPLE_ID);
const readPdf: PdfReader = (data) => readPdfText(data, pdfjs);
const pdfReply = async () => ({ status: 200, body: await samplePaperPdf(), contentType: 'application/pdf' });

describe('fetchFullText', () => {
  it('reads the HTML rendering when arXiv has one, and never asks for the PDF', async () => {
    const server = fixtureFetch({
      [HTML]: { status: 200, body: samplePaperHtml(), redirectedTo: `${HTML}v2` },
    });
    const result = await fetchFullText(SAMPLE_ID, server.fetch, { readPdf });
    expect(result.ok && result.fullText.source).toBe('arxiv-html');
    expect(result.ok && result.url).toBe(`${HTML}v2`);
    expect(result.ok && result.fullText.figures[0]?.imageUrl).toBe(
      'https://arxiv.org/html/2611.01234v2/x1.png',
    );
    expect(server.requested.map((r) => r.url)).toEqual([HTML]);
    expect(server.requested[0]?.init).toMatchObject({ credentials: 'omit' });
  });

  it('falls back to the PDF when there is no HTML rendering', async () => {
    const server = fixtureFetch({ [PDF]: await pdfReply() });
    const result = await fetchFullText(SAMPLE_ID, server.fetch, { readPdf });
    expect(result.ok && result.fullText.source).toBe('pdf');
    expect(result.ok && result.fullText.sections.map((s) => s.number)).toEqual(['1', '2', '2.1', '3', 'A']);
    expect(server.requested.map((r) => r.url)).toEqual([HTML, PDF]);
  });

  it('falls back to the PDF when arXiv redirects to the abstract page or serves a page with no paper', async () => {
    for (const html of [
      { status: 200, body: '<html>abstract page</html>', redirectedTo: `https://arxiv.org/abs/${SAMPLE_ID}` },
      { status: 200, body: '<html><body><h1>No HTML for this paper</h1></body></html>' },
    ]) {
      const result = await fetchFullText(
        SAMPLE_ID,
        fixtureFetch({ [HTML]: html, [PDF]: await pdfReply() }).fetch,
        { readPdf },
      );
      expect(result.ok && result.fullText.source).toBe('pdf');
    }
  });

  it('says notFound when arXiv has neither', async () => {
    const result = await fetchFullText(SAMPLE_ID, fixtureFetch({}).fetch, { readPdf });
    expect(result).toEqual({
      ok: false,
      kind: 'notFound',
      attempts: [
        { source: 'arxiv-html', url: HTML, kind: 'notFound', status: 404, detail: 'HTTP 404' },
        { source: 'pdf', url: PDF, kind: 'notFound', status: 404, detail: 'HTTP 404' },
      ],
    });
  });

  it('says network when a request fails or arXiv is busy, so the caller can try again', async () => {
    const offline = await fetchFullText(
      SAMPLE_ID,
      fixtureFetch({ [HTML]: 'network-error', [PDF]: 'network-error' }).fetch,
      { readPdf },
    );
    expect(offline).toMatchObject({ ok: false, kind: 'network' });
    const busy = await fetchFullText(SAMPLE_ID, fixtureFetch({ [HTML]: { status: 503 } }).fetch, { readPdf });
    expect(busy).toMatchObject({ ok: false, kind: 'network', attempts: [{ status: 503 }, { status: 404 }] });
    const limited = await fetchFullText(
      SAMPLE_ID,
      fixtureFetch({ [HTML]: { status: 429 }, [PDF]: { status: 429 } }).fetch,
      { readPdf },
    );
    expect(limited).toMatchObject({ ok: false, kind: 'network' });
  });

  it('says unparseable when the PDF is not a PDF or pdf.js cannot read it', async () => {
    const notPdf = await fetchFullText(
      SAMPLE_ID,
      fixtureFetch({ [PDF]: { status: 200, body: '<html>captcha</html>' } }).fetch,
      { readPdf },
    );
    expect(notPdf).toMatchObject({
      ok: false,
      kind: 'unparseable',
      attempts: [{ kind: 'notFound' }, { detail: 'not a PDF' }],
    });
    const damaged = await fetchFullText(
      SAMPLE_ID,
      fixtureFetch({ [PDF]: { status: 200, body: new TextEncoder().encode('%PDF-1.7\nbroken') } }).fetch,
      { readPdf },
    );
    expect(damaged).toMatchObject({ ok: false, kind: 'unparseable' });
    const scanned = await fetchFullText(SAMPLE_ID, fixtureFetch({ [PDF]: await pdfReply() }).fetch, {
      readPdf: async () => ({ lines: [], linkUrls: [] }),
    });
    expect(scanned).toMatchObject({
      ok: false,
      kind: 'unparseable',
      attempts: [{}, { detail: 'no text in the PDF' }],
    });
  });

  it('does not try the PDF where no PDF reader was given', async () => {
    const server = fixtureFetch({ [PDF]: await pdfReply() });
    const result = await fetchFullText(SAMPLE_ID, server.fetch);
    expect(result).toMatchObject({ ok: false, kind: 'notFound' });
    expect(server.requested.map((r) => r.url)).toEqual([HTML]);
  });

  it('asks nothing for an id that is not an arXiv id', async () => {
    const server = fixtureFetch({});
    for (const id of ['../../etc/passwd', 'https://evil.example/x', '2611.1', '']) {
      expect(await fetchFullText(id, server.fetch, { readPdf })).toMatchObject({
        ok: false,
        kind: 'notFound',
      });
    }
    expect(server.requested).toEqual([]);
    expect((await fetchFullText('hep-th/9901001v2', server.fetch)).ok).toBe(false);
    expect(server.requested.map((r) => r.url)).toEqual(['https://arxiv.org/html/hep-th/9901001v2']);
  });

  it('stops when the caller aborts', async () => {
    const controller = new AbortController();
    controller.abort();
    const server = fixtureFetch({ [HTML]: { status: 200, body: samplePaperHtml() } });
    expect(
      await fetchFullText(SAMPLE_ID, server.fetch, { readPdf, signal: controller.signal }),
    ).toMatchObject({
      ok: false,
      kind: 'aborted',
    });
    expect(server.requested).toHaveLength(1);
  });
});
