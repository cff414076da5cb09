// Streams one Korean summary from the model: output cleaned as it arrives, checked when done,
// retried once if it is not a Korean summary. Runs in the background worker only.
import type OpenAI from 'openai';
import type { PaperForSummary, SummaryPortEvent, Usage } from '../messages.ts';
import { clientFor, effectiveApiKey, tokenParameters } from '../openai/client.ts';
import { isAbortError, SummaryFailure, toSummaryError } from '../openai/errors.ts';
import type { Settings } from '../settings.ts';
import { summaryMarkdownToHtml } from './markdown.ts';
import { checkSummaryOutput, type OutputProblem, stripThinking } from './output-check.ts';
import { buildRetryReminder, buildSummaryPrompt, type ChatMessage } from './prompt.ts';

/** What generation produces; the service adds cost and cache provenance. */
export type GeneratedSummary = Omit<Extract<SummaryPortEvent, { type: 'done' }>, 'cost' | 'fromCache'>;

export interface GenerateRequest {
  settings: Settings;
  paper: PaperForSummary;
  signal: AbortSignal;
  onEvent: (event: SummaryPortEvent) => void;
  /** Injected for tests; the real client otherwise. */
  client?: OpenAI;
}

interface AttemptResult {
  text: string;
  model: string;
  usage: Usage | null;
  problem: OutputProblem | null;
}

function addUsage(a: Usage | null, b: Usage | null): Usage | null {
  if (!a) return b;
  if (!b) return a;
  return {
    promptTokens: a.promptTokens + b.promptTokens,
    completionTokens: a.completionTokens + b.completionTokens,
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

async function streamOnce(
  client: OpenAI,
  request: GenerateRequest,
  messages: ChatMessage[],
  apiKey: string,
): Promise<AttemptResult> {
  const { settings, signal, onEvent } = request;
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
  try {
    const stream = await client.chat.completions.create(
      {
        model: settings.model,
        messages,
        stream: true,
        stream_options: { include_usage: true },
        ...tokenParameters(settings.model),
      },
      { signal: attempt.signal, timeout: timeoutMs },
    );
    started = true;
    onEvent({ type: 'started', model: settings.model });

    let raw = '';
    let shown = '';
    let model = settings.model;
    let usage: Usage | null = null;
    let finishReason: string | null = null;
    for await (const chunk of stream) {
      watchdog.kick();
      if (chunk.model) model = chunk.model;
      if (chunk.usage) {
        usage = { promptTokens: chunk.usage.prompt_tokens, completionTokens: chunk.usage.completion_tokens };
      }
      const choice = chunk.choices[0];
      if (choice?.finish_reason) finishReason = choice.finish_reason;
      const delta = choice?.delta?.content;
      if (!delta) continue;
      raw += delta;
      const visible = stripThinking(raw);
      if (visible !== shown) {
        shown = visible;
        onEvent({ type: 'progress', text: visible, html: summaryMarkdownToHtml(visible) });
      }
    }
    // The SDK ends the iteration quietly when its request is aborted: a stop or a stall is not an end.
    if (signal.aborted) throw new DOMException('The summary was stopped', 'AbortError');
    if (timedOut) throw new SummaryFailure({ kind: 'timeout' });
    if (finishReason === null) throw new SummaryFailure({ kind: 'streamBroken', detail: 'no finish_reason' });
    if (finishReason === 'length') throw new SummaryFailure({ kind: 'truncated' });
    const text = stripThinking(raw).trim();
    return { text, model, usage, problem: checkSummaryOutput(text) };
  } catch (error) {
    if (error instanceof SummaryFailure) throw error;
    if (signal.aborted) throw error;
    if (timedOut) throw new SummaryFailure({ kind: 'timeout' });
    if (isAbortError(error)) throw error;
    throw new SummaryFailure(toSummaryError(error, { apiKey, duringStream: started }));
  } finally {
    watchdog.stop();
    signal.removeEventListener('abort', abortAttempt);
  }
}

/** Resolves with the finished, checked summary; rejects with SummaryFailure, or an abort error. */
export async function generateSummary(request: GenerateRequest): Promise<GeneratedSummary> {
  const { settings, paper, onEvent } = request;
  const apiKey = effectiveApiKey(settings.apiKey, settings.baseURL);
  if (!apiKey) throw new SummaryFailure({ kind: 'noKey' });
  const client =
    request.client ??
    clientFor({ apiKey, baseURL: settings.baseURL, timeoutMs: settings.requestTimeoutSeconds * 1000 });

  const messages = buildSummaryPrompt(paper, settings.summaryStyle);
  let usage: Usage | null = null;
  let result = await streamOnce(client, request, messages, apiKey);
  usage = addUsage(usage, result.usage);
  if (result.problem) {
    onEvent({ type: 'retrying', reason: result.problem });
    result = await streamOnce(client, request, [...messages, buildRetryReminder(result.problem)], apiKey);
    usage = addUsage(usage, result.usage);
    if (result.problem) throw new SummaryFailure({ kind: 'badOutput', detail: result.problem });
  }
  return {
    type: 'done',
    text: result.text,
    html: summaryMarkdownToHtml(result.text),
    model: result.model,
    style: settings.summaryStyle,
    usage,
    createdAt: Date.now(),
  };
}
