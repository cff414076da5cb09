// The pure parts of the day at a glance: interests, vectors, badges, estimates, structured-output
// corrections, and the glossary store with the options page's edits.
import { describe, expect, it } from 'vitest';
import { SHIPPED_GLOSSARY } from '../../lib/shared/glossary/entries.ts';
import type { GlossaryEdits } from '../../lib/shared/glossary/user-edits.ts';
import { DEFAULT_SETTINGS } from '../../lib/shared/settings.ts';
import { GlossaryStore, glossaryForText } from '../../lib/worker/glossary.ts';
import { editGlossary, exportGlossary, glossaryRows } from '../../lib/worker/glossary-requests.ts';
import { describeModel } from '../../lib/worker/models/catalogue.ts';
import {
  compareWithFullSummaries,
  estimateOneLiners,
  typicalDay,
} from '../../lib/worker/oneliners/estimate.ts';
import {
  decodeVector,
  embeddingModelFor,
  encodeVector,
  quantize,
  vectorKey,
} from '../../lib/worker/ranking/embeddings.ts';
import { parseInterests } from '../../lib/worker/ranking/interests.ts';
import { MAX_RECOMMENDED, pickRecommended } from '../../lib/worker/ranking/recommend.ts';
import { cosineSimilarity } from '../../lib/worker/ranking/similarity.ts';
import { correctPlan, firstGuess } from '../../lib/worker/request-plan.ts';

describe('interests', () => {
  it('splits free text into topics, dropping blanks and repeats', () => {
    expect(parseInterests('RLHF, 멀티모달 에이전트, 효율적 추론,  한국어 LLM\nrlhf;;  ')).toEqual([
      'RLHF',
      '멀티모달 에이전트',
      '효율적 추론',
      '한국어 LLM',
    ]);
    expect(parseInterests('  ')).toEqual([]);
  });
});

describe('vectors', () => {
  it('keeps directions when quantised to int8 and through base64', () => {
    const a = [0.12, -0.5, 0.33, 0.01, -0.07];
    const b = [0.1, -0.45, 0.3, 0.05, 0];
    const decoded = decodeVector(encodeVector(quantize(a))) as Int8Array;
    expect(decoded).toHaveLength(5);
    const exact = cosineSimilarity(a, b) as number;
    expect(cosineSimilarity(decoded, decodeVector(encodeVector(quantize(b))) as Int8Array)).toBeCloseTo(
      exact,
      2,
    );
    expect(decodeVector('not base64!')).toBeNull();
  });

  it('keys vectors by model and size, and interests apart from papers', () => {
    expect(vectorKey('m', 256, { paperId: '2511.00001' })).not.toBe(
      vectorKey('m', null, { paperId: '2511.00001' }),
    );
    expect(vectorKey('m', 256, { interest: ' RLHF ' })).toBe(vectorKey('m', 256, { interest: 'rlhf' }));
  });

  it("picks the provider's embedding model, the user's own first, and none where there is none", () => {
    const base = { ...DEFAULT_SETTINGS };
    expect(embeddingModelFor(base)).toBe('text-embedding-3-small');
    expect(embeddingModelFor({ ...base, embeddingModel: ' my-embedder ' })).toBe('my-embedder');
    expect(
      embeddingModelFor({
        ...base,
        provider: 'gemini',
        baseURL: 'https://generativelanguage.googleapis.com/v1beta/openai',
      }),
    ).toBe('gemini-embedding-001');
    expect(
      embeddingModelFor({ ...base, provider: 'deepseek', baseURL: 'https://api.deepseek.com/v1' }),
    ).toBeNull();
  });
});

describe('recommendations', () => {
  const scores = (values: (number | null)[]) => values.map((score, index) => ({ id: String(index), score }));

  it('recommends papers that stand out from the page, one per six papers at most', () => {
    const page = scores([0.9, 0.8, 0.2, 0.21, 0.19, 0.22, 0.2, 0.18, 0.2, 0.21, 0.2, 0.19]);
    expect(pickRecommended(page, 'embeddings')).toEqual(['0', '1']);
    const flat = scores([0.3, 0.3, 0.3]);
    expect(pickRecommended(flat, 'embeddings')).toEqual([]);
  });

  it('recommends by relevance only papers scored at least "related", never more than the cap', () => {
    expect(pickRecommended(scores([1, 2 / 3, 1 / 3, null]), 'relevance')).toEqual(['0']);
    const many = scores(Array.from({ length: 60 }, () => 1));
    expect(pickRecommended(many, 'relevance')).toHaveLength(MAX_RECOMMENDED);
  });
});

describe('estimates', () => {
  it('prices a 30-paper day at about a tenth of the full summaries, in one request', () => {
    const { oneLiners, fullSummaries } = compareWithFullSummaries(
      typicalDay(),
      describeModel('gpt-4o-mini'),
      { input: 0.15, output: 0.6 },
    );
    expect(oneLiners.requests).toBe(1);
    expect(oneLiners.papers).toBe(30);
    expect(oneLiners.tokens / fullSummaries.tokens).toBeLessThan(0.25);
    expect((oneLiners.cost as number) / (fullSummaries.cost as number)).toBeLessThan(0.3);
  });

  it('counts more requests for a small model, and no price as unknown cost', () => {
    const estimate = estimateOneLiners(typicalDay(), describeModel('my-local-model'), null);
    expect(estimate.requests).toBeGreaterThan(1);
    expect(estimate.cost).toBeNull();
  });
});

