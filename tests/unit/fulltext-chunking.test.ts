// Planning the reading of a paper longer than the model's context: chunks at section boundaries,
// each within budget, and combine rounds that fit.
import { describe, expect, it } from 'vitest';
import { estimateTokens } from '../../lib/shared/cost.ts';
import { parseArxivHtml } from '../../lib/worker/fulltext/arxiv-html.ts';
import {
  chunkLabel,
  combineInput,
  packInOrder,
  paperAsText,
  planCombineRounds,
  planReading,
  textBudget,
} from '../../lib/worker/fulltext/chunking.ts';
import type { PaperFullText } from '../../lib/worker/fulltext/types.ts';
import { longPaperHtml, samplePaperHtml } from '../fixtures/arxiv/papers.ts';

function parse(html: string): PaperFullText {
  const paper = parseArxivHtml(html, 'https://arxiv.org/html/2611.09999v1');
  if (!paper) throw new Error('fixture did not parse');
  return paper;
}

const BUDGET = { contextTokens: 16_000, answerTokens: 800 };

describe('reading plan', () => {
  it('sends a paper that fits as one input, with its sections, equations and table rows', () => {
    const paper = parse(samplePaperHtml());
    const plan = planReading(paper, BUDGET);
    expect(plan.chunks).toEqual([]);
    expect(plan.combineRounds).toEqual([]);
    expect(plan.whole?.text).toBe(paperAsText(paper));
    expect(plan.whole?.text).toContain('## 2 Method');
    expect(plan.whole?.text).toContain('### 2.1 Policy Optimisation');
    expect(plan.whole?.text).toContain('$$\\mathcal{L}(\\theta)=');
    expect(plan.whole?.text).toContain(
      'Table 1: Accuracy on $\\mathcal{D}_{\\text{test}}$.\n| Model | Acc. |',
    );
  });

  it('splits a paper longer than the context into chunks of whole sections, each within budget, in order', () => {
    const paper = parse(longPaperHtml(40, 20));
    const total = estimateTokens(paperAsText(paper));
    expect(total).toBeGreaterThan(BUDGET.contextTokens * 3);
    const plan = planReading(paper, BUDGET);
    expect(plan.whole).toBeNull();
    const limit = textBudget(BUDGET);
    for (const chunk of plan.chunks) {
      expect(chunk.tokens).toBeLessThanOrEqual(limit);
      expect(chunk.tokens).toBe(estimateTokens(chunk.text));
      expect(chunk.text.startsWith('# A Very Long Paper\n\n')).toBe(true);
      expect(chunk.part).toBeUndefined();
    }
    // Every section once, in order, packed tightly (sections are ~1.3k tokens, chunks ~13k).
    expect(plan.chunks.flatMap((c) => c.sections)).toEqual([
      'Abstract',
      ...paper.sections.map((s) => s.number),
    ]);
    expect(plan.chunks.length).toBeLessThanOrEqual(Math.ceil(total / (limit * 0.85)));
    // The text of the paper is all there, once.
    const paragraphs = paper.sections.flatMap((s) => s.paragraphs);
    const chunked = plan.chunks.map((c) => c.text).join('\n\n');
    for (const paragraph of paragraphs) expect(chunked.split(paragraph)).toHaveLength(2);
  });

  it('cuts a section longer than the context by paragraphs and labels the parts', () => {
    const paper = parse(longPaperHtml(3, 200));
    const plan = planReading(paper, BUDGET);
    const limit = textBudget(BUDGET);
    const parts = plan.chunks.filter((c) => c.sections.includes('2'));
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.map((c) => c.part)).toEqual(parts.map((_, i) => ({ index: i + 1, of: parts.length })));
    for (const chunk of plan.chunks) expect(chunk.tokens).toBeLessThanOrEqual(limit);
    expect(chunkLabel(parts[1] as (typeof parts)[number])).toBe(`Section 2 (part 2 of ${parts.length})`);
    // A paragraph is never cut when it fits on its own.
    for (const paragraph of paper.sections.flatMap((s) => s.paragraphs))
      expect(plan.chunks.some((c) => c.text.includes(paragraph))).toBe(true);
  });

  it('cuts a single paragraph longer than the context at sentence boundaries', () => {
    const sentence = 'This sentence repeats to make one enormous paragraph. ';
    const paper: PaperFullText = {
      source: 'pdf',
      title: 'One Paragraph',
      abstract: '',
      sections: [{ id: '', number: '1', title: 'All', depth: 1, paragraphs: [sentence.repeat(3000).trim()] }],
      figures: [],
      links: [],
    };
    const plan = planReading(paper, BUDGET);
    expect(plan.chunks.length).toBeGreaterThan(1);
    for (const chunk of plan.chunks) {
      expect(chunk.tokens).toBeLessThanOrEqual(textBudget(BUDGET));
      expect(chunk.text.trim().endsWith('.') || chunk === plan.chunks.at(-1)).toBe(true);
    }
  });

  it('merges chunk summaries in one round when they fit, in rounds when they do not', () => {
    const paper = parse(longPaperHtml(40, 12));
    const plan = planReading(paper, BUDGET);
    expect(plan.combineRounds).toEqual([[plan.chunks.map((_, i) => i)]]);
    expect(planCombineRounds(10, 1000, 3000)).toEqual([
      [[0, 1, 2], [3, 4, 5], [6, 7, 8], [9]],
      [[0, 1, 2], [3]],
      [[0, 1]],
    ]);
    expect(planCombineRounds(1, 1000, 3000)).toEqual([]);
    const small = planReading(paper, { contextTokens: 8_000, answerTokens: 3_000 });
    const last = small.combineRounds.at(-1);
    expect(small.combineRounds.length).toBeGreaterThan(1);
    expect(last).toHaveLength(1);
  });

  it('builds the combine input from the title, the abstract and labelled summaries', () => {
    const paper = parse(samplePaperHtml());
    expect(
      combineInput(paper, [
        { label: 'Sections 1–2', text: '요약 하나' },
        { label: 'Section 3 (part 1 of 2)', text: '요약 둘' },
      ]),
    ).toBe(
      `# ${paper.title}\n\n## Abstract\n\n${paper.abstract}\n\n## Sections 1–2\n\n요약 하나\n\n## Section 3 (part 1 of 2)\n\n요약 둘`,
    );
  });

  it('packs sizes in order into as few groups as fit', () => {
    expect(packInOrder([5, 5, 5, 20, 1, 1], 10)).toEqual([[0, 1], [2], [3], [4, 5]]);
    expect(packInOrder([4, 4, 4], 10, 1)).toEqual([[0, 1], [2]]);
    expect(textBudget({ contextTokens: 1000, answerTokens: 2000 })).toBe(0);
  });
});
