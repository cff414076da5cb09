// Answers the one-shot requests of the options page and the content script.
import type { WxtBrowser } from 'wxt/browser';
import type { RuntimeRequest, SummaryError } from '../messages.ts';
import { createClient, effectiveApiKey, tokenParameters } from '../openai/client.ts';
import { toSummaryError } from '../openai/errors.ts';
import { normalizeEndpoint } from '../settings.ts';

const CONNECTION_TEST_TIMEOUT_MS = 20_000;

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

export async function answerRuntimeRequest(request: RuntimeRequest, browser: WxtBrowser): Promise<unknown> {
  switch (request.type) {
    case 'openOptions':
      await browser.runtime.openOptionsPage();
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
  }
}
