// What the extension knows about a model before it asks: which API, whether it reasons, its limits,
// its price and its shutdown date. Sources, most trusted first:
// - the openai SDK we pin (its model lists and "Announced shutdown date" notes) and gpt-tokenizer's
//   model data (OpenAI's model pages, 4.0.0 of 2026-08: endpoints, reasoning, context window, output
//   limit), both generated into catalogue.gen.ts by `npm run models:sync`. gpt-tokenizer's prices
//   are not used: most are placeholders (gpt-4.1 and gpt-5 both at $10/$30), and a wrong price is
//   worse than none;
// - LIST_PRICES below: prices with a source, the only hand-kept part;
// - for models none of these know (Azure deployments, other providers), a first guess by family,
//   which the request adapter corrects from the endpoint's own answers.
import { type ModelPrice, priceFor } from '../../shared/cost.ts';
import { DEFAULT_MODEL } from '../../shared/providers.ts';
import {
  MODEL_LIMITS,
  type ModelLimits,
  SDK_CHAT_MODELS,
  SDK_RESPONSES_ONLY_MODELS,
  SDK_SHUTDOWN_DATES,
} from './catalogue.gen.ts';

export type ReasoningStyle =
  /** OpenAI-style reasoning (o-series, GPT-5 and later): `max_completion_tokens`, `reasoning_effort`, no temperature. */
  | 'openai'
  /** Spends output tokens thinking before it answers (Gemini 2.5+, DeepSeek, Qwen3, gpt-oss…): needs a larger cap. */
  | 'thinking'
  | null;

export interface ModelInfo {
  /** The id as the user wrote it. */
  id: string;
  /** The id after provider prefixes and date suffixes are removed, as the sources name it. */
  canonicalId: string;
  known: boolean;
  api: 'chat' | 'responses';
  reasoning: ReasoningStyle;
  contextWindow: number | null;
  maxOutputTokens: number | null;
  /** USD per million tokens; null when no source states it (never treated as free). */
  price: ModelPrice | null;
  shutdown: { date: string; successor: string } | null;
}

/**
 * USD per 1M tokens, with where each figure comes from. OpenAI's list prices as published on its
 * pricing page (carried since this project's first price table, 2026-11), and GPT-6 Luna's from
 * litellm's docs (PR #1637). Embedding models (input only) as OpenRouter's model pages list them
 * (openai/text-embedding-3-small $0.02, google/gemini-embedding-001 $0.15; text-embedding-3-large
 * $0.13 from OpenAI's pricing page). Anything not here is asked of the user before money is spent.
 */
const LIST_PRICES: Readonly<Record<string, ModelPrice>> = {
  'gpt-6-luna': { input: 0.1, output: 0.5 },
  'gpt-5': { input: 1.25, output: 10 },
  'gpt-5-mini': { input: 0.25, output: 2 },
  'gpt-5-nano': { input: 0.05, output: 0.4 },
  'gpt-5.1': { input: 1.25, output: 10 },
  'gpt-4.1': { input: 2, output: 8 },
  'gpt-4.1-mini': { input: 0.4, output: 1.6 },
  'gpt-4.1-nano': { input: 0.1, output: 0.4 },
  'gpt-4o': { input: 2.5, output: 10 },
  'gpt-4o-mini': { input: 0.15, output: 0.6 },
  o3: { input: 2, output: 8 },
  'o4-mini': { input: 1.1, output: 4.4 },
  'text-embedding-3-small': { input: 0.02, output: 0 },
  'text-embedding-3-large': { input: 0.13, output: 0 },
  'gemini-embedding-001': { input: 0.15, output: 0 },
};

const SDK_CHAT = new Set(SDK_CHAT_MODELS);
const SDK_RESPONSES_ONLY = new Set(SDK_RESPONSES_ONLY_MODELS);

/** `openai/gpt-5-mini` (OpenRouter), `models/gemini-3-flash` (Gemini), `qwen3:8b` (Ollama tag) → the bare name. */
export function canonicalModelId(model: string): string {
  let name = model.trim().toLowerCase();
  name = name.split('/').pop() ?? name;
  if (!name.includes(':')) return name;
  // OpenRouter's `:free` / `:thinking` variants and Ollama's size tags name the same model family.
  return name.slice(0, name.indexOf(':'));
}

const DATED = /-(\d{4}-\d{2}-\d{2}|\d{4})$/;

function withoutDate(name: string): string {
  return name.replace(DATED, '');
}

function lookup<T>(table: (name: string) => T | undefined, name: string): T | undefined {
  return table(name) ?? table(withoutDate(name));
}

/** The cheapest current model of the same tier, for a deprecated one. */
function successorOf(name: string): string {
  if (/mini|nano/.test(name)) return DEFAULT_MODEL;
  return /^(o\d|gpt-)/.test(name) ? 'gpt-5.5' : DEFAULT_MODEL;
}

/** First guesses for models no source knows, by the family their name shows. */
function reasoningByFamily(name: string): ReasoningStyle {
  if (/^(o\d|gpt-[5-9])/.test(name) && !/-chat(-latest)?$/.test(name)) return 'openai';
  if (
    /^gemini-(2\.5|[3-9])/.test(name) ||
    /deepseek-(reasoner|r\d|v3\.[1-9]|v[4-9])/.test(name) ||
    /^(qwq|qwen3|magistral|gpt-oss|kimi-k2-thinking|glm-4\.[5-9])/.test(name) ||
    /(thinking|reasoner|reasoning)/.test(name)
  ) {
    return 'thinking';
  }
  return null;
}

export function describeModel(model: string): ModelInfo {
  const canonicalId = canonicalModelId(model);
  const spec: ModelLimits | undefined = lookup((n) => MODEL_LIMITS[n], canonicalId);
  const inSdk = lookup((n) => (SDK_CHAT.has(n) || SDK_RESPONSES_ONLY.has(n) ? n : undefined), canonicalId);
  const responsesOnly =
    lookup((n) => (SDK_RESPONSES_ONLY.has(n) ? true : undefined), canonicalId) ??
    (spec ? spec[0] === 0 : false);
  const family = reasoningByFamily(canonicalId);
  const reasoning: ReasoningStyle =
    spec === undefined ? family : spec[1] === 1 ? (family === 'thinking' ? 'thinking' : 'openai') : null;
  const shutdownDate = lookup((n) => SDK_SHUTDOWN_DATES[n], canonicalId);
  return {
    id: model,
    canonicalId,
    known: spec !== undefined || inSdk !== undefined,
    api: responsesOnly ? 'responses' : 'chat',
    reasoning,
    contextWindow: spec?.[2] || null,
    maxOutputTokens: spec?.[3] || null,
    price: lookup((n) => LIST_PRICES[n], canonicalId) ?? null,
    shutdown: shutdownDate ? { date: shutdownDate, successor: successorOf(canonicalId) } : null,
  };
}

/** True once the shutdown date has come (the model no longer answers). */
export function isShutDown(info: ModelInfo, now: number): boolean {
  return info.shutdown !== null && info.shutdown.date <= new Date(now).toISOString().slice(0, 10);
}

/** The user's own price for a model first, then the catalogue's; null when neither knows it. */
export function priceOf(model: string, overrides: Record<string, ModelPrice>): ModelPrice | null {
  return priceFor(model, overrides) ?? describeModel(model).price;
}
