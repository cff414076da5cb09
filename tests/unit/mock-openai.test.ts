// @vitest-environment node
// Proves the mock OpenAI server speaks the protocol faithfully, by driving it with the real `openai` SDK.
import OpenAI, {
  APIConnectionError,
  APIError,
  APIUserAbortError,
  AuthenticationError,
  BadRequestError,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
} from 'openai';
import type {
  ChatCompletionChunk,
  ChatCompletionCreateParamsStreaming,
} from 'openai/resources/chat/completions';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_KOREAN_SUMMARY,
  koreanSummaryFor,
  type MockOpenAI,
  maskAuthorization,
  mockErrors,
  splitText,
  startMockOpenAI,
} from '../e2e/mock-openai.ts';

const HAN = /\p{Script=Han}/u;

let mock: MockOpenAI;
let client: OpenAI;

beforeEach(async () => {
  mock = await startMockOpenAI({ port: 0 });
  client = new OpenAI({ apiKey: 'sk-test-1234567890abcd', baseURL: mock.baseURL, maxRetries: 0 });
});

afterEach(async () => {
  await mock.close();
});

function streamParams(
  content = 'Title: Test Paper',
  extra: Partial<ChatCompletionCreateParamsStreaming> = {},
): ChatCompletionCreateParamsStreaming {
  return { model: 'gpt-4o-mini', messages: [{ role: 'user', content }], stream: true, ...extra };
}

async function collect(params = streamParams()): Promise<ChatCompletionChunk[]> {
  const stream = await client.chat.completions.create(params);
  const chunks: ChatCompletionChunk[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return chunks;
}

function textOf(chunks: ChatCompletionChunk[]): string {
  return chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('');
}

/** Runs `action` and returns what it threw, failing the test if it did not throw. */
async function thrownBy(action: () => Promise<unknown>): Promise<unknown> {
  try {
    await action();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to throw');
}

function rawFetch(path: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`${mock.origin}${path}`, init);
}

describe('Korean summaries', () => {
  it('DEFAULT_KOREAN_SUMMARY has the expected Markdown shape and no Han characters', () => {
    const [title, blank, ...bullets] = DEFAULT_KOREAN_SUMMARY.split('\n');
    expect(title).toMatch(/^\*\*[^*]+\*\*$/);
    expect(blank).toBe('');
    expect(bullets.length).toBeGreaterThanOrEqual(3);
    expect(bullets.length).toBeLessThanOrEqual(5);
    for (const bullet of bullets) expect(bullet).toMatch(/^- \S/);
    expect(bullets[0]).toContain('대형 언어 모델(Large Language Model, LLM)');
    expect(DEFAULT_KOREAN_SUMMARY).toMatch(/405B/);
    expect(DEFAULT_KOREAN_SUMMARY).toMatch(/128K/);
    expect(DEFAULT_KOREAN_SUMMARY).not.toMatch(HAN);
  });

  it('koreanSummaryFor puts the English title in the first line, same shape', () => {
    const summary = koreanSummaryFor('Scaling Laws for Mock Servers');
    const [first] = summary.split('\n');
    expect(first).toMatch(/^\*\*.*Scaling Laws for Mock Servers.*\*\*$/);
    expect(
      summary
        .split('\n')
        .slice(2)
        .every((line) => line.startsWith('- ')),
    ).toBe(true);
    expect(summary).not.toMatch(HAN);
  });

  it.each([
    ['Title: Attention Is All You Need', 'Attention Is All You Need'],
    ['Abstract first\n제목: Mixture of Mocks\nmore', 'Mixture of Mocks'],
    ['<paper><title>\n  Tagged   Title\n</title></paper>', 'Tagged Title'],
  ])('the default reply summarises the paper named in %j', async (content, title) => {
    expect(textOf(await collect(streamParams(content)))).toBe(koreanSummaryFor(title));
  });

  it('uses the user turn over a system prompt that shows a format example', async () => {
    const chunks = await collect({
      model: 'gpt-4o-mini',
      stream: true,
      messages: [
        { role: 'system', content: 'Reply like this:\nTitle: <the title>' },
        { role: 'user', content: [{ type: 'text', text: 'Title: Real Paper' }] },
      ],
    });
    expect(textOf(chunks)).toBe(koreanSummaryFor('Real Paper'));
  });

  it('falls back to DEFAULT_KOREAN_SUMMARY when no title is found, streamed or not', async () => {
    expect(textOf(await collect(streamParams('no title here')))).toBe(DEFAULT_KOREAN_SUMMARY);
    const completion = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'no title here' }],
    });
    expect(completion.choices[0]?.message.content).toBe(DEFAULT_KOREAN_SUMMARY);
  });
});

