// A mock OpenAI-compatible HTTP server (chat completions + models) for end-to-end tests and manual runs.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';

export interface RecordedRequest {
  method: string;
  /** e.g. '/v1/chat/completions' (without query). */
  path: string;
  /** The query string, e.g. '?api-version=2024-10-21' ('' when none). */
  search: string;
  /** Lower-cased names; repeated headers are joined with ', '. */
  headers: Record<string, string>;
  /** Parsed JSON body, or undefined when the body was empty or not JSON. */
  body: unknown;
  receivedAt: number;
  /** Set to true later if the client disconnected before the response finished. */
  aborted: boolean;
  finishedAt?: number;
  /** When the first piece of the answer's text was written (streams only). */
  firstContentAt?: number;
  /** The HTTP status sent, filled in when the response ends (stays undefined for hang/drop). */
  status?: number;
}

export interface UsageNumbers {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens?: number;
  /** Of completion_tokens, those spent thinking (reported as completion_tokens_details). */
  reasoning_tokens?: number;
}
/** `true` = compute plausible numbers from the request and the reply text. */
export type UsageSpec = UsageNumbers | true;
export type FinishReason = 'stop' | 'length' | 'content_filter';

export interface StreamReply {
  kind: 'stream';
  /** Split into ~8-character chunks. Ignored when `chunks` is given. Default: the Korean summary. */
  text?: string;
  chunks?: string[];
  /** Pause before each content chunk after the first. */
  chunkDelayMs?: number;
  /** Pause before the response headers (time to first byte). */
  firstChunkDelayMs?: number;
  usage?: UsageSpec;
  /** Destroy the socket after N content chunks (no finish chunk, no [DONE]). */
  cutAfterChunks?: number;
  /** After N content chunks send `data: {not json` and carry on. */
  malformedAfterChunks?: number;
  finishReason?: FinishReason;
  /** Sent as `delta.reasoning_content` before the answer (DeepSeek-style thinking). */
  reasoningChunks?: string[];
}
export interface CompletionReply {
  kind: 'completion';
  text?: string;
  usage?: UsageSpec;
  finishReason?: FinishReason;
}
export interface ErrorReply {
  kind: 'error';
  status: number;
  code?: string | null;
  type?: string;
  message?: string;
  headers?: Record<string, string>;
}
export type MockReply = StreamReply | CompletionReply | ErrorReply | { kind: 'hang' } | { kind: 'drop' };
export type ReplyScript =
  | MockReply
  | ((request: RecordedRequest, index: number) => MockReply | Promise<MockReply>);

/**
 * Provider behaviours, each modelled on documented behaviour (see ../shared/notes/providers-2026.md):
 * they apply before the scripted reply, and several can be combined.
 */
export type Personality =
  /** GPT-5/6 style: 400 `unsupported_parameter` for max_tokens, `unsupported_value` for a temperature or effort it refuses. */
  | {
      kind: 'strictParameters';
      models?: RegExp;
      /** Default: max_tokens and a temperature other than 1 (GPT-5/6). */
      refuses?: ('max_tokens' | 'temperature' | 'stream_options')[];
      refusedEfforts?: string[];
    }
  /** 404 "only supported in v1/responses" on chat completions; POST /v1/responses streams real Responses events. */
  | { kind: 'responsesOnly'; models: RegExp }
  /** Ollama: 403 with no body for any request carrying an extension Origin; no key needed. */
  | { kind: 'ollama' }
  /** Anthropic: 401 for browser-origin requests without `anthropic-dangerous-direct-browser-access: true`. */
  | { kind: 'anthropic' }
  /** Gemini/DeepSeek: thinking spends the output cap before the answer (`length` when it runs out). */
  | {
      kind: 'thinking';
      thinkingTokens?: number;
      lowEffortThinkingTokens?: number;
      streamsReasoning?: boolean;
    }
  /** Only the models in `mock.models` exist: others get 404 model_not_found. */
  | { kind: 'knownModelsOnly' }
  /** A captive portal or proxy login: 200 with an HTML page for everything. */
  | { kind: 'htmlPortal' }
  /**
   * Answers a one-liner batch (a user turn with `<papers>`) with `{"papers":[…]}` for its ids, as
   * structured output does. `missingIds` are left out and `malformedIds` get a broken entry, in the
   * first answer that holds them only (`faultsEveryTime` keeps them wrong), so the retry succeeds.
   * Relevance (when asked for) is 3 for a paper whose title shares a word with an interest, else 0.
   */
  | { kind: 'structuredOneLiners'; missingIds?: string[]; malformedIds?: string[]; faultsEveryTime?: boolean }
  /** No structured output: 400 naming `response_format` for the types listed (default both). */
  | { kind: 'noResponseFormat'; rejects?: ('json_schema' | 'json_object')[] }
  /** No embeddings: POST /v1/embeddings answers 404, as an endpoint without the route does. */
  | { kind: 'noEmbeddings' }
  /** Embeddings without `dimensions`: 400 naming it, as some OpenAI-compatible servers answer. */
  | { kind: 'embeddingsWithoutDimensions' };

export interface MockOpenAI {
  /** 'http://127.0.0.1:PORT/v1' */
  baseURL: string;
  /** 'http://127.0.0.1:PORT' */
  origin: string;
  port: number;
  /** Every request received (all paths), in order. */
  requests: RecordedRequest[];
  /** Only POST /v1/chat/completions. */
  chatRequests(): RecordedRequest[];
  /** Only POST /v1/responses. */
  responsesRequests(): RecordedRequest[];
  /** Only POST /v1/embeddings. */
  embeddingRequests(): RecordedRequest[];
  /** Provider behaviours from now on (replacing earlier ones); reset() clears them. */
  behave(...personalities: Personality[]): void;
  /** Default answer for chat completions from now on. */
  reply(script: ReplyScript): void;
  /** Queued answers used first, in order, before the default. */
  replyOnce(...scripts: ReplyScript[]): void;
  /** Chat requests currently being answered. */
  inFlight: number;
  /** The highest inFlight seen since start/reset. */
  maxInFlight: number;
  waitForRequests(n: number, timeoutMs?: number): Promise<RecordedRequest[]>;
  waitForAbort(timeoutMs?: number): Promise<RecordedRequest>;
  /** Served by GET /v1/models; mutable. */
  models: string[];
  reset(): void;
  close(): Promise<void>;
}

export interface MockOpenAIOptions {
  /** 0 = random free port (the default). */
  port?: number;
  host?: string;
  /** Receives one line per request and per response; keys are masked. */
  log?: (line: string) => void;
}

const DEFAULT_MODELS: readonly string[] = [
  'gpt-4o-mini',
  'gpt-4.1-mini',
  'gpt-5-mini',
  'o4-mini',
  'mock-korean',
];
const TEXT_CHUNK_LENGTH = 8;
/** Small enough to keep e2e tests quick, large enough that streaming is visible in the UI. */
const DEFAULT_REPLY_CHUNK_DELAY_MS = 5;
const DEFAULT_WAIT_MS = 5_000;
/** Browsers only let scripts read response headers listed here (the SDK reads these). */
const EXPOSED_HEADERS = [
  'x-request-id',
  'retry-after',
  'retry-after-ms',
  'x-ratelimit-limit-requests',
  'x-ratelimit-remaining-requests',
  'x-ratelimit-reset-requests',
  'openai-processing-ms',
];

// ---------------------------------------------------------------------------------------------
// Korean summaries

