// Gets a card's paper for summarising: from the page's own island, else the same-origin JSON API.

import type { PaperForGlance, PaperForSummary } from '../shared/domain.ts';
import {
  MAX_ABSTRACT_CHARS,
  MAX_AI_SUMMARY_CHARS,
  MAX_KEYWORD_CHARS,
  MAX_KEYWORDS,
  MAX_TITLE_CHARS,
} from '../shared/limits.ts';
import { readPapersFromPage } from './hf/page.ts';
import { type Paper, parsePaperFields } from './hf/paper.ts';

export async function loadPaper(
  paperId: string,
  root: ParentNode = document,
  fetchJson = fetchSameOrigin,
): Promise<Paper | null> {
  const fromPage = readPapersFromPage(root).get(paperId);
  // An island can be missing, stale after client-side navigation, or lack the abstract.
  if (fromPage?.abstract) return fromPage;
  const fromApi = parsePaperFields(await fetchJson(`/api/papers/${paperId}`));
  if (fromApi && fromApi.id === paperId) return fromApi;
  return fromPage ?? null;
}

async function fetchSameOrigin(path: string): Promise<unknown> {
  try {
    const response = await fetch(path, { headers: { accept: 'application/json' } });
    return response.ok ? ((await response.json()) as unknown) : null;
  } catch (error) {
    // Offline or blocked: the caller falls back to the island's data or tells the user it has none.
    console.warn('[Daily Papers KO] paper API request failed', error);
    return null;
  }
}

export function toPaperForSummary(paper: Paper): PaperForSummary {
  return {
    id: paper.id,
    title: paper.title.slice(0, MAX_TITLE_CHARS),
    abstract: paper.abstract.slice(0, MAX_ABSTRACT_CHARS),
    keywords: paper.aiKeywords.slice(0, MAX_KEYWORDS).map((keyword) => keyword.slice(0, MAX_KEYWORD_CHARS)),
  };
}

/** The papers as the one-liners and the ranking need them: the page's data, else the same-origin API. */
export async function loadPapersForGlance(
  paperIds: string[],
  root: ParentNode = document,
): Promise<PaperForGlance[]> {
  const onPage = readPapersFromPage(root);
  const papers = await Promise.all(
    paperIds.map((id) => {
      const known = onPage.get(id);
      return known?.abstract || known?.aiSummary ? known : loadPaper(id, root);
    }),
  );
  return papers.flatMap((paper) => (paper?.title ? [toPaperForGlance(paper)] : []));
}

export function toPaperForGlance(paper: Paper): PaperForGlance {
  const { title, abstract, keywords } = toPaperForSummary(paper);
  return {
    id: paper.id,
    title,
    aiSummary: paper.aiSummary?.slice(0, MAX_AI_SUMMARY_CHARS) || null,
    abstract,
    keywords,
  };
}
