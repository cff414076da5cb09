// Ranks papers for the user: by embedding similarity to their interests, or by the one-liners' relevance scores.
//
// Both ways blend in the reading history (reading-profile.ts) with the weight it has earned, and both
// keep the page's order among equals, so a page with no signal stays as Hugging Face ordered it.
import { keywordAffinity, profileVector, profileWeight, type ReadingProfile } from './reading-profile.ts';

export type Vector = ArrayLike<number>;

export interface PaperScore {
  id: string;
  /** Higher is more relevant; null when nothing could be scored (ranked last, in page order). */
  score: number | null;
}

export function vectorLength(vector: Vector): number {
  let squares = 0;
  for (let i = 0; i < vector.length; i++) squares += (vector[i] ?? 0) ** 2;
  return Math.sqrt(squares);
}

/** Cosine similarity in [-1, 1]; null for vectors of different lengths or a zero vector. */
export function cosineSimilarity(a: Vector, b: Vector): number | null {
  if (a.length !== b.length || a.length === 0) return null;
  let dot = 0;
  for (let i = 0; i < a.length; i++) dot += (a[i] ?? 0) * (b[i] ?? 0);
  const lengths = vectorLength(a) * vectorLength(b);
  return lengths === 0 ? null : dot / lengths;
}

/** Best score first, unscored last; equal scores keep their page order (Array.prototype.sort is stable). */
function ranked(scores: PaperScore[]): PaperScore[] {
  return scores.sort((a, b) => {
    if (a.score === null || b.score === null) return a.score === null ? (b.score === null ? 0 : 1) : -1;
    return b.score - a.score;
  });
}

function blend(interest: number | null, learned: number | null, weight: number): number | null {
  if (interest === null) return learned === null || weight === 0 ? null : learned * weight;
  if (learned === null) return interest;
  return (1 - weight) * interest + weight * learned;
}

/**
 * Papers by their closeness to the interests: the best cosine over the interest vectors (a paper need
 * only match one interest), blended with the closeness to what the user read.
 */
export function rankByEmbedding(
  papers: readonly { id: string; vector: Vector | null }[],
  interests: readonly Vector[],
  history: { profile: ReadingProfile; now: number } | null = null,
): PaperScore[] {
  const readVector = history ? profileVector(history.profile) : null;
  const weight = history && readVector ? profileWeight(history.profile, history.now) : 0;
  return ranked(
    papers.map(({ id, vector }) => {
      if (!vector) return { id, score: null };
      let best: number | null = null;
      for (const interest of interests) {
        const similarity = cosineSimilarity(vector, interest);
        if (similarity !== null && (best === null || similarity > best)) best = similarity;
      }
      const learned = readVector ? cosineSimilarity(vector, readVector) : null;
      return { id, score: blend(best, learned, weight) };
    }),
  );
}

/**
 * The fallback without embeddings: the one-liners' 0–3 relevance, blended with how much the paper's
 * keywords (Hugging Face's ai_keywords) overlap what the user read.
 */
export function rankByRelevance(
  papers: readonly { id: string; relevance: number | null; keywords?: readonly string[] }[],
  history: { profile: ReadingProfile; now: number } | null = null,
): PaperScore[] {
  const weight = history ? profileWeight(history.profile, history.now) : 0;
  return ranked(
    papers.map(({ id, relevance, keywords }) => {
      const stated = relevance === null ? null : Math.min(3, Math.max(0, relevance)) / 3;
      const learned = history && keywords ? keywordAffinity(history.profile, keywords, history.now) : null;
      return { id, score: blend(stated, learned, weight) };
    }),
  );
}
