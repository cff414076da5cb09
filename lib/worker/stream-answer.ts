// Streams one answer from the model, whatever it is for (a summary, a deep summary, a section's
// explanation, an answer to a question): the request adapts to the endpoint (request-plan.ts), a
// rejected parameter or a Responses-only model is fixed at once and remembered, a thinking model
// that ran out of room is asked again with more, a stalled stream is cut by an idle watchdog, and
// every answer the endpoint billed is reported through onUsage. Runs in the background worker only.
import OpenAI from 'openai';
import type { Usage } from '../shared/domain.ts';
import { effectiveProvider } from '../shared/providers.ts';
import type { Settings } from '../shared/settings.ts';
import { describeModel, type ModelInfo } from './models/catalogue.ts';
import { clientFor, effectiveApiKey } from './openai/client.ts';
import { isAbortError, SummaryFailure, toSummaryError } from './openai/errors.ts';
import {
  type CorrectionStore,
  correctionForError,
  correctionKey,
  MAX_CORRECTIONS_PER_REQUEST,
  type RequestPlan,
  rememberedPlan,
  widenForThinking,
} from './request-plan.ts';
import { stripThinking } from './summary/output-check.ts';
import type { ChatMessage } from './summary/prompt.ts';

export interface AnswerRequest {
  settings: Settings;
  messages: ChatMessage[];
  signal: AbortSignal;
  /** Room for the visible answer; thinking models get theirs on top. A summary's 1,500 by default. */
  answerTokens?: number;
  /** The request went out (after any correction) and the answer is about to stream. */
  onStarted?: (model: string) => void;
  /** The visible answer so far (thinking removed), each time it grows. */
  onText?: (visible: string) => void;
  /** A thinking model spent its cap: the answer so far is dropped and asked for again with more room. */
  onRetrying?: (reason: 'truncated') => void;
  /** Called for every answer the endpoint billed, including ones thrown away (a failed check, a cut). */
  onUsage?: (usage: Usage, model: string) => void;
  /** What earlier requests learnt about this endpoint + model. */
  corrections?: CorrectionStore;
  /**
   * The answer must be JSON of this shape (one-liners): sent as a strict schema, as "any JSON object",
   * or not at all, as far as the endpoint takes it (the plan's `structuredOutput`, corrected from 400s
   * naming `response_format`). Prose answers leave it out.
   */
  jsonSchema?: { name: string; schema: Record<string, unknown> };
}

/** One finished answer: its visible text (thinking removed, trimmed), and how it ended. */
export interface StreamedAnswer {
  text: string;
  model: string;
  usage: Usage | null;
  finish: 'stop' | 'length' | 'filtered' | 'other';
}

/** The endpoint, ready to be asked: the client and the key it sends. */
export interface Endpoint {
  client: OpenAI;
  apiKey: string;
}

/** One streamed answer, as far as it got. */
interface StreamOutcome {
  text: string;
  model: string;
  usage: Usage | null;
  finish: 'stop' | 'length' | 'filtered' | 'other' | null;
  /** Tokens or text the model spent thinking, as far as the endpoint tells. */
  thought: boolean;
}

export function addUsage(a: Usage | null, b: Usage | null): Usage | null {
  if (!a) return b;
  if (!b) return a;
  return {
    promptTokens: a.promptTokens + b.promptTokens,
    completionTokens: a.completionTokens + b.completionTokens,
  };
}

/**
 * The client for the settings' endpoint (or the one given, in tests). Rejects with SummaryFailure
 * when there is no key, or one no HTTP header can carry.
 */
export function endpointFor(settings: Settings, client?: OpenAI): Endpoint {
  const apiKey = effectiveApiKey(settings.apiKey, settings.baseURL);
  if (!apiKey) throw new SummaryFailure({ kind: 'noKey' });
  // fetch() refuses header values outside visible ASCII: say so about the key, not the network.
  if (!/^[\x21-\x7e]+$/.test(apiKey)) throw new SummaryFailure({ kind: 'badKey' });
  return {
    apiKey,
    client:
      client ??
      clientFor({
        apiKey,
        baseURL: settings.baseURL,
        timeoutMs: settings.requestTimeoutSeconds * 1000,
        provider: settings.provider,
      }),
  };
}

/** Aborts when no chunk arrived for `timeoutMs`: a stalled stream must not hold the panel forever. */
function idleWatchdog(timeoutMs: number, onIdle: () => void) {
  let timer = setTimeout(onIdle, timeoutMs);
  return {
    kick() {
      clearTimeout(timer);
      timer = setTimeout(onIdle, timeoutMs);
    },
    stop() {
      clearTimeout(timer);
    },
  };
}

type JsonFormat =
  | { type: 'json_schema'; name: string; schema: Record<string, unknown>; strict: true }
  | { type: 'json_object' };

