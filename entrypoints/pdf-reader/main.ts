// The PDF reader page: Chrome's offscreen document, or a frame in Firefox's background page (see
// lib/worker/pdf-reader-host.ts). Answers the worker's readPdf messages with the PDF's lines and
// links; pdf.js is loaded on the first PDF, never with the page.
import { browser } from 'wxt/browser';
import {
  base64ToBytes,
  isReadPdfRequest,
  type ReadPdfResponse,
} from '../../lib/shared/pdf-reader-messages.ts';
import { readPdfText } from '../../lib/worker/fulltext/pdf-text.ts';

const extensionOrigin = browser.runtime.getURL('/');

async function read(base64: string): Promise<ReadPdfResponse> {
  try {
    const pdfjs = await import('unpdf/pdfjs');
    return { ok: true, text: await readPdfText(base64ToBytes(base64), pdfjs) };
  } catch (error) {
    return { ok: false, detail: error instanceof Error ? error.message : String(error) };
  }
}

browser.runtime.onMessage.addListener((message: unknown, sender) => {
  // Only the extension's own worker and pages: a content script (it has a tab) is never answered.
  if (!isReadPdfRequest(message) || sender.id !== browser.runtime.id || sender.tab) return undefined;
  if (!sender.url?.startsWith(extensionOrigin)) return undefined;
  return read(message.base64);
});
