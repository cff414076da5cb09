// @vitest-environment node
// The real openai SDK against the mock's provider personalities: each ends in a Korean summary, and
// what one paper taught the adapter, the next paper does not pay for again.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Usage } from '../../lib/shared/domain.ts';
import type { SummaryPortEvent } from '../../lib/shared/messages.ts';
import { DEFAULT_SETTINGS, type Settings } from '../../lib/shared/settings.ts';
import { SummaryFailure } from '../../lib/worker/openai/errors.ts';
import { type PlanCorrection, RememberedCorrections } from '../../lib/worker/request-plan.ts';
import { generateSummary } from '../../lib/worker/summary/generate.ts';
import { type MockOpenAI, startMockOpenAI } from '../e2e/mock-openai.ts';

const paper = (n: number) => ({
  id: `2511.0000${n}`,
  title: `Paper number ${n}`,
  abstract: 'We present a method that makes long-context reasoning cheaper.',
  keywords: [],
});

let mock: MockOpenAI;
let corrections: RememberedCorrections;
let persisted: Record<string, PlanCorrection>;
beforeAll(async () => {
  mock = await startMockOpenAI({ port: 0 });
});
afterAll(() => mock.close());
beforeEach(() => {
  mock.reset();
  persisted = {};
  corrections = new RememberedCorrections((entries) => {
    persisted = entries;
  });
});

async function summarise(n: number, overrides: Partial<Settings>) {
  const events: SummaryPortEvent[] = [];
  const billed: Usage[] = [];
  const done = await generateSummary({
    settings: { ...DEFAULT_SETTINGS, apiKey: 'sk-unit', baseURL: mock.baseURL, ...overrides },
    paper: paper(n),
    signal: new AbortController().signal,
    onEvent: (event) => events.push(event),
    onUsage: (usage) => billed.push(usage),
    corrections,
  });
  return { done, events, billed };
}

function bodies(requests = mock.chatRequests()) {
  return requests.map((request) => request.body as Record<string, unknown>);
}

