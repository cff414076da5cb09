// @vitest-environment node
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SHIPPED_GLOSSARY } from '../../lib/shared/glossary/entries.ts';
import type { SummaryPortEvent } from '../../lib/shared/messages.ts';
import { DEFAULT_SETTINGS, type Settings } from '../../lib/shared/settings.ts';
import { SummaryFailure } from '../../lib/worker/openai/errors.ts';
import { generateSummary } from '../../lib/worker/summary/generate.ts';
import { DEFAULT_KOREAN_SUMMARY, type MockOpenAI, mockErrors, startMockOpenAI } from '../e2e/mock-openai.ts';

const paper = {
  id: '2311.10770',
  title: 'Exponentially Faster Language Modelling',
  abstract: 'We present UltraFastBERT, a BERT variant that uses 0.3% of its neurons during inference.',
  keywords: ['fast feedforward'],
};

let mock: MockOpenAI;
let settings: Settings;
beforeAll(async () => {
  mock = await startMockOpenAI({ port: 0 });
});
afterAll(() => mock.close());
beforeEach(() => {
  mock.reset();
  settings = {
    ...DEFAULT_SETTINGS,
    apiKey: 'sk-unit-test-key',
    baseURL: mock.baseURL,
    model: 'gpt-4.1-mini',
  };
});

async function run(overrides: Partial<Settings> = {}, signal = new AbortController().signal) {
  const events: SummaryPortEvent[] = [];
  const result = generateSummary({
    settings: { ...settings, ...overrides },
    paper,
    signal,
    onEvent: (event) => events.push(event),
  });
  return { result, events };
}

async function failureOf(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SummaryFailure);
  return (error as SummaryFailure).summaryError;
}

describe('generateSummary against the mock endpoint', () => {
  it('streams progress, then the finished summary with its usage', async () => {
    mock.reply({
      kind: 'stream',
      text: DEFAULT_KOREAN_SUMMARY,
      usage: { prompt_tokens: 120, completion_tokens: 80 },
    });
    const { result, events } = await run();
    const done = await result;
    expect(done.text).toBe(DEFAULT_KOREAN_SUMMARY.trim());
    expect(done.html).toContain('<li>');
    expect(done.usage).toEqual({ promptTokens: 120, completionTokens: 80 });
    expect(events[0]).toEqual({ type: 'started', model: 'gpt-4.1-mini' });
    const progress = events.filter((e) => e.type === 'progress');
    expect(progress.length).toBeGreaterThan(3);
    expect(progress.at(-1)).toMatchObject({ text: DEFAULT_KOREAN_SUMMARY });
  });

  it('sends the key, the model, the paper, and asks for usage', async () => {
    const { result } = await run();
    await result;
    const [request] = mock.chatRequests();
    expect(request?.headers.authorization).toBe('Bearer sk-unit-test-key');
    expect(request?.body).toMatchObject({
      model: 'gpt-4.1-mini',
      stream: true,
      stream_options: { include_usage: true },
      temperature: 0.3,
      max_tokens: 1500,
    });
    expect(JSON.stringify(request?.body)).toContain('0.3% of its neurons');
  });

  it('gives reasoning models max_completion_tokens and no temperature', async () => {
    const { result } = await run({ model: 'gpt-5-mini' });
    await result;
    const body = mock.chatRequests()[0]?.body as Record<string, unknown>;
    expect(body.max_completion_tokens).toBeGreaterThan(0);
    expect(body).not.toHaveProperty('temperature');
    expect(body).not.toHaveProperty('max_tokens');
  });

  it('drops <think> blocks from what is shown and kept', async () => {
    mock.reply({
      kind: 'stream',
      text: `<think>The user wants Korean. 方法.</think>\n${DEFAULT_KOREAN_SUMMARY}`,
    });
    const { result, events } = await run();
    const done = await result;
    expect(done.text).toBe(DEFAULT_KOREAN_SUMMARY.trim());
    for (const event of events) {
      if (event.type === 'progress') expect(event.text).not.toContain('think');
    }
  });

  it('retries once when Chinese characters leak in, and keeps the good second answer', async () => {
    mock.replyOnce({ kind: 'stream', text: `${DEFAULT_KOREAN_SUMMARY}\n- 이 方法은 빠릅니다.` });
    const { result, events } = await run();
    const done = await result;
    expect(mock.chatRequests()).toHaveLength(2);
    expect(events.some((e) => e.type === 'retrying')).toBe(true);
    expect(done.text).not.toMatch(/\p{Script=Han}/u);
    expect(JSON.stringify(mock.chatRequests()[1]?.body)).toContain('이전 답변이 요구 사항을 어겼습니다');
  });

  it('gives up after the retry with a bad-output error', async () => {
    mock.reply({
      kind: 'stream',
      text: 'This paper proposes a faster BERT (UltraFastBERT) with conditional execution.',
    });
    const { result } = await run();
    expect(await failureOf(result)).toMatchObject({ kind: 'badOutput' });
    expect(mock.chatRequests()).toHaveLength(2);
  });

  it('does not accept a summary cut by the length limit', async () => {
    mock.reply({ kind: 'stream', text: DEFAULT_KOREAN_SUMMARY, finishReason: 'length' });
    const { result } = await run();
    expect(await failureOf(result)).toMatchObject({ kind: 'truncated' });
  });

  it.each([
    ['invalid key', mockErrors.invalidApiKey(), 'auth'],
    ['missing model', mockErrors.modelNotFound('gpt-nope'), 'modelNotFound'],
    ['exhausted quota', mockErrors.insufficientQuota(), 'quota'],
    ['server error', mockErrors.serverError(), 'server'],
    ['overload', mockErrors.overloaded(), 'server'],
    ['dropped connection', { kind: 'drop' } as const, 'network'],
    [
      'stream cut in the middle',
      { kind: 'stream', text: DEFAULT_KOREAN_SUMMARY, cutAfterChunks: 5 } as const,
      'streamBroken',
    ],
    [
      'malformed chunk',
      { kind: 'stream', text: DEFAULT_KOREAN_SUMMARY, malformedAfterChunks: 3 } as const,
      'streamBroken',
    ],
  ])('maps %s to %s without retrying', async (_, reply, kind) => {
    mock.reply(reply);
    const { result } = await run();
    expect((await failureOf(result)).kind).toBe(kind);
    expect(mock.chatRequests()).toHaveLength(1);
  });

  it('passes the wait the endpoint asked for on a rate limit', async () => {
    mock.reply(mockErrors.rateLimited({ retryAfterMs: 2500 }));
    const { result } = await run();
    expect(await failureOf(result)).toMatchObject({ kind: 'rateLimited', retryAfterMs: 2500 });
  });

  it('times out an endpoint that never answers', async () => {
    mock.reply({ kind: 'hang' });
    const { result } = await run({ requestTimeoutSeconds: 1 });
    expect(await failureOf(result)).toMatchObject({ kind: 'timeout' });
  });

  it('times out a stream that stalls after it started', async () => {
    mock.reply({ kind: 'stream', text: DEFAULT_KOREAN_SUMMARY, chunkDelayMs: 3_000 });
    const { result } = await run({ requestTimeoutSeconds: 1 });
    expect(await failureOf(result)).toMatchObject({ kind: 'timeout' });
  });

  it('aborts the request on the endpoint when the caller stops', async () => {
    mock.reply({ kind: 'stream', text: DEFAULT_KOREAN_SUMMARY, chunkDelayMs: 50 });
    const controller = new AbortController();
    const { result, events } = await run({}, controller.signal);
    await expect.poll(() => events.filter((e) => e.type === 'progress').length).toBeGreaterThan(1);
    controller.abort();
    await expect(result).rejects.toThrow();
    const aborted = await mock.waitForAbort(2_000);
    expect(aborted.path).toBe('/v1/chat/completions');
  });

  it('needs a key for OpenAI but not for a local server', async () => {
    const { result } = await run({ apiKey: '', baseURL: 'https://api.openai.com/v1' });
    expect(await failureOf(result)).toMatchObject({ kind: 'noKey' });
    const local = await run({ apiKey: '' });
    await local.result;
    expect(mock.chatRequests()[0]?.headers.authorization).toBe('Bearer local-no-key');
  });
});

