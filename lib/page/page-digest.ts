// Collects the page's digest: what the cards show and what the page's data says about each paper.
// The popup renders it (lib/shared/digest.ts), where it is shown.
import type { DigestPaper } from '../shared/digest.ts';
import type { PageStatus } from '../shared/domain.ts';
import { type PapersRoute, parsePapersRoute } from '../shared/hf-routes.ts';
import type { PageResponses } from '../shared/messages.ts';
import type { CardRegistry } from './card-registry.ts';
import { readListing, readPapersFromPage } from './hf/page.ts';
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
    failed: progress.failed,
    period: pagePeriod(root, parsePapersRoute(root.location.href)),
  };
}

export async function collectPageDigest(
  registry: CardRegistry,
  root: Document = document,
): Promise<PageResponses['buildDigest']> {
  const data = readPapersFromPage(root);
  const papers: DigestPaper[] = [];
  for (const controller of registry.all()) {
    const state = controller.state;
    // A paper without a summary stays in the list (summary: null): the digest names it as left out.
    const known = data.get(controller.paperId);
    // Without an island (or with a stale one) the same-origin API has the paper.
    const paper = known ?? (state.phase === 'done' ? await loadPaper(controller.paperId, root) : null);
    if (!paper) continue;
    papers.push({
      id: paper.id,
      title: paper.title,
      upvotes: paper.upvotes,
      authors: paper.authors,
      thumbnailUrl: paper.thumbnailUrl,
      videoUrl: paper.videoUrl,
      summary: state.phase === 'done' ? { text: state.text, style: state.style } : null,
    });
  }
  if (!papers.some((paper) => paper.summary)) return { ok: false, reason: 'empty' };
  const period =
    pagePeriod(root, parsePapersRoute(root.location.href)) ?? new Date().toISOString().slice(0, 10);
  return { ok: true, period, papers };
}
