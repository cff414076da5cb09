// Reads arXiv's HTML rendering (LaTeXML output) into a PaperFullText, in the background worker.
//
// Where the parsing runs, and why here. A Chrome MV3 service worker has no DOMParser. Measured
// 2026-11 (esbuild --minify, gzip -9; each alone):
//   htmlparser2 12 + domhandler 6 ........  57.8 KB min,  24.3 KB gzip  (this module's choice)
//   linkedom 0.18 (a DOM on htmlparser2) .. 454.9 KB min, 144.3 KB gzip
//   offscreen document + DOMParser .......   0 KB in the worker, but Chrome-only (chrome.offscreen and
//       the `offscreen` permission), a document to create, keep single and close, a message round
//       trip per paper; Firefox's MV2 background page would parse with its own DOMParser: two paths,
//       and the unit tests would exercise happy-dom's parser rather than either browser's.
// htmlparser2 runs the same in Chrome's worker, Firefox's background page and Node (so the tests run
// the production parser), needs no permission, and LaTeXML's markup is regular enough for a
// forgiving non-spec parser. The worker already carries temml (~60 KB) for summaries' math; this
// adds ~25 KB more, paid on each worker start but with no other cost on the summary path.
// PDF text is another matter (pdf.js is ~555 KB gzip and needs a real Worker): see pdf-text.ts.
import type { ChildNode, Element } from 'domhandler';
import { parseDocument } from 'htmlparser2';
import { addLinks, codeOrDataLink, codeOrDataLinksInText } from './links.ts';
import type { FullTextFigure, FullTextSection, PaperFullText } from './types.ts';

/** LaTeXML's sectioning classes and the depth each stands at. */
const SECTION_DEPTH: Record<string, number> = {
  ltx_part: 1,
  ltx_chapter: 1,
  ltx_section: 1,
  ltx_appendix: 1,
  ltx_subsection: 2,
  ltx_subsubsection: 3,
  ltx_paragraph: 4,
  ltx_subparagraph: 4,
};

/** Parts of the page that are not the paper's running text. */
const SKIPPED_CLASSES = [
  'ltx_bibliography',
  'ltx_authors',
  'ltx_dates',
  'ltx_abstract',
  'ltx_title_document',
  'ltx_TOC',
  'ltx_page_header',
  'ltx_page_footer',
  'ltx_page_navbar',
  'ltx_pagination',
  'ltx_acknowledgements',
];
const SKIPPED_TAGS = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'header',
  'footer',
  'nav',
  'button',
]);
const LIST_CLASSES = ['ltx_itemize', 'ltx_enumerate', 'ltx_description'];
const EQUATION_CLASSES = ['ltx_equation', 'ltx_equationgroup'];

function classesOf(element: Element): string[] {
  return (element.attribs.class ?? '').split(/\s+/);
}

function hasClass(element: Element, name: string): boolean {
  return classesOf(element).includes(name);
}

function hasAnyClass(element: Element, names: readonly string[]): boolean {
  return classesOf(element).some((name) => names.includes(name));
}

function isElement(node: ChildNode): node is Element {
  return node.type === 'tag' || node.type === 'script' || node.type === 'style';
}

function childElements(element: Element): Element[] {
  return element.children.filter(isElement);
}

/** The first element below `root` (depth first) that passes the test, not looking inside `skipInside`. */
function findElement(
  root: Element,
  test: (element: Element) => boolean,
  skipInside: (element: Element) => boolean = () => false,
): Element | null {
  for (const child of childElements(root)) {
    if (test(child)) return child;
    if (skipInside(child)) continue;
    const found = findElement(child, test, skipInside);
    if (found) return found;
  }
  return null;
}

function findAllElements(root: Element, test: (element: Element) => boolean): Element[] {
  const found: Element[] = [];
  for (const child of childElements(root)) {
    if (test(child)) found.push(child);
    found.push(...findAllElements(child, test));
  }
  return found;
}

const collapseSpaces = (text: string) => text.replace(/\s+/g, ' ').trim();

/** LaTeXML keeps the TeX source in alttext; older pages only in the annotation. */
function texOf(math: Element): string {
  const alttext = math.attribs.alttext;
  if (alttext !== undefined) return collapseSpaces(alttext);
  const annotation = findElement(
    math,
    (e) => e.name === 'annotation' && /tex/i.test(e.attribs.encoding ?? ''),
  );
  return collapseSpaces(plainText(annotation ?? math));
}