describe('streaming', () => {
  it('streams a role chunk, content chunks, a finish chunk, then [DONE]', async () => {
    mock.reply({ kind: 'stream', chunks: ['안녕', '하세요'] });
    const chunks = await collect(streamParams('hi', { model: 'gpt-5-mini' }));
    expect(chunks).toHaveLength(4);
    expect(chunks[0]?.choices[0]?.delta).toMatchObject({ role: 'assistant', content: '' });
    expect(chunks.slice(1, 3).map((c) => c.choices[0]?.delta.content)).toEqual(['안녕', '하세요']);
    expect(chunks[3]?.choices[0]?.finish_reason).toBe('stop');
    for (const chunk of chunks) {
      expect(chunk).toMatchObject({
        object: 'chat.completion.chunk',
        model: 'gpt-5-mini',
        id: chunks[0]?.id,
      });
      expect(chunk.id).toMatch(/^chatcmpl-/);
    }
  });

  it('sends text/event-stream with an x-request-id', async () => {
    const { response } = await client.chat.completions.create(streamParams()).withResponse();
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(response.headers.get('x-request-id')).toMatch(/^req_/);
    await response.body?.cancel();
  });

  it('splits text into small chunks without breaking surrogate pairs', async () => {
    const text = `${'😀'.repeat(20)} 한국어 텍스트 🎉 mixed`;
    mock.reply({ kind: 'stream', text });
    const chunks = await collect();
    const contents = chunks.map((c) => c.choices[0]?.delta.content).filter((c) => c);
    expect(contents.join('')).toBe(text);
    expect(contents.length).toBeGreaterThan(3);
    for (const content of contents) expect(content?.isWellFormed()).toBe(true);
    expect(splitText('abcdefghij')).toEqual(['abcdefgh', 'ij']);
  });

  it('reports the scripted finish reason', async () => {
    mock.reply({ kind: 'stream', text: 'cut short', finishReason: 'length' });
    const chunks = await collect();
    expect(chunks.at(-1)?.choices[0]?.finish_reason).toBe('length');
  });

  it('adds a usage chunk with choices: [] when the request asks for include_usage', async () => {
    const chunks = await collect(streamParams('Title: T', { stream_options: { include_usage: true } }));
    const last = chunks.at(-1);
    expect(last?.choices).toEqual([]);
    expect(last?.usage?.prompt_tokens).toBeGreaterThan(0);
    expect(last?.usage?.completion_tokens).toBe(Math.round(koreanSummaryFor('T').length / 2));
    expect(last?.usage?.total_tokens).toBe(
      (last?.usage?.prompt_tokens ?? 0) + (last?.usage?.completion_tokens ?? 0),
    );
    expect(chunks.slice(0, -1).every((chunk) => chunk.usage === null)).toBe(true);
  });

  it('sends scripted usage even when the request did not ask', async () => {
    mock.reply({ kind: 'stream', text: 'x', usage: { prompt_tokens: 11, completion_tokens: 7 } });
    const chunks = await collect();
    expect(chunks.at(-1)?.usage).toEqual({ prompt_tokens: 11, completion_tokens: 7, total_tokens: 18 });
  });

  it('computes plausible integer usage for usage: true', async () => {
    mock.reply({ kind: 'stream', text: 'abcdefghij', usage: true });
    const usage = (await collect()).at(-1)?.usage;
    expect(usage?.completion_tokens).toBe(5);
    expect(Number.isInteger(usage?.prompt_tokens)).toBe(true);
  });

  it('sends no usage chunk when nobody asked for one', async () => {
    const chunks = await collect();
    expect(chunks.some((chunk) => chunk.choices.length === 0)).toBe(false);
  });

  it('honours firstChunkDelayMs and chunkDelayMs, flushing each chunk as it goes', async () => {
    mock.reply({ kind: 'stream', chunks: ['a', 'b', 'c'], firstChunkDelayMs: 150, chunkDelayMs: 100 });
    const started = Date.now();
    const stream = await client.chat.completions.create(streamParams());
    const arrivals: number[] = [];
    for await (const chunk of stream) {
      if (chunk.choices[0]?.delta.content) arrivals.push(Date.now() - started);
    }
    expect(arrivals).toHaveLength(3);
    expect(arrivals[0]).toBeGreaterThanOrEqual(140);
    expect(arrivals[0]).toBeLessThan(400);
    expect((arrivals[2] ?? 0) - (arrivals[0] ?? 0)).toBeGreaterThanOrEqual(180);
  });
});

