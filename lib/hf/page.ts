// Reads Hugging Face's server-rendered Svelte islands (`data-props` JSON) into typed papers.
import * as v from 'valibot';
import { type Paper, parseDailyPaperItem, parsePaperFields } from './paper.ts';

export const ISLAND_SELECTOR = {
  listing: '[data-target="DailyPapers"][data-props]',
  paperPage: '[data-target="PaperContent"][data-props]',
} as const;

export interface Listing {
  papers: Paper[];
  /** 2026 pages say which period they show; 2024 pages are always a day. */
  periodType: 'day' | 'week' | 'month' | null;
  /** YYYY-MM-DD, YYYY-Www or YYYY-MM as the island states it. */
  periodValue: string | null;
  isTrending: boolean;
}

const ListingPropsSchema = v.object({
  dailyPapers: v.array(v.unknown()),
  date: v.nullish(v.string()),
  dateString: v.nullish(v.string()),
  periodType: v.nullish(v.picklist(['day', 'week', 'month'])),
  isTrending: v.nullish(v.boolean()),
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
  const { dailyPapers, date, dateString, periodType, isTrending } = parsed.output;
  const papers: Paper[] = [];
  for (const item of dailyPapers) {
    const paper = parseDailyPaperItem(item);
    if (paper) papers.push(paper);
  }
  return {
    papers,
    periodType: periodType ?? (date ? 'day' : null),
    periodValue: dateString ?? date?.slice(0, 10) ?? null,
    isTrending: isTrending ?? false,
  };
}

export function parsePaperContentProps(props: unknown): Paper | null {
  const parsed = v.safeParse(PaperContentPropsSchema, props);
  return parsed.success ? parsePaperFields(parsed.output.paper) : null;
}

/** The last page data read, by its raw text: the page's islands rarely change, and parsing is not free. */
let lastRead: { listing: string | null; paper: string | null; papers: ReadonlyMap<string, Paper> } | null =
  null;

/** Every paper the page's own data describes, by id (listing island and paper-page island). */
export function readPapersFromPage(root: ParentNode): ReadonlyMap<string, Paper> {
  const listingRaw = islandRaw(root, ISLAND_SELECTOR.listing);
  const paperRaw = islandRaw(root, ISLAND_SELECTOR.paperPage);
  if (lastRead?.listing === listingRaw && lastRead.paper === paperRaw) return lastRead.papers;
  const papers = new Map<string, Paper>();
  const listing = parseListingProps(parseJson(listingRaw));
  for (const paper of listing?.papers ?? []) papers.set(paper.id, paper);
  const single = parsePaperContentProps(parseJson(paperRaw));
  if (single) papers.set(single.id, single);
  lastRead = { listing: listingRaw, paper: paperRaw, papers };
  return papers;
}

export function readListing(root: ParentNode): Listing | null {
  return parseListingProps(parseJson(islandRaw(root, ISLAND_SELECTOR.listing)));
}