function plainText(node: ChildNode): string {
  if (node.type === 'text') return node.data;
  if (!isElement(node)) return '';
  return node.children.map(plainText).join('');
}

/** What one reading of the page gathers besides the text: floats, links, footnotes per paragraph. */
class Reading {
  readonly figures: FullTextFigure[] = [];
  readonly links: string[] = [];
  sectionNumber = '';
  private footnotes: string[] = [];

  private readonly baseUrl: string;

  constructor(baseUrl: string) {
    this.baseUrl = baseUrl;
  }

  /** Inline text: math as `$…$`, literal dollars escaped, footnotes set aside for after the paragraph. */
  inline(node: ChildNode): string {
    if (node.type === 'text') return node.data.replace(/\$/g, '\\$');
    if (!isElement(node) || SKIPPED_TAGS.has(node.name)) return '';
    if (node.name === 'math') {
      const tex = texOf(node);
      if (!tex) return '';
      return node.attribs.display === 'block' ? ` $$${tex}$$ ` : `$${tex}$`;
    }
    if (node.name === 'br') return ' ';
    if (node.name === 'img') return '';
    if (node.name === 'figure') {
      this.figure(node);
      return '';
    }
    if (hasClass(node, 'ltx_note')) {
      if (hasClass(node, 'ltx_role_footnote')) this.footnote(node);
      return '';
    }
    if (hasAnyClass(node, ['ltx_tag_item', 'ltx_note_mark'])) return '';
    if (node.name === 'a') this.link(node.attribs.href);
    return node.children.map((child) => this.inline(child)).join('');
  }

  private link(href: string | undefined): void {
    if (!href || href.startsWith('#')) return;
    const link = codeOrDataLink(href);
    if (link) addLinks(this.links, [link]);
  }

  private footnote(note: Element): void {
    const content = findElement(note, (e) => hasClass(e, 'ltx_note_content')) ?? note;
    const mark = findElement(content, (e) => hasClass(e, 'ltx_tag_note'));
    const text = collapseSpaces(
      content.children
        .filter((child) => child !== mark)
        .map((child) => this.inline(child))
        .join(''),
    );
    if (text) this.footnotes.push(`Footnote ${collapseSpaces(plainText(mark ?? note)) || '*'}: ${text}`);
  }

  /** Inline text of a title or heading: its footnotes are not running text. */
  label(nodes: ChildNode[]): string {
    const saved = this.footnotes;
    this.footnotes = [];
    const text = collapseSpaces(nodes.map((node) => this.inline(node)).join(''));
    this.footnotes = saved;
    return text;
  }

  /**
   * A block of running text (an ltx_para, a list item, a theorem) as one paragraph, lines joined by
   * "\n", its footnotes last. `heading` is a child left out (a theorem's title).
   */
  paragraph(block: Element, heading: Element | null = null): string {
    const lines = this.blockLines(block, heading).filter((line) => line !== '');
    const footnotes = this.footnotes;
    this.footnotes = [];
    const text = [...lines, ...footnotes].join('\n');
    addLinks(this.links, codeOrDataLinksInText(text));
    return text;
  }

  private blockLines(block: Element, heading: Element | null = null): string[] {
    const lines: string[] = [];
    let inline = '';
    const flush = () => {
      if (collapseSpaces(inline)) lines.push(collapseSpaces(inline));
      inline = '';
    };
    for (const child of block.children) {
      if (child === heading) {
        // left out by the caller
      } else if (!isElement(child)) {
        inline += this.inline(child);
      } else if (child.name === 'table' && hasAnyClass(child, EQUATION_CLASSES)) {
        flush();
        lines.push(...this.equationLines(child));
      } else if (
        (child.name === 'ul' || child.name === 'ol' || child.name === 'dl') &&
        hasAnyClass(child, LIST_CLASSES)
      ) {
        flush();
        lines.push(...this.listLines(child));
      } else if (child.name === 'p' || child.name === 'div' || hasClass(child, 'ltx_p')) {
        flush();
        lines.push(...this.blockLines(child));
      } else if (child.name === 'figure') {
        this.figure(child);
      } else {
        inline += this.inline(child);
      }
    }
    flush();
    return lines;
  }

