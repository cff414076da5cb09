// Answers the one-shot requests of the options page, the popup and the content script.
import type { WxtBrowser } from 'wxt/browser';
import type { SummaryCache } from '../cache.ts';
import { estimateRun, spentThisMonth, spentToday } from '../cost.ts';
import type { RuntimeRequest, RuntimeResponses, SummaryError } from '../messages.ts';
import { createClient, effectiveApiKey, tokenParameters } from '../openai/client.ts';
import { toSummaryError } from '../openai/errors.ts';
import { loadSettings, normalizeEndpoint } from '../settings.ts';
import type { LedgerStore, SummaryService } from './summary-service.ts';

const CONNECTION_TEST_TIMEOUT_MS = 20_000;

export interface RuntimeDeps {
  browser: WxtBrowser;
  service: SummaryService;
  cache: SummaryCache;
  ledger: LedgerStore;
  cacheMaxBytes: () => Promise<number>;
}

type Failure = { ok: false; error: SummaryError };

function clientFor(connection: { apiKey: string; baseURL: string }) {
  const endpoint = normalizeEndpoint(connection.baseURL);
  if (!endpoint.ok) return { failure: { ok: false, error: { kind: 'badRequest' } } as Failure };
  const apiKey = effectiveApiKey(connection.apiKey, endpoint.baseURL);
  if (!apiKey) return { failure: { ok: false, error: { kind: 'noKey' } } as Failure };
  return {
    client: createClient({ apiKey, baseURL: endpoint.baseURL, timeoutMs: CONNECTION_TEST_TIMEOUT_MS }),
    apiKey,
  };
}

export async function answerRuntimeRequest(
  request: RuntimeRequest,
  deps: RuntimeDeps,
): Promise<RuntimeResponses[RuntimeRequest['type']]> {
  switch (request.type) {
    case 'openOptions':
      await deps.browser.runtime.openOptionsPage();
      return { ok: true };
    case 'listModels': {
      const { client, failure, apiKey } = clientFor(request.connection);
      if (!client) return failure;
      try {
        const models: string[] = [];
        for await (const model of client.models.list()) models.push(model.id);
        return { ok: true, models: models.sort((a, b) => a.localeCompare(b)) };
      } catch (error) {
        return { ok: false, error: toSummaryError(error, { apiKey }) };
      }
    }
    case 'testConnection': {
      const { client, failure, apiKey } = clientFor(request.connection);
      if (!client) return failure;
      const model = request.connection.model.trim();
      try {
        // The smallest real request: proves key, endpoint and model together.
        const params = tokenParameters(model);
        await client.chat.completions.create({
          model,
          messages: [{ role: 'user', content: 'ping' }],
          ...('max_tokens' in params ? { max_tokens: 1 } : { max_completion_tokens: 16 }),
        });
        return { ok: true, model };
      } catch (error) {
        return { ok: false, error: toSummaryError(error, { apiKey }) };
      }
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
      return { ...estimateRun(request.papers, settings.model, settings.prices), model: settings.model };
    }
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
