// Builds the page's digest from what the cards show and what the page's data says about each paper.
import type { DigestOrder, DigestPaper } from '../digest.ts';
import { readListing, readPapersFromPage } from '../hf/page.ts';
import { type PapersRoute, parsePapersRoute } from '../hf/routes.ts';
import type { PageResponses, PageStatus } from '../messages.ts';
import { askBackground } from '../runtime-client.ts';
import type { CardRegistry } from './card-registry.ts';
import { loadPaper } from './paper-source.ts';

/** The period the page shows, as the digest heading and file name use it. */
export function pagePeriod(root: Document, route: PapersRoute | null): string | null {
  const listing = readListing(root);
  if (listing?.periodValue) return listing.periodValue;
  if (route?.kind === 'list') return route.period === 'trending' ? 'trending' : (route.value ?? null);
  return null;
}

export function pageStatus(registry: CardRegistry, root: Document = document): PageStatus {
  const progress = registry.progress();
  return {
    total: progress.total,
    done: progress.done,
    busy: progress.busy,
    period: pagePeriod(root, parsePapersRoute(root.location.href)),
  };
}

export async function buildPageDigest(
  registry: CardRegistry,
  options: { order: DigestOrder; headerAndFooter: boolean },
  root: Document = document,
): Promise<PageResponses['buildDigest']> {
  const data = readPapersFromPage(root);
  const papers: DigestPaper[] = [];
  for (const card of registry.all()) {
    const state = card.state;
    if (state.phase !== 'done') continue;
    // Without an island (or with a stale one) the same-origin API has the paper.
    const paper = data.get(card.paperId) ?? (await loadPaper(card.paperId, root));
    if (!paper) continue;
    papers.push({
      id: paper.id,
      title: paper.title,
      upvotes: paper.upvotes,
      authors: paper.authors,
      thumbnailUrl: paper.thumbnailUrl,
      videoUrl: paper.videoUrl,
      summary: { text: state.text, style: state.style },
    });
  }
  if (papers.length === 0) return { ok: false, reason: 'empty' };
  const period =
    pagePeriod(root, parsePapersRoute(root.location.href)) ?? new Date().toISOString().slice(0, 10);
  // The renderer lives in the worker; the page only collects what it shows.
  const rendered = await askBackground({
    type: 'renderDigest',
    period,
    order: options.order,
    headerAndFooter: options.headerAndFooter,
    papers,
  });
  return { ok: true, ...rendered, papers: papers.length };
}
