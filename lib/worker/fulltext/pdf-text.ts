// Text lines out of a PDF with pdf.js, for the fallback when arXiv has no HTML rendering.
//
// Where this runs. pdf.js comes from unpdf 1.8.1 (`unpdf/pdfjs`: pdf.js 6.1 built to run without a
// Worker or a DOM, one file: 1.61 MB min, 487 KB gzip). pdfjs-dist itself (6.5: pdf.mjs 154.8 KB +
// pdf.worker.mjs 400.4 KB gzip) could not be locked here: its optional @napi-rs/canvas platform
// packages are missing from the registry this project installs from, so `npm ci` refused the lock.
// Not in Chrome's service worker: it may not import() anything lazily, so the ~490 KB would have to
// be bundled into the worker's one file and parsed on every worker start, for a rare fallback. The
// code itself needs no DOM (the tests run it in Node), so it can run:
//   Chrome: in an offscreen document (chrome.offscreen, reason WORKERS or DOM_PARSER; an extension
//     page) that does `await import('unpdf/pdfjs')`; the service worker sends it the PDF's bytes.
//   Firefox (MV2 background page): `await import('unpdf/pdfjs')` right there (a lazy chunk).
// This module never imports pdf.js itself: the caller passes the loaded module, so nothing here
// pulls pdf.js into a bundle that imports this file. The layout heuristics that turn lines into
// sections are pure and live in pdf-layout.ts, where the worker can run them.
import type * as Pdfjs from 'unpdf/pdfjs';

/** One line of text as printed: a structured-clone-friendly value, so it can cross a message port. */
export interface PdfTextLine {
  /** 1-based page number. */
  page: number;
  text: string;
  /** Font size in points (the line's largest). */
  fontSize: number;
  /** Baseline height from the bottom of the page, in points. */
  y: number;
}

export interface PdfText {
  lines: PdfTextLine[];
  /** Addresses of the PDF's link annotations, in page order. */
  linkUrls: string[];
}

type PdfjsModule = Pick<typeof Pdfjs, 'getDocument'>;

interface PositionedText {
  str: string;
  transform: number[];
  width: number;
  hasEOL: boolean;
}

function isPositionedText(item: unknown): item is PositionedText {
  return typeof item === 'object' && item !== null && 'str' in item && 'transform' in item;
}

/** Joins pdf.js's text runs into lines in content order (which keeps two-column papers column by column). */
export function linesOfPage(page: number, items: readonly unknown[]): PdfTextLine[] {
  const lines: PdfTextLine[] = [];
  let current: PdfTextLine | null = null;
  let lastEnd = 0;
  let breakAfter = false;
  for (const item of items) {
    if (!isPositionedText(item)) continue;
    const [, , c = 0, d = 0, x = 0, y = 0] = item.transform;
    const size = Math.round(Math.hypot(c, d) * 10) / 10;
    const sameLine = current !== null && !breakAfter && Math.abs(current.y - y) <= Math.max(size, 1) * 0.4;
    if (item.str.trim() !== '' || sameLine) {
      if (current && sameLine) {
        const gap = x - lastEnd;
        const needsSpace = gap > size * 0.15 && !current.text.endsWith(' ') && !item.str.startsWith(' ');
        current.text += (needsSpace ? ' ' : '') + item.str;
        current.fontSize = Math.max(current.fontSize, size);
      } else if (item.str.trim() !== '') {
        current = { page, text: item.str, fontSize: size, y: Math.round(y * 10) / 10 };
        lines.push(current);
      }
      lastEnd = x + item.width;
    }
    breakAfter = item.hasEOL;
  }
  return lines
    .map((line) => ({ ...line, text: line.text.replace(/\s+/g, ' ').trim() }))
    .filter((line) => line.text !== '');
}

/**
 * Every line of text in the PDF, page by page, and its link annotations. Throws what pdf.js throws
 * for a file that is not a PDF (InvalidPDFException) or is damaged: the caller maps it to
 * `unparseable`.
 */
export async function readPdfText(data: Uint8Array, pdfjs: PdfjsModule): Promise<PdfText> {
  const task = pdfjs.getDocument({
    // pdf.js takes ownership of (detaches) the buffer it is given.
    data: data.slice(),
    disableFontFace: true,
    useSystemFonts: false,
    stopAtErrors: false,
    verbosity: 0,
  });
  const document = await task.promise;
  try {
    const lines: PdfTextLine[] = [];
    const linkUrls: string[] = [];
    for (let n = 1; n <= document.numPages; n++) {
      const page = await document.getPage(n);
      const content = await page.getTextContent();
      lines.push(...linesOfPage(n, content.items));
      for (const annotation of await page.getAnnotations({ intent: 'display' })) {
        const url: unknown = (annotation as { url?: unknown }).url;
        if (typeof url === 'string') linkUrls.push(url);
      }
      page.cleanup();
    }
    return { lines, linkUrls };
  } finally {
    await task.destroy();
  }
}