describe('non-streaming completions', () => {
  it('answers with a chat.completion and usage', async () => {
    mock.reply({ kind: 'completion', text: '요약입니다' });
    const completion = await client.chat.completions.create({
      model: 'o4-mini',
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(completion).toMatchObject({ object: 'chat.completion', model: 'o4-mini' });
    expect(completion.choices[0]?.message).toMatchObject({ role: 'assistant', content: '요약입니다' });
    expect(completion.choices[0]?.finish_reason).toBe('stop');
    expect(completion.usage?.completion_tokens).toBe(Math.round('요약입니다'.length / 2));
  });
});

describe('scripted errors reach the SDK as the right error classes', () => {
  it('401 invalid_api_key → AuthenticationError', async () => {
    mock.reply(mockErrors.invalidApiKey());
    const error = await thrownBy(() => collect());
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ status: 401, code: 'invalid_api_key', type: 'invalid_request_error' });
    expect((error as APIError).message).toMatch(/^401 Incorrect API key provided: sk-te\*+/);
    expect((error as APIError).requestID).toMatch(/^req_/);
  });

  it('403 → PermissionDeniedError', async () => {
    mock.reply(mockErrors.permissionDenied());
    const error = await thrownBy(() => collect());
    expect(error).toBeInstanceOf(PermissionDeniedError);
    expect(error).toMatchObject({ status: 403, code: 'unsupported_country_region_territory' });
  });

  it('404 model_not_found → NotFoundError naming the model', async () => {
    mock.reply(mockErrors.modelNotFound('gpt-9'));
    const error = await thrownBy(() => collect());
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ status: 404, code: 'model_not_found', param: null });
    expect((error as APIError).message).toBe(
      '404 The model `gpt-9` does not exist or you do not have access to it.',
    );
  });

  it('429 rate_limit_exceeded → RateLimitError with retry headers', async () => {
    mock.reply(mockErrors.rateLimited({ retryAfterSeconds: 360 }));
    const error = await thrownBy(() => collect());
    expect(error).toBeInstanceOf(RateLimitError);
    const { headers } = error as RateLimitError;
    expect(error).toMatchObject({ status: 429, code: 'rate_limit_exceeded', type: 'requests' });
    expect(headers?.get('retry-after')).toBe('360');
    expect(headers?.get('x-ratelimit-reset-requests')).toBe('6m0s');
    expect(headers?.get('x-ratelimit-remaining-requests')).toBe('0');
    expect(headers?.get('x-ratelimit-limit-requests')).toMatch(/^\d+$/);
  });

  it('rateLimited supports retry-after-ms and an explicit reset', async () => {
    mock.reply(mockErrors.rateLimited({ retryAfterMs: 1500, resetRequests: '17ms' }));
    const { headers } = (await thrownBy(() => collect())) as RateLimitError;
    expect(headers?.get('retry-after-ms')).toBe('1500');
    expect(headers?.get('retry-after')).toBeNull();
    expect(headers?.get('x-ratelimit-reset-requests')).toBe('17ms');
  });

  it('rateLimited() defaults to a one second wait', async () => {
    mock.reply(mockErrors.rateLimited());
    const { headers } = (await thrownBy(() => collect())) as RateLimitError;
    expect(headers?.get('retry-after')).toBe('1');
    expect(headers?.get('x-ratelimit-reset-requests')).toBe('1s');
  });

  it('429 insufficient_quota → RateLimitError with its own code', async () => {
    mock.reply(mockErrors.insufficientQuota());
    const error = await thrownBy(() => collect());
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ code: 'insufficient_quota', type: 'insufficient_quota' });
    expect((error as APIError).message).toContain('You exceeded your current quota');
  });

  it.each([
    ['serverError', mockErrors.serverError(), 500],
    ['overloaded', mockErrors.overloaded(), 503],
  ])('%s → InternalServerError', async (_name, reply, status) => {
    mock.reply(reply);
    const error = await thrownBy(() => collect());
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error).toMatchObject({ status, type: 'server_error' });
  });

  it('the SDK retries a 429 after retry-after-ms and then succeeds', async () => {
    const retrying = new OpenAI({ apiKey: 'sk-test', baseURL: mock.baseURL, maxRetries: 1 });
    mock.replyOnce(mockErrors.rateLimited({ retryAfterMs: 50 }));
    mock.reply({ kind: 'completion', text: 'ok' });
    const completion = await retrying.chat.completions.create({ model: 'gpt-4o-mini', messages: [] });
    expect(completion.choices[0]?.message.content).toBe('ok');
    expect(mock.chatRequests()).toHaveLength(2);
  });

  it('custom error replies keep their status, code and headers', async () => {
    mock.reply({
      kind: 'error',
      status: 418,
      code: 'teapot',
      message: 'short and stout',
      headers: { 'x-a': 'b' },
    });
    const error = await thrownBy(() => collect());
    expect(error).toBeInstanceOf(APIError);
    expect(error).toMatchObject({ status: 418, code: 'teapot', type: 'invalid_request_error' });
    expect((error as APIError).headers?.get('x-a')).toBe('b');
  });
});

