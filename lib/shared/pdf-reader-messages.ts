// The message between the worker and the page that reads PDFs with pdf.js (entrypoints/pdf-reader):
// Chrome's offscreen document, or a frame in Firefox's background page. Extension messages are
// JSON in Chrome, so the PDF's bytes travel as base64.
import type { PdfText } from '../worker/fulltext/pdf-text.ts';

export const PDF_READER_PAGE = '/pdf-reader.html';

export interface ReadPdfRequest {
  type: 'readPdf';
  /** Only the PDF reader answers; every other extension page ignores it. */
  target: 'pdf-reader';
  base64: string;
}

export type ReadPdfResponse = { ok: true; text: PdfText } | { ok: false; detail: string };

export function isReadPdfRequest(message: unknown): message is ReadPdfRequest {
  if (typeof message !== 'object' || message === null) return false;
  const candidate = message as Record<string, unknown>;
  return (
    candidate.type === 'readPdf' && candidate.target === 'pdf-reader' && typeof candidate.base64 === 'string'
  );
}

export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  // String.fromCharCode takes its arguments on the stack: a few KB at a time.
  for (let i = 0; i < bytes.length; i += 0x2000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x2000));
  return btoa(binary);
}

export function base64ToBytes(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** The reader's answer as it arrives, checked for shape (it crossed a message boundary). */
export function parseReadPdfResponse(message: unknown): ReadPdfResponse {
  if (typeof message !== 'object' || message === null)
    return { ok: false, detail: 'no answer from the PDF reader' };
  const candidate = message as {
    ok?: unknown;
    text?: { lines?: unknown; linkUrls?: unknown };
    detail?: unknown;
  };
  if (
    candidate.ok === true &&
    Array.isArray(candidate.text?.lines) &&
    Array.isArray(candidate.text?.linkUrls)
  )
    return { ok: true, text: candidate.text as PdfText };
  return { ok: false, detail: typeof candidate.detail === 'string' ? candidate.detail : 'unreadable PDF' };
}
