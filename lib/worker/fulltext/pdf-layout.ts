// Turns a PDF's text lines into a PaperFullText by heuristics: the largest type on page 1 is the
// title, "Abstract" starts the abstract, numbered lines that look like headings start sections, the
// references are dropped (an appendix after them is kept). Pure; runs in the worker.
// What a PDF cannot give: TeX (formulas come out as their printed characters), image URLs, and
// headings that are not numbered and not one of the usual unnumbered names.
import { addLinks, codeOrDataLink, codeOrDataLinksInText } from './links.ts';
import type { PdfText, PdfTextLine } from './pdf-text.ts';
import type { FullTextFigure, FullTextSection, PaperFullText } from './types.ts';

interface Heading {
  number: string;
  title: string;
  depth: number;
}

const UNNUMBERED_HEADINGS =
  /^(references|bibliography|acknowledge?ments?|appendix|appendices|conclusions?|limitations|broader impacts?|ethics statement|related work|introduction)$/i;
const REFERENCES = /^(references|bibliography)$/i;
const ABSTRACT = /^abstract\b[\s.:—–-]*(.*)$/i;
const NUMBERED = /^(\d{1,2}(?:\.\d{1,2}){0,3})\.?\s+(\p{Lu}.{0,90})$/u;
const LETTERED = /^(?:Appendix\s+)?([A-H](?:\.\d{1,2}){0,2})[.:]?\s+(\p{Lu}.{0,90})$/u;
const CAPTION = /^(Figure|Fig\.|Table)\s*([A-Z]?\d+(?:\.\d+)?)\s*[:.|]\s*(.*)$/;

