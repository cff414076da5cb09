// The user's settings, declared once. The API key is in `local` storage only, never `sync`.
import * as v from 'valibot';
import { storage } from 'wxt/utils/storage';

import { DEFAULT_PRICES, type ModelPrice } from './cost.ts';
import { SUMMARY_STYLES, type SummaryStyle } from './summary/styles.ts';

export { SUMMARY_STYLES, type SummaryStyle };

export const DEFAULT_BASE_URL = 'https://api.openai.com/v1';
export const DEFAULT_MODEL = 'gpt-4.1-mini';

export interface Settings {
  apiKey: string;
  baseURL: string;
  model: string;
  summaryStyle: SummaryStyle;
  /** How long to wait for the first byte and between streamed chunks. Local models may need more. */
  requestTimeoutSeconds: number;
  /** Requests in flight at once during whole-page runs. */
  concurrency: number;
  /** Stop new requests once this month's spend reaches it (USD); 0 means no budget. */
  monthlyBudgetUsd: number;
  cacheMaxMegabytes: number;
  /** USD per million tokens, by model name; starts as OpenAI's list prices. */
  prices: Record<string, ModelPrice>;
  /** Summarise cards as they scroll into view. Off by default: it spends money without a click. */
  autoSummarize: boolean;
}

export const DEFAULT_SETTINGS: Settings = {
  apiKey: '',
  baseURL: DEFAULT_BASE_URL,
  model: DEFAULT_MODEL,
  summaryStyle: 'bullets',
  requestTimeoutSeconds: 60,
  concurrency: 3,
  monthlyBudgetUsd: 0,
  cacheMaxMegabytes: 4,
  prices: DEFAULT_PRICES,
  autoSummarize: false,
};

const StoredSettingsSchema = v.object({
  apiKey: v.fallback(v.string(), DEFAULT_SETTINGS.apiKey),
  baseURL: v.fallback(v.pipe(v.string(), v.nonEmpty()), DEFAULT_SETTINGS.baseURL),
  model: v.fallback(v.pipe(v.string(), v.nonEmpty()), DEFAULT_SETTINGS.model),
  summaryStyle: v.fallback(v.picklist(SUMMARY_STYLES), DEFAULT_SETTINGS.summaryStyle),
  requestTimeoutSeconds: v.fallback(
    v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(600)),
    DEFAULT_SETTINGS.requestTimeoutSeconds,
  ),
  concurrency: v.fallback(
    v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(10)),
    DEFAULT_SETTINGS.concurrency,
  ),
  monthlyBudgetUsd: v.fallback(v.pipe(v.number(), v.minValue(0)), DEFAULT_SETTINGS.monthlyBudgetUsd),
  cacheMaxMegabytes: v.fallback(
    v.pipe(v.number(), v.minValue(1), v.maxValue(8)),
    DEFAULT_SETTINGS.cacheMaxMegabytes,
  ),
  prices: v.fallback(
    v.record(
      v.string(),
      v.object({ input: v.pipe(v.number(), v.minValue(0)), output: v.pipe(v.number(), v.minValue(0)) }),
    ),
    DEFAULT_SETTINGS.prices,
  ),
  autoSummarize: v.fallback(v.boolean(), DEFAULT_SETTINGS.autoSummarize),
});

const settingsItem = storage.defineItem<unknown>('local:settings', {
  fallback: DEFAULT_SETTINGS,
  version: 1,
});

/** Whatever is stored, read back as complete, valid settings (bad fields fall back to defaults). */
export function parseStoredSettings(stored: unknown): Settings {
  const parsed = v.safeParse(StoredSettingsSchema, stored);
  return parsed.success ? parsed.output : { ...DEFAULT_SETTINGS };
}

export async function loadSettings(): Promise<Settings> {
  return parseStoredSettings(await settingsItem.getValue());
}

/**
 * The background's settings: read from storage once, then kept current by storage change events,
 * so each request does not wait for a storage read.
 */
export function watchedSettings(): () => Promise<Settings> {
  let current: Promise<Settings> | null = null;
  settingsItem.watch((stored) => {
    current = Promise.resolve(parseStoredSettings(stored));
  });
  return () => {
    current ??= loadSettings().catch((error: unknown) => {
      current = null;
      throw error;
    });
    return current;
  };
}

export async function saveSettings(settings: Settings): Promise<void> {
  await settingsItem.setValue(settings);
}

export type EndpointProblem = 'invalid' | 'insecure';

/**
 * Normalises an endpoint URL typed by the user. Plain http is only accepted for the user's own
 * machine (Ollama, LM Studio): anywhere else the key would cross the network in clear text.
 */
export function normalizeEndpoint(
  input: string,
): { ok: true; baseURL: string } | { ok: false; problem: EndpointProblem } {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    return { ok: false, problem: 'invalid' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { ok: false, problem: 'invalid' };
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) return { ok: false, problem: 'insecure' };
  if (url.username || url.password) return { ok: false, problem: 'invalid' };
  url.hash = '';
  url.search = '';
  return { ok: true, baseURL: url.href.replace(/\/+$/, '') };
}

export function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '127.0.0.1' || hostname === '[::1]';
}

/** The host permission pattern that covers an endpoint (match patterns ignore ports). */
export function originPermissionPattern(baseURL: string): string {
  const url = new URL(baseURL);
  return `${url.protocol}//${url.hostname}/*`;
}