const SUMMARY_BULLETS = [
  '- 이 논문은 대형 언어 모델(Large Language Model, LLM)이 128K 토큰에 이르는 긴 컨텍스트(long context)에서도 추론 성능을 유지하도록 돕는 학습 기법인 희소 라우팅 증류(Sparse Routing Distillation, SRD)를 제안합니다.',
  '- 405B 규모의 교사 모델(teacher model)이 만든 전문가 라우팅(expert routing) 정보를 8B 학생 모델(student model)에 증류하여, 추론 비용을 약 3.2배 줄이면서 정확도 손실은 1% 이내로 억제했습니다.',
  '- 긴 문서 질의응답(long-document QA)과 코드 이해(code understanding)를 포함한 6개 벤치마크(benchmark)에서 기존 방법보다 평균 4.7점 높은 성능을 보였습니다.',
  '- 저자들은 학습 코드와 모델 가중치(weights)를 공개할 예정이며, 다중 모달(multimodal) 환경으로의 확장을 향후 과제로 제시합니다.',
].join('\n');

export const DEFAULT_KOREAN_SUMMARY = `**희소 라우팅 증류를 통한 효율적인 장문 맥락 추론**\n\n${SUMMARY_BULLETS}`;

/** Same shape as DEFAULT_KOREAN_SUMMARY, but the first line names the paper so tests can tell cards apart. */
export function koreanSummaryFor(title: string): string {
  return `**${title} — 한국어 요약**\n\n${SUMMARY_BULLETS}`;
}

// ---------------------------------------------------------------------------------------------
// Ready-made errors, with the bodies and headers OpenAI actually sends

function formatResetDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  const totalSeconds = ms / 1000;
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = Number((totalSeconds % 60).toFixed(3));
  if (hours > 0) return `${hours}h${minutes}m${seconds}s`;
  if (minutes > 0) return `${minutes}m${seconds}s`;
  return `${seconds}s`;
}

function rateLimited(
  opts: { retryAfterSeconds?: number; retryAfterMs?: number; resetRequests?: string } = {},
): MockReply {
  const noHint = opts.retryAfterSeconds === undefined && opts.retryAfterMs === undefined;
  const retryAfterSeconds = noHint ? 1 : opts.retryAfterSeconds;
  const waitMs = opts.retryAfterMs ?? (retryAfterSeconds ?? 1) * 1000;
  const reset = opts.resetRequests ?? formatResetDuration(waitMs);
  const headers: Record<string, string> = {
    'x-ratelimit-limit-requests': '3',
    'x-ratelimit-remaining-requests': '0',
    'x-ratelimit-reset-requests': reset,
  };
  if (retryAfterSeconds !== undefined) headers['retry-after'] = String(retryAfterSeconds);
  if (opts.retryAfterMs !== undefined) headers['retry-after-ms'] = String(opts.retryAfterMs);
  return {
    kind: 'error',
    status: 429,
    type: 'requests',
    code: 'rate_limit_exceeded',
    message: `Rate limit reached for gpt-4o-mini in organization org-mock on requests per min (RPM): Limit 3, Used 3, Requested 1. Please try again in ${reset}. Visit https://platform.openai.com/account/rate-limits to learn more.`,
    headers,
  };
}

function modelNotFound(model: string): ErrorReply {
  return {
    kind: 'error',
    status: 404,
    type: 'invalid_request_error',
    code: 'model_not_found',
    message: `The model \`${model}\` does not exist or you do not have access to it.`,
  };
}

export const mockErrors = {
  invalidApiKey: (): MockReply => ({
    kind: 'error',
    status: 401,
    type: 'invalid_request_error',
    code: 'invalid_api_key',
    message:
      'Incorrect API key provided: sk-te************************test. You can find your API key at https://platform.openai.com/account/api-keys.',
  }),
  permissionDenied: (): MockReply => ({
    kind: 'error',
    status: 403,
    type: 'request_forbidden',
    code: 'unsupported_country_region_territory',
    message: 'Country, region, or territory not supported',
  }),
  modelNotFound: (model = 'gpt-nonexistent'): MockReply => modelNotFound(model),
  rateLimited,
  insufficientQuota: (): MockReply => ({
    kind: 'error',
    status: 429,
    type: 'insufficient_quota',
    code: 'insufficient_quota',
    message:
      'You exceeded your current quota, please check your plan and billing details. For more information on this error, read the docs: https://platform.openai.com/docs/guides/error-codes/api-errors.',
  }),
  serverError: (): MockReply => ({
    kind: 'error',
    status: 500,
    type: 'server_error',
    code: null,
    message: 'The server had an error while processing your request. Sorry about that!',
  }),
  overloaded: (): MockReply => ({
    kind: 'error',
    status: 503,
    type: 'server_error',
    code: null,
    message: 'The engine is currently overloaded, please try again later.',
  }),
};

// ---------------------------------------------------------------------------------------------
// Reading requests

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function requestedModel(body: unknown): string | undefined {
  return isRecord(body) && typeof body.model === 'string' ? body.model : undefined;
}

function wantsStream(body: unknown): boolean {
  return isRecord(body) && body.stream === true;
}

function wantsUsage(body: unknown): boolean {
  return isRecord(body) && isRecord(body.stream_options) && body.stream_options.include_usage === true;
}

/** Plain strings and `[{ type: 'text', text }]` parts both count. */
function messageTexts(body: unknown): string[] {
  if (!isRecord(body)) return [];
  if (typeof body.input === 'string') return [body.input];
  // Chat completions send `messages`; the Responses API sends the same turns as `input`.
  const turns = Array.isArray(body.messages) ? body.messages : Array.isArray(body.input) ? body.input : [];
  const texts: string[] = [];
  for (const message of turns) {
    if (!isRecord(message)) continue;
    const { content } = message;
    if (typeof content === 'string') texts.push(content);
    if (!Array.isArray(content)) continue;
    for (const part of content) {
      if (isRecord(part) && typeof part.text === 'string') texts.push(part.text);
    }
  }
  return texts;
}

/** A paper sent as JSON data (`"title": "…"`), as the extension's prompt does. */
function jsonTitleIn(text: string): string | undefined {
  const quoted = /"title"\s*:\s*("(?:[^"\\]|\\.)*")/.exec(text)?.[1];
  if (!quoted) return undefined;
  try {
    const value: unknown = JSON.parse(quoted);
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}

function titleIn(text: string): string | undefined {
  const tagged = /<title>([\s\S]*?)<\/title>/i.exec(text)?.[1];
  const lined = /^[ \t]*(?:Title|제목)[ \t]*:[ \t]*(\S.*)$/im.exec(text)?.[1];
  const title = (tagged ?? lined ?? jsonTitleIn(text))?.replace(/\s+/g, ' ').trim();
  return title ? title : undefined;
}

/** Latest message first: the paper is in the user turn, while a system prompt may show a format example. */
function paperTitle(body: unknown): string | undefined {
  for (const text of messageTexts(body).reverse()) {
    const title = titleIn(text);
    if (title) return title;
  }
  return undefined;
}

function summaryForRequest(body: unknown): string {
  const title = paperTitle(body);
  return title ? koreanSummaryFor(title) : DEFAULT_KOREAN_SUMMARY;
}

// ---------------------------------------------------------------------------------------------
// One-liners and embeddings

interface BatchPaper {
  id: string;
  title: string;
  summary: string;
}

