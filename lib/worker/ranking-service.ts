// Ranks a page's papers by the user's interests: with embeddings from the same endpoint where it has
// them (vectors cached per paper, cosine in the worker), else with the one-liners' 0–3 scores; the
// reading profile nudges both when the user allows it. A day already seen ranks from the cache alone.
import type OpenAI from 'openai';
import * as v from 'valibot';
import type { PaperForGlance, RankedPaper, Ranking, SummaryError } from '../shared/domain.ts';
import { uiRanking } from '../shared/i18n/ui-glance.ts';
import type { Settings } from '../shared/settings.ts';
import type { LruStore } from './cache.ts';
import { type OneLinerEntry, oneLinerKeys } from './oneliners/cache.ts';
import { oneLinerInput } from './oneliners/prompt.ts';
import { SummaryFailure, toSummaryError } from './openai/errors.ts';
import {
  decodeVector,
  type EmbeddingFact,
  embeddingDimensionsFor,
  embeddingModelFor,
  embedTexts,
  encodeVector,
  RECHECK_UNAVAILABLE_MS,
  type VectorEntry,
  vectorKey,
} from './ranking/embeddings.ts';
import { parseInterests } from './ranking/interests.ts';
import { EMPTY_READING_PROFILE, type ReadingProfile, recordRead } from './ranking/reading-profile.ts';
import { pickRecommended } from './ranking/recommend.ts';
import {
  cosineSimilarity,
  type PaperScore,
  rankByEmbedding,
  rankByRelevance,
  type Vector,
} from './ranking/similarity.ts';
import { type CorrectionStore, correctionKey } from './request-plan.ts';
import { costFor, type LedgerStore, spendingBlock, type UsageRecorder } from './spending.ts';
import { endpointFor } from './stream-answer.ts';

/** Where the reading profile is kept (`storage.local`, on this computer only). */
export interface ProfileStorage {
  get(): Promise<unknown>;
  set(profile: ReadingProfile): Promise<void>;
}

export interface RankingServiceDeps {
  /** Settings read from storage now: ranking may spend (embeddings). */
  loadSettings: () => Promise<Settings>;
  hasEndpointPermission: (baseURL: string) => Promise<boolean>;
  ledger: LedgerStore;
  recorder: UsageRecorder;
  vectors: LruStore<VectorEntry>;
  oneLiners: LruStore<OneLinerEntry>;
  /** What was learnt about each endpoint + embedding model. */
  facts: CorrectionStore<EmbeddingFact>;
  profile: ProfileStorage;
  /** Injected for tests; the real client otherwise. */
  client?: OpenAI;
  now?: () => number;
}

const ProfileSchema = v.object({
  sum: v.nullable(v.array(v.number())),
  reads: v.number(),
  keywords: v.record(v.string(), v.number()),
  updatedAt: v.number(),
});

/** One paper's text for its vector: the same title and summary the one-liners read. */
function paperText(paper: PaperForGlance): string {
  const input = oneLinerInput(paper);
  return `${input.title}\n${input.text}`;
}

type EmbedResult = { kind: 'vectors'; vectors: Int8Array[] } | { kind: 'unavailable' };

