// The summary styles a user can choose (kept apart from settings so pages can import it cheaply).
export const SUMMARY_STYLES = ['bullets', 'newsletter'] as const;
export type SummaryStyle = (typeof SUMMARY_STYLES)[number];
