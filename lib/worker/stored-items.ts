// What the worker keeps in `storage.local`, declared in one place: key, type and fallback. The
// settings (read by the extension's pages too) are declared in lib/shared/settings.ts, the API key in
// lib/shared/secret-store.ts, and the summary, one-liner and vector caches are LRU stores
// (lib/worker/cache.ts) whose entries are checked with their own schemas when read.
import { storage } from 'wxt/utils/storage';
import { EMPTY_LEDGER, type Ledger } from '../shared/cost.ts';
import type { GlossaryEdits } from '../shared/glossary/user-edits.ts';
import type { EmbeddingFact } from './ranking/embeddings.ts';
import type { ReadingProfile } from './ranking/reading-profile.ts';
import type { PlanCorrection } from './request-plan.ts';

/** This month's and today's spending (lib/shared/cost.ts). */
export const ledgerItem = storage.defineItem<Ledger>('local:ledger', { fallback: EMPTY_LEDGER });

/** What earlier requests learnt about each endpoint + model's parameters (request-plan.ts). */
export const requestCorrectionsItem = storage.defineItem<Record<string, PlanCorrection>>(
  'local:requestCorrections',
  { fallback: {} },
);

/** What was learnt about each endpoint's embeddings (ranking/embeddings.ts). */
export const embeddingFactsItem = storage.defineItem<Record<string, EmbeddingFact>>('local:embeddingFacts', {
  fallback: {},
});

/** The user's changes to the shipped glossary (validated where they are read: glossary/user-edits.ts). */
export const glossaryEditsItem = storage.defineItem<GlossaryEdits>('local:glossaryEdits');

/** What the user read, for the ranking (kept on this computer only). */
export const readingProfileItem = storage.defineItem<ReadingProfile>('local:readingProfile');