/** The body text size: the size most characters are set in. */
function bodyFontSize(lines: PdfTextLine[]): number {
  const weight = new Map<number, number>();
  for (const line of lines) weight.set(line.fontSize, (weight.get(line.fontSize) ?? 0) + line.text.length);
  return [...weight.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 10;
}

/** Page numbers, and running headers or footers repeated on most pages. */
function withoutPageFurniture(lines: PdfTextLine[]): PdfTextLine[] {
  const pages = new Set(lines.map((line) => line.page)).size;
  const pagesWith = new Map<string, Set<number>>();
  for (const line of lines) {
    const seen = pagesWith.get(line.text) ?? new Set<number>();
    seen.add(line.page);
    pagesWith.set(line.text, seen);
  }
  return lines.filter((line) => {
    if (/^(?:page\s*)?\d{1,4}(?:\s*(?:of|\/)\s*\d{1,4})?$/i.test(line.text)) return false;
    const repeated = pagesWith.get(line.text)?.size ?? 0;
    return pages < 2 || repeated < Math.max(2, pages / 2);
  });
}

/** The usual gap between consecutive baselines of body text: more than this apart starts a paragraph. */
function usualLineGap(lines: PdfTextLine[], bodySize: number): number {
  const gaps: number[] = [];
  for (let i = 1; i < lines.length; i++) {
    const [previous, line] = [lines[i - 1] as PdfTextLine, lines[i] as PdfTextLine];
    if (previous.page === line.page && previous.fontSize === bodySize && line.fontSize === bodySize) {
      const gap = previous.y - line.y;
      if (gap > 0) gaps.push(gap);
    }
  }
  gaps.sort((a, b) => a - b);
  return gaps[Math.floor(gaps.length / 2)] ?? bodySize * 1.2;
}

class Outline {
  private lastTop = 0;

  constructor(private readonly bodySize: number) {}

  /** A heading, or null: numbered and heading-shaped, in order with the numbers before it. */
  heading(line: PdfTextLine, afterReferences: boolean): Heading | null {
    const larger = line.fontSize > this.bodySize * 1.04;
    const text = line.text;
    if (UNNUMBERED_HEADINGS.test(text)) return { number: '', title: text, depth: 1 };
    const looksLikeTitle = (title: string) =>
      title.length <= 90 && !/[.,;:]$/.test(title) && (larger || title.split(' ').length <= 8);
    const numbered = NUMBERED.exec(text);
    if (numbered?.[1] && numbered[2] && looksLikeTitle(numbered[2])) {
      const parts = numbered[1].split('.').map(Number);
      const top = parts[0] ?? 0;
      const inOrder =
        parts.length === 1 ? top >= this.lastTop && top <= this.lastTop + 3 : top === this.lastTop;
      if (inOrder && !afterReferences) {
        this.lastTop = top;
        return { number: numbered[1], title: numbered[2], depth: parts.length };
      }
    }
    const lettered = LETTERED.exec(text);
    if (
      lettered?.[1] &&
      lettered[2] &&
      looksLikeTitle(lettered[2]) &&
      (afterReferences || /^Appendix\s/.test(text)) &&
      larger
    ) {
      return { number: lettered[1], title: lettered[2], depth: lettered[1].split('.').length };
    }
    return null;
  }
}

/** Paragraph text out of lines: hyphenated words rejoined, dollars escaped as in the HTML reading. */
class ParagraphBuilder {
  private text = '';

  add(line: string): void {
    if (this.text.endsWith('-') && /\p{L}-$/u.test(this.text) && /^\p{Ll}/u.test(line)) {
      this.text = this.text.slice(0, -1) + line;
    } else {
      this.text = this.text ? `${this.text} ${line}` : line;
    }
  }

  take(): string {
    const text = this.text.replace(/\$/g, '\\$');
    this.text = '';
    return text;
  }
}

/** The paper in a PDF's text, or null when there is no text to speak of (a scanned PDF, an empty file). */
export function fullTextFromPdf(pdf: PdfText): PaperFullText | null {
  const lines = withoutPageFurniture(pdf.lines);
  if (lines.reduce((sum, line) => sum + line.text.length, 0) < 200) return null;
  const bodySize = bodyFontSize(lines);
  const lineGap = usualLineGap(lines, bodySize);

  const firstPage = lines.filter((line) => line.page === (lines[0]?.page ?? 1));
  const titleSize = Math.max(...firstPage.map((line) => line.fontSize));
  // The title: the run of lines in the largest type on page 1 (lines of page 1 come first).
  let start = 0;
  if (titleSize > bodySize * 1.2) {
    start = firstPage.findIndex((line) => line.fontSize === titleSize);
    while (lines[start + 1]?.fontSize === titleSize) start++;
    start++;
  }
  // Authors and affiliations between the title and the abstract are not running text.
  const abstractIndex = lines.findIndex(
    (line) => line.page === firstPage[0]?.page && ABSTRACT.test(line.text),
  );
  const title = lines
    .slice(0, start)
    .filter((line) => line.fontSize === titleSize)
    .map((line) => line.text)
    .join(' ');

  const outline = new Outline(bodySize);
  const preamble: FullTextSection = { id: '', number: '', title: '', depth: 0, paragraphs: [] };
  const sections: FullTextSection[] = [preamble];
  const figures: FullTextFigure[] = [];
  let section = preamble;
  let abstract = '';
  let inAbstract = false;
  let inReferences = false;
  let caption: FullTextFigure | null = null;
  const paragraph = new ParagraphBuilder();

  const endParagraph = () => {
    const text = paragraph.take();
    if (caption) caption.caption = text;
    else if (!text) {
      // nothing gathered since the last break
    } else if (inAbstract) abstract = abstract ? `${abstract}\n\n${text}` : text;
    else if (!inReferences) section.paragraphs.push(text);
    caption = null;
  };

  let previous: PdfTextLine | null = null;
  for (const line of lines.slice(Math.max(start, abstractIndex))) {
    const gap = previous && previous.page === line.page ? previous.y - line.y : 0;
    if (previous && gap > lineGap * 1.4) endParagraph();
    previous = line;

    const abstractStart = ABSTRACT.exec(line.text);
    if (abstractStart && !abstract && sections.length === 1 && line.text.length < 400) {
      endParagraph();
      inAbstract = true;
      if (abstractStart[1]) paragraph.add(abstractStart[1]);
      continue;
    }
    const heading = outline.heading(line, inReferences);
    if (heading) {
      endParagraph();
      inAbstract = false;
      if (REFERENCES.test(heading.title)) {
        inReferences = true;
        continue;
      }
      inReferences = false;
      section = {
        id: '',
        number: heading.number,
        title: heading.title,
        depth: heading.depth,
        paragraphs: [],
      };
      sections.push(section);
      continue;
    }
    if (inReferences) continue;
    const captionStart = CAPTION.exec(line.text);
    if (captionStart?.[1] && captionStart[2]) {
      endParagraph();
      caption = {
        id: '',
        number: captionStart[2],
        kind: captionStart[1] === 'Table' ? 'table' : 'figure',
        caption: '',
        imageUrl: null,
        sectionNumber: section.number,
      };
      figures.push(caption);
      paragraph.add(captionStart[3] ?? '');
      continue;
    }
    paragraph.add(line.text);
  }
  endParagraph();

  const kept = sections.filter((s) => s !== preamble || s.paragraphs.length > 0);
  if (!abstract && !kept.some((s) => s.paragraphs.length > 0)) return null;
  const links: string[] = [];
  addLinks(links, codeOrDataLinksInText([abstract, ...kept.flatMap((s) => s.paragraphs)].join('\n')));
  addLinks(
    links,
    pdf.linkUrls.flatMap((url) => codeOrDataLink(url) ?? []),
  );
  return { source: 'pdf', title, abstract, sections: kept, figures, links };
}
