import { describe, expect, it } from 'vitest';
import {
  costOf,
  EMPTY_LEDGER,
  estimateRun,
  estimateTokens,
  formatUsd,
  priceFor,
  recordUsage,
  spentThisMonth,
  spentToday,
} from '../../lib/shared/cost.ts';

const PRICES = {
  'gpt-4.1-mini': { input: 0.4, output: 1.6 },
  'gpt-4.1-nano': { input: 0.1, output: 0.4 },
  'gpt-4o-mini': { input: 0.15, output: 0.6 },
};

describe('prices', () => {
  it('finds a model, its dated snapshot and its OpenRouter name', () => {
    expect(priceFor('gpt-4.1-mini', PRICES)).toEqual({ input: 0.4, output: 1.6 });
    expect(priceFor('gpt-4.1-mini-2025-04-14', PRICES)).toEqual({ input: 0.4, output: 1.6 });
    expect(priceFor('openai/gpt-4o-mini', PRICES)).toEqual({ input: 0.15, output: 0.6 });
    expect(priceFor('gpt-4.1-nano-2025', PRICES)).toEqual({ input: 0.1, output: 0.4 });
    expect(priceFor('qwen3:8b', PRICES)).toBeNull();
  });

  it('computes cost from real usage', () => {
    expect(
      costOf({ promptTokens: 1_000_000, completionTokens: 500_000 }, { input: 0.4, output: 1.6 }),
    ).toBeCloseTo(1.2);
    expect(costOf({ promptTokens: 10, completionTokens: 10 }, null)).toBeNull();
  });
});

describe('estimates', () => {
  it('counts about four English characters per token and one per Hangul syllable', () => {
    expect(estimateTokens('a'.repeat(400))).toBe(100);
    expect(estimateTokens('한국어')).toBe(3);
  });

  it('estimates a whole-page run', () => {
    const papers = Array.from({ length: 30 }, () => ({ title: 'T'.repeat(40), abstract: 'a'.repeat(1160) }));
    const estimate = estimateRun(papers, PRICES['gpt-4o-mini']);
    expect(estimate.papers).toBe(30);
    expect(estimate.tokens).toBe(30 * (700 + 300 + 450));
    expect(estimate.cost).toBeCloseTo((30 * 1000 * 0.15 + 30 * 450 * 0.6) / 1_000_000);
    expect(formatUsd(estimate.cost)).toBe('$0.01');
  });

  it('formats money for people', () => {
    expect(formatUsd(0.004)).toBe('<$0.01');
    expect(formatUsd(1.234)).toBe('$1.23');
    expect(formatUsd(null)).toBe('가격 정보 없음');
  });
});

describe('ledger', () => {
  const nov22 = new Date(2026, 10, 22, 9).getTime();
  const nov23 = new Date(2026, 10, 23, 9).getTime();
  const dec1 = new Date(2026, 11, 1, 9).getTime();

  it('adds up days and months separately', () => {
    let ledger = recordUsage(EMPTY_LEDGER, { promptTokens: 100, completionTokens: 50 }, 0.5, nov22);
    ledger = recordUsage(ledger, { promptTokens: 10, completionTokens: 5 }, 0.25, nov23);
    ledger = recordUsage(ledger, { promptTokens: 1, completionTokens: 1 }, 1, dec1);
    expect(spentToday(ledger, nov23)).toEqual({
      requests: 1,
      promptTokens: 10,
      completionTokens: 5,
      cost: 0.25,
      unpricedRequests: 0,
    });
    expect(spentThisMonth(ledger, nov23)).toBeCloseTo(0.75);
    ledger = recordUsage(ledger, { promptTokens: 7, completionTokens: 7 }, null, nov23);
    expect(spentToday(ledger, nov23)).toMatchObject({ requests: 2, cost: 0.25, unpricedRequests: 1 });
    expect(spentThisMonth(ledger, dec1)).toBe(1);
  });

  it('forgets days older than two months but keeps month totals', () => {
    let ledger = recordUsage(EMPTY_LEDGER, { promptTokens: 1, completionTokens: 1 }, 0.1, nov22);
    ledger = recordUsage(
      ledger,
      { promptTokens: 1, completionTokens: 1 },
      0.1,
      new Date(2027, 2, 1).getTime(),
    );
    expect(Object.keys(ledger.days)).toEqual(['2027-03-01']);
    expect(Object.keys(ledger.months)).toEqual(['2026-11', '2027-03']);
  });
});
