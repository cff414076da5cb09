// One scan of a papers page: the route, the page's data, the cards found, and how the two compare.

import type { PapersRoute } from '../../shared/hf-routes.ts';
import type { PageReading } from '../../shared/page-reading.ts';
import { findArticleCards } from './article-cards.ts';
import type { findPaperCards, findPaperPageCard, PaperCard } from './cards.ts';
import type { IslandState } from './islands.ts';
import { type OutlinePaper, readPageOutline } from './page-outline.ts';

/**
 * Everything one scan learnt, as plain data: the content script places UI on `cards`; the toolbar and
 * popup read the rest ("카드 N편 중 M편만 찾았습니다", the drift report).
 */
export interface PageScan {
  /** The page as `parsePapersRoute` understood it; null means a page we leave untouched. */
  route: PapersRoute | null;
  /** Whether the page carried its data island (present but unreadable is drift too). */
  island: IslandState;
  /** The papers the page's data lists, in its order. */
  papersInData: string[];
  /** Those papers as the data describes them: titles and abstracts for a list of the ones without a card. */
  papers: ReadonlyMap<string, OutlinePaper>;
  /** Where our UI goes, in page order; a paper shown twice has two. */
  cards: PaperCard[];
  /** Papers in the data that no card was found for. */
  papersWithoutCard: string[];
  /** Papers with a card that the data does not list (no island, or a stale one). */
  cardsWithoutData: string[];
  /**
   * The data describes other papers than the cards show (none of its papers has a card, yet there are
   * cards): an island left over from before a client-side navigation, not missing cards.
   */
  staleData: boolean;
  /** A paper page whose abstract is unknown and whose panel was not placed: fetch the abstract, scan again. */
  needsAbstract: boolean;
  /** The fast path could not read the page and no card finder was given: load it, scan again. */
  needsFinder: boolean;
}

/** The full card finder (./cards.ts): loaded on demand, it reads any markup from the paper links. */
export interface CardFinder {
  findPaperCards: typeof findPaperCards;
  findPaperPageCard: typeof findPaperPageCard;
}

export interface ScanOptions {
  /** A paper page's abstract from `/api/papers/<id>`, when its island did not carry it. */
  abstract?: string | null;
}

const NOTHING: Omit<PageScan, 'route' | 'island'> = {
  papersInData: [],
  papers: new Map(),
  cards: [],
  papersWithoutCard: [],
  cardsWithoutData: [],
  staleData: false,
  needsAbstract: false,
  needsFinder: false,
};

/**
 * Scans `root` as the page `route` says it is. Pure: reads the DOM, changes nothing. A listing in
 * Hugging Face's `article` markup is read by the fast path; anything else needs `finder`, and without
 * it the scan finds nothing and says `needsFinder`.
 */
export function scanPage(
  root: Document,
  route: PapersRoute | null,
  finder: CardFinder | null,
  options: ScanOptions = {},
): PageScan {
  if (!route) return { route, island: 'missing', ...NOTHING };
  // The outline (no schemas) is all a scan needs: it runs in the boot script, on every DOM change.
  const data = readPageOutline(root);
  const papersInData = [...data.papers.keys()];

  if (route.kind === 'paper') {
    if (!finder) return { route, island: data.island, ...NOTHING, needsFinder: true };
    const paper = data.papers.get(route.paperId);
    const abstract = paper?.abstract || options.abstract || null;
    const card = finder.findPaperPageCard(root, { id: route.paperId, abstract, title: paper?.title ?? null });
    return {
      route,
      island: data.island,
      papersInData: paper ? [paper.id] : [],
      papers: data.papers,
      cards: card ? [card] : [],
      papersWithoutCard: card || !paper ? [] : [paper.id],
      cardsWithoutData: card && !paper ? [card.paperId] : [],
      staleData: false,
      needsAbstract: !card && !abstract,
      needsFinder: false,
    };
  }

  // The fast path counts only when it agrees with the data: every listed paper has its card, and
  // (where there is data) every card is for a listed paper.
  const fast = findArticleCards(root, data.papers);
  const fastIds = new Set(fast?.map((card) => card.paperId));
  const fastAgrees =
    fast !== null &&
    papersInData.every((id) => fastIds.has(id)) &&
    (papersInData.length === 0 || fast.every((card) => data.papers.has(card.paperId)));
  if (!fastAgrees && !finder) return { route, island: data.island, ...NOTHING, needsFinder: true };
  const cards = fastAgrees && fast ? fast : (finder as CardFinder).findPaperCards(root, data.papers).cards;
  const withCard = new Set(cards.map((card) => card.paperId));
  const papersWithoutCard = papersInData.filter((id) => !withCard.has(id));
  return {
    route,
    island: data.island,
    papersInData,
    papers: data.papers,
    cards,
    papersWithoutCard,
    cardsWithoutData: [...withCard].filter((id) => !data.papers.has(id)),
    staleData:
      papersInData.length > 0 && papersWithoutCard.length === papersInData.length && cards.length > 0,
    needsAbstract: false,
    needsFinder: false,
  };
}

/** The scan as the toolbar and the popup report it: kinds and counts, nothing that names the page. */
export function readingOf(scan: PageScan, fallbackOffered: boolean): PageReading {
  const cardTags: Record<string, number> = {};
  for (const card of scan.cards) {
    const tag = card.element.localName;
    cardTags[tag] = (cardTags[tag] ?? 0) + 1;
  }
  const route = scan.route;
  return {
    route: route?.kind ?? null,
    period: route?.kind === 'list' ? route.period : null,
    island: scan.island,
    papersInData: scan.papersInData.length,
    cards: scan.cards.length,
    papersWithCard: scan.papersInData.length - scan.papersWithoutCard.length,
    papersWithoutCard: scan.papersWithoutCard.length,
    cardsWithoutData: scan.cardsWithoutData.length,
    staleData: scan.staleData,
    cardTags,
    fallbackOffered,
  };
}
