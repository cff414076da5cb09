// Embedding vectors from the user's own endpoint, for ranking: which model to ask, the request, what
// an endpoint without embeddings answers (remembered, so the next page goes straight to the one-liner
// scores), and vectors kept small in the cache (int8, 256 dimensions where the model can shorten).
import OpenAI from 'openai';
import * as v from 'valibot';
import type { Usage } from '../../shared/domain.ts';
import { defaultEmbeddingModel } from '../../shared/providers.ts';
import type { Settings } from '../../shared/settings.ts';
import type { LruLayout } from '../cache.ts';
import { canonicalModelId } from '../models/catalogue.ts';
import { SummaryFailure, toSummaryError } from '../openai/errors.ts';

/** The model to embed with: the user's own choice, else the provider's usual one; null for none. */
export function embeddingModelFor(
  settings: Pick<Settings, 'embeddingModel' | 'provider' | 'baseURL'>,
): string | null {
  return settings.embeddingModel.trim() || defaultEmbeddingModel(settings.provider, settings.baseURL);
}

/** Enough to rank a day of papers; text-embedding-3 models shorten their vectors on request. */
const EMBEDDING_DIMENSIONS = 256;

/** The dimensions to ask for: shortened where the model can and the endpoint took it, else null (full). */
export function embeddingDimensionsFor(model: string, fact: EmbeddingFact | undefined): number | null {
  return canonicalModelId(model).startsWith('text-embedding-3') && !fact?.noDimensions
    ? EMBEDDING_DIMENSIONS
    : null;
}

/** What was learnt about an endpoint + embedding model. */
export interface EmbeddingFact {
  /** No embeddings there (404, or a 400 about the model): use the one-liner scores. */
  unavailable?: boolean;
  /** The endpoint refused `dimensions`: ask for full vectors. */
  noDimensions?: boolean;
  /** Epoch ms of the last answer that taught us this; an `unavailable` older than a week is tried again. */
  checkedAt: number;
}

export const RECHECK_UNAVAILABLE_MS = 7 * 86_400_000;

/** An int8 vector: cosine only needs directions, and 256 dimensions take 344 characters as base64. */
export function quantize(values: readonly number[]): Int8Array {
  let largest = 0;
  for (const value of values) largest = Math.max(largest, Math.abs(value));
  const scale = largest === 0 ? 0 : 127 / largest;
  return Int8Array.from(values, (value) => Math.round(value * scale));
}

export function encodeVector(vector: Int8Array): string {
  let binary = '';
  for (const byte of new Uint8Array(vector.buffer, vector.byteOffset, vector.byteLength))
    binary += String.fromCharCode(byte);
  return btoa(binary);
}

export function decodeVector(data: string): Int8Array | null {
  try {
    const binary = atob(data);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return new Int8Array(bytes.buffer);
  } catch {
    return null;
  }
}

// ---- The cache of vectors ------------------------------------------------------------------------

const VectorEntrySchema = v.object({
  key: v.string(),
  /** Base64 of the int8 vector. */
  data: v.pipe(v.string(), v.maxLength(20_000)),
  createdAt: v.number(),
});
export type VectorEntry = v.InferOutput<typeof VectorEntrySchema>;

export const VECTOR_LAYOUT: LruLayout<VectorEntry> = {
  indexKey: 'vector-cache-index',
  prefix: 'vector:',
  schema: VectorEntrySchema,
};
/** ~2,800 papers at 256 dimensions; vectors are cheap to ask for again. */
export const VECTOR_CACHE_MAX_BYTES = 1024 * 1024;

/** A paper's vector, or an interest's (`interest:` + its text), under one embedding model and size. */
export function vectorKey(
  model: string,
  dimensions: number | null,
  subject: { paperId: string } | { interest: string },
): string {
  const name = 'paperId' in subject ? subject.paperId : `interest:${subject.interest.trim().toLowerCase()}`;
  return JSON.stringify([model, dimensions ?? 'full', name]);
}

// ---- The request ---------------------------------------------------------------------------------

export type EmbeddingOutcome =
  | { kind: 'vectors'; vectors: Int8Array[]; learnt: EmbeddingFact | null }
  /** The endpoint has no embeddings (or not this model): remember it and rank by the one-liners. */
  | { kind: 'unavailable'; learnt: EmbeddingFact };

/** At most this many texts per request (OpenAI takes 2,048; smaller servers less). */
const MAX_INPUTS_PER_REQUEST = 128;

function isDimensionsRejection(error: InstanceType<typeof OpenAI.APIError>): boolean {
  return (
    (error.status === 400 || error.status === 422) &&
    (error.param === 'dimensions' || /dimensions/i.test(error.message))
  );
}

/** 404 (no such route or model), 405/501 (no such method), or a 400 that is about the model. */
function meansNoEmbeddings(error: InstanceType<typeof OpenAI.APIError>): boolean {
  if (error.status === 404 || error.status === 405 || error.status === 501) return true;
  return (
    (error.status === 400 || error.status === 422) &&
    (error.param === 'model' || /model|embedding|not supported|unsupported/i.test(error.message))
  );
}

/**
 * Vectors for `texts`, in order. Rejects with SummaryFailure for what the user must know about (key,
 * quota, network, rate limit); an endpoint without embeddings is an outcome, not a failure.
 */
export async function embedTexts(request: {
  client: OpenAI;
  model: string;
  texts: readonly string[];
  fact: EmbeddingFact | undefined;
  signal?: AbortSignal;
  apiKey: string;
  baseURL: string;
  now: number;
  /** Each request's billed tokens, as it is answered (one request per 128 texts). */
  onUsage?: (usage: Usage) => void;
}): Promise<EmbeddingOutcome> {
  let dimensions = embeddingDimensionsFor(request.model, request.fact);
  let learnt: EmbeddingFact | null = null;
  const vectors: Int8Array[] = [];
  for (let start = 0; start < request.texts.length; ) {
    const input = request.texts.slice(start, start + MAX_INPUTS_PER_REQUEST);
    try {
      const response = await request.client.embeddings.create(
        {
          model: request.model,
          input: [...input],
          encoding_format: 'float',
          ...(dimensions !== null && { dimensions }),
        },
        { signal: request.signal },
      );
      const ordered = [...response.data].sort((a, b) => a.index - b.index);
      if (ordered.length !== input.length) {
        throw new SummaryFailure({
          kind: 'server',
          detail: `${ordered.length} vectors for ${input.length} texts`,
        });
      }
      for (const item of ordered) vectors.push(quantize(item.embedding));
      if (response.usage)
        request.onUsage?.({ promptTokens: response.usage.prompt_tokens, completionTokens: 0 });
      start += input.length;
    } catch (error) {
      if (error instanceof OpenAI.APIError && error.status !== undefined) {
        if (dimensions !== null && isDimensionsRejection(error)) {
          dimensions = null;
          learnt = { noDimensions: true, checkedAt: request.now };
          continue;
        }
        if (meansNoEmbeddings(error)) {
          return { kind: 'unavailable', learnt: { ...learnt, unavailable: true, checkedAt: request.now } };
        }
      }
      if (error instanceof SummaryFailure) throw error;
      throw new SummaryFailure(toSummaryError(error, { apiKey: request.apiKey, baseURL: request.baseURL }));
    }
  }
  return { kind: 'vectors', vectors, learnt };
}
