// Answers the one-shot requests of the options page, the popup and the content script.
import type { Browser, WxtBrowser } from 'wxt/browser';
import { readerPath } from '../shared/arxiv.ts';
import { estimateRun, spentThisMonth, spentToday } from '../shared/cost.ts';
import type { RuntimeHandlers } from '../shared/messages.ts';
import { loadSettings } from '../shared/settings.ts';
import type { LruStore, SummaryCache } from './cache.ts';
import { listModels, testConnection } from './connection-test.ts';
import type { DeepService } from './deep-service.ts';
import type { GlossaryStore } from './glossary.ts';
import { editGlossary, exportGlossary, glossaryRows } from './glossary-requests.ts';
import { keyStatusOf } from './key-status.ts';
import { applyLocalOriginRule, TRIED_ENDPOINT_RULE } from './local-origin-rule.ts';
import { describeModel, isShutDown, priceOf } from './models/catalogue.ts';
import type { OneLinerService } from './oneliner-service.ts';
import { compareWithFullSummaries, typicalDay } from './oneliners/estimate.ts';
import { effectiveApiKey } from './openai/client.ts';
import { parseInterests } from './ranking/interests.ts';
import type { RankingService } from './ranking-service.ts';
import type { CorrectionStore } from './request-plan.ts';
import type { LedgerStore, SummaryService } from './summary-service.ts';

export interface RuntimeDeps {
  browser: WxtBrowser;
  service: SummaryService;
  deep: DeepService;
  cache: SummaryCache;
  ledger: LedgerStore;
  cacheMaxBytes: () => Promise<number>;
  corrections?: CorrectionStore;
  oneLiners: OneLinerService;
  ranking: RankingService;
  glossary: GlossaryStore;
  /** The one-liner and vector caches, emptied with the summaries'. */
  otherCaches?: Pick<LruStore<{ key: string }>, 'clear'>[];
}

/** Who sent a request: the background has checked it is trusted, and which requests it may make. */
export type RuntimeSender = Browser.runtime.MessageSender;

/** The worker's answer to each one-shot request (lib/shared/messages.ts `RuntimeResponses`). */
export function runtimeHandlers(deps: RuntimeDeps): RuntimeHandlers<RuntimeSender> {
  // An endpoint tried before it is saved gets the same local-server Origin rule as the saved one.
  const tryEndpoint = (baseURL: string) => applyLocalOriginRule(deps.browser, baseURL, TRIED_ENDPOINT_RULE);
  return {
    async openOptions() {
      await deps.browser.runtime.openOptionsPage();
      return { ok: true };
    },
    listModels: (request) => listModels(request.connection, tryEndpoint),
    testConnection: (request) => testConnection(request.connection, deps.corrections, tryEndpoint),
    async modelInfo(request) {
      const info = describeModel(request.model);
      return {
        known: info.known,
        price: info.price,
        shutdown: info.shutdown && { ...info.shutdown, past: isShutDown(info, Date.now()) },
      };
    },
    async getCached(request) {
      return {
        summaries: await deps.service.cached(request.paperIds),
        inFlight: await deps.service.inFlight(request.paperIds),
      };
    },
    async getSpending() {
      const [ledger, settings] = await Promise.all([deps.ledger.get(), loadSettings()]);
      const now = Date.now();
      const today = spentToday(ledger, now);
      return {
        today: {
          requests: today.requests,
          tokens: today.promptTokens + today.completionTokens,
          cost: today.cost,
        },
        month: { cost: spentThisMonth(ledger, now) },
        monthlyBudgetUsd: settings.monthlyBudgetUsd,
      };
    },
    getKeyStatus: async () => keyStatusOf(await loadSettings()),
    async getPagePrefs() {
      const settings = await loadSettings();
      return {
        autoSummarize: settings.autoSummarize,
        autoOneLiners: settings.autoOneLiners && effectiveApiKey(settings.apiKey, settings.baseURL) !== null,
        hasInterests: parseInterests(settings.interests).length > 0,
      };
    },
    async estimateRun(request) {
      const settings = await loadSettings();
      return {
        ...estimateRun(request.papers, priceOf(settings.model, settings.prices)),
        model: settings.model,
      };
    },
    async openReader(request) {
      await deps.browser.tabs.create({
        url: deps.browser.runtime.getURL('/') + readerPath(request.paper).slice(1),
      });
      return { ok: true };
    },
    async getDeepSummaries(request) {
      return { deep: await deps.deep.cachedSummaries(request.paperIds) };
    },
    getReaderState: (request) => deps.deep.readerState(request.paperId),
    estimateDeep: (request) => deps.deep.estimate(request.paper),
    loadPaperView: (request) => deps.deep.paperView(request.paper),
    async cacheStats() {
      return { ...(await deps.cache.stats()), maxBytes: await deps.cacheMaxBytes() };
    },
    async clearCache() {
      await Promise.all([deps.cache.clear(), ...(deps.otherCaches ?? []).map((cache) => cache.clear())]);
      return { ok: true };
    },
    async exportCache() {
      return { json: await deps.cache.exportAll() };
    },
    importCache: (request) => deps.cache.importAll(request.json),
    async getOneLiners(request) {
      return { oneLiners: await deps.oneLiners.cached(request.paperIds) };
    },
    async estimateOneLiners(request) {
      const settings = await loadSettings();
      const papers = request.papers ?? typicalDay();
      const { oneLiners, fullSummaries } = compareWithFullSummaries(
        papers,
        describeModel(settings.model),
        priceOf(settings.model, settings.prices),
        deps.ranking.relevanceInterestsOffline(settings),
      );
      return {
        ...oneLiners,
        model: settings.model,
        fullSummaries: { tokens: fullSummaries.tokens, cost: fullSummaries.cost },
      };
    },
    rankPapers: (request) => deps.ranking.rank(request.papers),
    async recordReading(request) {
      return { ok: true, learnt: await deps.ranking.recordRead(request.paper) };
    },
    getGlossary: () => glossaryRows(deps.glossary),
    editGlossary: (request) => editGlossary(deps.glossary, request.edit),
    exportGlossary: () => exportGlossary(deps.glossary),
  };
}
