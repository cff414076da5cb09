// Learns from what the user read: a decaying average of the read papers' embeddings and keywords.
//
// "Read" is whatever the caller counts (opened a summary, clicked through); each read adds the paper's
// unit vector and its keywords with weight 1, and everything older fades with a 30-day half-life, so
// the profile follows changing interests. It only ever nudges the ranking (profileWeight ≤ 0.4).
import { type Vector, vectorLength } from './similarity.ts';

export interface ReadingProfile {
  /** Sum of the read papers' unit vectors, decayed to `updatedAt`; null before the first read with a vector. */
  sum: number[] | null;
  /** Decayed number of reads, with or without a vector: how much the history has to say. */
  reads: number;
  /** Keyword (lower case) → decayed count of reads that carried it. */
  keywords: Record<string, number>;
  /** Epoch ms the decayed values refer to. */
  updatedAt: number;
}

export const EMPTY_READING_PROFILE: ReadingProfile = { sum: null, reads: 0, keywords: {}, updatedAt: 0 };

export const READ_HALF_LIFE_DAYS = 30;
/** The most the reading history may weigh against the stated interests. */
export const MAX_PROFILE_WEIGHT = 0.4;
/** Reads (decayed) at which the history reaches half of MAX_PROFILE_WEIGHT. */
const HALF_WEIGHT_READS = 5;
/** Keyword counts at which a paper's affinity reaches one half. */
const HALF_AFFINITY_COUNT = 3;
const MAX_KEYWORDS = 200;
const FORGOTTEN_BELOW = 0.05;
const DAY_MS = 86_400_000;

function decayFactor(profile: ReadingProfile, now: number): number {
  if (profile.updatedAt === 0 || now <= profile.updatedAt) return 1;
  return 0.5 ** ((now - profile.updatedAt) / (READ_HALF_LIFE_DAYS * DAY_MS));
}

function keywordKey(keyword: string): string {
  return keyword.trim().toLowerCase();
}

/** Adds one read. A vector of another length than the profile's (a new embedding model) starts the sum over. */
export function recordRead(
  profile: ReadingProfile,
  read: { vector?: Vector | null; keywords?: readonly string[] },
  now: number,
): ReadingProfile {
  const factor = decayFactor(profile, now);
  let sum = profile.sum?.map((value) => value * factor) ?? null;
  const length = read.vector ? vectorLength(read.vector) : 0;
  if (read.vector && length > 0) {
    if (!sum || sum.length !== read.vector.length) sum = new Array<number>(read.vector.length).fill(0);
    for (let i = 0; i < sum.length; i++) sum[i] = (sum[i] ?? 0) + (read.vector[i] ?? 0) / length;
  }

  // This read's keywords go in first, so at the size cap they win ties against older ones.
  const counts = new Map<string, number>();
  for (const keyword of new Set((read.keywords ?? []).map(keywordKey))) {
    if (keyword !== '') counts.set(keyword, (profile.keywords[keyword] ?? 0) * factor + 1);
  }
  for (const [keyword, count] of Object.entries(profile.keywords)) {
    if (!counts.has(keyword)) counts.set(keyword, count * factor);
  }
  const keywords = Object.fromEntries(
    [...counts.entries()]
      .filter(([, count]) => count >= FORGOTTEN_BELOW)
      .sort(([, a], [, b]) => b - a)
      .slice(0, MAX_KEYWORDS),
  );
  return { sum, reads: profile.reads * factor + 1, keywords, updatedAt: Math.max(now, profile.updatedAt) };
}

/** The direction of what the user reads, for cosine ranking; null before any read with a vector. */
export function profileVector(profile: ReadingProfile): number[] | null {
  return profile.sum && vectorLength(profile.sum) > 0 ? profile.sum : null;
}

/** How much the reading history counts against the stated interests: 0 with no reads, up to MAX_PROFILE_WEIGHT. */
export function profileWeight(profile: ReadingProfile, now: number): number {
  const reads = profile.reads * decayFactor(profile, now);
  return (MAX_PROFILE_WEIGHT * reads) / (reads + HALF_WEIGHT_READS);
}

/** How close a paper's keywords are to what the user read, 0–1 (1 never quite reached). */
export function keywordAffinity(profile: ReadingProfile, keywords: readonly string[], now: number): number {
  const factor = decayFactor(profile, now);
  let total = 0;
  for (const keyword of new Set(keywords.map(keywordKey))) total += (profile.keywords[keyword] ?? 0) * factor;
  return total / (total + HALF_AFFINITY_COUNT);
}
