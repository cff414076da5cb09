// Which ranked papers get the "추천" badge, and the Korean reason it shows.
import type { PaperScore } from './similarity.ts';

/** A day shows at most this many badges: a badge on every third card would mean nothing. */
export const MAX_RECOMMENDED = 5;
/** One badge per this many papers on the page, at least one. */
const PAPERS_PER_BADGE = 6;
/** Relevance scores are 0–1 (0–3 / 3): a paper must be at least "관련" (2). */
const MIN_RELEVANCE_SCORE = 0.6;
/** Cosine scores mean nothing on their own: a paper must stand out from the page by this many deviations. */
const MIN_STANDOUT = 0.5;

/** The best few papers that stand out, best first. `scores` are ranked (best first). */
export function pickRecommended(scores: readonly PaperScore[], method: 'embeddings' | 'relevance'): string[] {
  const scored = scores.filter((item): item is { id: string; score: number } => item.score !== null);
  if (scored.length === 0) return [];
  const count = Math.min(MAX_RECOMMENDED, Math.max(1, Math.ceil(scores.length / PAPERS_PER_BADGE)));
  let threshold: number;
  if (method === 'relevance') threshold = MIN_RELEVANCE_SCORE;
  else {
    const mean = scored.reduce((sum, item) => sum + item.score, 0) / scored.length;
    const spread = Math.sqrt(scored.reduce((sum, item) => sum + (item.score - mean) ** 2, 0) / scored.length);
    // One paper alone, or all alike: nothing stands out.
    if (spread < 1e-6) return [];
    threshold = mean + MIN_STANDOUT * spread;
  }
  return scored
    .filter((item) => item.score >= threshold)
    .slice(0, count)
    .map((item) => item.id);
}
