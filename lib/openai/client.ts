// Builds the openai SDK client for the user's endpoint and knows each model family's parameters.
import OpenAI from 'openai';
import { isLoopbackHost } from '../settings.ts';

export interface ClientSettings {
  apiKey: string;
  baseURL: string;
  timeoutMs: number;
}

/** Local servers (Ollama, LM Studio) take any key; the SDK still needs a non-empty one. */
export const LOCAL_PLACEHOLDER_KEY = 'local-no-key';

export function effectiveApiKey(apiKey: string, baseURL: string): string | null {
  if (apiKey.trim()) return apiKey.trim();
  try {
    return isLoopbackHost(new URL(baseURL).hostname) ? LOCAL_PLACEHOLDER_KEY : null;
  } catch {
    return null;
  }
}

let reused: { settings: ClientSettings; client: OpenAI } | null = null;

/** The client for these settings, reused while they stay the same (it holds no per-request state). */
export function clientFor(settings: ClientSettings): OpenAI {
  const same =
    reused !== null &&
    reused.settings.apiKey === settings.apiKey &&
    reused.settings.baseURL === settings.baseURL &&
    reused.settings.timeoutMs === settings.timeoutMs;
  if (!same || reused === null) reused = { settings: { ...settings }, client: createClient(settings) };
  return reused.client;
}

export function createClient({ apiKey, baseURL, timeoutMs }: ClientSettings): OpenAI {
  return new OpenAI({
    apiKey,
    baseURL,
    timeout: timeoutMs,
    // Retries are ours: the background decides per error kind, and shows the wait to the user.
    maxRetries: 0,
    // The key is the user's own, kept in the extension's local storage and used from its worker.
    dangerouslyAllowBrowser: true,
    // The SDK's logger could print request details; nothing of a request belongs in the console.
    logLevel: 'off',
  });
}

/** Reasoning models (o1, o3, o4-mini, gpt-5…) reject `temperature` and count `max_completion_tokens`. */
export function isReasoningModel(model: string): boolean {
  const name = model.toLowerCase().split('/').pop() ?? '';
  return /^(o\d|gpt-5)/.test(name);
}

export function tokenParameters(
  model: string,
): { max_completion_tokens: number; reasoning_effort: 'low' } | { max_tokens: number; temperature: number } {
  return isReasoningModel(model)
    ? { max_completion_tokens: 6000, reasoning_effort: 'low' }
    : { max_tokens: 1500, temperature: 0.3 };
}
