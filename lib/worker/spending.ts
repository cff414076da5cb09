// The spending rules every request follows (summaries, one-liners, embeddings): the monthly budget,
// no request to a model without a price while a budget is set, and one writer for the usage ledger.
import { costOf, type Ledger, recordUsage, spentThisMonth } from '../shared/cost.ts';
import type { SummaryError, Usage } from '../shared/domain.ts';
import type { Settings } from '../shared/settings.ts';
import { priceOf } from './models/catalogue.ts';

export interface LedgerStore {
  get(): Promise<Ledger>;
  set(ledger: Ledger): Promise<void>;
}

/**
 * Why a request to these models may not be sent now, or null. With a budget, this month's spend must
 * be below it (and stay so with `plannedCostUsd`, an estimate of what the request will cost), and every
 * model must have a price: one without would spend past the budget unseen.
 */
export async function spendingBlock(
  settings: Settings,
  ledger: LedgerStore,
  now: number,
  {
    models = [settings.model],
    plannedCostUsd = 0,
  }: { models?: readonly string[]; plannedCostUsd?: number } = {},
): Promise<SummaryError | null> {
  if (settings.monthlyBudgetUsd <= 0) return null;
  const spent = spentThisMonth(await ledger.get(), now);
  if (spent >= settings.monthlyBudgetUsd) return { kind: 'budget' };
  if (models.some((model) => priceOf(model, settings.prices) === null)) return { kind: 'priceUnknown' };
  if (spent + plannedCostUsd > settings.monthlyBudgetUsd)
    return { kind: 'budget', detail: `estimate $${plannedCostUsd.toFixed(4)}` };
  return null;
}

/** USD for this usage at the model's price (the user's own first); null when the price is unknown. */
export function costFor(settings: Settings, model: string, usage: Usage | null): number | null {
  return usage ? costOf(usage, priceOf(model, settings.prices)) : null;
}

/** Writes usage into the ledger, one read-modify-write at a time, shared by every service. */
export class UsageRecorder {
  private writes: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly ledger: LedgerStore,
    private readonly now: () => number = Date.now,
  ) {}

  /** Resolves once every write asked for so far is done (failed ones included). */
  get settled(): Promise<unknown> {
    return this.writes;
  }

  record(usage: Usage, cost: number | null): Promise<void> {
    const write = this.writes.then(async () => {
      const ledger = await this.ledger.get();
      await this.ledger.set(recordUsage(ledger, usage, cost, this.now()));
    });
    this.writes = write.catch(() => undefined);
    return write;
  }

  /** Records without waiting; a failed write is logged, never thrown at the request that paid. */
  recordLater(usage: Usage, cost: number | null): void {
    this.record(usage, cost).catch((error: unknown) =>
      console.warn('[Daily Papers KO] could not record usage', error),
    );
  }
}