describe('connection failures and stream errors', () => {
  it('drop → APIConnectionError', async () => {
    mock.reply({ kind: 'drop' });
    const error = await thrownBy(() => collect());
    expect(error).toBeInstanceOf(APIConnectionError);
    expect(mock.chatRequests()[0]?.aborted).toBe(false);
  });

  it('cutAfterChunks ends the stream mid-way without [DONE] → TypeError from fetch, not an APIError', async () => {
    mock.reply({ kind: 'stream', chunks: ['a', 'b', 'c', 'd'], cutAfterChunks: 2 });
    const stream = await client.chat.completions.create(streamParams());
    const seen: string[] = [];
    const error = await thrownBy(async () => {
      for await (const chunk of stream) seen.push(chunk.choices[0]?.delta.content ?? '');
    });
    expect(seen.join('')).toBe('ab');
    // Not an APIError: the SDK lets fetch's own TypeError through (undici: 'terminated'; browsers: 'network error').
    expect(error).toBeInstanceOf(TypeError);
    expect(error).not.toBeInstanceOf(APIError);
    expect(mock.chatRequests()[0]?.aborted).toBe(false);
  });

  it('malformedAfterChunks makes the SDK throw a SyntaxError after the good chunks', async () => {
    mock.reply({ kind: 'stream', chunks: ['a', 'b', 'c'], malformedAfterChunks: 1 });
    const stream = await client.chat.completions.create(streamParams());
    const seen: string[] = [];
    const error = await thrownBy(async () => {
      for await (const chunk of stream) seen.push(chunk.choices[0]?.delta.content ?? '');
    });
    expect(error).toBeInstanceOf(SyntaxError);
    expect(seen.join('')).toBe('a');
  });

  it('hang + client abort → APIUserAbortError, aborted flag, inFlight back to 0', async () => {
    mock.reply({ kind: 'hang' });
    const controller = new AbortController();
    const pending = thrownBy(() =>
      client.chat.completions.create(streamParams(), { signal: controller.signal }),
    );
    await mock.waitForRequests(1);
    expect(mock.inFlight).toBe(1);
    controller.abort();
    expect(await pending).toBeInstanceOf(APIUserAbortError);
    const aborted = await mock.waitForAbort();
    expect(aborted.aborted).toBe(true);
    expect(aborted.finishedAt).toBeGreaterThanOrEqual(aborted.receivedAt);
    expect(mock.inFlight).toBe(0);
  });

  it('breaking out of a stream early is recorded as an abort', async () => {
    mock.reply({ kind: 'stream', chunks: ['a', 'b', 'c', 'd'], chunkDelayMs: 50 });
    const stream = await client.chat.completions.create(streamParams());
    for await (const chunk of stream) {
      if (chunk.choices[0]?.delta.content === 'b') break;
    }
    expect((await mock.waitForAbort()).aborted).toBe(true);
  });

  it('waitForAbort hands out each aborted request once, including aborts that happened earlier', async () => {
    mock.reply({ kind: 'hang' });
    const controllers = [new AbortController(), new AbortController()];
    const calls = controllers.map((c) =>
      thrownBy(() => client.chat.completions.create(streamParams(), { signal: c.signal })),
    );
    const [first, second] = await mock.waitForRequests(2);
    for (const c of controllers) c.abort();
    await Promise.all(calls);
    const handedOut = [await mock.waitForAbort(), await mock.waitForAbort()];
    expect(new Set(handedOut)).toEqual(new Set([first, second]));
    await expect(mock.waitForAbort(50)).rejects.toThrow(/aborted/);
  });
});

