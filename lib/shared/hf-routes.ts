// Which Hugging Face papers listing or paper page a URL is, so the content script acts only on pages it understands.

import { VERSIONED_ARXIV_ID } from './arxiv.ts';

export type ListPeriod = 'latest' | 'day' | 'week' | 'month' | 'trending';

export type PapersRoute =
  /** The Daily Papers lists. `value` is YYYY-MM-DD, YYYY-Www or YYYY-MM; absent for latest/trending. */
  | { kind: 'list'; period: ListPeriod; value?: string }
  /** `/papers?q=…`: the papers search. */
  | { kind: 'search'; query: string }
  /** `/<org>/papers` or `/<user>/papers`: the papers an organisation or a user has. */
  | { kind: 'owner'; owner: string }
  /** `/collections/<owner>/<slug>`: a collection, which may hold papers among models and datasets. */
  | { kind: 'collection'; owner: string; slug: string }
  | { kind: 'paper'; paperId: string };

const HF_ORIGIN = 'https://huggingface.co';
/** Hugging Face's short domain serves (or redirects to) the same pages. */
const HF_ORIGINS: readonly string[] = [HF_ORIGIN, 'https://hf.co'];

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const WEEK = /^\d{4}-W\d{2}$/;
const MONTH = /^\d{4}-\d{2}$/;
/** Hub user, organisation and collection-slug names. */
const HUB_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/**
 * First path segments that are Hub sections, not owners: `/datasets/papers` is no one's papers list.
 * A name here can never be a user or organisation, so the list only has to be long enough to cover
 * the sections that could have a second segment called "papers".
 */
const RESERVED_FIRST_SEGMENTS = new Set([
  'api',
  'blog',
  'chat',
  'collections',
  'datasets',
  'docs',
  'join',
  'learn',
  'login',
  'models',
  'new',
  'organizations',
  'papers',
  'posts',
  'pricing',
  'search',
  'settings',
  'spaces',
  'tasks',
]);

/** True for routes that list several papers (everything but a paper's own page). */
export function isListingRoute(route: PapersRoute | null): boolean {
  return route !== null && route.kind !== 'paper';
}

/** Parses a huggingface.co (or hf.co) URL into a papers route, or null for anything else. */
export function parsePapersRoute(href: string | URL): PapersRoute | null {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return null;
  }
  if (!HF_ORIGINS.includes(url.origin)) return null;
  const parts = url.pathname.replace(/\/+$/, '').split('/').slice(1);
  const [first, second, third] = parts;
  if (first === undefined) return null;
  if (first === 'papers') return papersSectionRoute(url, parts.length, second, third);
  if (first === 'collections') {
    return parts.length === 3 && second && third && HUB_NAME.test(second) && HUB_NAME.test(third)
      ? { kind: 'collection', owner: second, slug: third }
      : null;
  }
  if (
    parts.length === 2 &&
    second === 'papers' &&
    HUB_NAME.test(first) &&
    !RESERVED_FIRST_SEGMENTS.has(first)
  ) {
    return { kind: 'owner', owner: first };
  }
  return null;
}

/** Routes under `/papers`. */
function papersSectionRoute(
  url: URL,
  length: number,
  second: string | undefined,
  third: string | undefined,
): PapersRoute | null {
  if (length === 1) {
    const query = url.searchParams.get('q')?.trim();
    if (query) return { kind: 'search', query };
    const date = url.searchParams.get('date');
    if (date === null) return { kind: 'list', period: 'latest' };
    return DAY.test(date) ? { kind: 'list', period: 'day', value: date } : null;
  }
  if (length === 2 && second !== undefined) {
    if (second === 'trending') return { kind: 'list', period: 'trending' };
    const paperId = VERSIONED_ARXIV_ID.exec(second)?.[1];
    return paperId ? { kind: 'paper', paperId } : null;
  }
  if (length === 3 && third !== undefined) {
    if (second === 'date' && DAY.test(third)) return { kind: 'list', period: 'day', value: third };
    if (second === 'week' && WEEK.test(third)) return { kind: 'list', period: 'week', value: third };
    if (second === 'month' && MONTH.test(third)) return { kind: 'list', period: 'month', value: third };
  }
  return null;
}

const PAPER_HREF =
  /^(?:https:\/\/(?:huggingface\.co|hf\.co))?\/papers\/(\d{4}\.\d{4,5})(?:v\d+)?\/?(?:[?#].*)?$/;

/** Reads the arXiv id out of a card link such as `/papers/2407.21783` (relative or absolute). */
export function paperIdFromHref(href: string | null): string | null {
  if (!href) return null;
  return PAPER_HREF.exec(href.trim())?.[1] ?? null;
}