export class RankingService {
  private readonly now: () => number;
  private profileWrites: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: RankingServiceDeps) {
    this.now = deps.now ?? Date.now;
  }

  private factKey(settings: Settings, model: string): string {
    return correctionKey(settings.baseURL, model);
  }

  /** The embedding model to use now, or null: none known for the provider, or it was found to have none. */
  private embeddingModel(settings: Settings): string | null {
    const model = embeddingModelFor(settings);
    if (!model) return null;
    const fact = this.deps.facts.get(this.factKey(settings, model));
    const known = fact?.unavailable && this.now() - fact.checkedAt < RECHECK_UNAVAILABLE_MS;
    return known ? null : model;
  }

  /**
   * Vectors for these texts from the endpoint; `unavailable` (remembered) when it has no embeddings.
   * Rejects with SummaryFailure when it may not or cannot be asked now (budget, key, network…).
   */
  private async embed(settings: Settings, model: string, texts: string[]): Promise<EmbedResult> {
    const blocked = await spendingBlock(settings, this.deps.ledger, this.now(), { models: [model] });
    if (blocked) throw new SummaryFailure(blocked);
    if (!(await this.deps.hasEndpointPermission(settings.baseURL)))
      throw new SummaryFailure({ kind: 'endpointPermission' });
    const { client, apiKey } = endpointFor(settings, this.deps.client);
    const key = this.factKey(settings, model);
    const outcome = await embedTexts({
      client,
      model,
      texts,
      fact: this.deps.facts.get(key),
      apiKey,
      baseURL: settings.baseURL,
      now: this.now(),
      onUsage: (usage) => this.deps.recorder.recordLater(usage, costFor(settings, model, usage)),
    });
    if (outcome.learnt) this.deps.facts.set(key, outcome.learnt);
    return outcome.kind === 'vectors' ? { kind: 'vectors', vectors: outcome.vectors } : outcome;
  }

  /**
   * Vectors by key for these subjects: cached ones, and the rest asked for in one request. Null when
   * the endpoint turned out to have no embeddings; `error` when the missing ones could not be had now.
   */
  private async vectorsFor(
    settings: Settings,
    model: string,
    subjects: { key: string; text: string }[],
  ): Promise<{ vectors: Map<string, Int8Array>; error: SummaryError | null } | null> {
    const cached = await this.deps.vectors.getEntries(subjects.map((subject) => subject.key));
    const vectors = new Map<string, Int8Array>();
    for (const [key, entry] of cached) {
      const vector = decodeVector(entry.data);
      if (vector) vectors.set(key, vector);
    }
    const missing = subjects.filter((subject) => !vectors.has(subject.key));
    if (missing.length === 0) return { vectors, error: null };
    try {
      const result = await this.embed(
        settings,
        model,
        missing.map((subject) => subject.text),
      );
      if (result.kind === 'unavailable') return null;
      const createdAt = this.now();
      const entries = missing.map((subject, index) => {
        const vector = result.vectors[index] as Int8Array;
        vectors.set(subject.key, vector);
        return { key: subject.key, data: encodeVector(vector), createdAt };
      });
      await this.deps.vectors
        .putAll(entries)
        .catch((error: unknown) => console.warn('[Daily Papers KO] could not store vectors', error));
      return { vectors, error: null };
    } catch (error) {
      return { vectors, error: toSummaryError(error, { apiKey: settings.apiKey }) };
    }
  }

  /**
   * The interests the one-liners should score papers against: none when embeddings will rank
   * instead. The first time an endpoint is asked, this embeds the interests (needed for ranking
   * anyway), which tells whether it has embeddings.
   */
  async relevanceInterests(settings: Settings): Promise<string[]> {
    const interests = parseInterests(settings.interests);
    if (interests.length === 0) return [];
    const model = this.embeddingModel(settings);
    if (!model) return interests;
    const dimensions = embeddingDimensionsFor(model, this.deps.facts.get(this.factKey(settings, model)));
    const found = await this.vectorsFor(
      settings,
      model,
      interests.map((interest) => ({ key: vectorKey(model, dimensions, { interest }), text: interest })),
    );
    // Embeddings rank only once the interests have vectors; until then the one-liners score.
    return found && found.vectors.size === interests.length ? [] : interests;
  }

  /** relevanceInterests without asking the endpoint (for estimates): an untried endpoint counts as having embeddings. */
  relevanceInterestsOffline(settings: Settings): string[] {
    return this.embeddingModel(settings) ? [] : parseInterests(settings.interests);
  }

  private async profile(): Promise<ReadingProfile> {
    const parsed = v.safeParse(ProfileSchema, await this.deps.profile.get().catch(() => undefined));
    return parsed.success ? parsed.output : EMPTY_READING_PROFILE;
  }

  /** These papers, best first, with the top ones recommended. */
  async rank(papers: PaperForGlance[]): Promise<Ranking> {
    const settings = await this.deps.loadSettings();
    const interests = parseInterests(settings.interests);
    const profile = settings.learnFromReading ? await this.profile() : EMPTY_READING_PROFILE;
    const history = profile.reads > 0 ? { profile, now: this.now() } : null;
    if (interests.length === 0 && !history) {
      return {
        method: 'none',
        ranked: papers.map((paper) => ({ id: paper.id, score: null, recommended: false, reasonKo: null })),
        unscored: papers.map((paper) => paper.id),
        error: null,
      };
    }
    const model = this.embeddingModel(settings);
    let error: SummaryError | null = null;
    if (model) {
      const ranked = await this.rankByEmbeddings(papers, settings, model, interests, history);
      if (ranked.kind === 'ranked') return ranked.response;
      error = ranked.error;
    }
    const ranked = await this.rankByRelevance(papers, settings, interests, history);
    return { ...ranked, error };
  }

  private async rankByEmbeddings(
    papers: PaperForGlance[],
    settings: Settings,
    model: string,
    interests: string[],
    history: { profile: ReadingProfile; now: number } | null,
  ): Promise<{ kind: 'ranked'; response: Ranking } | { kind: 'cannot'; error: SummaryError | null }> {
    const dimensions = embeddingDimensionsFor(model, this.deps.facts.get(this.factKey(settings, model)));
    const interestKeys = interests.map((interest) => vectorKey(model, dimensions, { interest }));
    const paperKeys = papers.map((paper) => vectorKey(model, dimensions, { paperId: paper.id }));
    const found = await this.vectorsFor(settings, model, [
      ...interests.map((interest, index) => ({ key: interestKeys[index] as string, text: interest })),
      ...papers.map((paper, index) => ({ key: paperKeys[index] as string, text: paperText(paper) })),
    ]);
    if (!found) return { kind: 'cannot', error: null };
    const interestVectors = interests.flatMap((interest, index) => {
      const vector = found.vectors.get(interestKeys[index] as string);
      return vector ? [{ interest, vector }] : [];
    });
    const withVectors = papers.map((paper, index) => ({
      id: paper.id,
      vector: found.vectors.get(paperKeys[index] as string) ?? null,
    }));
    // Interests without vectors (no price under a budget, offline on a first visit): the one-liner
    // scores are what can rank now.
    if (interests.length > 0 && interestVectors.length === 0) return { kind: 'cannot', error: found.error };
    const scores = rankByEmbedding(
      withVectors,
      interestVectors.map((item) => item.vector),
      history,
    );
    const vectorOf = new Map(withVectors.map((paper) => [paper.id, paper.vector]));
    const reason = (id: string) => {
      const vector = vectorOf.get(id);
      const best = vector ? closestInterest(vector, interestVectors) : null;
      return best ? uiRanking.closeToInterest(best) : uiRanking.closeToReading;
    };
    return { kind: 'ranked', response: this.response('embeddings', scores, reason, found.error) };
  }

  private async rankByRelevance(
    papers: PaperForGlance[],
    settings: Settings,
    interests: string[],
    history: { profile: ReadingProfile; now: number } | null,
  ): Promise<Ranking> {
    const keys = papers.map((paper) => oneLinerKeys(paper.id, settings.model, interests).scored);
    const found = await this.deps.oneLiners.getEntries(keys.filter((key): key is string => key !== null));
    const entryOf = new Map(
      papers.map((paper, index) => {
        const key = keys[index];
        return [paper.id, key ? found.get(key) : undefined];
      }),
    );
    const scores = rankByRelevance(
      papers.map((paper) => ({
        id: paper.id,
        relevance: entryOf.get(paper.id)?.relevance ?? null,
        keywords: paper.keywords,
      })),
      history,
    );
    const reason = (id: string) => entryOf.get(id)?.reasonKo ?? uiRanking.closeToReading;
    return this.response('relevance', scores, reason, null);
  }

  private response(
    method: 'embeddings' | 'relevance',
    scores: PaperScore[],
    reason: (id: string) => string,
    error: SummaryError | null,
  ): Ranking {
    const recommended = new Set(pickRecommended(scores, method));
    const ranked: RankedPaper[] = scores.map(({ id, score }) => ({
      id,
      score,
      recommended: recommended.has(id),
      reasonKo: recommended.has(id) ? reason(id) : null,
    }));
    return {
      method,
      ranked,
      unscored: scores.filter((item) => item.score === null).map((item) => item.id),
      error,
    };
  }

  /**
   * The user read this paper: when they allow it, its vector (cached, or asked for) and keywords join
   * the reading profile. Returns whether anything was learnt.
   */
  async recordRead(paper: PaperForGlance): Promise<boolean> {
    const settings = await this.deps.loadSettings();
    if (!settings.learnFromReading) return false;
    let vector: Int8Array | null = null;
    const model = this.embeddingModel(settings);
    if (model) {
      const dimensions = embeddingDimensionsFor(model, this.deps.facts.get(this.factKey(settings, model)));
      const key = vectorKey(model, dimensions, { paperId: paper.id });
      const found = await this.vectorsFor(settings, model, [{ key, text: paperText(paper) }]);
      vector = found?.vectors.get(key) ?? null;
    }
    const write = this.profileWrites.then(async () => {
      const next = recordRead(await this.profile(), { vector, keywords: paper.keywords }, this.now());
      await this.deps.profile.set(next);
    });
    this.profileWrites = write.catch(() => undefined);
    await write;
    return true;
  }
}

/** The interest a paper is closest to, when there are any. */
function closestInterest(vector: Vector, interests: { interest: string; vector: Vector }[]): string | null {
  let best: string | null = null;
  let bestSimilarity = Number.NEGATIVE_INFINITY;
  for (const item of interests) {
    const similarity = cosineSimilarity(vector, item.vector);
    if (similarity !== null && similarity > bestSimilarity) {
      best = item.interest;
      bestSimilarity = similarity;
    }
  }
  return best;
}