/** The papers of a one-liner batch (`<papers>[{…},…]</papers>` in the user turn) and the interests, if any. */
export function oneLinerBatchIn(body: unknown): { papers: BatchPaper[]; interests: string[] } | undefined {
  for (const text of messageTexts(body).reverse()) {
    const block = /<papers>\s*(\[[\s\S]*\])\s*<\/papers>/.exec(text)?.[1];
    if (!block) continue;
    let papers: unknown;
    try {
      papers = JSON.parse(block);
    } catch {
      return undefined;
    }
    if (!Array.isArray(papers)) return undefined;
    const interestsJson = /사용자의 관심 주제:\s*(\[.*\])/.exec(text)?.[1];
    let interests: string[] = [];
    try {
      const parsed: unknown = interestsJson ? JSON.parse(interestsJson) : [];
      if (Array.isArray(parsed))
        interests = parsed.filter((item): item is string => typeof item === 'string');
    } catch {
      interests = [];
    }
    return {
      papers: papers.filter(
        (paper): paper is BatchPaper =>
          isRecord(paper) && typeof paper.id === 'string' && typeof paper.title === 'string',
      ),
      interests,
    };
  }
  return undefined;
}

function wordsOf(text: string): string[] {
  return (text.toLowerCase().match(/[a-z0-9]+|[\uac00-\ud7a3]+/g) ?? []).map((word) =>
    word.length > 3 && word.endsWith('s') ? word.slice(0, -1) : word,
  );
}

const STOP_WORDS = new Set(['a', 'an', 'the', 'of', 'for', 'with', 'and', 'in', 'on', 'to', 'via', 'by']);

/** A plausible entry: Korean title and TL;DR naming the paper, and a relevance from shared title words. */
export function oneLinerEntryFor(paper: BatchPaper, interests: readonly string[]): Record<string, unknown> {
  // About as long as a model's: a Korean title keeps the method's name and is shorter than the
  // English one; the TL;DR is one sentence well under the 80-character limit.
  const entry: Record<string, unknown> = {
    id: paper.id,
    title_ko: `${paper.title.split(':')[0]?.trim()}: 한국어 제목`,
    tldr_ko:
      '새로운 방법으로 기존 방법보다 적은 비용에 더 높은 정확도를 얻고, 긴 입력에서도 안정적으로 동작한다.',
  };
  if (interests.length === 0) return entry;
  const titleWords = new Set(wordsOf(paper.title).filter((word) => !STOP_WORDS.has(word)));
  const match = interests.find((interest) => wordsOf(interest).some((word) => titleWords.has(word)));
  entry.relevance = match ? 3 : 0;
  entry.reason_ko = match ? `관심 주제 ${match}와 직접 관련` : '관심 주제와 관련 없음';
  return entry;
}

const FULL_EMBEDDING_DIMENSIONS = 512;

/** FNV-1a: a stable bucket per word. */
function wordBucket(word: string, buckets: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < word.length; i++) {
    hash ^= word.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % buckets;
}

/** Normalised word counts hashed into `dimensions` buckets, plus a little shared direction so no cosine is 0/0. */
export function bagOfWordsVector(text: string, dimensions: number): number[] {
  const vector = new Array<number>(dimensions).fill(0);
  for (const word of wordsOf(text)) {
    if (STOP_WORDS.has(word)) continue;
    const bucket = wordBucket(word, dimensions);
    vector[bucket] = (vector[bucket] ?? 0) + 1;
  }
  vector[0] = (vector[0] ?? 0) + 0.05;
  const length = Math.sqrt(vector.reduce((sum, value) => sum + value * value, 0));
  return vector.map((value) => value / length);
}

function defaultReplyFor(body: unknown): MockReply {
  return wantsStream(body)
    ? { kind: 'stream', chunkDelayMs: DEFAULT_REPLY_CHUNK_DELAY_MS }
    : { kind: 'completion' };
}

function flattenHeaders(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

async function readBodyText(req: IncomingMessage): Promise<string> {
  const parts: Buffer[] = [];
  for await (const part of req) parts.push(Buffer.isBuffer(part) ? part : Buffer.from(String(part)));
  return Buffer.concat(parts).toString('utf8');
}

type ParsedBody = { ok: true; value: unknown } | { ok: false };

function parseBody(text: string): ParsedBody {
  if (text.trim() === '') return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

function hasBearerToken(headers: Record<string, string>): boolean {
  return /^Bearer\s+\S+/i.test(headers.authorization ?? '');
}

/** Enough to tell keys apart in a log, never enough to reuse one. */
export function maskAuthorization(header: string | undefined): string {
  if (!header) return '(no key)';
  const key = header.replace(/^Bearer\s+/i, '').trim();
  if (key.length < 12) return `${key.slice(0, 3)}…`;
  return `${key.slice(0, 3)}…${key.slice(-4)}`;
}

// ---------------------------------------------------------------------------------------------
// Writing responses

function randomId(prefix: string, bytes: number): string {
  return `${prefix}${randomBytes(bytes).toString('hex')}`;
}

function errorPayload(message: string, type: string, code: string | null, param: string | null = null) {
  return { error: { message, type, param, code } };
}

function defaultErrorType(status: number): string {
  if (status === 429) return 'requests';
  return status >= 500 ? 'server_error' : 'invalid_request_error';
}

function sendJson(
  res: ServerResponse,
  status: number,
  payload: unknown,
  headers: Record<string, string> = {},
): void {
  if (res.headersSent || res.destroyed) return;
  const body = JSON.stringify(payload);
  res.writeHead(status, {
    ...headers,
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(body)),
  });
  res.end(body);
}

function sendError(res: ServerResponse, reply: ErrorReply): void {
  const payload = errorPayload(
    reply.message ?? `Mock error ${reply.status}`,
    reply.type ?? defaultErrorType(reply.status),
    reply.code ?? null,
  );
  const extraNames = Object.keys(reply.headers ?? {}).map((name) => name.toLowerCase());
  const exposed = [...new Set([...EXPOSED_HEADERS, ...extraNames])].join(', ');
  sendJson(res, reply.status, payload, { ...reply.headers, 'access-control-expose-headers': exposed });
}

function setCommonHeaders(res: ServerResponse): void {
  res.setHeader('x-request-id', randomId('req_', 16));
  res.setHeader('openai-version', '2020-10-01');
  res.setHeader('access-control-allow-origin', '*');
  res.setHeader('access-control-expose-headers', EXPOSED_HEADERS.join(', '));
}

/** `Authorization` is not covered by the `*` wildcard, so echo what the browser asked for. */
function answerPreflight(req: IncomingMessage, res: ServerResponse): void {
  const requested = req.headers['access-control-request-headers'];
  const headers: Record<string, string> = {
    'access-control-allow-methods': 'GET, POST, OPTIONS',
    'access-control-allow-headers': requested ? `${requested}, *` : '*, authorization, content-type',
    'access-control-max-age': '600',
  };
  // Chrome's Private Network Access asks before a public page may reach loopback.
  if (req.headers['access-control-request-private-network']) {
    headers['access-control-allow-private-network'] = 'true';
  }
  res.writeHead(204, headers);
  res.end();
}

/** Splits by code point so a chunk never ends inside a surrogate pair. */
export function splitText(text: string, size = TEXT_CHUNK_LENGTH): string[] {
  const codePoints = Array.from(text);
  const chunks: string[] = [];
  for (let start = 0; start < codePoints.length; start += size) {
    chunks.push(codePoints.slice(start, start + size).join(''));
  }
  return chunks;
}

function computeUsage(spec: UsageSpec | undefined, body: unknown, text: string) {
  if (spec !== undefined && spec !== true) {
    const total = spec.total_tokens ?? spec.prompt_tokens + spec.completion_tokens;
    return {
      prompt_tokens: spec.prompt_tokens,
      completion_tokens: spec.completion_tokens,
      total_tokens: total,
      ...(spec.reasoning_tokens !== undefined && {
        completion_tokens_details: { reasoning_tokens: spec.reasoning_tokens },
      }),
    };
  }
  const prompt = Math.max(1, Math.round((JSON.stringify(body) ?? '').length / 3));
  const completion = Math.max(1, Math.round(text.length / 2));
  return { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion };
}

interface ChatTarget {
  body: unknown;
  model: string;
}

function sendCompletion(res: ServerResponse, reply: CompletionReply, target: ChatTarget): void {
  const text = reply.text ?? summaryForRequest(target.body);
  sendJson(res, 200, {
    id: randomId('chatcmpl-', 12),
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: target.model,
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: text, refusal: null, annotations: [] },
        logprobs: null,
        finish_reason: reply.finishReason ?? 'stop',
      },
    ],
    // OpenAI always reports usage on non-streaming completions.
    usage: computeUsage(reply.usage, target.body, text),
    service_tier: 'default',
    system_fingerprint: 'fp_mock',
  });
}

