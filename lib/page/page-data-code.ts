// What the content script loads when it needs the page's data or a message checked
// (entrypoints/page-data.ts): paper data for a request or an estimate, run order, page requests.

import type { RunOrder } from '../shared/domain.ts';
import { dispatch } from '../shared/handlers.ts';
import { type PageHandlers, parsePageRequest, parsePortEvent } from '../shared/messages.ts';
import type { CardRegistry } from './card-registry.ts';
import { mountDeepSection } from './deep-section.ts';
import { buildOneLinerDigest, rankedIds } from './glance-digest.ts';
import { startGlance } from './glance-tools.ts';
import { CARD_FINDER } from './hf/card-finder.ts';
import { readPapersFromPage } from './hf/page.ts';
import { readingOf } from './hf/page-scan.ts';
import type { PageDataCode, PageReadingSource } from './lazy-code.ts';
import { collectPageDigest, pageStatus } from './page-digest.ts';
import { loadPaper, toPaperForSummary } from './paper-source.ts';

async function orderIds(paperIds: string[], order: RunOrder): Promise<string[]> {
  if (order === 'page') return paperIds;
  if (order === 'recommended') return rankedIds(paperIds);
  const papers = readPapersFromPage(document);
  const upvotes = (id: string) => papers.get(id)?.upvotes ?? 0;
  // Stable: equal votes keep the page's order.
  return [...paperIds].sort((a, b) => upvotes(b) - upvotes(a));
}

/** Resolves once each of these papers has finished (done, failed or stopped) or left the page. */
function whenFinished(registry: CardRegistry, paperIds: string[]): Promise<void> {
  const finished = (id: string) => {
    const phase = registry.get(id)?.state.phase;
    return phase === undefined || phase === 'done' || phase === 'error' || phase === 'stopped';
  };
  return new Promise((resolve) => {
    const check = () => {
      if (!paperIds.every(finished)) return;
      unsubscribe();
      resolve();
    };
    const unsubscribe = registry.subscribe(check);
    check();
  });
}

/** The page's answers to the popup and the keyboard shortcut (lib/shared/messages.ts `PageResponses`). */
const pageHandlers: PageHandlers<{ registry: CardRegistry; reading: PageReadingSource }> = {
  pageStatus: async (_request, { registry }) => pageStatus(registry),
  async summarizeAll(request, { registry }) {
    return { queued: registry.summarizeAll(await orderIds(shownIds(registry), request.order)).length };
  },
  async buildDigest(request, { registry }) {
    if (request.missing === 'summarize') {
      await whenFinished(registry, registry.summarizeAll(await orderIds(shownIds(registry), request.order)));
    }
    const digest = await collectPageDigest(registry);
    if (!digest.ok || request.order !== 'recommended') return digest;
    // 추천순: the digest keeps the papers in the ranking's order.
    const rank = new Map((await rankedIds(digest.papers.map((paper) => paper.id))).map((id, i) => [id, i]));
    const position = (id: string) => rank.get(id) ?? rank.size;
    return { ...digest, papers: [...digest.papers].sort((a, b) => position(a.id) - position(b.id)) };
  },
  buildOneLinerDigest: async (request, { registry }) => buildOneLinerDigest(registry, request),
  pageReading: async (_request, { reading }) =>
    reading.scan ? readingOf(reading.scan, reading.fallbackOffered) : null,
};

const shownIds = (registry: CardRegistry) => registry.all().map((controller) => controller.paperId);

export const pageDataCode: PageDataCode = {
  async paperForSummary(paperId) {
    const paper = await loadPaper(paperId);
    return paper ? toPaperForSummary(paper) : null;
  },
  parsePortEvent,
  papersForEstimate(paperIds) {
    const papers = readPapersFromPage(document);
    return paperIds.flatMap((id) => {
      const paper = papers.get(id);
      return paper ? [{ title: paper.title, abstract: paper.abstract }] : [];
    });
  },
  orderIds,
  startGlance,
  cardFinder: CARD_FINDER,
  mountDeepSection: (container, paperId, env) => mountDeepSection(container, { id: paperId }, env),
  answerPageRequest(message, registry, reading) {
    const request = parsePageRequest(message);
    return request ? dispatch(pageHandlers, request, { registry, reading }) : undefined;
  },
};
