import { describe, expect, it } from 'vitest';
import { describeModel } from '../../lib/worker/models/catalogue.ts';
import {
  correctPlan,
  firstGuess,
  type PlanCorrection,
  RememberedCorrections,
  widenForThinking,
} from '../../lib/worker/request-plan.ts';

const reject = (
  param: string | null,
  message: string,
  code: string | null = 'unsupported_parameter',
  status = 400,
) => ({
  status,
  param,
  code,
  message,
});

describe('first guesses', () => {
  it('sends OpenAI reasoning models their own parameters, and others the classic ones', () => {
    expect(firstGuess(describeModel('gpt-6-luna'))).toMatchObject({
      api: 'chat',
      tokenLimitParam: 'max_completion_tokens',
      temperature: null,
      reasoningEffort: 'low',
    });
    expect(firstGuess(describeModel('gpt-4.1-mini'))).toMatchObject({
      tokenLimitParam: 'max_tokens',
      outputTokenLimit: 1500,
      temperature: 0.3,
      reasoningEffort: null,
    });
    expect(firstGuess(describeModel('gemini-2.5-flash'))).toMatchObject({
      outputTokenLimit: 8000,
      reasoningEffort: 'low',
    });
  });

  it("uses the Responses API first only where the catalogue describes the provider's own API", () => {
    expect(firstGuess(describeModel('gpt-5.5-pro'), 'openai').api).toBe('responses');
    expect(firstGuess(describeModel('gpt-oss-20b'), 'groq').api).toBe('chat');
  });
});

describe('corrections from a rejected request', () => {
  const classic = firstGuess(describeModel('my-deployment'));

  it('renames max_tokens and drops temperature in one step for a reasoning model', () => {
    expect(
      correctPlan(
        classic,
        reject(
          'max_tokens',
          "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.",
        ),
      ),
    ).toEqual({ tokenLimitParam: 'max_completion_tokens', temperature: null });
  });

  it('reads the parameter from the message when the endpoint leaves `param` empty', () => {
    expect(correctPlan(classic, reject(null, 'temperature is not supported for this model', null))).toEqual({
      temperature: null,
    });
    expect(
      correctPlan(classic, reject(null, 'Unrecognized request argument supplied: stream_options', null)),
    ).toEqual({
      streamUsage: false,
    });
  });

  it('drops a reasoning effort value the model refuses', () => {
    const reasoning = firstGuess(describeModel('gpt-5.2'));
    expect(
      correctPlan(reasoning, reject('reasoning_effort', "Unsupported value: 'low'", 'unsupported_value')),
    ).toEqual({
      reasoningEffort: null,
    });
  });

  it('moves to the Responses API on its 404', () => {
    expect(
      correctPlan(
        classic,
        reject(
          'model',
          'This model is only supported in v1/responses and not in v1/chat/completions.',
          null,
          404,
        ),
      ),
    ).toEqual({ api: 'responses' });
  });

  it('leaves alone what it cannot fix: other 400s, repeated fixes, auth errors', () => {
    expect(
      correctPlan(
        classic,
        reject(null, "This model's maximum context length is 8192 tokens.", 'context_length_exceeded'),
      ),
    ).toBeNull();
    expect(
      correctPlan({ ...classic, temperature: null }, reject('temperature', 'Unsupported value')),
    ).toBeNull();
    expect(correctPlan(classic, reject('max_tokens', 'Unsupported parameter', null, 401))).toBeNull();
  });

  it('widens a thinking cap up to the ceiling, then stops', () => {
    const model = describeModel('lab-model');
    expect(widenForThinking(classic, model)).toEqual({ outputTokenLimit: 8000 });
    expect(widenForThinking({ ...classic, outputTokenLimit: 8000 }, model)).toEqual({
      outputTokenLimit: 32000,
    });
    expect(widenForThinking({ ...classic, outputTokenLimit: 32000 }, model)).toBeNull();
  });
});

describe('remembered corrections', () => {
  it('merges fixes per endpoint + model, persists them, and forgets the oldest beyond its limit', () => {
    let saved: Record<string, PlanCorrection> = {};
    const memory = new RememberedCorrections((entries) => {
      saved = entries;
    }, 2);
    memory.set('a', { temperature: null });
    memory.set('a', { tokenLimitParam: 'max_completion_tokens' });
    expect(memory.get('a')).toEqual({ temperature: null, tokenLimitParam: 'max_completion_tokens' });
    memory.set('b', { streamUsage: false });
    memory.set('c', { api: 'responses' });
    expect(memory.get('a')).toBeUndefined();
    expect(Object.keys(saved)).toEqual(['b', 'c']);
  });

  it('restores what was stored without losing what was learnt since', () => {
    const memory = new RememberedCorrections(() => undefined);
    memory.set('a', { temperature: null });
    memory.restore({ a: { streamUsage: false }, b: { api: 'responses' } });
    expect(memory.get('a')).toEqual({ streamUsage: false, temperature: null });
    expect(memory.get('b')).toEqual({ api: 'responses' });
  });
});
