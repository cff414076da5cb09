// Token and money arithmetic: per-model prices, estimates before a run, and the daily/monthly ledger.
import type { Usage } from './domain.ts';
import { t } from './i18n/t.ts';

export interface ModelPrice {
  /** US dollars per million input (prompt) tokens. */
  input: number;
  /** US dollars per million output (completion) tokens. */
  output: number;
}

/** Exact name first, then the longest known prefix (dated snapshots), provider prefixes ignored. */
export function priceFor(model: string, table: Record<string, ModelPrice>): ModelPrice | null {
  const name = model.toLowerCase().split('/').pop() ?? '';
  if (table[name]) return table[name];
  const prefix = Object.keys(table)
    .filter((known) => name.startsWith(`${known}-`))
    .sort((a, b) => b.length - a.length)[0];
  return prefix ? (table[prefix] ?? null) : null;
}

export function costOf(usage: Usage, price: ModelPrice | null): number | null {
  if (!price) return null;
  return (usage.promptTokens * price.input + usage.completionTokens * price.output) / 1_000_000;
}

/** Rough token count: ~4 characters per token for English, about one per Hangul syllable or symbol. */
export function estimateTokens(text: string): number {
  let ascii = 0;
  let other = 0;
  for (const char of text) {
    if (char.charCodeAt(0) < 128) ascii++;
    else other++;
  }
  return Math.ceil(ascii / 4 + other);
}

/** The system prompt and format rules cost about this much per request, the answer about this much. */
export const PROMPT_OVERHEAD_TOKENS = 700;
const EXPECTED_OUTPUT_TOKENS = 450;

export interface RunEstimate {
  papers: number;
  tokens: number;
  cost: number | null;
}

export function estimateRun(
  papers: { title: string; abstract: string }[],
  price: ModelPrice | null,
): RunEstimate {
  let input = 0;
  for (const paper of papers) input += PROMPT_OVERHEAD_TOKENS + estimateTokens(paper.title + paper.abstract);
  const output = papers.length * EXPECTED_OUTPUT_TOKENS;
  return {
    papers: papers.length,
    tokens: input + output,
    cost: costOf({ promptTokens: input, completionTokens: output }, price),
  };
}

export function formatUsd(amount: number | null): string {
  if (amount === null) return t('cost.unknown');
  if (amount > 0 && amount < 0.01) return '<$0.01';
  return `$${amount.toFixed(2)}`;
}

export function formatTokens(tokens: number): string {
  return tokens >= 1000 ? `${(tokens / 1000).toFixed(tokens >= 10_000 ? 0 : 1)}k` : String(tokens);
}

// ---- Ledger -----------------------------------------------------------------------------------

export interface Totals {
  requests: number;
  promptTokens: number;
  completionTokens: number;
  /** USD of the requests whose price is known. */
  cost: number;
  /** Requests to a model without a price: their cost is unknown, not zero. */
  unpricedRequests?: number;
}

export interface Ledger {
  days: Record<string, Totals>;
  months: Record<string, Totals>;
}

export const EMPTY_LEDGER: Ledger = { days: {}, months: {} };
const EMPTY_TOTALS: Totals = { requests: 0, promptTokens: 0, completionTokens: 0, cost: 0 };
const DAYS_KEPT = 62;

/** Local dates: "today" is the user's today, not UTC's. */
function dayKey(time: number): string {
  const d = new Date(time);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

function monthKey(time: number): string {
  return dayKey(time).slice(0, 7);
}

function addTotals(totals: Totals | undefined, usage: Usage, cost: number | null): Totals {
  const base = totals ?? EMPTY_TOTALS;
  return {
    requests: base.requests + 1,
    promptTokens: base.promptTokens + usage.promptTokens,
    completionTokens: base.completionTokens + usage.completionTokens,
    cost: base.cost + (cost ?? 0),
    unpricedRequests: (base.unpricedRequests ?? 0) + (cost === null ? 1 : 0),
  };
}

export function recordUsage(ledger: Ledger, usage: Usage, cost: number | null, time: number): Ledger {
  const day = dayKey(time);
  const month = monthKey(time);
  const days = { ...ledger.days, [day]: addTotals(ledger.days[day], usage, cost) };
  const oldest = dayKey(time - DAYS_KEPT * 86_400_000);
  for (const key of Object.keys(days)) if (key < oldest) delete days[key];
  return { days, months: { ...ledger.months, [month]: addTotals(ledger.months[month], usage, cost) } };
}

export function spentThisMonth(ledger: Ledger, time: number): number {
  return ledger.months[monthKey(time)]?.cost ?? 0;
}

export function spentToday(ledger: Ledger, time: number): Totals {
  return ledger.days[dayKey(time)] ?? EMPTY_TOTALS;
}
