// What the boot content script needs of the page's data, read without schemas: each listed paper's
// id, title and abstract. Full typed reading (lib/page/hf/page.ts, valibot) loads later, with the panel;
// this keeps the script that runs at page load small. Anything not shaped as expected is skipped.
import { ARXIV_PAPER_ID } from '../../shared/arxiv.ts';
import { ISLAND_SELECTOR, type IslandState } from './islands.ts';
import { normalizeAbstract, normalizeTitle } from './paper-text.ts';

export interface OutlinePaper {
  id: string;
  title: string;
  abstract: string;
}

export interface PageOutline {
  island: IslandState;
  /** In the data's order; a paper listed twice appears once. */
  papers: ReadonlyMap<string, OutlinePaper>;
}

function record(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** A list entry (`{ paper: {…}, title }`) or a bare paper (search results, the paper page). */
function outlinePaper(item: unknown): OutlinePaper | null {
  const entry = record(item);
  if (!entry) return null;
  const paper = record(entry.paper) ?? entry;
  const id = text(paper.id).replace(/v\d+$/, '');
  if (!ARXIV_PAPER_ID.test(id)) return null;
  const title = normalizeTitle(text(entry.title) || text(paper.title));
  return { id, title, abstract: normalizeAbstract(text(paper.summary)) };
}

function props(root: ParentNode, selector: string): Record<string, unknown> | null | undefined {
  const raw = root.querySelector(selector)?.getAttribute('data-props');
  if (raw === undefined || raw === null) return undefined;
  try {
    return record(JSON.parse(raw));
  } catch {
    return null;
  }
}

function firstList(data: Record<string, unknown> | null | undefined): unknown[] | null {
  if (!data) return null;
  for (const key of ['searchResults', 'results', 'dailyPapers']) {
    const list = data[key];
    if (Array.isArray(list) && (list.length > 0 || key === 'dailyPapers')) return list;
  }
  return null;
}

export function readPageOutline(root: ParentNode): PageOutline {
  const listing = props(root, ISLAND_SELECTOR.listing);
  const search = props(root, ISLAND_SELECTOR.searchResults);
  const single = props(root, ISLAND_SELECTOR.paperPage);
  const items = firstList(search) ?? firstList(listing) ?? [];
  const papers = new Map<string, OutlinePaper>();
  for (const item of items) {
    const paper = outlinePaper(item);
    if (paper && !papers.has(paper.id)) papers.set(paper.id, paper);
  }
  const own = outlinePaper(single?.paper);
  if (own) papers.set(own.id, own);
  const present = listing !== undefined || search !== undefined || single !== undefined;
  const island: IslandState =
    papers.size > 0 || firstList(listing) ? 'found' : present ? 'unreadable' : 'missing';
  return { island, papers };
}
