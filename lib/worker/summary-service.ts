// The background's summary service: cache first, then one job per paper (shared by every tab that
// asks), run through the scheduler, paid for in the ledger, and stopped by the monthly budget.

import type { PaperForSummary, SummaryError } from '../shared/domain.ts';
import type { GlossaryEntry } from '../shared/glossary/entry.ts';
import type { DoneEvent, SummaryPortEvent } from '../shared/messages.ts';
import type { Settings } from '../shared/settings.ts';
import { type CachedSummary, cacheKey, type SummaryCache } from './cache.ts';
import { isAbortError, toSummaryError } from './openai/errors.ts';
import { type AttemptResult, RequestScheduler } from './queue.ts';
import type { CorrectionStore } from './request-plan.ts';
import { SharedJobs, type Unsubscribe } from './shared-jobs.ts';
import { costFor, type LedgerStore, spendingBlock, UsageRecorder } from './spending.ts';
import type { generateSummary } from './summary/generate.ts';
import { summaryMarkdownToHtml } from './summary/markdown.ts';
import { PROMPT_VERSION } from './summary/prompt.ts';

export type { LedgerStore };

export type SummaryListener = (event: SummaryPortEvent) => void;
export type { Unsubscribe };

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
  /** The ledger's one writer, shared with the other services that spend; made here when not given. */
  recorder?: UsageRecorder;
  /** The glossary in use (GlossaryStore.entries): the paper's terms go into its prompt. */
  glossary?: () => Promise<readonly GlossaryEntry[]>;
  /** A paper was summarised just now (not served from the cache): the reading profile learns from it. */
  onSummarized?: (paper: PaperForSummary) => void;
  now?: () => number;
}

function doneFromCache(entry: CachedSummary, cost: number | null): DoneEvent {
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
    ...(entry.glossaryFindings?.length && { glossaryFindings: entry.glossaryFindings }),
  };
}

export class SummaryService {
  private concurrency = 3;
  readonly scheduler = new RequestScheduler({ maxConcurrency: () => this.concurrency });
  private readonly jobs = new SharedJobs<SummaryPortEvent>(this.scheduler, (event) => event);
  private readonly now: () => number;
  private readonly recorder: UsageRecorder;

  constructor(private readonly deps: SummaryServiceDeps) {
    this.now = deps.now ?? Date.now;
    this.recorder = deps.recorder ?? new UsageRecorder(deps.ledger, this.now);
  }

  private keyFor(paperId: string, settings: Settings): string {
    return cacheKey({ paperId, model: settings.model, style: settings.summaryStyle });
  }

  /** Finished summaries for these papers under the current model, style and prompt. */
  async cached(paperIds: string[]): Promise<Record<string, DoneEvent>> {
    const settings = await this.deps.loadSettings();
    const keys = paperIds.map((id) => this.keyFor(id, settings));
    const found = await this.deps.cache.get(keys);
    const result: Record<string, DoneEvent> = {};
    for (const entry of found.values()) {
      result[entry.paperId] = doneFromCache(entry, costFor(settings, entry.model, entry.usage));
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
        listener(doneFromCache(hit, costFor(settings, hit.model, hit.usage)));
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
        onUsage: (usage, model) => this.recorder.recordLater(usage, costFor(settings, model, usage)),
        corrections: this.deps.corrections,
        glossary: await this.deps.glossary?.(),
      });
      const cost = costFor(settings, generated.model, generated.usage);
      // The summary is whole and checked: show it now, and store it alongside. Cache reads queue
      // behind this write, so a reload never misses it.
      const stored = Promise.all([
        this.recorder.settled,
        this.deps.cache.put({
          key,
          paperId: paper.id,
          text: generated.text,
          model: generated.model,
          style: generated.style,
          promptVersion: PROMPT_VERSION,
          usage: generated.usage,
          createdAt: generated.createdAt,
          ...(generated.glossaryFindings && { glossaryFindings: generated.glossaryFindings }),
        }),
      ]);
      broadcast({ ...generated, cost, fromCache: false });
      this.deps.onSummarized?.(paper);
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
    const blocked = await spendingBlock(settings, this.deps.ledger, this.now(), { plannedCostUsd });
    if (blocked) return blocked;
    if (!(await this.deps.hasEndpointPermission(settings.baseURL))) return { kind: 'endpointPermission' };
    return null;
  }

  /** A new key or budget may have removed the cause of a halt: batch work goes through again. */
  settingsChanged(): void {
    this.scheduler.liftHalt();
  }

  /** Records one billed answer in the ledger (summaries' and the deep reading's), through the one writer. */
  recordUsage(usage: NonNullable<DoneEvent['usage']>, cost: number | null): Promise<void> {
    return this.recorder.record(usage, cost);
  }
}