/** Builds `chat.completion.chunk` events that share one id, like a real stream. */
function chunkFactory(model: string, includeUsage: boolean) {
  const base = {
    id: randomId('chatcmpl-', 12),
    object: 'chat.completion.chunk',
    created: Math.floor(Date.now() / 1000),
    model,
    service_tier: 'default',
    system_fingerprint: 'fp_mock',
  };
  // With include_usage OpenAI puts `usage: null` on every chunk but the last.
  const usageField = includeUsage ? { usage: null } : {};
  return {
    choice: (delta: Record<string, unknown>, finishReason: FinishReason | null) => ({
      ...base,
      choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
      ...usageField,
    }),
    usage: (usage: ReturnType<typeof computeUsage>) => ({ ...base, choices: [], usage }),
  };
}

// ---------------------------------------------------------------------------------------------
// The server

/** One request/response pair and what we know about how it ended. */
interface Exchange {
  req: IncomingMessage;
  res: ServerResponse;
  record: RecordedRequest;
  /** Aborted when the response closes, so pending delays stop. */
  controller: AbortController;
  recorded: boolean;
  closed: boolean;
  /** The mock itself cut the connection (drop, cutAfterChunks, close()) — not a client abort. */
  endedByServer: boolean;
  countsInFlight: boolean;
}

interface Waiter {
  settle(): boolean;
  fail(error: Error): void;
}

class MockOpenAIServer implements MockOpenAI {
  baseURL = '';
  origin = '';
  port = 0;
  requests: RecordedRequest[] = [];
  models: string[] = [...DEFAULT_MODELS];
  #inFlight = 0;
  #maxInFlight = 0;
  #server: Server;
  #log: ((line: string) => void) | undefined;
  #sockets = new Set<Socket>();
  #exchanges = new Set<Exchange>();
  #waiters = new Set<Waiter>();
  #queue: ReplyScript[] = [];
  #defaultScript: ReplyScript | undefined;
  #chatCount = 0;
  #deliveredAborts = new Set<RecordedRequest>();
  #closing: Promise<void> | undefined;
  #personalities: Personality[] = [];
  /** Papers whose one-time fault (missing, malformed) the structured personality has already shown. */
  #faultsShown = new Set<string>();