  private listLines(list: Element): string[] {
    return childElements(list)
      .filter((item) => item.name === 'li' || item.name === 'dt' || item.name === 'dd')
      .map((item) => {
        const tag = findElement(item, (e) => hasClass(e, 'ltx_tag_item'));
        const marker = tag && list.name === 'ol' ? collapseSpaces(plainText(tag)) : '-';
        return `${marker} ${this.blockLines(item).join(' ')}`;
      });
  }

  /** Each row of an equation (group) as `$$…$$` with its number, e.g. `$$a=b$$ (3)`. */
  equationLines(table: Element): string[] {
    const rows = findAllElements(table, (e) => e.name === 'tr');
    const lines: string[] = [];
    for (const row of rows.length > 0 ? rows : [table]) {
      const maths = findAllElements(row, (e) => e.name === 'math');
      const tex = maths.map(texOf).filter(Boolean).join(' ');
      if (!tex) continue;
      const tag = findElement(row, (e) => hasClass(e, 'ltx_tag_equation'));
      lines.push(tag ? `$$${tex}$$ ${collapseSpaces(plainText(tag))}` : `$$${tex}$$`);
    }
    return lines;
  }

  /** Records a figure or table float; panels are recorded on their own only when the float has no caption. */
  figure(float: Element): void {
    const isPanel = (e: Element) => e.name === 'figure';
    const caption = findElement(float, (e) => e.name === 'figcaption', isPanel);
    if (!caption) {
      for (const panel of findAllElements(float, isPanel).filter((p) => !findElement(p, isPanel)))
        this.figure(panel);
      return;
    }
    const tag = findElement(caption, (e) => hasClass(e, 'ltx_tag'));
    const tagText = collapseSpaces(plainText(tag ?? caption));
    const isTable =
      hasClass(float, 'ltx_table') ||
      (tag !== null && hasClass(tag, 'ltx_tag_table')) ||
      /^Table\b/i.test(tagText);
    const captionText = this.label(caption.children.filter((child) => child !== tag));
    const image = findElement(float, (e) => e.name === 'img');
    const tabular = isTable
      ? findElement(float, (e) => e.name === 'table' && hasClass(e, 'ltx_tabular'))
      : null;
    const figure: FullTextFigure = {
      id: float.attribs.id ?? '',
      number: tag ? numberInTag(tagText) : '',
      kind: isTable ? 'table' : 'figure',
      caption: captionText,
      imageUrl: image ? this.imageUrl(image.attribs.src) : null,
      sectionNumber: this.sectionNumber,
    };
    if (tabular) figure.rows = this.tableRows(tabular);
    this.figures.push(figure);
    addLinks(this.links, codeOrDataLinksInText(captionText));
  }

  private tableRows(table: Element): string[][] {
    return findAllElements(table, (e) => e.name === 'tr')
      .map((row) =>
        childElements(row)
          .filter((cell) => cell.name === 'td' || cell.name === 'th')
          .map((cell) => collapseSpaces(this.inline(cell))),
      )
      .filter((cells) => cells.some((cell) => cell !== ''));
  }

  /** Images are shown by the reader later: only https (or http) addresses on arxiv.org are kept. */
  private imageUrl(src: string | undefined): string | null {
    if (!src) return null;
    try {
      const url = new URL(src, this.baseUrl);
      const onArxiv = url.hostname === 'arxiv.org' || url.hostname.endsWith('.arxiv.org');
      return onArxiv && (url.protocol === 'https:' || url.protocol === 'http:') ? url.href : null;
    } catch {
      return null;
    }
  }
}

/** "Figure 3: " → "3", "Table S2." → "S2", "Figure A.1" → "A.1", "(b)" → "b". */
function numberInTag(tag: string): string {
  const withoutWord = tag.replace(/^(?:Figure|Fig\.|Table|Tab\.|Algorithm|Listing)\s*/i, '');
  return /[A-Z]?\d+(?:\.\d+)*|[A-Za-z](?:\.\d+)*/.exec(withoutWord)?.[0] ?? '';
}

/** "1 ", "3.2 ", "Appendix A ", "A.1 " → "1", "3.2", "A", "A.1". */
function numberInHeadingTag(tag: string): string {
  return collapseSpaces(tag.replace(/^(?:Appendix|Chapter|Part)\s+/i, '')).replace(/[.:]$/, '');
}

function sectionDepth(element: Element): number | null {
  for (const name of classesOf(element)) {
    const depth = SECTION_DEPTH[name];
    if (depth !== undefined) return depth;
  }
  return null;
}

