// The full card finder, for the page-data chunk that the boot script loads when the fast path can't
// read a page (./article-cards.ts), and for tests that scan pages as the content script does.
import type { PapersRoute } from '../../shared/hf-routes.ts';
import { findPaperCards, findPaperPageCard, type PaperCard } from './cards.ts';
import { type CardFinder, type PageScan, type ScanOptions, scanPage } from './page-scan.ts';

export const CARD_FINDER: CardFinder = { findPaperCards, findPaperPageCard };

/** A scan with the finder at hand: the fast path where it reads the page, the finder elsewhere. */
export function scanPapersPage(
  root: Document,
  route: PapersRoute | null,
  options: ScanOptions = {},
): PageScan {
  return scanPage(root, route, CARD_FINDER, options);
}

/** The cards the content script would place on this page. */
export function findCardsForRoute(root: Document, route: PapersRoute | null): PaperCard[] {
  return scanPapersPage(root, route).cards;
}
