// Gets a paper's full text from arXiv: the HTML rendering first, the PDF where there is none, and
// a failure with a kind when neither can be read. fetch and the PDF reader are injected.
import { parseArxivHtml } from './arxiv-html.ts';
import { fullTextFromPdf } from './pdf-layout.ts';
import type { PdfText } from './pdf-text.ts';
import type { FullTextAttempt, FullTextFailureKind, FullTextResult, PaperFullText } from './types.ts';

/** New-style (2401.12345) and old-style (hep-th/9901001) arXiv ids, with an optional version. */
const ARXIV_ID = /^(?:\d{4}\.\d{4,5}|[a-z-]+(?:\.[A-Z]{2})?\/\d{7})(?:v\d+)?$/;

export const arxivHtmlUrl = (arxivId: string) => `https://arxiv.org/html/${arxivId}`;
export const arxivPdfUrl = (arxivId: string) => `https://arxiv.org/pdf/${arxivId}`;

/**
 * Reads a PDF's text where pdf.js can run (see pdf-text.ts): in Firefox's background page
 * `async (data) => readPdfText(data, await import('unpdf/pdfjs'))`, in Chrome a message to the
 * offscreen document. Throws for a file pdf.js cannot read.
 */
export type PdfReader = (data: Uint8Array) => Promise<PdfText>;

export interface FetchFullTextOptions {
  /** Without one the PDF is not tried: a paper with no HTML rendering ends with the HTML's failure. */
  readPdf?: PdfReader;
  signal?: AbortSignal;
}

type Failed = { ok: false; attempt: FullTextAttempt };
type Attempted = { ok: true; fullText: PaperFullText; url: string } | Failed;

function failed(
  source: PaperFullText['source'],
  url: string,
  kind: FullTextFailureKind,
  detail: string,
  status?: number,
): Failed {
  return { ok: false, attempt: { source, url, kind, detail, ...(status === undefined ? {} : { status }) } };
}

/** 404 and 410 say there is no such document; 429 and 5xx say arXiv is busy: try again later. */
function kindOfStatus(status: number): FullTextFailureKind {
  return status === 404 || status === 410
    ? 'notFound'
    : status === 429 || status >= 500
      ? 'network'
      : 'unparseable';
}

interface Downloaded<T> {
  body: T;
  /** Where the request ended after redirects. */
  finalUrl: string;
}

/** One GET with its body read by `read`; a refused status or a broken transfer becomes a failed attempt. */
async function download<T>(
  source: PaperFullText['source'],
  url: string,
  fetchImpl: typeof fetch,
  signal: AbortSignal | undefined,
  read: (response: Response) => Promise<T>,
): Promise<Downloaded<T> | Failed> {
  try {
    const response = await fetchImpl(url, { signal, redirect: 'follow', credentials: 'omit' });
    if (!response.ok)
      return failed(source, url, kindOfStatus(response.status), `HTTP ${response.status}`, response.status);
    return { body: await read(response), finalUrl: response.url || url };
  } catch (error) {
    if (signal?.aborted) return failed(source, url, 'aborted', 'aborted by the caller');
    return failed(source, url, 'network', error instanceof Error ? error.message : String(error));
  }
}

async function fromHtml(arxivId: string, fetchImpl: typeof fetch, signal?: AbortSignal): Promise<Attempted> {
  const url = arxivHtmlUrl(arxivId);
  const page = await download('arxiv-html', url, fetchImpl, signal, (response) => response.text());
  if ('ok' in page) return page;
  // arXiv answers some papers without HTML by redirecting to the abstract page.
  if (!/\/html\//.test(new URL(page.finalUrl).pathname))
    return failed('arxiv-html', url, 'notFound', `redirected to ${page.finalUrl}`);
  const fullText = parseArxivHtml(page.body, page.finalUrl);
  return fullText
    ? { ok: true, fullText, url: page.finalUrl }
    : failed('arxiv-html', url, 'unparseable', 'no LaTeXML document with text in the page');
}

async function fromPdf(
  arxivId: string,
  fetchImpl: typeof fetch,
  readPdf: PdfReader,
  signal: AbortSignal | undefined,
): Promise<Attempted> {
  const url = arxivPdfUrl(arxivId);
  const file = await download(
    'pdf',
    url,
    fetchImpl,
    signal,
    async (response) => new Uint8Array(await response.arrayBuffer()),
  );
  if ('ok' in file) return file;
  if (!/^%PDF-/.test(new TextDecoder().decode(file.body.subarray(0, 5))))
    return failed('pdf', url, 'unparseable', 'not a PDF');
  try {
    const fullText = fullTextFromPdf(await readPdf(file.body));
    return fullText
      ? { ok: true, fullText, url: file.finalUrl }
      : failed('pdf', url, 'unparseable', 'no text in the PDF');
  } catch (error) {
    return failed('pdf', url, 'unparseable', error instanceof Error ? error.message : String(error));
  }
}

/** A network failure anywhere may go away on a retry, so it wins; notFound only when arXiv had nothing. */
function overallKind(attempts: FullTextAttempt[]): FullTextFailureKind {
  const kinds = ['aborted', 'network', 'unparseable'] as const;
  return kinds.find((kind) => attempts.some((attempt) => attempt.kind === kind)) ?? 'notFound';
}

/**
 * The full text of an arXiv paper: https://arxiv.org/html/<id> (LaTeXML) when it exists and has
 * text, else https://arxiv.org/pdf/<id> through `readPdf`, else a failure with a kind and every
 * attempt (for logs). `fetchImpl` is the global fetch in the extension and a fixture server in tests.
 */
export async function fetchFullText(
  arxivId: string,
  fetchImpl: typeof fetch,
  options: FetchFullTextOptions = {},
): Promise<FullTextResult> {
  if (!ARXIV_ID.test(arxivId)) {
    return {
      ok: false,
      kind: 'notFound',
      attempts: [{ source: 'arxiv-html', url: '', kind: 'notFound', detail: `not an arXiv id: ${arxivId}` }],
    };
  }
  const attempts: FullTextAttempt[] = [];
  const html = await fromHtml(arxivId, fetchImpl, options.signal);
  if (html.ok) return html;
  attempts.push(html.attempt);
  if (html.attempt.kind === 'aborted' || !options.readPdf)
    return { ok: false, kind: html.attempt.kind, attempts };
  const pdf = await fromPdf(arxivId, fetchImpl, options.readPdf, options.signal);
  if (pdf.ok) return pdf;
  attempts.push(pdf.attempt);
  return { ok: false, kind: overallKind(attempts), attempts };
}
