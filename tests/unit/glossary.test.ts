import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { SHIPPED_GLOSSARY } from '../../lib/shared/glossary/entries.ts';
import { type GlossaryEntry, GlossaryEntrySchema, glossaryKey } from '../../lib/shared/glossary/entry.ts';
import {
  compiledGlossaryFor,
  compileGlossary,
  findGlossaryHits,
  selectGlossaryEntries,
} from '../../lib/shared/glossary/match.ts';
import { formatGlossaryBlock } from '../../lib/shared/glossary/prompt-block.ts';
import { ABSTRACT, buildPaperText } from '../fixtures/glossary/paper-text.ts';

const shipped = compileGlossary(SHIPPED_GLOSSARY);

function selectedTerms(text: string, limit?: number): string[] {
  return selectGlossaryEntries(shipped, text, limit).map((entry) => entry.en);
}

function entry(en: string, ko: string, extra: Partial<GlossaryEntry> = {}): GlossaryEntry {
  return { en, ko, keepEnglish: false, source: 'user', ...extra };
}

describe('shipped glossary', () => {
  it('has at least 300 entries, each valid', () => {
    expect(SHIPPED_GLOSSARY.length).toBeGreaterThanOrEqual(300);
    for (const item of SHIPPED_GLOSSARY) {
      const result = v.safeParse(GlossaryEntrySchema, item);
      expect(result.success, `${item.en}: ${result.issues?.map((issue) => issue.message).join(', ')}`).toBe(
        true,
      );
    }
  });

  it('gives every spelling to one entry only', () => {
    const owner = new Map<string, string>();
    for (const item of SHIPPED_GLOSSARY) {
      for (const spelling of [item.en, ...(item.aliases ?? [])]) {
        const key = glossaryKey(spelling);
        expect(owner.get(key) ?? item.en, spelling).toBe(item.en);
        owner.set(key, item.en);
      }
    }
  });

  it('writes kept terms in English and every other rendering in Hangul', () => {
    for (const item of SHIPPED_GLOSSARY) {
      if (item.keepEnglish) expect(item.ko).toBe(item.en);
      else expect(item.ko, item.en).toMatch(/\p{Script=Hangul}/u);
    }
  });

  it('keeps the names the community keeps in English', () => {
    const kept = new Set(SHIPPED_GLOSSARY.filter((item) => item.keepEnglish).map((item) => item.en));
    for (const name of ['Transformer', 'LoRA', 'PPO', 'GRPO', 'DPO', 'Mamba', 'NeRF'])
      expect(kept).toContain(name);
  });

  it('documents every source tag it uses in its header', () => {
    const source = readFileSync(
      path.join(import.meta.dirname, '../../lib/shared/glossary/entries.ts'),
      'utf8',
    );
    const header = source.split('import type')[0];
    for (const source of new Set(SHIPPED_GLOSSARY.map((item) => item.source))) {
      expect(header).toContain(`// - ${source}`);
    }
  });
});

