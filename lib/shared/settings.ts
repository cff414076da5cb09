// The user's settings, declared once. The API key is kept apart, in the extension origin's IndexedDB
// (lib/shared/secret-store.ts), where no content script can reach it; never in `sync` or `local`.
import * as v from 'valibot';
import { storage } from 'wxt/utils/storage';

import type { ModelPrice } from './cost.ts';
import { MAX_INTERESTS_CHARS, MAX_NAME_CHARS } from './limits.ts';
import { DEFAULT_MODEL, PROVIDER_PRESETS, type ProviderId, providerOfEndpoint } from './providers.ts';
import { readApiKey, writeApiKey } from './secret-store.ts';
import { SUMMARY_STYLES, type SummaryStyle } from './summary/styles.ts';

export { DEFAULT_MODEL, SUMMARY_STYLES, type SummaryStyle };

const DEFAULT_BASE_URL = 'https://api.openai.com/v1';

export interface Settings {
  apiKey: string;
  /** The preset the endpoint came from; the worker still applies quirks by the endpoint's host. */
  provider: ProviderId;
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
  /** The user's own prices (USD per million tokens) by model name; they win over the catalogue's. */
  prices: Record<string, ModelPrice>;
  /** Summarise cards as they scroll into view. Off by default: it spends money without a click. */
  autoSummarize: boolean;
  /** What the user cares about, in their own words ("RLHF, 멀티모달 에이전트, 효율적 추론"): papers are ranked by it. */
  interests: string;
  /** Let what the user summarises, reads deeply or upvotes nudge the ranking (kept on this computer only). */
  learnFromReading: boolean;
  /** Ask for the page's one-liners when it opens (once a key is set). Off by default: it spends money unasked. */
  autoOneLiners: boolean;
  /** The endpoint's embedding model for ranking; '' for the provider's usual one (none: one-liner scores rank). */
  embeddingModel: string;
}

export const DEFAULT_SETTINGS: Settings = {
  apiKey: '',
  provider: 'openai',
  baseURL: DEFAULT_BASE_URL,
  model: DEFAULT_MODEL,
  summaryStyle: 'bullets',
  requestTimeoutSeconds: 60,
  concurrency: 3,
  monthlyBudgetUsd: 0,
  cacheMaxMegabytes: 4,
  prices: {},
  autoSummarize: false,
  interests: '',
  learnFromReading: false,
  autoOneLiners: false,
  embeddingModel: '',
};

const PROVIDER_IDS = PROVIDER_PRESETS.map((preset) => preset.id) as [ProviderId, ...ProviderId[]];

const StoredSettingsSchema = v.object({
  provider: v.optional(v.picklist(PROVIDER_IDS)),
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
  interests: v.fallback(v.pipe(v.string(), v.maxLength(MAX_INTERESTS_CHARS)), DEFAULT_SETTINGS.interests),
  learnFromReading: v.fallback(v.boolean(), DEFAULT_SETTINGS.learnFromReading),
  autoOneLiners: v.fallback(v.boolean(), DEFAULT_SETTINGS.autoOneLiners),
  embeddingModel: v.fallback(
    v.pipe(v.string(), v.maxLength(MAX_NAME_CHARS)),
    DEFAULT_SETTINGS.embeddingModel,
  ),
});

/** What `local:settings` holds: everything but the key, plus a counter that changes with the key. */
type StoredSettings = Omit<Settings, 'apiKey'> & { keyRevision: number };

const { apiKey: _noKey, ...SETTINGS_WITHOUT_KEY } = DEFAULT_SETTINGS;

const settingsItem = storage.defineItem<unknown>('local:settings', {
  fallback: SETTINGS_WITHOUT_KEY,
  version: 1,
});

/** Whatever is stored, read back as complete, valid settings without the key (bad fields fall back to defaults). */
export function parseStoredSettings(stored: unknown): Omit<Settings, 'apiKey'> {
  const parsed = v.safeParse(StoredSettingsSchema, stored);
  if (!parsed.success) return { ...SETTINGS_WITHOUT_KEY };
  const { provider, ...rest } = parsed.output;
  return { ...rest, provider: provider ?? providerOfEndpoint(rest.baseURL) };
}

/** A key saved by an earlier version sits in `local:settings`, where content scripts could read it. */
function legacyKeyOf(stored: unknown): string | null {
  if (typeof stored !== 'object' || stored === null || !('apiKey' in stored)) return null;
  return typeof stored.apiKey === 'string' ? stored.apiKey : '';
}

/**
 * Moves a key saved by an earlier version out of `storage.local` into the secret store, without loss:
 * it is written there (unless a newer key already is) before it is removed from the settings.
 */
export async function migrateApiKey(): Promise<void> {
  const stored = await settingsItem.getValue();
  const legacy = legacyKeyOf(stored);
  if (legacy === null) return;
  if (legacy && !(await readApiKey())) await writeApiKey(legacy);
  const { apiKey: _moved, ...rest } = stored as Record<string, unknown>;
  await settingsItem.setValue({ ...rest, keyRevision: Date.now() });
}