describe('protocol edges', () => {
  it('rejects requests without a Bearer key with a 401 invalid_api_key', async () => {
    const response = await rawFetch('/v1/chat/completions', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'gpt-4o-mini', messages: [] }),
    });
    expect(response.status).toBe(401);
    expect(response.headers.get('x-request-id')).toMatch(/^req_/);
    expect(await response.json()).toMatchObject({
      error: { type: 'invalid_request_error', code: 'invalid_api_key', param: null },
    });
  });

  it('lists models through the SDK, and models is mutable', async () => {
    const page = await client.models.list();
    expect(page.data.map((m) => m.id)).toEqual([
      'gpt-4o-mini',
      'gpt-4.1-mini',
      'gpt-5-mini',
      'o4-mini',
      'mock-korean',
    ]);
    expect(page.data[0]).toMatchObject({ object: 'model', owned_by: 'mock' });
    mock.models = ['only-one'];
    expect((await client.models.list()).data.map((m) => m.id)).toEqual(['only-one']);
    expect((await client.models.retrieve('only-one')).id).toBe('only-one');
    expect(await thrownBy(() => client.models.retrieve('nope'))).toBeInstanceOf(NotFoundError);
  });

  it('unknown paths get an OpenAI-style 404', async () => {
    const response = await rawFetch('/v1/nothing?x=1', { headers: { authorization: 'Bearer sk-test' } });
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await response.json()).toEqual({
      error: {
        message: 'Invalid URL (GET /v1/nothing)',
        type: 'invalid_request_error',
        param: null,
        code: null,
      },
    });
    expect(mock.requests.at(-1)?.path).toBe('/v1/nothing');
  });

  it('invalid JSON bodies get a 400', async () => {
    const response = await rawFetch('/v1/chat/completions', {
      method: 'POST',
      headers: { authorization: 'Bearer sk-test', 'content-type': 'application/json' },
      body: '{oops',
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { type: 'invalid_request_error' } });
  });

  it('a request without a model → BadRequestError', async () => {
    const error = await thrownBy(() => client.chat.completions.create({ model: '', messages: [] }));
    expect(error).toBeInstanceOf(BadRequestError);
  });

  it('answers CORS preflight and marks every response for any origin', async () => {
    const preflight = await rawFetch('/v1/chat/completions', {
      method: 'OPTIONS',
      headers: {
        origin: 'chrome-extension://abc',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type, x-stainless-os',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-allow-methods')).toContain('POST');
    expect(preflight.headers.get('access-control-allow-headers')).toContain('authorization');
    expect(preflight.headers.get('access-control-allow-headers')).toContain('x-stainless-os');
    const { response } = await client.models.list().withResponse();
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-expose-headers')).toContain('x-request-id');
  });
});

