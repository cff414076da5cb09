// Answers the one-shot requests of the options page, the popup and the content script.
import type { WxtBrowser } from 'wxt/browser';
import { readerPath } from '../shared/arxiv.ts';
import { estimateRun, spentThisMonth, spentToday } from '../shared/cost.ts';
import type { RuntimeRequest, RuntimeResponses } from '../shared/messages.ts';
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

export async function answerRuntimeRequest(
  request: RuntimeRequest,
  deps: RuntimeDeps,
): Promise<RuntimeResponses[RuntimeRequest['type']]> {
  // An endpoint tried before it is saved gets the same local-server Origin rule as the saved one.
  const tryEndpoint = (baseURL: string) => applyLocalOriginRule(deps.browser, baseURL, TRIED_ENDPOINT_RULE);
  switch (request.type) {
    case 'openOptions':
      await deps.browser.runtime.openOptionsPage();
      return { ok: true };
    case 'listModels':
      return listModels(request.connection, tryEndpoint);
    case 'testConnection':
      return testConnection(request.connection, deps.corrections, tryEndpoint);
    case 'modelInfo': {
      const info = describeModel(request.model);
      return {
        known: info.known,
        price: info.price,
        shutdown: info.shutdown && { ...info.shutdown, past: isShutDown(info, Date.now()) },
      };
    }
    case 'getCached':
      return {
        summaries: await deps.service.cached(request.paperIds),
        inFlight: await deps.service.inFlight(request.paperIds),
      };
    case 'getSpending': {
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
    }
    case 'getKeyStatus':
      return keyStatusOf(await loadSettings());
    case 'getPagePrefs': {
      const settings = await loadSettings();
      return {
        autoSummarize: settings.autoSummarize,
        autoOneLiners: settings.autoOneLiners && effectiveApiKey(settings.apiKey, settings.baseURL) !== null,
        hasInterests: parseInterests(settings.interests).length > 0,
      };
    }
    case 'estimateRun': {
      const settings = await loadSettings();
      return {
        ...estimateRun(request.papers, priceOf(settings.model, settings.prices)),
        model: settings.model,
      };
    }
    case 'openReader':
      await deps.browser.tabs.create({
        url: deps.browser.runtime.getURL('/') + readerPath(request.paper).slice(1),
      });
      return { ok: true };
    case 'getDeepSummaries':
      return { deep: await deps.deep.cachedSummaries(request.paperIds) };
    case 'getReaderState':
      return deps.deep.readerState(request.paperId);
    case 'estimateDeep':
      return deps.deep.estimate(request.paper);
    case 'loadPaperView':
      return deps.deep.paperView(request.paper);
    case 'cacheStats':
      return { ...(await deps.cache.stats()), maxBytes: await deps.cacheMaxBytes() };
    case 'clearCache':
      await Promise.all([deps.cache.clear(), ...(deps.otherCaches ?? []).map((cache) => cache.clear())]);
      return { ok: true };
    case 'exportCache':
      return { json: await deps.cache.exportAll() };
    case 'importCache':
      return deps.cache.importAll(request.json);
    case 'getOneLiners':
      return { oneLiners: await deps.oneLiners.cached(request.paperIds) };
    case 'estimateOneLiners': {
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
    }
    case 'rankPapers':
      return deps.ranking.rank(request.papers);
    case 'recordReading':
      return { ok: true, learnt: await deps.ranking.recordRead(request.paper) };
    case 'getGlossary':
      return glossaryRows(deps.glossary);
    case 'editGlossary':
      return editGlossary(deps.glossary, request.edit);
    case 'exportGlossary':
      return exportGlossary(deps.glossary);
  }
}
