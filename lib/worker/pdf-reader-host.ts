// Where the worker's PDFs are read: pdf.js cannot be imported lazily in Chrome's service worker
// (see lib/worker/fulltext/pdf-text.ts), so it runs in an extension page that loads it on demand
// (entrypoints/pdf-reader): in Chrome an offscreen document, created for a PDF and closed when idle;
// in Firefox's MV2 background page, which has a DOM, a hidden frame of the same page. Only papers
// without an HTML rendering get here, and neither page is loaded before one does.

import {
  bytesToBase64,
  PDF_READER_PAGE,
  parseReadPdfResponse,
  type ReadPdfRequest,
} from '../shared/pdf-reader-messages.ts';
import type { PdfReader } from './fulltext/fetch.ts';

/** The offscreen document holds pdf.js (~1.6 MB of code): closed this long after its last PDF. */
const IDLE_CLOSE_MS = 60_000;

export interface PdfHostBrowser {
  runtime: {
    getURL(path: string): string;
    sendMessage(message: unknown): Promise<unknown>;
  };
  offscreen?: {
    createDocument(parameters: {
      url: string;
      reasons: 'DOM_PARSER'[];
      justification: string;
    }): Promise<void>;
    closeDocument(): Promise<void>;
    hasDocument?(): Promise<boolean>;
  };
}

/** Sends the bytes to the reader page once it is there, and checks its answer. */
async function askReader(browser: PdfHostBrowser, data: Uint8Array): Promise<Awaited<ReturnType<PdfReader>>> {
  const request: ReadPdfRequest = { type: 'readPdf', target: 'pdf-reader', base64: bytesToBase64(data) };
  const response = parseReadPdfResponse(await browser.runtime.sendMessage(request));
  if (!response.ok) throw new Error(response.detail);
  return response.text;
}

/** Chrome: an offscreen document for the PDF reader, shared by PDFs read at once, closed when idle. */
export function offscreenPdfReader(
  browser: PdfHostBrowser & Required<Pick<PdfHostBrowser, 'offscreen'>>,
): PdfReader {
  const { offscreen } = browser;
  let creating: Promise<void> | null = null;
  let busy = 0;
  let closeTimer: ReturnType<typeof setTimeout> | undefined;
  const open = async () => {
    if ((await offscreen.hasDocument?.()) === true) return;
    creating ??= offscreen
      .createDocument({
        url: browser.runtime.getURL(PDF_READER_PAGE),
        reasons: ['DOM_PARSER'],
        justification: 'Reads the text of arXiv PDFs with pdf.js, which the service worker cannot load.',
      })
      .finally(() => {
        creating = null;
      });
    await creating;
  };
  return async (data) => {
    clearTimeout(closeTimer);
    busy++;
    try {
      await open();
      return await askReader(browser, data);
    } finally {
      busy--;
      if (busy === 0)
        closeTimer = setTimeout(() => {
          if (busy === 0) void offscreen.closeDocument().catch(() => undefined);
        }, IDLE_CLOSE_MS);
    }
  };
}

/** Firefox (MV2 background page): a hidden frame of the PDF reader in the background's own document. */
function framePdfReader(browser: PdfHostBrowser, document: Document): PdfReader {
  let frame: Promise<void> | null = null;
  const open = () => {
    frame ??= new Promise<void>((resolve, reject) => {
      const element = document.createElement('iframe');
      element.hidden = true;
      element.addEventListener('load', () => resolve(), { once: true });
      element.addEventListener('error', () => reject(new Error('the PDF reader did not load')), {
        once: true,
      });
      element.src = browser.runtime.getURL(PDF_READER_PAGE);
      document.body.append(element);
    }).catch((error: unknown) => {
      frame = null;
      throw error;
    });
    return frame;
  };
  return async (data) => {
    await open();
    return askReader(browser, data);
  };
}

/** The PDF reader this browser can host, or undefined (then a paper without HTML has no full text). */
export function pdfReaderFor(browser: PdfHostBrowser): PdfReader | undefined {
  if (browser.offscreen) return offscreenPdfReader(browser as Parameters<typeof offscreenPdfReader>[0]);
  if (typeof document !== 'undefined' && document.body) return framePdfReader(browser, document);
  return undefined;
}