export async function loadSettings(): Promise<Settings> {
  const [stored, apiKey] = await Promise.all([settingsItem.getValue(), readApiKey()]);
  // Until the worker's migration has run, a key from an earlier version still counts.
  return { ...parseStoredSettings(stored), apiKey: apiKey || legacyKeyOf(stored) || '' };
}

/**
 * The background's settings: read from storage once, then kept current by storage change events,
 * so each request does not wait for a storage read.
 */
export function watchedSettings(onChange?: (settings: Settings) => void): () => Promise<Settings> {
  let current: Promise<Settings> | null = null;
  settingsItem.watch(() => {
    // The key may have changed with them (saveSettings bumps keyRevision): read both again.
    const next = loadSettings();
    current = next;
    if (onChange) next.then(onChange, () => undefined);
  });
  return () => {
    current ??= loadSettings().catch((error: unknown) => {
      current = null;
      throw error;
    });
    return current;
  };
}

/** The key goes to the secret store first, so settings that say "changed" always find the new key. */
export async function saveSettings(settings: Settings): Promise<void> {
  const { apiKey, ...rest } = settings;
  await writeApiKey(apiKey);
  const stored: StoredSettings = { ...rest, keyRevision: Date.now() };
  await settingsItem.setValue(stored);
}

/**
 * A pasted key loses what a copy picks up on the way (spaces, line breaks, zero-width and other
 * invisible characters, a "Bearer " prefix); whatever is left must fit in an HTTP header.
 */
export function cleanApiKey(input: string): { ok: true; apiKey: string } | { ok: false } {
  const apiKey = input
    .replace(/[\s\u00a0\u200b-\u200f\u2028-\u202f\u205f-\u206f\ufeff]+/g, '')
    .replace(/^bearer(?=[A-Za-z0-9])/i, '');
  // Header values are visible ASCII: a key with other characters can never be sent.
  return /^[\x21-\x7e]*$/.test(apiKey) ? { ok: true, apiKey } : { ok: false };
}

export type EndpointProblem = 'invalid' | 'insecure';

export type NormalizedEndpoint =
  | {
      ok: true;
      baseURL: string;
      /** Plain http to a machine on a private network: allowed after the user confirms it. */
      privateHttp: boolean;
    }
  | { ok: false; problem: EndpointProblem };

/**
 * Normalises an endpoint URL typed by the user. Plain http is accepted for the user's own machine
 * and, once confirmed, for a private network (a lab's model server); on the open internet the key
 * would cross the network in clear text. A query string is kept: Azure's deployment URLs carry
 * `?api-version=` (the client sends it with every request).
 */
export function normalizeEndpoint(input: string): NormalizedEndpoint {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    return { ok: false, problem: 'invalid' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { ok: false, problem: 'invalid' };
  if (url.username || url.password) return { ok: false, problem: 'invalid' };
  const plainHttp = url.protocol === 'http:' && !isLoopbackHost(url.hostname);
  if (plainHttp && !isPrivateNetworkHost(url.hostname)) return { ok: false, problem: 'insecure' };
  url.hash = '';
  url.pathname = url.pathname.replace(/\/+$/, '');
  const baseURL = url.search ? url.href : url.href.replace(/\/+$/, '');
  return { ok: true, baseURL, privateHttp: plainHttp };
}

function isLoopbackHost(hostname: string): boolean {
  return (
    hostname === 'localhost' ||
    hostname.endsWith('.localhost') ||
    /^127\.\d+\.\d+\.\d+$/.test(hostname) ||
    hostname === '[::1]'
  );
}

/**
 * A model server on the user's own machine, or reached over plain http on their private network
 * (Ollama, LM Studio, a lab's server): it usually wants no key, and may check the request's Origin.
 */
export function isNearbyEndpoint(baseURL: string): boolean {
  try {
    const { hostname, protocol } = new URL(baseURL);
    return isLoopbackHost(hostname) || (protocol === 'http:' && isPrivateNetworkHost(hostname));
  } catch {
    return false;
  }
}

/**
 * Addresses that only a private network routes: RFC 1918, carrier-grade NAT (Tailscale), link-local,
 * IPv6 unique-local, and names that no public DNS serves (`gpu-box`, `*.local`, `*.lan`, `*.internal`).
 */
export function isPrivateNetworkHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  const ipv4 = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(host);
  if (ipv4) {
    const [a, b] = [Number(ipv4[1]), Number(ipv4[2])];
    return (
      a === 10 ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      (a === 100 && b >= 64 && b <= 127) ||
      (a === 169 && b === 254)
    );
  }
  if (host.startsWith('[')) return /^\[(f[cd][0-9a-f]{2}|fe[89ab][0-9a-f]):/.test(host);
  return !host.includes('.') || /\.(local|lan|internal|intranet|home\.arpa|corp)$/.test(host);
}

/** The host permission pattern that covers an endpoint (match patterns ignore ports). */
export function originPermissionPattern(baseURL: string): string {
  const url = new URL(baseURL);
  return `${url.protocol}//${url.hostname}/*`;
}