describe('parameters that adapt to the endpoint', () => {
  it('a GPT-6 model gets max_completion_tokens and no temperature from the first request', async () => {
    mock.behave({ kind: 'strictParameters' });
    const { done } = await summarise(1, { model: 'gpt-6-sol' });
    expect(done.text).toContain('Paper number 1');
    const [body] = bodies();
    expect(mock.chatRequests()).toHaveLength(1);
    expect(body).toMatchObject({ max_completion_tokens: 6000, reasoning_effort: 'low' });
    expect(body).not.toHaveProperty('max_tokens');
    expect(body).not.toHaveProperty('temperature');
  });

  it('an Azure deployment with a custom name learns from the 400 and the next paper sends nothing rejected', async () => {
    mock.behave({ kind: 'strictParameters' });
    const first = await summarise(1, { model: 'my-company-gpt6' });
    expect(first.done.text).toContain('Paper number 1');
    const [rejected, accepted] = bodies();
    expect(rejected).toHaveProperty('max_tokens', 1500);
    expect(accepted).toHaveProperty('max_completion_tokens', 1500);
    expect(accepted).not.toHaveProperty('max_tokens');
    expect(accepted).not.toHaveProperty('temperature');
    expect(Object.values(persisted)).toEqual([
      { tokenLimitParam: 'max_completion_tokens', temperature: null },
    ]);

    await summarise(2, { model: 'my-company-gpt6' });
    const second = bodies().slice(2);
    expect(second).toHaveLength(1);
    expect(second[0]).not.toHaveProperty('max_tokens');
    expect(second[0]).not.toHaveProperty('temperature');
  });

  it('drops a reasoning effort the model refuses, and a stream option the endpoint does not know', async () => {
    mock.behave({
      kind: 'strictParameters',
      refuses: ['max_tokens', 'temperature', 'stream_options'],
      refusedEfforts: ['low'],
    });
    const { done } = await summarise(1, { model: 'gpt-5.2' });
    expect(done.text).toContain('Paper number 1');
    const sent = bodies();
    expect(sent).toHaveLength(3);
    expect(sent[2]).not.toHaveProperty('reasoning_effort');
    expect(sent[2]).not.toHaveProperty('stream_options');
  });

  it('shows an unknown 400 with its own message after at most two corrections', async () => {
    mock.reply({
      kind: 'error',
      status: 400,
      type: 'invalid_request_error',
      code: 'context_length_exceeded',
      message: "This model's maximum context length is 8192 tokens.",
    });
    const error = await summarise(1, { model: 'gpt-4.1-mini' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SummaryFailure);
    expect((error as SummaryFailure).summaryError.kind).toBe('badRequest');
    expect((error as SummaryFailure).summaryError.detail).toContain('maximum context length is 8192 tokens');
    expect(mock.chatRequests()).toHaveLength(1);
  });
});

describe('the Responses API', () => {
  it('streams a Responses-only model known to the catalogue without trying chat first', async () => {
    mock.behave({ kind: 'responsesOnly', models: /-pro$/ });
    const { done, events } = await summarise(1, { model: 'gpt-5.5-pro' });
    expect(mock.chatRequests()).toHaveLength(0);
    expect(mock.responsesRequests()).toHaveLength(1);
    expect(done.text).toContain('Paper number 1');
    expect(done.usage?.completionTokens).toBeGreaterThan(0);
    expect(events.filter((e) => e.type === 'progress').length).toBeGreaterThan(3);
    expect(mock.responsesRequests()[0]?.body).toMatchObject({
      store: false,
      stream: true,
      max_output_tokens: 6000,
    });
  });

  it('moves an unknown model to the Responses API on the 404 and remembers it', async () => {
    mock.behave({ kind: 'responsesOnly', models: /^research-model$/ });
    await summarise(1, { model: 'research-model' });
    expect(mock.chatRequests()).toHaveLength(1);
    expect(mock.responsesRequests()).toHaveLength(1);
    await summarise(2, { model: 'research-model' });
    expect(mock.chatRequests()).toHaveLength(1);
    expect(mock.responsesRequests()).toHaveLength(2);
  });
});

describe('thinking models', () => {
  it('a known thinking model gets room to think and a low effort: one request', async () => {
    mock.behave({ kind: 'thinking' });
    const { done } = await summarise(1, { model: 'gemini-3.6-flash' });
    expect(done.text).toContain('Paper number 1');
    expect(bodies()).toHaveLength(1);
    expect(bodies()[0]).toMatchObject({ max_tokens: 8000, reasoning_effort: 'low' });
  });

  it('an unknown model whose thinking eats the cap is asked again with room, and every token is billed', async () => {
    mock.behave({ kind: 'thinking', thinkingTokens: 1_400, streamsReasoning: true });
    const { done, billed, events } = await summarise(1, { model: 'lab-model-v2' });
    expect(done.text).toContain('Paper number 1');
    const [cut, widened] = bodies();
    expect(cut).toHaveProperty('max_tokens', 1500);
    expect(widened).toHaveProperty('max_tokens', 8000);
    expect(events.some((e) => e.type === 'retrying')).toBe(true);
    expect(billed).toHaveLength(2);
    expect(billed[0]?.completionTokens).toBe(1500);
    await summarise(2, { model: 'lab-model-v2' });
    expect(bodies()[2]).toHaveProperty('max_tokens', 8000);
  });
});

describe('every token paid is counted', () => {
  it('bills both answers when both fail the Korean check', async () => {
    mock.reply({
      kind: 'stream',
      text: 'This is an English summary only.',
      usage: { prompt_tokens: 100, completion_tokens: 40 },
    });
    const billed: Usage[] = [];
    const error = await generateSummary({
      settings: { ...DEFAULT_SETTINGS, apiKey: 'sk-unit', baseURL: mock.baseURL, model: 'gpt-4.1-mini' },
      paper: paper(1),
      signal: new AbortController().signal,
      onEvent: () => undefined,
      onUsage: (usage) => billed.push(usage),
    }).catch((e: unknown) => e);
    expect((error as SummaryFailure).summaryError.kind).toBe('badOutput');
    expect(billed).toEqual([
      { promptTokens: 100, completionTokens: 40 },
      { promptTokens: 100, completionTokens: 40 },
    ]);
  });
});
