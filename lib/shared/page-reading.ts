// What the content script saw on a page, as plain data: the toolbar's "카드 N편 중 M편만 찾았습니다",
// the popup's drift report and the diagnostic a user copies into an issue report.
// Anonymised by construction: kinds and counts only, never a URL, a search query, a Hub user name,
// a title, a summary or a key.
import { t } from './i18n/t.ts';

export type IslandState = 'found' | 'unreadable' | 'missing';

export interface PageReading {
  /** The kind of page the route reader recognised; null when it recognised none. */
  route: 'list' | 'search' | 'owner' | 'collection' | 'paper' | null;
  /** For Daily Papers lists: latest, day, week, month or trending. */
  period: string | null;
  /** Whether the page carried its data island, and whether it could be read. */
  island: IslandState;
  /** Papers the page's data lists. */
  papersInData: number;
  /** Card elements found (a paper shown twice has two). */
  cards: number;
  /** Papers of the data that have at least one card. */
  papersWithCard: number;
  /** Papers of the data with no card: the fallback list serves them. */
  papersWithoutCard: number;
  /** Papers with a card that the data does not list. */
  cardsWithoutData: number;
  /** The data describes other papers than the cards show (left over from a client-side navigation). */
  staleData: boolean;
  /** Tag names of the card elements, with how many of each: how Hugging Face's markup looks now. */
  cardTags: Record<string, number>;
  /** The fallback list ("목록으로 보기") is offered on the page. */
  fallbackOffered: boolean;
}

/**
 * Papers are missing their cards: the page's data lists papers that no card was found for. A stale
 * island (the page moved on without it) is not drift, and neither is a page without data.
 */
export function papersAreLost(reading: Pick<PageReading, 'papersWithoutCard' | 'staleData'>): boolean {
  return reading.papersWithoutCard > 0 && !reading.staleData;
}

/** A papers listing the extension cannot read at all: no data to list and no card found. */
export function layoutUnknown(reading: PageReading): boolean {
  return (
    reading.route !== null && reading.route !== 'paper' && reading.island !== 'found' && reading.cards === 0
  );
}

/** The route in the UI's language, e.g. "Daily Papers 목록 (day)". */
export function describeRoute(reading: PageReading): string {
  if (!reading.route) return t('route.unknown');
  const name = t(`route.${reading.route}`);
  return reading.period ? t('route.withPeriod', { name, period: reading.period }) : name;
}

export function describeIsland(state: IslandState): string {
  return t(`island.${state}`);
}

export interface ReportContext {
  /** The extension's version (manifest). */
  version: string;
  /** Browser name and major version, e.g. "Chrome 141". */
  browser: string;
  /** When the report was made (ISO date, day precision is enough). */
  date: string;
}

/** Browser name and major version from a user agent string: nothing finer, it is not needed. */
export function browserOf(userAgent: string): string {
  const firefox = /Firefox\/(\d+)/.exec(userAgent);
  if (firefox) return `Firefox ${firefox[1]}`;
  const edge = /Edg\/(\d+)/.exec(userAgent);
  if (edge) return `Edge ${edge[1]}`;
  const chrome = /Chrom(?:e|ium)\/(\d+)/.exec(userAgent);
  if (chrome) return `Chrome ${chrome[1]}`;
  return 'unknown';
}

/**
 * The text "문제 보고용 정보 복사" puts on the clipboard: what the page reader saw, in English keys so
 * maintainers can compare reports, with nothing that identifies the user or the page they were on.
 */
export function readingReport(reading: PageReading, context: ReportContext): string {
  const tags = Object.entries(reading.cardTags)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([tag, count]) => `${tag}×${count}`)
    .join(', ');
  const lines = [
    'Daily Papers KO page reading',
    `- extension: ${context.version} · ${context.browser} · ${context.date}`,
    `- route: ${reading.route ?? 'none'}${reading.period ? ` (${reading.period})` : ''}`,
    `- data island: ${reading.island}${reading.staleData ? ' (stale: describes other papers)' : ''}`,
    `- papers in data: ${reading.papersInData}`,
    `- cards found: ${reading.cards} (papers with a card: ${reading.papersWithCard}, without: ${reading.papersWithoutCard})`,
    `- cards not in data: ${reading.cardsWithoutData}`,
    `- card elements: ${tags || 'none'}`,
    `- fallback list offered: ${reading.fallbackOffered ? 'yes' : 'no'}`,
  ];
  return lines.join('\n');
}
