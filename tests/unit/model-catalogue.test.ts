import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../lib/shared/settings.ts';
import {
  MODEL_LIMITS,
  SDK_CHAT_MODELS,
  SDK_RESPONSES_ONLY_MODELS,
  SDK_SHUTDOWN_DATES,
} from '../../lib/worker/models/catalogue.gen.ts';
import { canonicalModelId, describeModel, isShutDown, priceOf } from '../../lib/worker/models/catalogue.ts';
import { readInstalledSdkFacts, readTokenizerModels } from '../tools/sync-model-catalogue.ts';

const TODAY = Date.parse('2026-11-23T12:00:00Z');

describe('model catalogue', () => {
  it('matches the installed openai SDK and gpt-tokenizer (run `npm run models:sync` after upgrading)', async () => {
    expect(MODEL_LIMITS).toEqual((await readTokenizerModels()).models);
    const facts = readInstalledSdkFacts();
    expect(SDK_CHAT_MODELS).toEqual(facts.chatModels);
    expect(SDK_RESPONSES_ONLY_MODELS).toEqual(facts.responsesOnlyModels);
    expect(SDK_SHUTDOWN_DATES).toEqual(facts.shutdowns);
    expect(SDK_SHUTDOWN_DATES['gpt-5-mini']).toBe('2026-12-11');
    expect(SDK_SHUTDOWN_DATES['gpt-4.1-mini']).toBe('2027-01-14');
  });

  it('gives a fresh install a current model on no shutdown list, with a price', () => {
    const info = describeModel(DEFAULT_SETTINGS.model);
    expect(info.shutdown).toBeNull();
    expect(info.known).toBe(true);
    expect(info.price).not.toBeNull();
    expect(info.reasoning).toBe('openai');
  });

  it('knows the GPT-6 family and Responses-only models', () => {
    for (const model of ['gpt-6-luna', 'gpt-6-sol', 'gpt-6.1-terra', 'gpt-6-astra']) {
      expect(describeModel(model)).toMatchObject({ known: true, reasoning: 'openai', api: 'chat' });
    }
    for (const model of ['gpt-5.5-pro', 'gpt-5-pro', 'o3-pro', 'gpt-5.3-codex', 'gpt-5.1-codex-max']) {
      expect(describeModel(model).api, model).toBe('responses');
    }
    expect(describeModel('gpt-5.4-mini')).toMatchObject({
      api: 'chat',
      reasoning: 'openai',
      contextWindow: 400_000,
    });
    expect(describeModel('gpt-4.1-mini').reasoning).toBeNull();
  });

  it('names shutdowns and a successor, and knows which have already come', () => {
    const gone = describeModel('o4-mini');
    expect(gone.shutdown).toEqual({ date: '2026-10-23', successor: 'gpt-6-luna' });
    expect(isShutDown(gone, TODAY)).toBe(true);
    const soon = describeModel('gpt-4.1-mini-2025-04-14');
    expect(soon.shutdown?.date).toBe('2027-01-14');
    expect(isShutDown(soon, TODAY)).toBe(false);
    expect(describeModel('gpt-5').shutdown).toEqual({ date: '2026-12-11', successor: 'gpt-5.5' });
  });

  it('reads provider prefixes, tags and dates off model ids', () => {
    expect(canonicalModelId('openai/gpt-5-mini')).toBe('gpt-5-mini');
    expect(canonicalModelId('models/gemini-2.5-flash')).toBe('gemini-2.5-flash');
    expect(canonicalModelId('qwen3:8b')).toBe('qwen3');
    expect(describeModel('openai/gpt-6-luna').price).toEqual({ input: 0.1, output: 0.5 });
  });

  it('guesses thinking models it does not know by family', () => {
    for (const model of [
      'gemini-3.6-flash',
      'gemini-2.5-pro',
      'deepseek-reasoner',
      'qwen3:32b',
      'my-thinking-model',
    ]) {
      expect(describeModel(model).reasoning, model).toBe('thinking');
    }
    expect(describeModel('my-azure-deployment')).toMatchObject({
      known: false,
      reasoning: null,
      price: null,
    });
    expect(describeModel('claude-haiku-4-5').reasoning).toBeNull();
  });

  it("prefers the user's own price, and never calls an unknown model free", () => {
    expect(priceOf('gpt-6-luna', {})).toEqual({ input: 0.1, output: 0.5 });
    expect(priceOf('gpt-6-luna', { 'gpt-6-luna': { input: 1, output: 2 } })).toEqual({ input: 1, output: 2 });
    expect(priceOf('gpt-6-sol', {})).toBeNull();
    expect(priceOf('llama3.3', {})).toBeNull();
  });
});