describe('the glossary in summaries', () => {
  const kdPaper = {
    id: '2311.10771',
    title: 'Distilling Step by Step',
    abstract: 'We study knowledge distillation of large language models into small students with LoRA.',
    keywords: [],
  };
  const summary = (rendering: string) =>
    `**단계별 증류**\n\n- 이 논문은 대형 언어 모델을 작은 학생 모델로 옮기는 ${rendering}(knowledge distillation) 방법을 제안합니다.\n- 저랭크 적응 기법인 LoRA로 학습 비용을 크게 줄였습니다.`;
  const runWith = async (rendered: string[]) => {
    mock.replyOnce(...rendered.map((text) => ({ kind: 'stream' as const, text })));
    const events: SummaryPortEvent[] = [];
    const done = await generateSummary({
      settings,
      paper: kdPaper,
      signal: new AbortController().signal,
      onEvent: (event) => events.push(event),
      glossary: SHIPPED_GLOSSARY,
    });
    return { done, events };
  };
  const systemPrompt = (index: number) => {
    const body = mock.chatRequests()[index]?.body as { messages?: { content: string }[] } | undefined;
    return body?.messages?.[0]?.content ?? '';
  };

  it("puts only the paper's own terms in the prompt", async () => {
    const { done } = await runWith([summary('지식 증류')]);
    expect(systemPrompt(0)).toContain('- knowledge distillation: 지식 증류');
    expect(systemPrompt(0)).toContain('- LoRA: 영어 그대로');
    expect(systemPrompt(0)).not.toContain('speculative decoding');
    expect(done.glossaryFindings).toBeUndefined();
    expect(mock.chatRequests()).toHaveLength(1);
  });

  it('asks once more when a term is rendered its own way, naming the glossary rendering', async () => {
    const { done, events } = await runWith([summary('지식 정제'), summary('지식 증류')]);
    expect(events).toContainEqual({ type: 'retrying', reason: 'glossary' });
    const retry = mock.chatRequests()[1]?.body as { messages: { content: string }[] };
    expect(retry.messages.at(-1)?.content).toContain('"지식 정제" 대신 "지식 증류"');
    expect(done.text).toContain('지식 증류(knowledge distillation)');
    expect(done.glossaryFindings).toBeUndefined();
  });

  it('keeps the summary and reports the term when the second answer still differs', async () => {
    const { done } = await runWith([summary('지식 정제'), summary('지식 정제')]);
    expect(done.glossaryFindings).toEqual([
      { en: 'knowledge distillation', expected: '지식 증류', found: '지식 정제', kind: 'different' },
    ]);
    expect(done.usage?.promptTokens).toBeGreaterThan(0);
    expect(mock.chatRequests()).toHaveLength(2);
  });

  it('keeps the first answer when the second one is worse (Hanja)', async () => {
    const { done, events } = await runWith([summary('지식 정제'), `${summary('지식 증류')} 知識`]);
    expect(done.text).toBe(summary('지식 정제'));
    expect(done.glossaryFindings).toHaveLength(1);
    expect(events.at(-1)).toMatchObject({ type: 'progress', text: summary('지식 정제') });
  });
});
