// Text lines out of a PDF with pdf.js, for the fallback when arXiv has no HTML rendering.
//
// Where this runs. Not in Chrome's service worker: pdf.js 6.5 is 154.8 KB gzip (pdf.mjs) plus
// 400.4 KB (pdf.worker.mjs); a service worker may not import() anything lazily, and cannot start a
// Worker of its own, so pdf.js would have to be bundled whole into the worker's one file (~555 KB
// gzip, parsed on every worker start) and run on its thread as a "fake worker". It needs no DOM for
// text (Node runs it in the tests), so the code would work there, but the price is wrong for a
// fallback. Instead:
//   Chrome: an offscreen document (chrome.offscreen, reason WORKERS; an extension page) loads pdf.js
//     with import() and gives it a real Worker; the service worker sends it the PDF's bytes.
//   Firefox (MV2 background page): import() and Worker are available; call readPdfText there.
// This module never imports pdf.js itself: the caller passes the loaded module, so nothing here
// pulls pdf.js into a bundle that imports this file. The layout heuristics that turn lines into
// sections are pure and live in pdf-layout.ts, where the worker can run them.
import type * as Pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';

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