function isSkipped(element: Element): boolean {
  return SKIPPED_TAGS.has(element.name) || hasAnyClass(element, SKIPPED_CLASSES);
}

/** The document's base for relative URLs: its <base href> against the address it came from. */
function baseUrlOf(root: Element, documentUrl: string): string {
  const base = findElement(root, (e) => e.name === 'base' && e.attribs.href !== undefined);
  try {
    return new URL(base?.attribs.href ?? '', documentUrl).href;
  } catch {
    return documentUrl;
  }
}

/**
 * The paper in an arXiv HTML page, or null when the page is not LaTeXML output with text in it
 * (arXiv's "no HTML for this paper" page, an error page, an empty document).
 * `documentUrl` is the address the page was served from (after redirects), for relative image URLs.
 */
export function parseArxivHtml(html: string, documentUrl: string): PaperFullText | null {
  const root = parseDocument(html) as unknown as Element;
  const article = findElement(root, (e) => hasClass(e, 'ltx_document'));
  if (!article) return null;
  const baseUrl = baseUrlOf(root, documentUrl);
  const reading = new Reading(baseUrl);

  const titleElement = findElement(article, (e) => hasClass(e, 'ltx_title_document'));
  const title = titleElement ? reading.label(titleElement.children) : '';
  const abstractElement = findElement(article, (e) => hasClass(e, 'ltx_abstract'));
  const abstract = abstractElement
    ? childElements(abstractElement)
        .filter((child) => !hasClass(child, 'ltx_title'))
        .map((child) => reading.paragraph(child))
        .filter(Boolean)
        .join('\n\n')
    : '';

  const preamble: FullTextSection = { id: '', number: '', title: '', depth: 0, paragraphs: [] };
  const sections: FullTextSection[] = [preamble];

  const visit = (element: Element, section: FullTextSection): void => {
    for (const child of childElements(element)) {
      if (isSkipped(child)) continue;
      const depth = sectionDepth(child);
      if (depth !== null && child.name !== 'span') {
        const heading = childElements(child).find((e) => hasClass(e, 'ltx_title'));
        const tag = heading ? findElement(heading, (e) => hasClass(e, 'ltx_tag')) : null;
        const number = tag ? numberInHeadingTag(plainText(tag)) : '';
        const headingText = heading ? reading.label(heading.children.filter((c) => c !== tag)) : '';
        const inner: FullTextSection = {
          id: child.attribs.id ?? '',
          number,
          title: headingText.replace(/\.$/, ''),
          depth,
          paragraphs: [],
        };
        sections.push(inner);
        const outerNumber = reading.sectionNumber;
        reading.sectionNumber = number || outerNumber;
        visit(child, inner);
        reading.sectionNumber = outerNumber;
      } else if (hasClass(child, 'ltx_title')) {
        // A heading handled with its section, or a stray one: not running text.
      } else if (child.name === 'figure') {
        reading.figure(child);
      } else if (child.name === 'table' && hasAnyClass(child, EQUATION_CLASSES)) {
        section.paragraphs.push(...reading.equationLines(child));
      } else if (hasAnyClass(child, ['ltx_theorem', 'ltx_proof'])) {
        const heading = childElements(child).find((e) => hasClass(e, 'ltx_title'));
        const label = heading ? reading.label(heading.children) : '';
        const body = reading.paragraph(child, heading ?? null);
        if (label || body) section.paragraphs.push(collapseSpaces(`${label} ${body.replace(/\n/g, ' ')}`));
      } else if (hasAnyClass(child, ['ltx_para', 'ltx_p']) || child.name === 'p') {
        const text = reading.paragraph(child);
        if (text) section.paragraphs.push(text);
      } else {
        visit(child, section);
      }
    }
  };
  visit(article, preamble);

  const kept = sections.filter((s) => s !== preamble || s.paragraphs.length > 0);
  if (!kept.some((s) => s.paragraphs.length > 0) && !abstract) return null;
  const version =
    /\/html\/[^/]+?(v\d+)\/?$/.exec(new URL(baseUrl).pathname)?.[1] ??
    /(v\d+)\/?$/.exec(new URL(documentUrl).pathname)?.[1];
  return {
    source: 'arxiv-html',
    title,
    abstract,
    sections: kept,
    figures: reading.figures,
    links: reading.links,
    ...(version ? { version } : {}),
  };
}