describe('findGlossaryHits', () => {
  it('matches hyphen, space, closed-up and title-case spellings', () => {
    for (const text of [
      'fine-tuning',
      'fine tuning',
      'finetuning',
      'Fine-Tuning',
      'fine-\ntuning',
      'fine-tuned',
    ]) {
      expect(selectedTerms(text), text).toEqual(['fine-tuning']);
    }
  });

  it('matches terms partly closed up, and one-word terms written apart when listed', () => {
    expect(selectedTerms('supervised finetuning')).toEqual(['supervised fine-tuning']);
    expect(selectedTerms('a pretrained model')).toEqual(['pre-trained model']);
    expect(selectedTerms('a feedforward network')).toEqual(['feed-forward network']);
    expect(selectedTerms('back-propagation, batch norm, re-ranking')).toEqual([
      'backpropagation',
      'batch normalization',
      'reranking',
    ]);
  });

  it('matches plurals, including acronyms', () => {
    expect(selectedTerms('diffusion models')).toEqual(['diffusion model']);
    expect(selectedTerms('LLMs and VLMs')).toEqual(['large language model', 'vision-language model']);
    expect(selectedTerms('trajectories')).toEqual(['trajectory']);
    expect(selectedTerms('the scaling law')).toEqual(['scaling law']);
  });

  it('matches acronyms only in their own case', () => {
    expect(selectedTerms('We use RAG.')).toEqual(['retrieval-augmented generation']);
    expect(selectedTerms('a rag doll, the moe of it, a cot')).toEqual([]);
    expect(selectedTerms('MoE layers with CoT')).toEqual(['mixture of experts', 'chain-of-thought']);
  });

  it('matches terms glued to Korean particles but not inside longer words', () => {
    expect(selectedTerms('LoRA를 적용한 Transformer는')).toEqual(['LoRA', 'Transformer']);
    expect(selectedTerms('QLoRA')).toEqual(['QLoRA']);
    expect(selectedTerms('transformers4rec, reinforcement')).toEqual([]);
  });

  it('takes the longest term at a place', () => {
    const hits = findGlossaryHits(shipped, 'supervised fine-tuning and fine-tuning');
    expect(hits.map((hit) => hit.entry.en)).toEqual(['supervised fine-tuning', 'fine-tuning']);
    expect(hits[0]).toMatchObject({ start: 0, end: 'supervised fine-tuning'.length });
  });

  it('does not join words across punctuation', () => {
    expect(selectedTerms('knowledge, distillation')).toEqual(['distillation']);
    expect(selectedTerms('knowledge\ndistillation')).toEqual(['knowledge distillation']);
  });

  it('compiles a glossary list once', () => {
    expect(compiledGlossaryFor(SHIPPED_GLOSSARY)).toBe(compiledGlossaryFor(SHIPPED_GLOSSARY));
    expect(compiledGlossaryFor([...SHIPPED_GLOSSARY])).not.toBe(compiledGlossaryFor(SHIPPED_GLOSSARY));
  });

  it('lets a later entry take a spelling an earlier one had', () => {
    const glossary = compileGlossary([entry('KD', '지식 증류'), entry('KD', '케이디')]);
    expect(selectGlossaryEntries(glossary, 'KD').map((item) => item.ko)).toEqual(['케이디']);
  });
});

describe('selectGlossaryEntries', () => {
  it('lists the terms of an abstract once each, in order of first appearance', () => {
    // 'key-value (KV) cache' is not the term: the first 'KV cache' comes later.
    expect(selectedTerms(ABSTRACT)).toEqual([
      'large language model',
      'inference',
      'long context',
      'speculative decoding',
      'KV cache',
      'quantization',
      'draft model',
      'precision',
      'knowledge distillation',
      'fine-tuning',
      'LoRA',
      'reasoning',
      'benchmark',
      'chain-of-thought',
      'throughput',
      'latency',
      'accuracy',
      'ablation study',
      'mixture of experts',
    ]);
  });

  it('keeps the most used terms when there are more than the limit, still in text order', () => {
    const text = 'attention, benchmark, LoRA, LoRA, RAG, RAG, RAG';
    expect(selectedTerms(text, 2)).toEqual(['LoRA', 'retrieval-augmented generation']);
  });

  it('caps a whole paper at 40 entries', () => {
    const terms = selectedTerms(buildPaperText(60_000));
    expect(terms).toHaveLength(40);
    expect(new Set(terms).size).toBe(40);
  });
});

describe('formatGlossaryBlock', () => {
  it('lists renderings and kept names under a Korean instruction', () => {
    const block = formatGlossaryBlock([
      entry('knowledge distillation', '지식 증류'),
      entry('LoRA', 'LoRA', { keepEnglish: true }),
    ]);
    expect(block.split('\n')).toEqual([
      expect.stringContaining('용어집'),
      '- knowledge distillation: 지식 증류',
      '- LoRA: 영어 그대로',
    ]);
  });

  it('adds nothing when no term was found', () => {
    expect(formatGlossaryBlock([])).toBe('');
  });
});
