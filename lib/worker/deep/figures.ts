// The paper's figures as the deep reading uses them: stable keys, labels for prompts, and the key
// figure: the one the model picked from the captions when it names a real one, else the first figure.
import type { FullTextFigure } from '../fulltext/types.ts';
import type { FigureLine } from './prompt.ts';

/** Stable within a text version: LaTeXML's id, else kind and number (PDF), else its place. */
export function figureKey(figure: FullTextFigure, index: number): string {
  if (figure.id) return figure.id;
  return figure.number ? `${figure.kind}-${figure.number}` : `${figure.kind}-at-${index}`;
}

/** "Figure 2", "Table 1"; "Figure" alone when the caption had no number. */
function figureLabel(figure: Pick<FullTextFigure, 'kind' | 'number'>): string {
  return `${figure.kind === 'table' ? 'Table' : 'Figure'} ${figure.number}`.trim();
}

/** Caption lines for a prompt; long captions are cut, they only need to say what the figure is. */
export function figureLines(figures: FullTextFigure[], maxCaption = 400): FigureLine[] {
  return figures
    .filter((figure) => figure.number)
    .map((figure) => ({
      label: figureLabel(figure),
      caption:
        figure.caption.length > maxCaption ? `${figure.caption.slice(0, maxCaption)}…` : figure.caption,
    }));
}

export interface KeyFigurePick {
  figure: FullTextFigure;
  key: string;
  /** The model's Korean caption; "" when the figure is the fallback, not the model's pick. */
  captionKo: string;
}

/** The figure of this kind and number, if the paper has it. */
export function findFigure(
  figures: FullTextFigure[],
  mention: { kind: 'figure' | 'table'; number: string },
): { figure: FullTextFigure; key: string } | null {
  const index = figures.findIndex(
    (figure) => figure.kind === mention.kind && figure.number !== '' && figure.number === mention.number,
  );
  const figure = figures[index];
  return figure ? { figure, key: figureKey(figure, index) } : null;
}

/**
 * The paper's key figure: the model's pick when it names a figure or table the paper has; else the
 * first figure with an image, else the first figure; null for a paper without figures.
 */
export function pickKeyFigure(
  figures: FullTextFigure[],
  choice: { kind: 'figure' | 'table'; number: string; captionKo: string } | null,
): KeyFigurePick | null {
  const picked = choice ? findFigure(figures, choice) : null;
  if (picked && choice) return { ...picked, captionKo: choice.captionKo };
  const withImage = figures.findIndex((figure) => figure.kind === 'figure' && figure.imageUrl !== null);
  const firstFigure = figures.findIndex((figure) => figure.kind === 'figure');
  const index = withImage !== -1 ? withImage : firstFigure;
  const figure = figures[index];
  return figure ? { figure, key: figureKey(figure, index), captionKo: '' } : null;
}

/** Figures are shown from arXiv over https only (parseArxivHtml keeps arxiv.org images; this also upgrades http). */
export function arxivImageUrl(url: string | null): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    if (parsed.hostname !== 'arxiv.org' || (parsed.protocol !== 'https:' && parsed.protocol !== 'http:'))
      return null;
    parsed.protocol = 'https:';
    return /["'<>\s]/.test(parsed.href) ? null : parsed.href;
  } catch {
    return null;
  }
}
