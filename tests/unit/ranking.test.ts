import { describe, expect, it } from 'vitest';
import {
  EMPTY_READING_PROFILE,
  keywordAffinity,
  MAX_PROFILE_WEIGHT,
  profileVector,
  profileWeight,
  READ_HALF_LIFE_DAYS,
  type ReadingProfile,
  recordRead,
} from '../../lib/worker/ranking/reading-profile.ts';
import { cosineSimilarity, rankByEmbedding, rankByRelevance } from '../../lib/worker/ranking/similarity.ts';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 23);

function readMany(reads: { vector?: number[]; keywords?: string[] }[], at = NOW): ReadingProfile {
  return reads.reduce((profile, read) => recordRead(profile, read, at), EMPTY_READING_PROFILE);
}

describe('cosineSimilarity', () => {
  it('measures the angle, not the length', () => {
    expect(cosineSimilarity([1, 0], [3, 0])).toBeCloseTo(1);
    expect(cosineSimilarity([1, 0], [0, 2])).toBeCloseTo(0);
    expect(cosineSimilarity([1, 1], [-1, -1])).toBeCloseTo(-1);
    expect(cosineSimilarity(Float32Array.from([1, 2, 3]), [1, 2, 3])).toBeCloseTo(1);
  });

  it('has no answer for a zero vector or vectors of different lengths', () => {
    expect(cosineSimilarity([0, 0], [1, 0])).toBeNull();
    expect(cosineSimilarity([1, 0, 0], [1, 0])).toBeNull();
  });
});

describe('rankByEmbedding', () => {
  const papers = [
    { id: 'vision', vector: [0, 1, 0] },
    { id: 'decoding', vector: [1, 0.1, 0] },
    { id: 'no-vector', vector: null },
    { id: 'rl', vector: [0, 0, 1] },
  ];

  it('puts the papers closest to any interest first and unscored papers last', () => {
    const ranking = rankByEmbedding(papers, [
      [1, 0, 0],
      [0, 0, 1],
    ]);
    expect(ranking.map((paper) => paper.id)).toEqual(['rl', 'decoding', 'vision', 'no-vector']);
    expect(ranking.at(-1)?.score).toBeNull();
  });

  it('keeps the page order when nothing can be scored', () => {
    expect(rankByEmbedding(papers, []).map((paper) => paper.id)).toEqual([
      'vision',
      'decoding',
      'no-vector',
      'rl',
    ]);
  });

  it('lets what the user read break a tie between interests', () => {
    const tied = [
      { id: 'a', vector: [1, 0, 0] },
      { id: 'b', vector: [0, 0, 1] },
    ];
    const history = { profile: readMany([{ vector: [0, 0, 1] }, { vector: [0, 0.2, 1] }]), now: NOW };
    expect(
      rankByEmbedding(
        tied,
        [
          [1, 0, 0],
          [0, 0, 1],
        ],
        history,
      ).map((paper) => paper.id),
    ).toEqual(['b', 'a']);
  });

  it('ranks by the reading history alone when there are no interests', () => {
    const history = { profile: readMany([{ vector: [0, 1, 0] }]), now: NOW };
    expect(rankByEmbedding(papers, [], history)[0]?.id).toBe('vision');
  });

  it('never lets the history outweigh a clear interest', () => {
    const history = {
      profile: readMany(Array.from({ length: 100 }, () => ({ vector: [0, 1, 0] }))),
      now: NOW,
    };
    expect(rankByEmbedding(papers, [[1, 0, 0]], history)[0]?.id).toBe('decoding');
  });
});

describe('rankByRelevance', () => {
  const papers = [
    { id: 'zero', relevance: 0, keywords: ['diffusion'] },
    { id: 'unscored', relevance: null, keywords: ['rag'] },
    { id: 'two', relevance: 2, keywords: ['rag'] },
    { id: 'three', relevance: 3, keywords: ['diffusion'] },
    { id: 'also-two', relevance: 2, keywords: ['diffusion'] },
  ];

  it('orders by the one-liner scores, ties in page order, unscored last', () => {
    expect(rankByRelevance(papers).map((paper) => paper.id)).toEqual([
      'three',
      'two',
      'also-two',
      'zero',
      'unscored',
    ]);
  });

  it('breaks ties toward the keywords the user reads', () => {
    const history = {
      profile: readMany([{ keywords: ['Diffusion'] }, { keywords: ['diffusion', 'video'] }]),
      now: NOW,
    };
    expect(rankByRelevance(papers, history).map((paper) => paper.id)).toEqual([
      'three',
      'also-two',
      'two',
      'zero',
      'unscored',
    ]);
  });
});

describe('reading profile', () => {
  it('starts with no say and gains weight with reads, up to a ceiling', () => {
    expect(profileWeight(EMPTY_READING_PROFILE, NOW)).toBe(0);
    const few = profileWeight(readMany([{ keywords: ['rag'] }]), NOW);
    const many = profileWeight(readMany(Array.from({ length: 200 }, () => ({ keywords: ['rag'] }))), NOW);
    expect(few).toBeGreaterThan(0);
    expect(many).toBeGreaterThan(few);
    expect(many).toBeLessThan(MAX_PROFILE_WEIGHT);
  });

  it('forgets with a half-life', () => {
    const profile = readMany([{ keywords: ['rag'] }, { keywords: ['rag'] }]);
    const later = NOW + READ_HALF_LIFE_DAYS * DAY;
    expect(keywordAffinity(profile, ['RAG'], later)).toBeLessThan(keywordAffinity(profile, ['RAG'], NOW));
    expect(profileWeight(profile, later)).toBeLessThan(profileWeight(profile, NOW));
    const refreshed = recordRead(profile, { keywords: ['video'] }, later);
    expect(refreshed.keywords.rag).toBeCloseTo(1);
    expect(refreshed.keywords.video).toBe(1);
  });

  it('averages the directions of read papers, whatever their length', () => {
    const profile = readMany([{ vector: [10, 0] }, { vector: [0, 1] }]);
    expect(cosineSimilarity(profileVector(profile) ?? [], [1, 1])).toBeCloseTo(1);
  });

  it('starts the vector over when the embedding model changes its size', () => {
    const profile = recordRead(readMany([{ vector: [1, 0] }]), { vector: [0, 0, 1] }, NOW);
    expect(profileVector(profile)).toEqual([0, 0, 1]);
  });

  it('keeps the profile small', () => {
    const profile = readMany(Array.from({ length: 300 }, (_, index) => ({ keywords: [`topic ${index}`] })));
    expect(Object.keys(profile.keywords)).toHaveLength(200);
    expect(profile.keywords['topic 299']).toBe(1);
  });
});
