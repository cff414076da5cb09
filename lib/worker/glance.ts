// Wires the "whole day at a glance" services for the background: the glossary in use, the one-liner
// and vector caches, what was learnt about embeddings, the reading profile, and the two services.
import { browser } from 'wxt/browser';
import { fetchShippedGlossary, SHIPPED_GLOSSARY_ASSET } from '../shared/glossary/asset.ts';
import type { Settings } from '../shared/settings.ts';
import { type KeyValueStore, LruStore } from './cache.ts';
import { GlossaryStore } from './glossary.ts';
import { OneLinerService } from './oneliner-service.ts';
import { ONE_LINER_CACHE_MAX_BYTES, ONE_LINER_LAYOUT } from './oneliners/cache.ts';
import { type EmbeddingFact, VECTOR_CACHE_MAX_BYTES, VECTOR_LAYOUT } from './ranking/embeddings.ts';
import { RankingService } from './ranking-service.ts';
import { type CorrectionStore, RememberedCorrections } from './request-plan.ts';
import type { LedgerStore, UsageRecorder } from './spending.ts';
import { embeddingFactsItem, glossaryEditsItem, readingProfileItem } from './stored-items.ts';
import type { SummaryService } from './summary-service.ts';

export interface GlanceWiring {
  store: KeyValueStore;
  settings: () => Promise<Settings>;
  freshSettings: () => Promise<Settings>;
  hasEndpointPermission: (baseURL: string) => Promise<boolean>;
  ledger: LedgerStore;
  recorder: UsageRecorder;
  corrections: CorrectionStore;
  summaries: SummaryService;
}

export function glossaryStore(): GlossaryStore {
  const item = glossaryEditsItem;
  const glossary = new GlossaryStore(
    {
      get: async () => (await item.getValue()) ?? undefined,
      set: (edits) => item.setValue(edits),
    },
    () => fetchShippedGlossary(new URL(SHIPPED_GLOSSARY_ASSET, browser.runtime.getURL('/')).href),
  );
  // Edits saved elsewhere (another worker instance, an import) apply to the next prompt.
  item.watch(() => glossary.changed());
  return glossary;
}

export function createGlanceServices(wiring: GlanceWiring, glossary: GlossaryStore) {
  const oneLinerCache = new LruStore(wiring.store, ONE_LINER_LAYOUT, () => ONE_LINER_CACHE_MAX_BYTES);
  const vectorCache = new LruStore(wiring.store, VECTOR_LAYOUT, () => VECTOR_CACHE_MAX_BYTES);

  const factsItem = embeddingFactsItem;
  const facts = new RememberedCorrections<EmbeddingFact>((entries) => void factsItem.setValue(entries), 50);
  void factsItem.getValue().then(
    (stored) => facts.restore(stored),
    (error: unknown) => console.warn('[Daily Papers KO] could not read the embedding facts', error),
  );
  const profileItem = readingProfileItem;

  const ranking = new RankingService({
    loadSettings: wiring.freshSettings,
    hasEndpointPermission: wiring.hasEndpointPermission,
    ledger: wiring.ledger,
    recorder: wiring.recorder,
    vectors: vectorCache,
    oneLiners: oneLinerCache,
    facts,
    profile: { get: () => profileItem.getValue(), set: (profile) => profileItem.setValue(profile) },
  });
  const oneLiners = new OneLinerService({
    loadSettings: wiring.settings,
    loadFreshSettings: wiring.freshSettings,
    hasEndpointPermission: wiring.hasEndpointPermission,
    ledger: wiring.ledger,
    recorder: wiring.recorder,
    cache: oneLinerCache,
    scheduler: wiring.summaries.scheduler,
    corrections: wiring.corrections,
    glossary: () => glossary.entries(),
    relevanceInterests: (settings) => ranking.relevanceInterests(settings),
  });
  return { oneLiners, ranking, caches: [oneLinerCache, vectorCache] };
}
