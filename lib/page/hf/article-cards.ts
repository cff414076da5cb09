// The fast path for Hugging Face's markup as it is (and was through 2025): each card an `article`
// whose paper links all point at its one paper. It answers only when the page is exactly that; any
// doubt (a paper link outside an article, an article linking two papers, one inside another) returns
// null, and the full card finder (./cards.ts, loaded on demand) reads the page from its links.
import { paperIdFromHref } from '../../shared/hf-routes.ts';
import type { KnownPaper, PaperCard } from './cards.ts';
import { titleElementOf } from './title-element.ts';

const PAPER_LINK = 'a[href*="/papers/"]';
const OUTSIDE_CARDS = 'nav';
const INTERACTIVE_ANCESTOR = 'a, button, label, summary';
const TITLE_LINK = 'h1 a, h2 a, h3 a, h4 a, h5 a, h6 a';

function collapse(text: string | null): string {
  return (text ?? '').replace(/\s+/g, ' ').trim();
}

/** The page's cards when every paper link sits in an `article` of its own paper; null otherwise. */
export function findArticleCards(
  root: ParentNode,
  known: ReadonlyMap<string, KnownPaper>,
): PaperCard[] | null {
  const paperOf = new Map<HTMLElement, string>();
  for (const link of root.querySelectorAll(PAPER_LINK)) {
    const paperId = paperIdFromHref(link.getAttribute('href'));
    if (!paperId || link.closest(OUTSIDE_CARDS)) continue;
    const article = link.closest('article');
    if (!(article instanceof HTMLElement)) return null;
    const seen = paperOf.get(article);
    if (seen === undefined) {
      if (article.parentElement?.closest(`article, ${INTERACTIVE_ANCESTOR}`)) return null;
      paperOf.set(article, paperId);
    } else if (seen !== paperId) {
      return null;
    }
  }
  const cards: PaperCard[] = [];
  for (const [element, paperId] of paperOf) {
    const titleLink = element.querySelector(TITLE_LINK);
    const title = known.get(paperId)?.title || collapse(titleLink?.textContent ?? null) || paperId;
    cards.push({ paperId, title, element, titleElement: titleElementOf(titleLink, element) });
  }
  return cards.length > 0 ? cards : null;
}
