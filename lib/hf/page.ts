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

/** The parsed `data-props` of the first island matching `selector`, or undefined when absent or not JSON. */
export function readIslandProps(root: ParentNode, selector: string): unknown {
  const raw = root.querySelector(selector)?.getAttribute('data-props');
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

/** Every paper the page's own data describes, by id (listing island and paper-page island). */
export function readPapersFromPage(root: ParentNode): Map<string, Paper> {
  const papers = new Map<string, Paper>();
  const listing = parseListingProps(readIslandProps(root, ISLAND_SELECTOR.listing));
  for (const paper of listing?.papers ?? []) papers.set(paper.id, paper);
  const single = parsePaperContentProps(readIslandProps(root, ISLAND_SELECTOR.paperPage));
  if (single) papers.set(single.id, single);
  return papers;
}

export function readListing(root: ParentNode): Listing | null {
  return parseListingProps(readIslandProps(root, ISLAND_SELECTOR.listing));
}
