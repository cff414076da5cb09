// Answers the one-shot requests of the options page, the popup and the content script.
import type { WxtBrowser } from 'wxt/browser';
import type { SummaryCache } from '../cache.ts';
import { estimateRun, spentThisMonth, spentToday } from '../cost.ts';
import type { RuntimeRequest, RuntimeResponses } from '../messages.ts';
import { loadSettings } from '../settings.ts';
import { readerPath } from '../shared/arxiv.ts';
import { listModels, testConnection } from '../worker/connection-test.ts';
import { applyLocalOriginRule, TRIED_ENDPOINT_RULE } from '../worker/local-origin-rule.ts';
import { describeModel, isShutDown, priceOf } from '../worker/models/catalogue.ts';
import type { CorrectionStore } from '../worker/request-plan.ts';
import type { DeepService } from './deep-service.ts';
import type { LedgerStore, SummaryService } from './summary-service.ts';

export interface RuntimeDeps {
  browser: WxtBrowser;
  service: SummaryService;
  deep: DeepService;
  cache: SummaryCache;
  ledger: LedgerStore;
  cacheMaxBytes: () => Promise<number>;
  corrections?: CorrectionStore;
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
    case 'getPagePrefs':
      return { autoSummarize: (await loadSettings()).autoSummarize };
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
      await deps.cache.clear();
      return { ok: true };
    case 'exportCache':
      return { json: await deps.cache.exportAll() };
    case 'importCache':
      return deps.cache.importAll(request.json);
  }
}
