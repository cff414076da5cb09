// The background's summary service: cache first, then one job per paper (shared by every tab that
// asks), run through the scheduler, paid for in the ledger, and stopped by the monthly budget.
import { type CachedSummary, cacheKey, type SummaryCache } from '../cache.ts';
import { costOf, type Ledger, recordUsage, spentThisMonth } from '../cost.ts';
import type { DoneEvent, PaperForSummary, SummaryError, SummaryPortEvent } from '../messages.ts';
import { isAbortError, toSummaryError } from '../openai/errors.ts';
import { type AttemptResult, RequestScheduler } from '../queue.ts';
import type { Settings } from '../settings.ts';
import type { generateSummary } from '../summary/generate.ts';
import { summaryMarkdownToHtml } from '../summary/markdown.ts';
import { PROMPT_VERSION } from '../summary/prompt.ts';
import { priceOf } from '../worker/models/catalogue.ts';
import type { CorrectionStore } from '../worker/request-plan.ts';
import { SharedJobs, type Unsubscribe } from './shared-jobs.ts';

export type SummaryListener = (event: SummaryPortEvent) => void;
export type { Unsubscribe };

export interface LedgerStore {
  get(): Promise<Ledger>;
  set(ledger: Ledger): Promise<void>;
}

export interface SummaryServiceDeps {
  /** Settings as last seen (kept current by change events): for cache look-ups on page load. */
  loadSettings: () => Promise<Settings>;
  /**
   * Settings read from storage now: for a request about to spend money, so a price, key or budget
   * saved a moment ago applies even if its change event has not arrived yet.
   */
  loadFreshSettings?: () => Promise<Settings>;
  hasEndpointPermission: (baseURL: string) => Promise<boolean>;
  generate: typeof generateSummary;
  cache: SummaryCache;
  ledger: LedgerStore;
  /** What earlier requests learnt about each endpoint + model's parameters. */
  corrections?: CorrectionStore;
  now?: () => number;
}

export function doneFromCache(entry: CachedSummary, cost: number | null): DoneEvent {
  return {
    type: 'done',
    text: entry.text,
    html: summaryMarkdownToHtml(entry.text),
    model: entry.model,
    style: entry.style,
    usage: entry.usage,
    cost,
    createdAt: entry.createdAt,
    fromCache: true,
  };
}

export class SummaryService {
  private concurrency = 3;
  readonly scheduler = new RequestScheduler({ maxConcurrency: () => this.concurrency });
  private readonly jobs = new SharedJobs<SummaryPortEvent>(this.scheduler, (event) => event);
  private ledgerWrites: Promise<unknown> = Promise.resolve();
  private readonly now: () => number;

  constructor(private readonly deps: SummaryServiceDeps) {
    this.now = deps.now ?? Date.now;
  }

  private keyFor(paperId: string, settings: Settings): string {
    return cacheKey({ paperId, model: settings.model, style: settings.summaryStyle });
  }

  private costFor(settings: Settings, model: string, usage: DoneEvent['usage']): number | null {
    return usage ? costOf(usage, priceOf(model, settings.prices)) : null;
  }

  /** Finished summaries for these papers under the current model, style and prompt. */
  async cached(paperIds: string[]): Promise<Record<string, DoneEvent>> {
    const settings = await this.deps.loadSettings();
    const keys = paperIds.map((id) => this.keyFor(id, settings));
    const found = await this.deps.cache.get(keys);
    const result: Record<string, DoneEvent> = {};
    for (const entry of found.values()) {
      result[entry.paperId] = doneFromCache(entry, this.costFor(settings, entry.model, entry.usage));
    }
    return result;
  }

  /**
   * Which of these papers have a request under way, including one nobody reads right now but that
   * may still be rejoined: a page coming back (reloaded, reopened) asks for those again and joins.
   */
  async inFlight(paperIds: string[]): Promise<string[]> {
    const settings = await this.deps.loadSettings();
    return paperIds.filter((id) => this.jobs.has(this.keyFor(id, settings)));
  }