  constructor(log: ((line: string) => void) | undefined) {
    this.#log = log;
    this.#server = createServer((req, res) => {
      this.#handle(req, res).catch((error: unknown) => this.#failInternally(res, error));
    });
    this.#server.on('connection', (socket) => this.#track(socket));
    this.#server.on('clientError', (_error, socket) => socket.destroy());
  }

  get inFlight(): number {
    return this.#inFlight;
  }

  get maxInFlight(): number {
    return this.#maxInFlight;
  }

  async listen(port: number, host: string): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.#server.once('error', reject);
      this.#server.listen(port, host, () => {
        this.#server.off('error', reject);
        resolve();
      });
    });
    const address = this.#server.address() as AddressInfo;
    const urlHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    this.port = address.port;
    this.origin = `http://${urlHost}:${address.port}`;
    this.baseURL = `${this.origin}/v1`;
  }

  chatRequests(): RecordedRequest[] {
    return this.requests.filter(isChatRequest);
  }

  responsesRequests(): RecordedRequest[] {
    return this.requests.filter(
      (record) => record.method === 'POST' && record.path.replace(/\/+$/, '') === '/v1/responses',
    );
  }

  embeddingRequests(): RecordedRequest[] {
    return this.requests.filter(
      (record) => record.method === 'POST' && record.path.replace(/\/+$/, '') === '/v1/embeddings',
    );
  }

  behave(...personalities: Personality[]): void {
    this.#personalities = personalities;
    this.#faultsShown.clear();
  }

  #personality<K extends Personality['kind']>(kind: K): Extract<Personality, { kind: K }> | undefined {
    return this.#personalities.find((p): p is Extract<Personality, { kind: K }> => p.kind === kind);
  }

  reply(script: ReplyScript): void {
    this.#defaultScript = script;
  }

  replyOnce(...scripts: ReplyScript[]): void {
    this.#queue.push(...scripts);
  }

  waitForRequests(n: number, timeoutMs = DEFAULT_WAIT_MS): Promise<RecordedRequest[]> {
    return this.#waitUntil(
      () => {
        const chats = this.chatRequests();
        return chats.length >= n ? chats : undefined;
      },
      timeoutMs,
      () => `Expected ${n} chat request(s) within ${timeoutMs} ms, got ${this.chatRequests().length}`,
    );
  }

  /** Each call hands out a different aborted request, oldest first, so an abort before the call still counts. */
  waitForAbort(timeoutMs = DEFAULT_WAIT_MS): Promise<RecordedRequest> {
    return this.#waitUntil(
      () => {
        const next = this.chatRequests().find((r) => r.aborted && !this.#deliveredAborts.has(r));
        if (next) this.#deliveredAborts.add(next);
        return next;
      },
      timeoutMs,
      () => `No chat request was aborted by the client within ${timeoutMs} ms`,
    );
  }

  reset(): void {
    this.requests = [];
    this.#queue = [];
    this.#defaultScript = undefined;
    this.#chatCount = 0;
    this.#deliveredAborts.clear();
    this.#maxInFlight = this.#inFlight;
    this.models = [...DEFAULT_MODELS];
    this.#personalities = [];
    this.#faultsShown.clear();
  }

  close(): Promise<void> {
    this.#closing ??= this.#shutDown();
    return this.#closing;
  }

  async #shutDown(): Promise<void> {
    for (const waiter of this.#waiters) waiter.fail(new Error('Mock OpenAI server closed'));
    this.#waiters.clear();
    for (const exchange of this.#exchanges) {
      exchange.endedByServer = true;
      exchange.controller.abort();
    }
    const closed = new Promise<void>((resolve) => this.#server.close(() => resolve()));
    this.#server.closeAllConnections();
    for (const socket of this.#sockets) socket.destroy();
    await closed;
  }

  #track(socket: Socket): void {
    socket.setNoDelay(true);
    this.#sockets.add(socket);
    socket.on('close', () => this.#sockets.delete(socket));
    if (this.#closing) socket.destroy();
  }

  #waitUntil<T>(probe: () => T | undefined, timeoutMs: number, explain: () => string): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const ready = probe();
      if (ready !== undefined) return resolve(ready);
      if (this.#closing) return reject(new Error('Mock OpenAI server closed'));
      const timer = setTimeout(() => {
        this.#waiters.delete(waiter);
        reject(new Error(explain()));
      }, timeoutMs);
      const waiter: Waiter = {
        settle: () => {
          const value = probe();
          if (value === undefined) return false;
          clearTimeout(timer);
          resolve(value);
          return true;
        },
        fail: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      };
      this.#waiters.add(waiter);
    });
  }

  #notify(): void {
    for (const waiter of [...this.#waiters]) {
      if (waiter.settle()) this.#waiters.delete(waiter);
    }
  }

  #record(exchange: Exchange): void {
    if (exchange.recorded) return;
    exchange.recorded = true;
    this.requests.push(exchange.record);
    this.#logRequest(exchange.record);
    this.#notify();
  }

  #open(req: IncomingMessage, res: ServerResponse): Exchange {
    const record: RecordedRequest = {
      method: req.method ?? 'GET',
      path: new URL(req.url ?? '/', 'http://mock.invalid').pathname,
      search: new URL(req.url ?? '/', 'http://mock.invalid').search,
      headers: flattenHeaders(req),
      body: undefined,
      receivedAt: Date.now(),
      aborted: false,
    };
    const exchange: Exchange = {
      req,
      res,
      record,
      controller: new AbortController(),
      recorded: false,
      closed: false,
      endedByServer: false,
      countsInFlight: false,
    };
    this.#exchanges.add(exchange);
    // Writes racing a client disconnect must not crash the test run.
    res.on('error', () => undefined);
    res.on('close', () => this.#onClosed(exchange));
    return exchange;
  }

  #onClosed(exchange: Exchange): void {
    const { record, res } = exchange;
    exchange.closed = true;
    this.#exchanges.delete(exchange);
    exchange.controller.abort();
    record.finishedAt = Date.now();
    if (res.headersSent) record.status = res.statusCode;
    if (!res.writableFinished && !exchange.endedByServer) record.aborted = true;
    if (exchange.countsInFlight) {
      exchange.countsInFlight = false;
      this.#inFlight -= 1;
    }
    this.#record(exchange);
    this.#logOutcome(exchange);
    this.#notify();
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    setCommonHeaders(res);
    const exchange = this.#open(req, res);
    if (exchange.record.method === 'OPTIONS') {
      this.#record(exchange);
      if (this.#personality('ollama') && isExtensionOrigin(exchange.record.headers.origin)) {
        res.writeHead(403).end();
        return;
      }
      answerPreflight(req, res);
      return;
    }
    const parsed = await readBodyText(req).then(parseBody, () => undefined);
    if (!parsed || exchange.closed) return;
    if (parsed.ok) exchange.record.body = parsed.value;
    this.#record(exchange);
    await this.#route(exchange, parsed);
  }

  async #route(exchange: Exchange, parsed: ParsedBody): Promise<void> {
    const { record, res } = exchange;
    if (!parsed.ok) return sendJson(res, 400, badJsonPayload());
    const refusal = this.#refusalByProvider(record);
    if (refusal) return refusal(res);
    if (!hasBearerToken(record.headers) && !this.#personality('ollama')) {
      return sendJson(res, 401, missingKeyPayload());
    }
    // Azure's deployment URLs (…/openai/deployments/NAME/chat/completions?api-version=…) are chat too.
    const path = record.path.replace(/\/+$/, '').replace(/^\/openai\/deployments\/[^/]+\//, '/v1/');
    const route = `${record.method} ${path}`;
    if (route === 'GET /v1/models') return sendJson(res, 200, this.#modelList());
    if (route.startsWith('GET /v1/models/'))
      return this.#sendModel(res, record.path.slice('/v1/models/'.length));
    if (route === 'POST /v1/chat/completions') return this.#answerChat(exchange);
    if (route === 'POST /v1/responses') return this.#answerResponses(exchange);
    if (route === 'POST /v1/embeddings') return this.#answerEmbeddings(exchange);
    sendJson(
      res,
      404,
      errorPayload(`Invalid URL (${record.method} ${record.path})`, 'invalid_request_error', null),
    );
  }

  #modelList() {
    const created = 1_700_000_000;
    return {
      object: 'list',
      data: this.models.map((id) => ({ id, object: 'model', created, owned_by: 'mock' })),
    };
  }

  #sendModel(res: ServerResponse, id: string): void {
    const wanted = decodeURIComponent(id);
    const model = this.#modelList().data.find((m) => m.id === wanted);
    if (model) sendJson(res, 200, model);
    else sendError(res, modelNotFound(wanted));
  }

  /** A provider's refusal that comes before any look at the body (origin, headers, portals). */
  #refusalByProvider(record: RecordedRequest): ((res: ServerResponse) => void) | undefined {
    const origin = record.headers.origin;
    if (this.#personality('htmlPortal')) {
      return (res) => {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end('<!doctype html><title>Wi-Fi 로그인</title><h1>Sign in to the network</h1>');
      };
    }
    if (this.#personality('ollama') && isExtensionOrigin(origin)) {
      // Ollama's origin check answers a bare 403, no JSON (ollama #2425).
      return (res) => {
        res.writeHead(403, { 'content-type': 'text/plain; charset=utf-8' });
        res.end();
      };
    }
    if (
      this.#personality('anthropic') &&
      origin !== undefined &&
      record.headers['anthropic-dangerous-direct-browser-access'] !== 'true'
    ) {
      return (res) =>
        sendJson(res, 401, {
          type: 'error',
          error: {
            type: 'authentication_error',
            message:
              'CORS requests must set the "anthropic-dangerous-direct-browser-access" header to "true" to make requests directly from the browser.',
          },
        });
    }
    return undefined;
  }

  /** What a strict provider says of a chat body before any answer (GPT-5/6, unknown models…). */
  #rejectionOf(body: unknown, api: 'chat' | 'responses'): { status: number; payload: unknown } | undefined {
    if (!isRecord(body)) return undefined;
    const model = typeof body.model === 'string' ? body.model : '';
    if (this.#personality('knownModelsOnly') && !this.models.includes(model)) {
      return { status: 404, payload: modelNotFoundPayload(model) };
    }
    const responsesOnly = this.#personality('responsesOnly');
    if (api === 'chat' && responsesOnly?.models.test(model)) {
      return {
        status: 404,
        payload: errorPayload(
          'This model is only supported in v1/responses and not in v1/chat/completions.',
          'invalid_request_error',
          null,
          'model',
        ),
      };
    }
    const formatRefusal = this.#responseFormatRefusal(body, api);
    if (formatRefusal) return formatRefusal;
    const strict = this.#personality('strictParameters');
    if (!strict || (strict.models && !strict.models.test(model))) return undefined;
    const unsupported = (param: string, message: string) => ({
      status: 400,
      payload: errorPayload(message, 'invalid_request_error', 'unsupported_parameter', param),
    });
    const badValue = (param: string, message: string) => ({
      status: 400,
      payload: errorPayload(message, 'invalid_request_error', 'unsupported_value', param),
    });
    const refuses = strict.refuses ?? ['max_tokens', 'temperature'];
    if (refuses.includes('max_tokens') && 'max_tokens' in body) {
      return unsupported(
        'max_tokens',
        "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.",
      );
    }
    if (refuses.includes('temperature') && 'temperature' in body && body.temperature !== 1) {
      return badValue(
        'temperature',
        `Unsupported value: 'temperature' does not support ${String(body.temperature)} with this model. Only the default (1) value is supported.`,
      );
    }
    const effort =
      api === 'chat' ? body.reasoning_effort : isRecord(body.reasoning) ? body.reasoning.effort : undefined;
    if (typeof effort === 'string' && strict.refusedEfforts?.includes(effort)) {
      return badValue(
        api === 'chat' ? 'reasoning_effort' : 'reasoning.effort',
        `Unsupported value: '${effort}' is not supported with this model. Supported values are: 'medium'.`,
      );
    }
    if (api === 'chat' && refuses.includes('stream_options') && 'stream_options' in body) {
      return unsupported(
        'stream_options',
        "Unsupported parameter: 'stream_options' is not supported with this model.",
      );
    }
    return undefined;
  }

  /** An endpoint without structured output refuses the format by name, as OpenAI does for older models. */
  #responseFormatRefusal(
    body: Record<string, unknown>,
    api: 'chat' | 'responses',
  ): { status: number; payload: unknown } | undefined {
    const personality = this.#personality('noResponseFormat');
    if (!personality) return undefined;
    const format =
      api === 'chat'
        ? body.response_format
        : isRecord(body.text) && isRecord(body.text.format)
          ? body.text.format
          : undefined;
    const type = isRecord(format) && typeof format.type === 'string' ? format.type : undefined;
    if (type !== 'json_schema' && type !== 'json_object') return undefined;
    if (!(personality.rejects ?? ['json_schema', 'json_object']).includes(type)) return undefined;
    const param = api === 'chat' ? 'response_format' : 'text.format';
    return {
      status: 400,
      payload: errorPayload(
        `Invalid parameter: '${param}' of type '${type}' is not supported with this model.`,
        'invalid_request_error',
        null,
        param,
      ),
    };
  }

  /** A one-liner batch's answer when the structured-output personality is on, else undefined. */
  #oneLinerReply(body: unknown): MockReply | undefined {
    const personality = this.#personality('structuredOneLiners');
    if (!personality) return undefined;
    const batch = oneLinerBatchIn(body);
    if (!batch) return undefined;
    const faulty = (ids: string[] | undefined, id: string) => {
      if (!ids?.includes(id)) return false;
      if (personality.faultsEveryTime) return true;
      const first = !this.#faultsShown.has(id);
      this.#faultsShown.add(id);
      return first;
    };
    const entries: unknown[] = [];
    for (const paper of batch.papers) {
      if (faulty(personality.missingIds, paper.id)) continue;
      if (faulty(personality.malformedIds, paper.id)) {
        entries.push({ id: paper.id, title_ko: 42, tldr_ko: ['잘못된', '항목'] });
        continue;
      }
      entries.push(oneLinerEntryFor(paper, batch.interests));
    }
    const text = JSON.stringify({ papers: entries });
    return wantsStream(body) ? { kind: 'stream', text, chunkDelayMs: 1 } : { kind: 'completion', text };
  }

  /** POST /v1/embeddings: one bag-of-words vector per input, so texts sharing words are close. */
  #answerEmbeddings(exchange: Exchange): void {
    const { record, res } = exchange;
    if (this.#personality('noEmbeddings')) {
      sendJson(
        res,
        404,
        errorPayload(`Invalid URL (${record.method} ${record.path})`, 'invalid_request_error', null),
      );
      return;
    }
    const body = isRecord(record.body) ? record.body : {};
    const inputs =
      typeof body.input === 'string' ? [body.input] : Array.isArray(body.input) ? body.input : null;
    if (typeof body.model !== 'string' || !inputs || !inputs.every((input) => typeof input === 'string')) {
      sendJson(
        res,
        400,
        errorPayload(
          "'input' must be a string or an array of strings",
          'invalid_request_error',
          null,
          'input',
        ),
      );
      return;
    }
    if (this.#personality('embeddingsWithoutDimensions') && 'dimensions' in body) {
      sendJson(
        res,
        400,
        errorPayload(
          'Unrecognized request argument supplied: dimensions',
          'invalid_request_error',
          null,
          'dimensions',
        ),
      );
      return;
    }
    const dimensions = typeof body.dimensions === 'number' ? body.dimensions : FULL_EMBEDDING_DIMENSIONS;
    const tokens = inputs.reduce((sum, input) => sum + Math.max(1, Math.round(input.length / 4)), 0);
    sendJson(res, 200, {
      object: 'list',
      data: inputs.map((input, index) => ({
        object: 'embedding',
        index,
        embedding: bagOfWordsVector(input, dimensions),
      })),
      model: body.model,
      usage: { prompt_tokens: tokens, total_tokens: tokens },
    });
  }

  /** Thinking that counts against the cap: the reply as the provider would cut it. */
  #thinkingReply(reply: MockReply, body: unknown): MockReply {
    const thinking = this.#personality('thinking');
    if (!thinking || reply.kind !== 'stream' || !isRecord(body)) return reply;
    const effort = body.reasoning_effort ?? (isRecord(body.reasoning) ? body.reasoning.effort : undefined);
    const thought =
      effort === 'low' || effort === 'none' || effort === 'minimal'
        ? (thinking.lowEffortThinkingTokens ?? 300)
        : (thinking.thinkingTokens ?? 1_232);
    const capValue = body.max_tokens ?? body.max_completion_tokens ?? body.max_output_tokens;
    const cap = typeof capValue === 'number' ? capValue : Number.POSITIVE_INFINITY;
    const text = reply.text ?? summaryForRequest(body);
    const answerTokens = Math.max(1, Math.round(text.length / 2));
    const room = Math.max(0, cap - thought);
    const cut = room < answerTokens;
    const shown = cut
      ? Array.from(text)
          .slice(0, room * 2)
          .join('')
      : text;
    const promptTokens = Math.max(1, Math.round((JSON.stringify(body) ?? '').length / 3));
    return {
      ...reply,
      text: shown,
      chunks: shown === '' ? [] : undefined,
      finishReason: cut ? 'length' : (reply.finishReason ?? 'stop'),
      usage: {
        prompt_tokens: promptTokens,
        completion_tokens: Math.min(cap, thought + answerTokens),
        reasoning_tokens: thought,
      },
      reasoningChunks: thinking.streamsReasoning ? ['생각 중… ', 'the paper proposes'] : undefined,
    };
  }

  async #answerChat(exchange: Exchange): Promise<void> {
    const { record, res } = exchange;
    const invalid = validateChatBody(record.body);
    if (invalid) return sendJson(res, 400, invalid);
    const rejection = this.#rejectionOf(record.body, 'chat');
    if (rejection) return sendJson(res, rejection.status, rejection.payload);
    const index = this.#chatCount++;
    exchange.countsInFlight = true;
    this.#inFlight += 1;
    this.#maxInFlight = Math.max(this.#maxInFlight, this.#inFlight);

    let reply: MockReply;
    try {
      reply = await this.#resolveReply(record, index);
    } catch (error) {
      const message = `Mock reply script failed: ${error instanceof Error ? error.message : String(error)}`;
      return sendJson(res, 500, errorPayload(message, 'server_error', null));
    }
    if (exchange.closed) return;
    await this.#send(exchange, this.#thinkingReply(reply, record.body), {
      body: record.body,
      model: requestedModel(record.body) ?? 'gpt-4o-mini',
    });
  }

  /** POST /v1/responses: the same scripted replies, written as Responses API events. */
  async #answerResponses(exchange: Exchange): Promise<void> {
    const { record, res } = exchange;
    if (!isRecord(record.body) || typeof record.body.model !== 'string') {
      return sendJson(
        res,
        400,
        errorPayload('Missing required parameter: model.', 'invalid_request_error', null),
      );
    }
    const rejection = this.#rejectionOf(record.body, 'responses');
    if (rejection) return sendJson(res, rejection.status, rejection.payload);
    const index = this.#chatCount++;
    exchange.countsInFlight = true;
    this.#inFlight += 1;
    this.#maxInFlight = Math.max(this.#maxInFlight, this.#inFlight);
    const reply = this.#thinkingReply(await this.#resolveReply(record, index), record.body);
    if (exchange.closed) return;
    const model = record.body.model;
    if (reply.kind === 'error') return sendError(res, reply);
    if (reply.kind === 'hang') return;
    if (reply.kind === 'drop') {
      exchange.endedByServer = true;
      exchange.req.socket.destroy();
      return;
    }
    const text =
      reply.kind === 'stream' && reply.chunks
        ? reply.chunks.join('')
        : (reply.text ?? summaryForRequest(record.body));
    const usage = computeUsage(reply.usage, record.body, text);
    const incomplete = reply.finishReason === 'length';
    const response = responseObject(model, text, usage, incomplete);
    if (record.body.stream !== true) return sendJson(res, 200, response);

    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' });
    res.flushHeaders();
    let sequence = 0;
    const send = (type: string, data: Record<string, unknown>) => {
      if (!exchange.closed)
        res.write(
          `event: ${type}\ndata: ${JSON.stringify({ type, sequence_number: sequence++, ...data })}\n\n`,
        );
    };
    send('response.created', { response: { ...response, status: 'in_progress', output: [], usage: null } });
    const itemId = response.output[0]?.id;
    const chunks = reply.kind === 'stream' && reply.chunks ? reply.chunks : splitText(text);
    for (const [i, delta] of chunks.entries()) {
      if (
        i > 0 &&
        !(await this.#pause(
          exchange,
          reply.kind === 'stream' ? (reply.chunkDelayMs ?? DEFAULT_REPLY_CHUNK_DELAY_MS) : 0,
        ))
      )
        return;
      send('response.output_text.delta', {
        item_id: itemId,
        output_index: 0,
        content_index: 0,
        delta,
        logprobs: [],
      });
      exchange.record.firstContentAt ??= Date.now();
      if (reply.kind === 'stream' && reply.cutAfterChunks === i + 1) return this.#cut(exchange);
    }
    send('response.output_text.done', {
      item_id: itemId,
      output_index: 0,
      content_index: 0,
      text,
      logprobs: [],
    });
    send(incomplete ? 'response.incomplete' : 'response.completed', { response });
    if (!exchange.closed) res.end();
  }

  async #resolveReply(record: RecordedRequest, index: number): Promise<MockReply> {
    const script =
      this.#queue.shift() ??
      this.#oneLinerReply(record.body) ??
      this.#defaultScript ??
      defaultReplyFor(record.body);
    return typeof script === 'function' ? await script(record, index) : script;
  }

  async #send(exchange: Exchange, reply: MockReply, target: ChatTarget): Promise<void> {
    switch (reply.kind) {
      case 'stream':
        return this.#stream(exchange, reply, target);
      case 'completion':
        return sendCompletion(exchange.res, reply, target);
      case 'error':
        return sendError(exchange.res, reply);
      case 'hang':
        return; // The response stays open until the client aborts or close() runs.
      case 'drop':
        exchange.endedByServer = true;
        exchange.req.socket.destroy();
        return;
    }
  }

  /** Resolves false when the response closed while waiting, so callers stop writing. */
  async #pause(exchange: Exchange, ms: number | undefined): Promise<boolean> {
    if (ms && ms > 0) {
      try {
        await delay(ms, undefined, { signal: exchange.controller.signal });
      } catch {
        return false;
      }
    }
    return !exchange.closed;
  }

  #writeEvent(exchange: Exchange, data: string): void {
    if (!exchange.closed) exchange.res.write(`data: ${data}\n\n`);
  }

  /** Ends the TCP connection mid-body: the chunks already written still arrive, the stream never completes. */
  #cut(exchange: Exchange): void {
    exchange.endedByServer = true;
    // destroy() could discard chunks still queued in the socket; end() flushes them first.
    const socket = exchange.res.socket;
    if (!socket) {
      exchange.res.destroy();
      return;
    }
    socket.end();
    // A client that never closes its side must not keep the exchange in flight.
    setTimeout(() => socket.destroy(), 1_000).unref();
  }

  async #stream(exchange: Exchange, reply: StreamReply, target: ChatTarget): Promise<void> {
    const chunks = reply.chunks ?? splitText(reply.text ?? summaryForRequest(target.body));
    const includeUsage = reply.usage !== undefined || wantsUsage(target.body);
    const cutAt =
      reply.cutAfterChunks === undefined ? undefined : Math.min(reply.cutAfterChunks, chunks.length);
    const badAt = reply.malformedAfterChunks;
    const make = chunkFactory(target.model, includeUsage);

    if (!(await this.#pause(exchange, reply.firstChunkDelayMs))) return;
    exchange.res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
    });
    exchange.res.flushHeaders();
    this.#writeEvent(
      exchange,
      JSON.stringify(make.choice({ role: 'assistant', content: '', refusal: null }, null)),
    );
    if (cutAt === 0) return this.#cut(exchange);
    if (badAt === 0) this.#writeEvent(exchange, '{not json');
    for (const reasoning of reply.reasoningChunks ?? []) {
      this.#writeEvent(exchange, JSON.stringify(make.choice({ reasoning_content: reasoning }, null)));
    }

    for (const [i, content] of chunks.entries()) {
      if (i > 0 && !(await this.#pause(exchange, reply.chunkDelayMs))) return;
      if (exchange.closed) return;
      this.#writeEvent(exchange, JSON.stringify(make.choice({ content }, null)));
      exchange.record.firstContentAt ??= Date.now();
      if (badAt === i + 1) this.#writeEvent(exchange, '{not json');
      if (cutAt === i + 1) return this.#cut(exchange);
    }

    this.#writeEvent(exchange, JSON.stringify(make.choice({}, reply.finishReason ?? 'stop')));
    if (includeUsage) {
      const usage = computeUsage(reply.usage, target.body, chunks.join(''));
      this.#writeEvent(exchange, JSON.stringify(make.usage(usage)));
    }
    this.#writeEvent(exchange, '[DONE]');
    if (!exchange.closed) exchange.res.end();
  }

  #failInternally(res: ServerResponse, error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    this.#log?.(`mock-openai internal error: ${message}`);
    if (!res.headersSent)
      sendJson(res, 500, errorPayload(`Mock server error: ${message}`, 'server_error', null));
    else res.destroy();
  }

  #logRequest(record: RecordedRequest): void {
    if (!this.#log) return;
    const model = requestedModel(record.body);
    const details = [
      `key=${maskAuthorization(record.headers.authorization)}`,
      model ? `model=${model}` : '',
      wantsStream(record.body) ? 'stream' : '',
    ].filter(Boolean);
    this.#log(`${clock()} → ${record.method} ${record.path} ${details.join(' ')}`);
  }

  #logOutcome(exchange: Exchange): void {
    if (!this.#log) return;
    const { record, res } = exchange;
    const took = `${(record.finishedAt ?? Date.now()) - record.receivedAt} ms`;
    const outcome = record.aborted
      ? 'aborted by client / 클라이언트가 중단'
      : res.headersSent
        ? String(res.statusCode)
        : 'connection dropped / 연결 끊음';
    this.#log(`${clock()} ← ${record.method} ${record.path} ${outcome} (${took})`);
  }
}