/** The JSON the plan lets us ask for, or null (prose, or an endpoint that takes neither). */
function jsonFormat(request: AnswerRequest, plan: RequestPlan): JsonFormat | null {
  if (!request.jsonSchema || plan.structuredOutput === null) return null;
  if (plan.structuredOutput === 'json_object') return { type: 'json_object' };
  return { type: 'json_schema', strict: true, ...request.jsonSchema };
}

function chatResponseFormat(format: JsonFormat) {
  if (format.type === 'json_object') return format;
  const { name, schema, strict } = format;
  return { type: 'json_schema' as const, json_schema: { name, schema, strict } };
}

interface StreamArgs {
  client: OpenAI;
  model: string;
  plan: RequestPlan;
  messages: ChatMessage[];
  format: JsonFormat | null;
  signal: AbortSignal;
  timeoutMs: number;
  onStarted: () => void;
  onText: (raw: string) => void;
  kick: () => void;
}

function hasField(value: unknown, name: string): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    name in value &&
    Boolean((value as Record<string, unknown>)[name])
  );
}

async function streamChat(args: StreamArgs): Promise<StreamOutcome> {
  const { plan } = args;
  const stream = await args.client.chat.completions.create(
    {
      model: args.model,
      messages: args.messages,
      stream: true,
      ...(plan.streamUsage && { stream_options: { include_usage: true } }),
      ...(plan.tokenLimitParam && { [plan.tokenLimitParam]: plan.outputTokenLimit }),
      ...(plan.temperature !== null && { temperature: plan.temperature }),
      ...(plan.reasoningEffort !== null && { reasoning_effort: plan.reasoningEffort }),
      ...(args.format && { response_format: chatResponseFormat(args.format) }),
    },
    { signal: args.signal, timeout: args.timeoutMs },
  );
  args.onStarted();
  const outcome: StreamOutcome = { text: '', model: args.model, usage: null, finish: null, thought: false };
  for await (const chunk of stream) {
    args.kick();
    if (chunk.model) outcome.model = chunk.model;
    if (chunk.usage) {
      outcome.usage = {
        promptTokens: chunk.usage.prompt_tokens,
        completionTokens: chunk.usage.completion_tokens,
      };
      if ((chunk.usage.completion_tokens_details?.reasoning_tokens ?? 0) > 0) outcome.thought = true;
    }
    const choice = chunk.choices[0];
    if (choice?.finish_reason) {
      const reason = choice.finish_reason;
      outcome.finish =
        reason === 'stop' || reason === 'length'
          ? reason
          : reason === 'content_filter'
            ? 'filtered'
            : 'other';
    }
    // DeepSeek streams `reasoning_content`, OpenRouter `reasoning`: thinking, not the answer.
    if (hasField(choice?.delta, 'reasoning_content') || hasField(choice?.delta, 'reasoning'))
      outcome.thought = true;
    const delta = choice?.delta?.content;
    if (!delta) continue;
    outcome.text += delta;
    args.onText(outcome.text);
  }
  return outcome;
}

async function streamResponses(args: StreamArgs): Promise<StreamOutcome> {
  const { plan } = args;
  const stream = await args.client.responses.create(
    {
      model: args.model,
      input: args.messages.map((message) => ({ role: message.role, content: message.content })),
      stream: true,
      // Nothing of the paper or the summary needs to stay on the provider's servers.
      store: false,
      ...(plan.tokenLimitParam && { max_output_tokens: plan.outputTokenLimit }),
      ...(plan.temperature !== null && { temperature: plan.temperature }),
      ...(plan.reasoningEffort !== null && { reasoning: { effort: plan.reasoningEffort } }),
      ...(args.format && { text: { format: args.format } }),
    },
    { signal: args.signal, timeout: args.timeoutMs },
  );
  args.onStarted();
  const outcome: StreamOutcome = { text: '', model: args.model, usage: null, finish: null, thought: false };
  for await (const event of stream) {
    args.kick();
    switch (event.type) {
      case 'response.output_text.delta':
        outcome.text += event.delta;
        args.onText(outcome.text);
        break;
      case 'response.reasoning_summary_text.delta':
      case 'response.reasoning_text.delta':
        outcome.thought = true;
        break;
      case 'response.completed':
      case 'response.incomplete': {
        const { response } = event;
        if (response.model) outcome.model = response.model;
        if (response.usage) {
          outcome.usage = {
            promptTokens: response.usage.input_tokens,
            completionTokens: response.usage.output_tokens,
          };
          if ((response.usage.output_tokens_details?.reasoning_tokens ?? 0) > 0) outcome.thought = true;
        }
        if (event.type === 'response.completed') outcome.finish = 'stop';
        else {
          const reason = response.incomplete_details?.reason;
          outcome.finish =
            reason === 'max_output_tokens' ? 'length' : reason === 'content_filter' ? 'filtered' : 'other';
        }
        break;
      }
      case 'response.failed':
        throw new SummaryFailure({
          kind: 'server',
          detail: event.response.error?.message ?? 'response.failed',
        });
      case 'error':
        throw new SummaryFailure({ kind: 'server', detail: event.message });
      default:
        break;
    }
  }
  return outcome;
}