describe('scripting and bookkeeping', () => {
  it('records requests with lower-cased headers and the parsed body', async () => {
    await collect(streamParams('Title: Rec'));
    const [request] = mock.chatRequests();
    expect(request).toMatchObject({
      method: 'POST',
      path: '/v1/chat/completions',
      aborted: false,
      status: 200,
    });
    expect(request?.headers.authorization).toBe('Bearer sk-test-1234567890abcd');
    expect(request?.headers['content-type']).toBe('application/json');
    expect(request?.body).toMatchObject({ model: 'gpt-4o-mini', stream: true });
    expect(request?.finishedAt).toBeGreaterThanOrEqual(request?.receivedAt ?? Infinity);
  });

  it('uses queued replies in order before the default, and passes the request index to functions', async () => {
    const indexes: number[] = [];
    mock.reply((request, index) => {
      indexes.push(index);
      return { kind: 'completion', text: `default ${index} ${(request.body as { model: string }).model}` };
    });
    mock.replyOnce({ kind: 'completion', text: 'first' }, async () => ({
      kind: 'completion',
      text: 'second',
    }));
    const answers: (string | null | undefined)[] = [];
    for (let i = 0; i < 4; i++) {
      const completion = await client.chat.completions.create({ model: 'gpt-4.1-mini', messages: [] });
      answers.push(completion.choices[0]?.message.content);
    }
    expect(answers).toEqual(['first', 'second', 'default 2 gpt-4.1-mini', 'default 3 gpt-4.1-mini']);
    expect(indexes).toEqual([2, 3]);
  });

  it('a script that throws becomes a 500 with its message', async () => {
    mock.reply(() => {
      throw new Error('boom');
    });
    const error = await thrownBy(() => collect());
    expect(error).toBeInstanceOf(InternalServerError);
    expect((error as APIError).message).toContain('boom');
  });

  it('tracks concurrency with inFlight and maxInFlight', async () => {
    mock.reply({ kind: 'stream', chunks: ['a', 'b'], chunkDelayMs: 100 });
    const runs = [collect(), collect(), collect()];
    await mock.waitForRequests(3);
    expect(mock.inFlight).toBe(3);
    await Promise.all(runs);
    expect(mock.inFlight).toBe(0);
    expect(mock.maxInFlight).toBe(3);
  });

  it('waitForRequests times out with a helpful message', async () => {
    await expect(mock.waitForRequests(1, 30)).rejects.toThrow(/Expected 1 chat request\(s\).*got 0/);
  });

  it('reset() clears requests, queue, counters and scripts', async () => {
    mock.reply({ kind: 'completion', text: 'scripted' });
    mock.replyOnce({ kind: 'completion', text: 'queued' });
    mock.models = [];
    await collect();
    mock.reset();
    expect(mock.requests).toEqual([]);
    expect(mock.maxInFlight).toBe(0);
    expect(mock.models).toContain('gpt-4o-mini');
    expect(textOf(await collect(streamParams('Title: After Reset')))).toBe(koreanSummaryFor('After Reset'));
  });

  it('close() does not hang on hanging requests or keep-alive sockets', async () => {
    mock.reply({ kind: 'hang' });
    await client.models.list(); // leaves a keep-alive socket open
    const pending = thrownBy(() => collect());
    await mock.waitForRequests(1);
    const started = Date.now();
    await mock.close();
    expect(Date.now() - started).toBeLessThan(1000);
    expect(await pending).toBeInstanceOf(APIConnectionError);
    expect(mock.chatRequests()[0]?.aborted).toBe(false);
  });

  it('masks API keys for logs', () => {
    expect(maskAuthorization('Bearer sk-test-1234567890abcd')).toBe('sk-…abcd');
    expect(maskAuthorization('Bearer short')).toBe('sho…');
    expect(maskAuthorization(undefined)).toBe('(no key)');
  });

  it('logs one line per request and per response, never the full key', async () => {
    const lines: string[] = [];
    const logged = await startMockOpenAI({ log: (line) => lines.push(line) });
    try {
      const logClient = new OpenAI({
        apiKey: 'sk-secret-abcdefgh1234',
        baseURL: logged.baseURL,
        maxRetries: 0,
      });
      await logClient.models.list();
      expect(lines).toHaveLength(2);
      expect(lines[0]).toContain('GET /v1/models key=sk-…1234');
      expect(lines[1]).toContain('200');
      expect(lines.join('\n')).not.toContain('secret');
    } finally {
      await logged.close();
    }
  });
});