function isExtensionOrigin(origin: string | undefined): boolean {
  return origin !== undefined && /^(chrome|moz)-extension:\/\//.test(origin);
}

function modelNotFoundPayload(model: string) {
  return errorPayload(
    `The model \`${model}\` does not exist or you do not have access to it.`,
    'invalid_request_error',
    'model_not_found',
  );
}

/** A Responses API `response` object as OpenAI returns it (the fields the SDK and clients read). */
function responseObject(
  model: string,
  text: string,
  usage: ReturnType<typeof computeUsage>,
  incomplete: boolean,
) {
  const details = (usage as { completion_tokens_details?: { reasoning_tokens: number } })
    .completion_tokens_details;
  const reasoning = details?.reasoning_tokens ?? 0;
  return {
    id: randomId('resp_', 16),
    object: 'response',
    created_at: Math.floor(Date.now() / 1000),
    status: incomplete ? 'incomplete' : 'completed',
    incomplete_details: incomplete ? { reason: 'max_output_tokens' } : null,
    error: null,
    model,
    output: [
      {
        id: randomId('msg_', 16),
        type: 'message',
        role: 'assistant',
        status: incomplete ? 'incomplete' : 'completed',
        content: [{ type: 'output_text', text, annotations: [], logprobs: [] }],
      },
    ],
    usage: {
      input_tokens: usage.prompt_tokens,
      input_tokens_details: { cached_tokens: 0 },
      output_tokens: usage.completion_tokens,
      output_tokens_details: { reasoning_tokens: reasoning },
      total_tokens: usage.total_tokens,
    },
  };
}