  /**
   * Streams one paper's summary to `listener`. Returns the unsubscribe function: when the last
   * listener of a job leaves, its request is cancelled (queued) or aborted (running), at once or,
   * when it lingers, after REJOIN_GRACE_MS unless someone joins again.
   */
  async subscribe(
    paper: PaperForSummary,
    options: { force: boolean; batch: boolean },
    listener: SummaryListener,
  ): Promise<Unsubscribe> {
    const settings = await this.deps.loadSettings();
    this.concurrency = settings.concurrency;
    const key = this.keyFor(paper.id, settings);

    if (!options.force) {
      const hit = (await this.deps.cache.get([key])).get(key);
      if (hit) {
        listener(doneFromCache(hit, this.costFor(settings, hit.model, hit.usage)));
        return () => {};
      }
    }

    return (
      this.jobs.join(key, listener) ??
      this.jobs.start(key, listener, {
        urgent: !options.batch,
        attempt: (signal, broadcast) => this.attempt(key, paper, signal, broadcast),
      })
    );
  }

  private async attempt(
    key: string,
    paper: PaperForSummary,
    signal: AbortSignal,
    broadcast: (event: SummaryPortEvent) => void,
  ): Promise<AttemptResult> {
    // Settings are read per attempt: a key fixed in the options mid-run applies to what is left.
    const settings = await (this.deps.loadFreshSettings ?? this.deps.loadSettings)();
    const failed = (error: SummaryError): AttemptResult => ({ kind: 'failed', error });
    const problem = await this.spendingProblem(settings);
    if (problem) return failed(problem);

    try {
      const generated = await this.deps.generate({
        settings,
        paper,
        signal,
        onEvent: broadcast,
        // Every answer billed is counted, also those thrown away (a failed check, a cut answer).
        onUsage: (usage, model) => {
          this.recordUsage(usage, this.costFor(settings, model, usage)).catch((error: unknown) =>
            console.warn('[Daily Papers KO] could not record usage', error),
          );
        },
        corrections: this.deps.corrections,
      });
      const cost = this.costFor(settings, generated.model, generated.usage);
      // The summary is whole and checked: show it now, and store it alongside. Cache reads queue
      // behind this write, so a reload never misses it.
      const stored = Promise.all([
        this.ledgerWrites,
        this.deps.cache.put({
          key,
          paperId: paper.id,
          text: generated.text,
          model: generated.model,
          style: generated.style,
          promptVersion: PROMPT_VERSION,
          usage: generated.usage,
          createdAt: generated.createdAt,
        }),
      ]);
      broadcast({ ...generated, cost, fromCache: false });
      // A failed write leaves the summary shown but uncached: it is asked for again next time.
      await stored.catch((error: unknown) =>
        console.warn('[Daily Papers KO] could not store a summary', error),
      );
      return { kind: 'done' };
    } catch (error) {
      if (signal.aborted || isAbortError(error)) return failed({ kind: 'unknown', detail: 'aborted' });
      return failed(toSummaryError(error, { apiKey: settings.apiKey }));
    }
  }

  /**
   * Why a request must not go out now, or null: the month's budget is spent (or `plannedCostUsd`,
   * a deep summary's estimate, would pass it), a budgeted model has no price, or the endpoint has
   * no host permission. The deep reading asks the same before each of its requests.
   */
  async spendingProblem(settings: Settings, plannedCostUsd = 0): Promise<SummaryError | null> {
    if (settings.monthlyBudgetUsd > 0) {
      const spent = spentThisMonth(await this.deps.ledger.get(), this.now());
      if (spent >= settings.monthlyBudgetUsd) return { kind: 'budget' };
      // A model without a price would spend past the budget unseen: its price is asked for first.
      if (priceOf(settings.model, settings.prices) === null) return { kind: 'priceUnknown' };
      if (spent + plannedCostUsd > settings.monthlyBudgetUsd)
        return { kind: 'budget', detail: `estimate $${plannedCostUsd.toFixed(4)}` };
    }
    if (!(await this.deps.hasEndpointPermission(settings.baseURL))) return { kind: 'endpointPermission' };
    return null;
  }

  /** A new key or budget may have removed the cause of a halt: batch work goes through again. */
  settingsChanged(): void {
    this.scheduler.liftHalt();
  }

  /** Records one billed answer in the ledger (summaries' and the deep reading's). Writes go one at a time. */
  recordUsage(usage: NonNullable<DoneEvent['usage']>, cost: number | null): Promise<void> {
    const write = this.ledgerWrites.then(async () => {
      const ledger = await this.deps.ledger.get();
      await this.deps.ledger.set(recordUsage(ledger, usage, cost, this.now()));
    });
    this.ledgerWrites = write.catch(() => undefined);
    return write;
  }
}
