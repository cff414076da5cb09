// Builds the openai SDK client for the user's endpoint, with the provider's headers and query.
import OpenAI from 'openai';
import { effectiveProvider, type ProviderId, providerHeaders } from '../../shared/providers.ts';
import { isNearbyEndpoint } from '../../shared/settings.ts';

export interface ClientSettings {
  apiKey: string;
  baseURL: string;
  timeoutMs: number;
  /** The preset the user chose; its quirks apply where the host is not a known provider's. */
  provider: ProviderId;
}

/** Local servers (Ollama, LM Studio) take any key; the SDK still needs a non-empty one. */
export const LOCAL_PLACEHOLDER_KEY = 'local-no-key';

/** Servers on the user's machine or network usually want no key; the SDK still sends one. */
export function effectiveApiKey(apiKey: string, baseURL: string): string | null {
  if (apiKey.trim()) return apiKey.trim();
  return isNearbyEndpoint(baseURL) ? LOCAL_PLACEHOLDER_KEY : null;
}

let reused: { settings: ClientSettings; client: OpenAI } | null = null;

/** The client for these settings, reused while they stay the same (it holds no per-request state). */
export function clientFor(settings: ClientSettings): OpenAI {
  const same =
    reused !== null &&
    reused.settings.apiKey === settings.apiKey &&
    reused.settings.baseURL === settings.baseURL &&
    reused.settings.timeoutMs === settings.timeoutMs &&
    reused.settings.provider === settings.provider;
  if (!same || reused === null) reused = { settings: { ...settings }, client: createClient(settings) };
  return reused.client;
}

/** `…/deployments/x?api-version=2024-10-21` → the path as base URL, the query sent with every request. */
function splitEndpoint(baseURL: string): { baseURL: string; query: Record<string, string> } {
  const url = new URL(baseURL);
  const query = Object.fromEntries(url.searchParams);
  url.search = '';
  return { baseURL: url.href.replace(/\/+$/, ''), query };
}

export function createClient({ apiKey, baseURL, timeoutMs, provider }: ClientSettings): OpenAI {
  const endpoint = splitEndpoint(baseURL);
  return new OpenAI({
    apiKey,
    baseURL: endpoint.baseURL,
    defaultQuery: Object.keys(endpoint.query).length > 0 ? endpoint.query : undefined,
    defaultHeaders: providerHeaders(effectiveProvider(provider, baseURL), apiKey),
    timeout: timeoutMs,
    // Retries are ours: the background decides per error kind, and shows the wait to the user.
    maxRetries: 0,
    // The key is the user's own, kept in the extension's own storage and used from its worker.
    dangerouslyAllowBrowser: true,
    // The SDK's logger could print request details; nothing of a request belongs in the console.
    logLevel: 'off',
  });
}
