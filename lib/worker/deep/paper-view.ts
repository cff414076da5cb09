// The paper laid out for the reader page: its outline, each section's text and each figure's caption
// as HTML with the TeX rendered to MathML, tables as <table>. Built in the worker (which has temml);
// the reader sanitises every piece before it shows it.

import type { FigureView, PaperView, SectionOutline } from '../../shared/deep-domain.ts';
import type { CodeLink } from '../cache.ts';
import type { FullTextFigure, PaperFullText } from '../fulltext/types.ts';
import { paperTextToHtml } from '../summary/markdown.ts';
import { arxivImageUrl, figureKey } from './figures.ts';
import { isExplainable, sectionKeyOf, textVersionOf } from './reading.ts';

const MAX_TABLE_ROWS = 200;

/** A table's rows as HTML; the first row is its header, as LaTeXML's tables have one. */
function tableHtml(rows: string[][]): string {
  const [head, ...body] = rows.slice(0, MAX_TABLE_ROWS);
  const cells = (row: string[], tag: 'th' | 'td') =>
    `<tr>${row.map((cell) => `<${tag}>${paperTextToHtml(cell, { inline: true })}</${tag}>`).join('')}</tr>`;
  return `<table>${head ? `<thead>${cells(head, 'th')}</thead>` : ''}<tbody>${body.map((row) => cells(row, 'td')).join('')}</tbody></table>`;
}

function figureView(figure: FullTextFigure, index: number, sectionKeys: Map<string, string>): FigureView {
  return {
    key: figureKey(figure, index),
    number: figure.number,
    kind: figure.kind,
    captionHtml: paperTextToHtml(figure.caption, { inline: true }),
    imageUrl: arxivImageUrl(figure.imageUrl),
    sectionKey: sectionKeys.get(figure.sectionNumber) ?? '',
    tableHtml:
      figure.kind === 'table' && figure.rows && figure.rows.length > 0 ? tableHtml(figure.rows) : null,
  };
}

export function buildPaperView(
  paperId: string,
  fullText: PaperFullText,
  url: string,
  links: CodeLink[],
): PaperView {
  const sections: SectionOutline[] = fullText.sections.map((section, index) => ({
    key: sectionKeyOf(section, index),
    number: section.number,
    title: section.title,
    depth: section.depth,
    html: section.paragraphs.map((paragraph) => paperTextToHtml(paragraph)).join(''),
    explainable: isExplainable(section),
  }));
  // A float belongs to the section whose number it carries (the innermost one).
  const sectionKeys = new Map<string, string>();
  fullText.sections.forEach((section, index) => {
    if (section.number) sectionKeys.set(section.number, sectionKeyOf(section, index));
  });
  return {
    paperId,
    title: fullText.title,
    titleHtml: paperTextToHtml(fullText.title, { inline: true }),
    abstractHtml: fullText.abstract
      .split(/\n{2,}/)
      .map((paragraph) => paperTextToHtml(paragraph))
      .join(''),
    source: fullText.source,
    textVersion: textVersionOf(fullText),
    url,
    sections,
    figures: fullText.figures.map((figure, index) => figureView(figure, index, sectionKeys)),
    links,
  };
}
