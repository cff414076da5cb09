// The page's side of the one-liner digest and of 추천순 for requests from the popup: the papers in the
// chosen order with their one-liners (the popup renders the Markdown, lib/shared/oneliner-digest.ts).

import { parsePapersRoute } from '../shared/hf-routes.ts';
import type { PageRequest, PageResponses } from '../shared/messages.ts';
import { askBackground } from '../shared/runtime-client.ts';
import type { CardRegistry } from './card-registry.ts';
import { oneLinerDigestPapers, rankedOrder } from './glance-run.ts';
import { currentGlance } from './glance-tools.ts';
import { readPapersFromPage } from './hf/page.ts';
import { pagePeriod } from './page-digest.ts';
import { loadPapersForGlance } from './paper-source.ts';

/** `paperIds` in 추천순; as given when no interests are set. */
export async function rankedIds(paperIds: string[]): Promise<string[]> {
  const session = currentGlance();
  if (session) return session.rankedIds(paperIds);
  const prefs = await askBackground({ type: 'getPagePrefs' });
  if (!prefs.hasInterests) return paperIds;
  const ranking = await askBackground({ type: 'rankPapers', papers: await loadPapersForGlance(paperIds) });
  return rankedOrder(paperIds, ranking);
}

export async function buildOneLinerDigest(
  registry: CardRegistry,
  request: Extract<PageRequest, { type: 'buildOneLinerDigest' }>,
): Promise<PageResponses['buildOneLinerDigest']> {
  const session = currentGlance();
  if (request.missing === 'summarize') await session?.start();
  const pageIds = registry.all().map((controller) => controller.paperId);
  const onPage = readPapersFromPage(document);
  const ranking = request.order === 'recommended' ? await (session?.ranking() ?? null) : null;
  let ids = pageIds;
  if (ranking) ids = rankedOrder(pageIds, ranking);
  else if (request.order === 'upvotes') {
    const upvotes = (id: string) => onPage.get(id)?.upvotes ?? -1;
    ids = [...pageIds].sort((a, b) => upvotes(b) - upvotes(a));
  }
  const { oneLiners } = await askBackground({ type: 'getOneLiners', paperIds: ids });
  const papers = oneLinerDigestPapers(
    ids.map((id) => ({ id, title: onPage.get(id)?.title || id })),
    oneLiners,
    ranking,
  );
  if (!papers.some((paper) => paper.titleKo)) return { ok: false, reason: 'empty' };
  const period =
    pagePeriod(document, parsePapersRoute(location.href)) ?? new Date().toISOString().slice(0, 10);
  return { ok: true, period, papers, recommendedFirst: ranking !== null };
}