function isChatRequest(record: RecordedRequest): boolean {
  return (
    record.method === 'POST' &&
    /^(\/v1|\/openai\/deployments\/[^/]+)\/chat\/completions\/?$/.test(record.path)
  );
}

function clock(): string {
  return new Date().toISOString().slice(11, 23);
}

function badJsonPayload() {
  return errorPayload(
    "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON.)",
    'invalid_request_error',
    null,
  );
}

function missingKeyPayload() {
  return errorPayload(
    "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY). You can obtain an API key from https://platform.openai.com/account/api-keys.",
    'invalid_request_error',
    'invalid_api_key',
  );
}

/** The two checks OpenAI makes before a model ever sees the request. */
function validateChatBody(body: unknown) {
  if (!isRecord(body) || typeof body.model !== 'string' || body.model === '') {
    return errorPayload('you must provide a model parameter', 'invalid_request_error', null);
  }
  if (!Array.isArray(body.messages)) {
    return errorPayload(
      "Missing required parameter: 'messages'.",
      'invalid_request_error',
      'missing_required_parameter',
      'messages',
    );
  }
  return undefined;
}

export async function startMockOpenAI(options: MockOpenAIOptions = {}): Promise<MockOpenAI> {
  const mock = new MockOpenAIServer(options.log);
  await mock.listen(options.port ?? 0, options.host ?? '127.0.0.1');
  return mock;
}