/**
 * One answer from the model under the remembered plan, correcting it (at most twice) when the
 * endpoint rejects a parameter, needs the Responses API, or a thinking model runs out of room.
 */
async function askModel(
  request: AnswerRequest,
  endpoint: Endpoint,
  model: ModelInfo,
): Promise<StreamOutcome> {
  const { settings } = request;
  const key = correctionKey(settings.baseURL, settings.model);
  const provider = effectiveProvider(settings.provider, settings.baseURL);
  let plan = rememberedPlan(model, provider, request.corrections, key, request.answerTokens);
  let corrections = 0;
  const remember = (fix: Partial<RequestPlan>) => {
    plan = { ...plan, ...fix };
    corrections++;
    request.corrections?.set(key, fix);
  };

  for (;;) {
    const outcome = await streamOnce(request, endpoint, plan).catch((error: unknown) => {
      if (!(error instanceof OpenAI.APIError) || corrections >= MAX_CORRECTIONS_PER_REQUEST) throw error;
      const fix = correctionForError(plan, error);
      if (!fix) throw error;
      remember(fix);
      return null;
    });
    if (outcome === null) continue;
    if (outcome.usage) request.onUsage?.(outcome.usage, outcome.model);

    if (outcome.finish === 'length' && corrections < MAX_CORRECTIONS_PER_REQUEST) {
      // Most of the cap went on something not shown: thinking. Ask again with room for the answer.
      const visibleShare = stripThinking(outcome.text).length / 2 / plan.outputTokenLimit;
      const thinking = outcome.thought || model.reasoning !== null || visibleShare < 0.5;
      const fix = thinking ? widenForThinking(plan, model) : null;
      if (fix) {
        remember(fix);
        request.onRetrying?.('truncated');
        continue;
      }
    }
    return outcome;
  }
}

async function streamOnce(
  request: AnswerRequest,
  endpoint: Endpoint,
  plan: RequestPlan,
): Promise<StreamOutcome> {
  const { settings, signal } = request;
  const timeoutMs = settings.requestTimeoutSeconds * 1000;
  const attempt = new AbortController();
  let timedOut = false;
  const abortAttempt = () => attempt.abort();
  signal.addEventListener('abort', abortAttempt, { once: true });
  const watchdog = idleWatchdog(timeoutMs, () => {
    timedOut = true;
    attempt.abort();
  });

  let started = false;
  let shown = '';
  const args: StreamArgs = {
    client: endpoint.client,
    model: settings.model,
    plan,
    messages: request.messages,
    format: jsonFormat(request, plan),
    signal: attempt.signal,
    timeoutMs,
    onStarted: () => {
      started = true;
      request.onStarted?.(settings.model);
    },
    onText: (raw) => {
      const visible = stripThinking(raw);
      if (visible === shown) return;
      shown = visible;
      request.onText?.(visible);
    },
    kick: () => watchdog.kick(),
  };
  try {
    const outcome = plan.api === 'responses' ? await streamResponses(args) : await streamChat(args);
    // The SDK ends the iteration quietly when its request is aborted: a stop or a stall is not an end.
    if (signal.aborted) throw new DOMException('The summary was stopped', 'AbortError');
    if (timedOut) throw new SummaryFailure({ kind: 'timeout' });
    if (outcome.finish === null) {
      if (outcome.usage) request.onUsage?.(outcome.usage, outcome.model);
      throw new SummaryFailure({ kind: 'streamBroken', detail: 'no finish_reason' });
    }
    return outcome;
  } catch (error) {
    if (error instanceof SummaryFailure) throw error;
    if (signal.aborted) throw error;
    if (timedOut) throw new SummaryFailure({ kind: 'timeout' });
    if (isAbortError(error)) throw error;
    // Before the answer started, a rejected request may be corrected by the caller.
    if (!started && error instanceof OpenAI.APIError) throw error;
    throw new SummaryFailure(toSummaryError(error, { apiKey: endpoint.apiKey, duringStream: started }));
  } finally {
    watchdog.stop();
    signal.removeEventListener('abort', abortAttempt);
  }
}

/**
 * Streams one answer to the end. Resolves with its visible text (the caller checks it: a `length`
 * finish is passed on, not thrown); rejects with SummaryFailure, or an abort error when stopped.
 */
export async function streamAnswer(request: AnswerRequest, endpoint: Endpoint): Promise<StreamedAnswer> {
  try {
    const outcome = await askModel(request, endpoint, describeModel(request.settings.model));
    return {
      text: stripThinking(outcome.text).trim(),
      model: outcome.model,
      usage: outcome.usage,
      finish: outcome.finish ?? 'other',
    };
  } catch (error) {
    if (error instanceof SummaryFailure || isAbortError(error) || request.signal.aborted) throw error;
    throw new SummaryFailure(
      toSummaryError(error, { apiKey: endpoint.apiKey, baseURL: request.settings.baseURL }),
    );
  }
}