describe('npm run mock-openai arguments', () => {
  it('reads a port, a delay, a failure with a count, and personalities', async () => {
    const { parseStandaloneArguments } = await import('../e2e/mock-openai.ts');
    expect(
      parseStandaloneArguments([
        '9000',
        '--delay',
        '200',
        '--fail',
        '429',
        '--times',
        '2',
        '--personality',
        'thinking',
      ]),
    ).toEqual({
      port: 9000,
      delayMs: 200,
      fail: '429',
      times: 2,
      personalities: [{ kind: 'thinking' }],
    });
    expect(parseStandaloneArguments([], { PORT: '8800' }).port).toBe(8800);
    expect(() => parseStandaloneArguments(['--fail', 'teapot'])).toThrow(/--fail teapot/);
    expect(() => parseStandaloneArguments(['--what'])).toThrow(/unknown argument/);
  });
});

describe('one-liner batches, structured output and embeddings', () => {
  const batchMessage = (ids: string[], interests?: string[]) => {
    const lines = ids.map((id, index) =>
      JSON.stringify({ id, title: `RLHF for Agents ${index}`, summary: 'A summary.' }),
    );
    const interestLine = interests ? `사용자의 관심 주제: ${JSON.stringify(interests)}\n\n` : '';
    return `${interestLine}다음 논문 ${ids.length}편 모두에 대해 위 형식으로 답하세요.\n\n<papers>\n[\n${lines.join(',\n')}\n]\n</papers>`;
  };
  const answerOf = async (ids: string[], interests?: string[]) => {
    const completion = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: batchMessage(ids, interests) }],
    });
    return JSON.parse(completion.choices[0]?.message.content ?? '') as {
      papers: Record<string, unknown>[];
    };
  };

  it('answers every paper of a batch as JSON, leaving one out and breaking one, the first time only', async () => {
    mock.behave({ kind: 'structuredOneLiners', missingIds: ['2511.00002'], malformedIds: ['2511.00003'] });
    const ids = ['2511.00001', '2511.00002', '2511.00003'];
    const first = await answerOf(ids);
    expect(first.papers.map((entry) => entry.id)).toEqual(['2511.00001', '2511.00003']);
    expect(first.papers[0]).toMatchObject({ title_ko: expect.stringContaining('한국어') });
    expect(first.papers[1]?.title_ko).toBe(42);
    const again = await answerOf(ids);
    expect(again.papers.map((entry) => entry.id)).toEqual(ids);
    expect(JSON.stringify(again)).not.toMatch(HAN);
  });

  it('scores relevance by the words a title shares with an interest', async () => {
    mock.behave({ kind: 'structuredOneLiners' });
    const answer = await answerOf(['2511.00001'], ['rlhf', 'diffusion']);
    expect(answer.papers[0]).toMatchObject({ relevance: 3, reason_ko: expect.stringContaining('rlhf') });
    const unrelated = await answerOf(['2511.00001'], ['diffusion']);
    expect(unrelated.papers[0]).toMatchObject({ relevance: 0 });
  });

  it('leaves other requests to the scripted replies', async () => {
    mock.behave({ kind: 'structuredOneLiners' });
    expect(textOf(await collect())).toBe(koreanSummaryFor('Test Paper'));
  });

  it('refuses response_format by name where there is no structured output', async () => {
    mock.behave({ kind: 'noResponseFormat', rejects: ['json_schema'] });
    const error = await thrownBy(() =>
      client.chat.completions.create({
        model: 'gpt-4o-mini',
        messages: [{ role: 'user', content: 'Title: Test' }],
        response_format: { type: 'json_schema', json_schema: { name: 'x', schema: { type: 'object' } } },
      }),
    );
    expect(error).toBeInstanceOf(BadRequestError);
    expect((error as BadRequestError).param).toBe('response_format');
    const accepted = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'Title: Test' }],
      response_format: { type: 'json_object' },
    });
    expect(accepted.choices[0]?.message.content).toBeTruthy();
  });

  it('embeds texts so that those sharing words are closer, in the dimensions asked for', async () => {
    const response = await client.embeddings.create({
      model: 'text-embedding-3-small',
      input: ['RLHF for agents', 'RLHF reward models', 'diffusion for images'],
      dimensions: 64,
    });
    const [a, b, c] = response.data.map((item) => item.embedding);
    const dot = (x: number[] = [], y: number[] = []) =>
      x.reduce((sum, value, i) => sum + value * (y[i] ?? 0), 0);
    expect(a).toHaveLength(64);
    expect(dot(a, b)).toBeGreaterThan(dot(a, c));
    expect(response.usage.prompt_tokens).toBeGreaterThan(0);
    expect(mock.embeddingRequests()).toHaveLength(1);
  });

  it('answers 404 for embeddings where there are none, and 400 for dimensions where they are refused', async () => {
    mock.behave({ kind: 'noEmbeddings' });
    await expect(client.embeddings.create({ model: 'x', input: 'a' })).rejects.toBeInstanceOf(NotFoundError);
    mock.behave({ kind: 'embeddingsWithoutDimensions' });
    const refused = await thrownBy(() => client.embeddings.create({ model: 'x', input: 'a', dimensions: 8 }));
    expect((refused as BadRequestError).param).toBe('dimensions');
    const full = await client.embeddings.create({ model: 'x', input: 'a' });
    expect(full.data[0]?.embedding.length).toBeGreaterThan(64);
  });
});

describe('the canned summary and the glossary', () => {
  it('renders every glossary term of the fixture papers as the shipped glossary does (no retry for it)', async () => {
    const { SHIPPED_GLOSSARY } = await import('../../lib/shared/glossary/entries.ts');
    const { checkAgainstGlossary, glossaryForText } = await import('../../lib/worker/glossary.ts');
    const { makePapers } = await import('../fixtures/hf-pages.ts');
    for (const paper of makePapers(60)) {
      const { entries } = glossaryForText(SHIPPED_GLOSSARY, `${paper.title}\n${paper.abstract}`);
      expect(checkAgainstGlossary(entries, koreanSummaryFor(paper.title))).toEqual([]);
    }
  });
});