// ---------------------------------------------------------------------------------------------
// Standalone: `npm run mock-openai [port]`

const FAILURES: Record<string, () => MockReply> = {
  '401': mockErrors.invalidApiKey,
  '403': mockErrors.permissionDenied,
  '404': () => mockErrors.modelNotFound(),
  '429': () => mockErrors.rateLimited({ retryAfterSeconds: 20 }),
  quota: mockErrors.insufficientQuota,
  '500': mockErrors.serverError,
  '503': mockErrors.overloaded,
  cut: () => ({ kind: 'stream', cutAfterChunks: 12, chunkDelayMs: 40 }),
  hang: () => ({ kind: 'hang' }),
};

const PERSONALITIES: Record<string, Personality> = {
  oneliners: { kind: 'structuredOneLiners' },
  'no-response-format': { kind: 'noResponseFormat' },
  'no-embeddings': { kind: 'noEmbeddings' },
  strict: { kind: 'strictParameters' },
  responses: { kind: 'responsesOnly', models: /-pro$|codex/ },
  ollama: { kind: 'ollama' },
  anthropic: { kind: 'anthropic' },
  thinking: { kind: 'thinking' },
  portal: { kind: 'htmlPortal' },
};

export interface StandaloneOptions {
  port: number;
  /** Milliseconds between streamed chunks. */
  delayMs: number | null;
  /** Every chat request fails this way (`--fail 401`), or only the first N (`--fail 401 --times 2`). */
  fail: string | null;
  times: number | null;
  personalities: Personality[];
}

const USAGE = `사용법 / Usage: npm run mock-openai -- [포트] [--delay ms] [--fail ${Object.keys(FAILURES).join('|')}] [--times N] [--personality ${Object.keys(PERSONALITIES).join('|')}]…`;

/** `npm run mock-openai -- 8787 --delay 200 --fail 429 --times 1 --personality thinking` */
export function parseStandaloneArguments(
  args: string[],
  env: Record<string, string | undefined> = {},
): StandaloneOptions {
  const options: StandaloneOptions = {
    port: Number(env.PORT ?? 8787),
    delayMs: null,
    fail: null,
    times: null,
    personalities: [],
  };
  const value = (i: number, flag: string) => {
    const next = args[i + 1];
    if (next === undefined) throw new Error(`${flag}: 값이 없습니다 / missing value\n${USAGE}`);
    return next;
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (/^\d+$/.test(arg)) options.port = Number(arg);
    else if (arg === '--delay') options.delayMs = Number(value(i++, arg));
    else if (arg === '--times') options.times = Number(value(i++, arg));
    else if (arg === '--fail') {
      options.fail = value(i++, arg);
      if (!FAILURES[options.fail]) throw new Error(`--fail ${options.fail}: 모르는 값 / unknown\n${USAGE}`);
    } else if (arg === '--personality') {
      const name = value(i++, arg);
      const personality = PERSONALITIES[name];
      if (!personality) throw new Error(`--personality ${name}: 모르는 값 / unknown\n${USAGE}`);
      options.personalities.push(personality);
    } else throw new Error(`${arg}: 모르는 인자 / unknown argument\n${USAGE}`);
  }
  if (!Number.isInteger(options.port) || options.port < 0 || options.port > 65_535) {
    throw new Error(`Invalid port / 잘못된 포트: ${options.port}`);
  }
  if (options.delayMs !== null && !(options.delayMs >= 0))
    throw new Error(`--delay: ${options.delayMs}\n${USAGE}`);
  return options;
}

async function runStandalone(): Promise<void> {
  const options = parseStandaloneArguments(process.argv.slice(2), process.env);
  const mock = await startMockOpenAI({ port: options.port, log: (line) => console.log(line) });
  mock.behave(...options.personalities);
  const failure = options.fail ? FAILURES[options.fail] : undefined;
  const normal = (): MockReply => ({
    kind: 'stream',
    chunkDelayMs: options.delayMs ?? DEFAULT_REPLY_CHUNK_DELAY_MS * 6,
  });
  let failed = 0;
  mock.reply(() => {
    if (failure && (options.times === null || failed < options.times)) {
      failed++;
      return failure();
    }
    return normal();
  });
  console.log(
    [
      '',
      `Mock OpenAI 서버 실행 중 / Mock OpenAI server running: ${mock.baseURL}`,
      '',
      `  확장 설정의 엔드포인트 URL을 ${mock.baseURL} 로 지정하세요. API 키는 아무 값이나 됩니다 (예: sk-test).`,
      `  In the extension settings, set the endpoint URL to ${mock.baseURL}. Any API key works (e.g. sk-test).`,
      `  모델 / Models: ${mock.models.join(', ')}`,
      failure
        ? `  실패 / Failing: ${options.fail}${options.times === null ? ' (매번 / every time)' : ` (처음 ${options.times}번 / first ${options.times})`}`
        : '  응답은 한국어 요약 예시를 스트리밍합니다 / Replies stream a sample Korean summary.',
      options.personalities.length > 0
        ? `  성격 / Personalities: ${options.personalities.map((p) => p.kind).join(', ')}`
        : '',
      `  ${USAGE}`,
      '  종료 / Stop: Ctrl+C',
      '',
    ].join('\n'),
  );
  const stop = () => {
    void mock.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (import.meta.main) await runStandalone();
