// Reads Hugging Face's server-rendered Svelte islands (`data-props` JSON) into typed papers.
import * as v from 'valibot';
import { ISLAND_SELECTOR, type IslandState } from './islands.ts';

export { ISLAND_SELECTOR, type IslandState };

import { type Paper, parseDailyPaperItem, parsePaperFields } from './paper.ts';

export interface Listing {
  papers: Paper[];
  /** 2026 pages say which period they show; 2024 pages are always a day. Null when unknown. */
  periodType: 'day' | 'week' | 'month' | null;
  /** YYYY-MM-DD, YYYY-Www or YYYY-MM as the island states it. */
  periodValue: string | null;
  isTrending: boolean;
  /** The papers came from search results rather than a period's list. */
  isSearch: boolean;
}

/** Whether the page carried its data: an island that is there but unreadable is drift worth reporting. */

export interface PageData {
  island: IslandState;
  /** Every paper the page's own data describes, by id, in the data's order. */
  papers: ReadonlyMap<string, Paper>;
  listing: Listing | null;
}

const optionalText = v.fallback(v.nullish(v.string()), null);
const optionalList = v.fallback(v.nullish(v.array(v.unknown())), null);

/**
 * Each key degrades on its own: a period type the reader does not know (a future "year") reads as
 * unknown while the papers still read. The papers sit under `dailyPapers`, or `searchResults` on
 * search pages (`results` in a separate search island).
 */
const ListingPropsSchema = v.object({
  dailyPapers: optionalList,
  searchResults: optionalList,
  results: optionalList,
  date: optionalText,
  dateString: optionalText,
  periodType: v.fallback(v.nullish(v.picklist(['day', 'week', 'month'])), null),
  isTrending: v.fallback(v.nullish(v.boolean()), null),
});

const PaperContentPropsSchema = v.object({ paper: v.unknown() });

/** The raw `data-props` of the first island matching `selector`, or null. */
function islandRaw(root: ParentNode, selector: string): string | null {
  return root.querySelector(selector)?.getAttribute('data-props') ?? null;
}

/** The island's props, or undefined when absent or not JSON. */
function parseJson(raw: string | null): unknown {
  if (!raw) return undefined;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return undefined;
  }
}

export function parseListingProps(props: unknown): Listing | null {
  const parsed = v.safeParse(ListingPropsSchema, props);
  if (!parsed.success) return null;
  const { dailyPapers, searchResults, results, date, dateString, periodType, isTrending } = parsed.output;
  // A search page may also carry a period's list; its results are what it shows.
  const found = searchResults?.length ? searchResults : results?.length ? results : null;
  const items = found ?? dailyPapers ?? searchResults ?? results;
  if (!items) return null;
  const isSearch = items !== dailyPapers;
  const papers: Paper[] = [];
  for (const item of items) {
    const paper = parseDailyPaperItem(item);
    if (paper) papers.push(paper);
  }
  return {
    papers,
    periodType: periodType ?? (date && !isSearch ? 'day' : null),
    periodValue: isSearch ? null : (dateString ?? date?.slice(0, 10) ?? null),
    isTrending: isTrending ?? false,
    isSearch,
  };
}

export function parsePaperContentProps(props: unknown): Paper | null {
  const parsed = v.safeParse(PaperContentPropsSchema, props);
  return parsed.success ? parsePaperFields(parsed.output.paper) : null;
}

interface RawIslands {
  listing: string | null;
  search: string | null;
  paper: string | null;
}

/** The last page data read, by its raw text: the page's islands rarely change, and parsing is not free. */
let lastRead: { raw: RawIslands; data: PageData } | null = null;

function sameRaw(a: RawIslands, b: RawIslands): boolean {
  return a.listing === b.listing && a.search === b.search && a.paper === b.paper;
}

/** The page's own data: which island it had and every paper in it (listing, search and paper-page islands). */
export function readPageData(root: ParentNode): PageData {
  const raw: RawIslands = {
    listing: islandRaw(root, ISLAND_SELECTOR.listing),
    search: islandRaw(root, ISLAND_SELECTOR.searchResults),
    paper: islandRaw(root, ISLAND_SELECTOR.paperPage),
  };
  if (lastRead && sameRaw(lastRead.raw, raw)) return lastRead.data;
  const listing = parseListingProps(parseJson(raw.listing)) ?? parseListingProps(parseJson(raw.search));
  const single = parsePaperContentProps(parseJson(raw.paper));
  const papers = new Map<string, Paper>();
  for (const paper of listing?.papers ?? []) if (!papers.has(paper.id)) papers.set(paper.id, paper);
  if (single) papers.set(single.id, single);
  const present = raw.listing !== null || raw.search !== null || raw.paper !== null;
  const island: IslandState = listing || single ? 'found' : present ? 'unreadable' : 'missing';
  const data: PageData = { island, papers, listing };
  lastRead = { raw, data };
  return data;
}

/** Every paper the page's own data describes, by id (listing, search and paper-page islands). */
export function readPapersFromPage(root: ParentNode): ReadonlyMap<string, Paper> {
  return readPageData(root).papers;
}

export function readListing(root: ParentNode): Listing | null {
  return readPageData(root).listing;
}