describe('structured output corrections', () => {
  const plan = firstGuess(describeModel('gpt-4o-mini'));

  it('asks for a strict schema first, then any JSON object, then only the prompt', () => {
    expect(plan.structuredOutput).toBe('json_schema');
    const refusal = (message: string, param: string | null) => ({ status: 400, param, code: null, message });
    const step1 = correctPlan(
      plan,
      refusal(
        "Invalid parameter: 'response_format' of type 'json_schema' is not supported with this model.",
        'response_format',
      ),
    );
    expect(step1).toEqual({ structuredOutput: 'json_object' });
    const step2 = correctPlan(
      { ...plan, structuredOutput: 'json_object' },
      refusal('response_format json_object is not supported by this server', null),
    );
    expect(step2).toEqual({ structuredOutput: null });
    expect(correctPlan({ ...plan, structuredOutput: null }, refusal('x', 'response_format'))).toBeNull();
    expect(correctPlan({ ...plan, api: 'responses' }, refusal('Unsupported value', 'text.format'))).toEqual({
      structuredOutput: 'json_object',
    });
  });
});

function memoryGlossaryStore() {
  let stored: unknown;
  const store = new GlossaryStore(
    {
      get: async () => stored,
      set: async (edits: GlossaryEdits) => {
        stored = structuredClone(edits);
      },
    },
    async () => SHIPPED_GLOSSARY,
  );
  return { store, stored: () => stored };
}

describe('the glossary store and the options page edits', () => {
  it('keeps the same merged list while the edits stay, so its matcher is compiled once', async () => {
    const { store } = memoryGlossaryStore();
    const first = await store.entries();
    expect(first).toEqual(SHIPPED_GLOSSARY);
    expect(await store.entries()).toBe(first);
  });

  it('applies a changed term to the next prompt and lists it as changed', async () => {
    const { store, stored } = memoryGlossaryStore();
    const result = await editGlossary(store, {
      kind: 'upsert',
      entry: { en: 'knowledge distillation', ko: '지식 압축', keepEnglish: false },
    });
    expect(result).toMatchObject({ ok: true, imported: 1 });
    expect(stored()).toMatchObject({
      entries: [{ en: 'knowledge distillation', ko: '지식 압축', source: 'user' }],
    });
    const block = glossaryForText(await store.entries(), 'We use knowledge distillation.').block;
    expect(block).toContain('- knowledge distillation: 지식 압축');
    const { rows } = await glossaryRows(store);
    expect(rows.find((row) => row.entry.en === 'knowledge distillation')?.status).toBe('changed');
  });

  it('refuses an entry that does not validate, saying which field', async () => {
    const { store } = memoryGlossaryStore();
    const result = await editGlossary(store, {
      kind: 'upsert',
      entry: { en: 'attention', ko: '注意', keepEnglish: false },
    });
    expect(result.ok).toBe(false);
    expect(JSON.stringify(result)).toContain('한자');
  });

  it('removes and restores a shipped term, and resets everything', async () => {
    const { store } = memoryGlossaryStore();
    await editGlossary(store, { kind: 'remove', en: 'knowledge distillation' });
    let listed = await glossaryRows(store);
    expect(listed.removed.map((entry) => entry.en)).toEqual(['knowledge distillation']);
    expect(listed.rows.some((row) => row.entry.en === 'knowledge distillation')).toBe(false);
    await editGlossary(store, { kind: 'restore', en: 'knowledge distillation' });
    listed = await glossaryRows(store);
    expect(listed.removed).toEqual([]);
    await editGlossary(store, {
      kind: 'upsert',
      entry: { en: 'vibe coding', ko: '바이브 코딩', keepEnglish: false },
    });
    await editGlossary(store, { kind: 'reset' });
    expect((await glossaryRows(store)).rows).toHaveLength(SHIPPED_GLOSSARY.length);
  });

  it('exports CSV that imports back to no edits, and imports rows with their problems', async () => {
    const { store, stored } = memoryGlossaryStore();
    const { csv } = await exportGlossary(store);
    expect(csv.startsWith('\ufeffen,ko,keep_english')).toBe(true);
    const roundTrip = await editGlossary(store, { kind: 'import', csv, mode: 'merge' });
    expect(roundTrip).toMatchObject({ ok: true, imported: SHIPPED_GLOSSARY.length, problems: [] });
    expect(stored()).toEqual({ entries: [], removed: [] });

    const result = await editGlossary(store, {
      kind: 'import',
      csv: 'en,ko\nvibe coding,바이브 코딩\nbad,漢字\n',
      mode: 'merge',
    });
    expect(result).toMatchObject({ ok: true, imported: 1, problems: [{ line: 3 }] });
    expect((await glossaryRows(store)).rows.find((row) => row.entry.en === 'vibe coding')?.status).toBe(
      'added',
    );
    expect(await editGlossary(store, { kind: 'import', csv: 'en,ko\n', mode: 'merge' })).toMatchObject({
      ok: false,
    });
  });
});
