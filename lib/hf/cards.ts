// Finds the paper cards on a page: the one markup contract stable from 2023 to 2026 is
// `article` + `h3 a[href="/papers/{id}"]`. Nothing else of Hugging Face's markup is relied on.
import { paperIdFromHref } from './routes.ts';

export const CARD_SELECTOR = {
  cardTitleLink: 'article h3 a[href]',
  card: 'article',
  paperPageAbstractHeading: 'h2',
} as const;

export interface PaperCard {
  paperId: string;
  /** The title as the card shows it, for labelling our panel. */
  title: string;
  /** The element the card is: our UI goes at its end. */
  element: HTMLElement;
}

/** Cards of a list page in page order; one per `article`, first matching title link wins. */
export function findListCards(root: ParentNode): PaperCard[] {
  const cards: PaperCard[] = [];
  const seen = new Set<Element>();
  for (const link of root.querySelectorAll<HTMLAnchorElement>(CARD_SELECTOR.cardTitleLink)) {
    const article = link.closest<HTMLElement>(CARD_SELECTOR.card);
    if (!article || seen.has(article)) continue;
    const paperId = paperIdFromHref(link.getAttribute('href'));
    if (!paperId) continue;
    seen.add(article);
    cards.push({ paperId, title: visibleText(link), element: article });
  }
  return cards;
}

/**
 * A paper's own page has no card: the panel goes at the end of the block holding the "Abstract"
 * heading, i.e. right under the abstract. Without that heading the page is not understood.
 */
export function findPaperPageCard(root: ParentNode, paperId: string): PaperCard | null {
  for (const heading of root.querySelectorAll<HTMLElement>(CARD_SELECTOR.paperPageAbstractHeading)) {
    if (heading.textContent?.trim().toLowerCase() !== 'abstract') continue;
    const block = heading.parentElement;
    if (block && block !== root) {
      const title = root.querySelector<HTMLElement>('h1');
      return { paperId, title: title ? visibleText(title) : paperId, element: block };
    }
  }
  return null;
}

function visibleText(element: HTMLElement): string {
  return (element.textContent ?? '').replace(/\s+/g, ' ').trim();
}
