// Which Hugging Face papers page a URL is, so the content script acts only on pages it understands.

export type ListPeriod = 'latest' | 'day' | 'week' | 'month' | 'trending';

export type PapersRoute =
  | {
      kind: 'list';
      period: ListPeriod /** YYYY-MM-DD, YYYY-Www or YYYY-MM; absent for latest/trending */;
      value?: string;
    }
  | { kind: 'paper'; paperId: string };

export const HF_ORIGIN = 'https://huggingface.co';

/** arXiv ids as Hugging Face uses them in paths: 2407.21783 (new style, 4 or 5 digits after the dot). */
export const ARXIV_ID_PATTERN = /^\d{4}\.\d{4,5}$/;

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const WEEK = /^\d{4}-W\d{2}$/;
const MONTH = /^\d{4}-\d{2}$/;

/** Parses a huggingface.co URL into a papers route, or null for anything else. */
export function parsePapersRoute(href: string | URL): PapersRoute | null {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return null;
  }
  if (url.origin !== HF_ORIGIN) return null;
  const parts = url.pathname.replace(/\/+$/, '').split('/').slice(1);
  if (parts[0] !== 'papers') return null;

  if (parts.length === 1) {
    const date = url.searchParams.get('date');
    if (date === null) return { kind: 'list', period: 'latest' };
    return DAY.test(date) ? { kind: 'list', period: 'day', value: date } : null;
  }
  const [, second, third] = parts;
  if (parts.length === 2 && second !== undefined) {
    if (second === 'trending') return { kind: 'list', period: 'trending' };
    if (ARXIV_ID_PATTERN.test(second)) return { kind: 'paper', paperId: second };
    return null;
  }
  if (parts.length === 3 && third !== undefined) {
    if (second === 'date' && DAY.test(third)) return { kind: 'list', period: 'day', value: third };
    if (second === 'week' && WEEK.test(third)) return { kind: 'list', period: 'week', value: third };
    if (second === 'month' && MONTH.test(third)) return { kind: 'list', period: 'month', value: third };
  }
  return null;
}

/** Reads the arXiv id out of a card link such as `/papers/2407.21783` (relative or absolute). */
export function paperIdFromHref(href: string | null): string | null {
  if (!href) return null;
  const match = /^(?:https:\/\/huggingface\.co)?\/papers\/(\d{4}\.\d{4,5})(?:v\d+)?\/?(?:[?#].*)?$/.exec(
    href,
  );
  return match?.[1] ?? null;
}
