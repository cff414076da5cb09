// The options page's two questions to an endpoint: "does this key + endpoint + model answer?" and
// "which models do you have?". Each checks the reply's shape: a captive portal or a proxy's login
// page answers 200 with HTML, which is not a connection.
import type OpenAI from 'openai';
import type { SummaryError } from '../shared/domain.ts';
import type { Connection, RuntimeResponses } from '../shared/messages.ts';
import { effectiveProvider, PROVIDER_PRESETS, type ProviderId } from '../shared/providers.ts';
import { cleanApiKey, normalizeEndpoint } from '../shared/settings.ts';
import { describeModel } from './models/catalogue.ts';
import { createClient, effectiveApiKey, LOCAL_PLACEHOLDER_KEY } from './openai/client.ts';
import { toSummaryError } from './openai/errors.ts';
import {
  type CorrectionStore,
  correctionForError,
  correctionKey,
  MAX_CORRECTIONS_PER_REQUEST,
  type RequestPlan,
  rememberedPlan,
} from './request-plan.ts';

const CONNECTION_TEST_TIMEOUT_MS = 20_000;
/** Enough for a reasoning model to say "pong" after a little thought; the Responses API's minimum is 16. */
const PROBE_TOKENS = 64;

type Failure = { ok: false; error: SummaryError };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function prepare(
  connection: Connection,
):
  | { ok: true; client: OpenAI; apiKey: string; baseURL: string; keyless: boolean; provider: ProviderId }
  | Failure {
  const endpoint = normalizeEndpoint(connection.baseURL);
  if (!endpoint.ok) return { ok: false, error: { kind: 'badRequest' } };
  const cleaned = cleanApiKey(connection.apiKey);
  if (!cleaned.ok) return { ok: false, error: { kind: 'badKey' } };
  const apiKey = effectiveApiKey(cleaned.apiKey, endpoint.baseURL);
  if (!apiKey) return { ok: false, error: { kind: 'noKey' } };
  const chosen: ProviderId =
    PROVIDER_PRESETS.find((preset) => preset.id === connection.provider)?.id ?? 'other';
  return {
    ok: true,
    provider: effectiveProvider(chosen, endpoint.baseURL),
    client: createClient({
      apiKey,
      baseURL: endpoint.baseURL,
      timeoutMs: CONNECTION_TEST_TIMEOUT_MS,
      provider: chosen,
    }),
    apiKey,
    baseURL: endpoint.baseURL,
    keyless: apiKey === LOCAL_PLACEHOLDER_KEY,
  };
}

async function probe(client: OpenAI, model: string, plan: RequestPlan): Promise<unknown> {
  const limit = plan.tokenLimitParam ? Math.max(PROBE_TOKENS, 16) : undefined;
  if (plan.api === 'responses') {
    return client.responses.create({
      model,
      input: 'ping',
      store: false,
      ...(limit !== undefined && { max_output_tokens: limit }),
      ...(plan.reasoningEffort !== null && { reasoning: { effort: plan.reasoningEffort } }),
    });
  }
  return client.chat.completions.create({
    model,
    messages: [{ role: 'user', content: 'ping' }],
    ...(plan.tokenLimitParam && limit !== undefined && { [plan.tokenLimitParam]: limit }),
    ...(plan.reasoningEffort !== null && { reasoning_effort: plan.reasoningEffort }),
  });
}

function looksLikeAnswer(reply: unknown, api: RequestPlan['api']): boolean {
  if (!isRecord(reply)) return false;
  return api === 'responses' ? Array.isArray(reply.output) : Array.isArray(reply.choices);
}

/** The smallest real request: proves key, endpoint and model together, learning the plan on the way. */
export async function testConnection(
  connection: Connection,
  corrections?: CorrectionStore,
  beforeRequest?: (baseURL: string) => Promise<void>,
): Promise<RuntimeResponses['testConnection']> {
  const prepared = prepare(connection);
  if (!prepared.ok) return prepared;
  await beforeRequest?.(prepared.baseURL);
  const model = connection.model.trim();
  const key = correctionKey(prepared.baseURL, model);
  let plan = rememberedPlan(describeModel(model), prepared.provider, corrections, key);
  for (let corrected = 0; ; corrected++) {
    try {
      const reply = await probe(prepared.client, model, plan);
      if (!looksLikeAnswer(reply, plan.api)) return { ok: false, error: { kind: 'notCompatible' } };
      return { ok: true, model, keyless: prepared.keyless, api: plan.api };
    } catch (error) {
      const fix = corrected < MAX_CORRECTIONS_PER_REQUEST ? correctionForError(plan, error) : null;
      if (!fix) {
        return {
          ok: false,
          error: toSummaryError(error, { apiKey: prepared.apiKey, baseURL: prepared.baseURL }),
        };
      }
      plan = { ...plan, ...fix };
      corrections?.set(key, fix);
    }
  }
}

export async function listModels(
  connection: Connection,
  beforeRequest?: (baseURL: string) => Promise<void>,
): Promise<RuntimeResponses['listModels']> {
  const prepared = prepare(connection);
  if (!prepared.ok) return prepared;
  await beforeRequest?.(prepared.baseURL);
  try {
    const page = await prepared.client.models.list();
    if (!isRecord(page) || !Array.isArray(page.data)) return { ok: false, error: { kind: 'notCompatible' } };
    const models: string[] = [];
    for await (const model of page) {
      if (isRecord(model) && typeof model.id === 'string') models.push(model.id);
    }
    return { ok: true, models: models.sort((a, b) => a.localeCompare(b)) };
  } catch (error) {
    return {
      ok: false,
      error: toSummaryError(error, { apiKey: prepared.apiKey, baseURL: prepared.baseURL }),
    };
  }
}
