// Where Hugging Face's server-rendered Svelte islands keep the page's data (`data-props` JSON).

export const ISLAND_SELECTOR = {
  /** Day, week, month, trending and (2026) search lists. */
  listing: '[data-target="DailyPapers"][data-props]',
  /** Search results in an island of their own, as some scrapers report it. */
  searchResults: '[data-target="SearchResults"][data-props]',
  paperPage: '[data-target="PaperContent"][data-props]',
} as const;

/** Whether the page carried its data island (present but unreadable is drift too). */
export type { IslandState } from '../../shared/page-reading.ts';
