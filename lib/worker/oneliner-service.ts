// The one-liner service: a page's papers get their Korean title and one-line TL;DR in as few
// requests as the model's limits allow. Cached ones come at once; the rest are planned into batches
// (lib/worker/oneliners/batches.ts) run through the summaries' scheduler (its concurrency, waits and
// halts), each answer read as it streams. A paper missing from an answer goes into the next batch,
// up to three times, and is then reported as failed, never dropped. Tabs asking for the same papers
// share the requests; a page that leaves stops what only it was waiting for.
import type OpenAI from 'openai';
import type { OneLinerItem, PaperForGlance, SummaryError, Usage } from '../shared/domain.ts';
import type { GlossaryEntry } from '../shared/glossary/entry.ts';
import type { GlancePortEvent } from '../shared/messages.ts';
import type { Settings } from '../shared/settings.ts';
import type { LruStore } from './cache.ts';
import { describeModel } from './models/catalogue.ts';
import { askForOneLiners } from './oneliners/ask.ts';
import {
  batchLimitsFrom,
  nextOneLinerBatch,
  type OneLinerQueue,
  settleOneLinerBatch,
  startOneLinerQueue,
} from './oneliners/batches.ts';
import { entryFor, itemOf, type OneLinerEntry, oneLinerKeys } from './oneliners/cache.ts';
import type { OneLiner } from './oneliners/parse.ts';
import { type OneLinerInput, oneLinerInput } from './oneliners/prompt.ts';
import { isAbortError, toSummaryError } from './openai/errors.ts';
import type { AttemptResult, RequestScheduler } from './queue.ts';
import { parseInterests } from './ranking/interests.ts';
import type { CorrectionStore } from './request-plan.ts';
import { costFor, type LedgerStore, spendingBlock, type UsageRecorder } from './spending.ts';
import { addUsage, endpointFor } from './stream-answer.ts';
import type { Unsubscribe } from './summary-service.ts';

export type GlanceListener = (event: GlancePortEvent) => void;

export interface OneLinerServiceDeps {
  /** Settings as last seen, for cache look-ups. */
  loadSettings: () => Promise<Settings>;
  /** Settings read from storage now, for requests about to spend. */
  loadFreshSettings?: () => Promise<Settings>;
  hasEndpointPermission: (baseURL: string) => Promise<boolean>;
  ledger: LedgerStore;
  recorder: UsageRecorder;
  cache: LruStore<OneLinerEntry>;
  /** The summaries' scheduler: one concurrency limit and one rate-limit pause for everything. */
  scheduler: RequestScheduler;
  corrections?: CorrectionStore;
  glossary?: () => Promise<readonly GlossaryEntry[]>;
  /** The interests to score in the one-liners; none when embeddings rank instead (RankingService). */
  relevanceInterests: (settings: Settings) => Promise<string[]>;
  /** Injected for tests. */
  ask?: typeof askForOneLiners;
  client?: OpenAI;
  now?: () => number;
}

/** One page's request: what it waits for and what it has been told. */
interface Run {
  listener: GlanceListener;
  total: number;
  answered: Set<string>;
  waitingFor: Set<string>;
  failed: string[];
  error: SummaryError | null;
  usage: Usage | null;
  /** USD so far; null once a request's price was unknown. */
  cost: number | null;
  requests: number;
  finished: boolean;
}

/** A batch sent or about to be: its papers, and those not answered yet. */
interface Batch {
  key: string;
  open: Set<string>;
  /** The pages this batch answered for: each is told it is done once the batch has settled. */
  runs: Set<Run>;
}

/** The papers being asked for under one endpoint, model and set of interests. */
interface Pool {
  signature: string;
  model: string;
  interests: string[];
  queue: OneLinerQueue;
  inputs: Map<string, OneLinerInput>;
  waiters: Map<string, Set<Run>>;
  batches: Set<Batch>;
  concurrency: number;
}

export class OneLinerService {
  private readonly pools = new Map<string, Pool>();
  private readonly now: () => number;
  private sequence = 0;

  constructor(private readonly deps: OneLinerServiceDeps) {
    this.now = deps.now ?? Date.now;
  }

  private fresh(): Promise<Settings> {
    return (this.deps.loadFreshSettings ?? this.deps.loadSettings)();
  }

  /**
   * Cached one-liners for these papers under the current model: scored for the current interests
   * when there is one, else unscored. No request is sent.
   */
  async cached(paperIds: string[]): Promise<Record<string, OneLinerItem>> {
    const settings = await this.deps.loadSettings();
    return this.lookUp(paperIds, settings, parseInterests(settings.interests));
  }

  private async lookUp(
    paperIds: string[],
    settings: Settings,
    interests: string[],
  ): Promise<Record<string, OneLinerItem>> {
    const keys = paperIds.map((id) => oneLinerKeys(id, settings.model, interests));
    const found = await this.deps.cache.getEntries(
      keys.flatMap((key) => (key.scored ? [key.scored, key.plain] : [key.plain])),
    );
    const items: Record<string, OneLinerItem> = {};
    paperIds.forEach((id, index) => {
      const key = keys[index];
      const entry = (key?.scored && found.get(key.scored)) || (key && found.get(key.plain));
      if (entry) items[id] = itemOf(entry, true);
    });
    return items;
  }

  /**
   * One-liners for `papers`, told to `listener` as they come, ending with one `done`. Returns how
   * to leave: papers nobody else waits for are dropped, and a batch nobody waits for is cancelled.
   */
  async subscribe(
    papers: PaperForGlance[],
    options: { force: boolean },
    listener: GlanceListener,
  ): Promise<Unsubscribe> {
    const unique = [...new Map(papers.map((paper) => [paper.id, paper])).values()];
    const run: Run = {
      listener,
      total: unique.length,
      answered: new Set(),
      waitingFor: new Set(),
      failed: [],
      error: null,
      usage: null,
      cost: 0,
      requests: 0,
      finished: false,
    };
    const settings = await this.fresh();
    const interests = await this.deps
      .relevanceInterests(settings)
      .catch(() => parseInterests(settings.interests));

    // Cached ones first. With interests to score, an unscored one is shown but still asked for.
    const ids = unique.map((paper) => paper.id);
    const cached = options.force ? {} : await this.lookUp(ids, settings, interests);
    const shown = Object.values(cached);
    if (shown.length > 0) listener({ type: 'oneLiners', items: shown });
    const wanted = unique.filter((paper) => {
      const item = cached[paper.id];
      const done = item !== undefined && (interests.length === 0 || item.relevance !== null);
      if (done) run.answered.add(paper.id);
      return !done;
    });
    this.progress(run);
    if (wanted.length === 0) {
      this.finish(run);
      return () => {};
    }

    const blocked = await this.blocked(settings);
    if (blocked) {
      run.error = blocked;
      run.failed.push(...wanted.map((paper) => paper.id));
      this.finish(run);
      return () => {};
    }

    const pool = this.poolFor(settings, interests);
    const inFlight = new Set([...pool.batches].flatMap((batch) => [...batch.open]));
    for (const paper of wanted) {
      run.waitingFor.add(paper.id);
      let waiters = pool.waiters.get(paper.id);
      if (!waiters) {
        waiters = new Set();
        pool.waiters.set(paper.id, waiters);
      }
      waiters.add(run);
      pool.inputs.set(paper.id, oneLinerInput(paper));
      // A paper that failed before is asked again for a page that asks again.
      pool.queue = {
        ...pool.queue,
        failed: pool.queue.failed.filter((id) => id !== paper.id),
        pending:
          pool.queue.pending.includes(paper.id) || inFlight.has(paper.id)
            ? pool.queue.pending
            : [...pool.queue.pending, paper.id],
      };
    }
    this.pump(pool);
    return () => this.leave(pool, run);
  }

  /** Why nothing may be sent now (no key, budget, price, permission), or null. */
  private async blocked(settings: Settings): Promise<SummaryError | null> {
    try {
      endpointFor(settings, this.deps.client);
    } catch (error) {
      return toSummaryError(error);
    }
    const spending = await spendingBlock(settings, this.deps.ledger, this.now());
    if (spending) return spending;
    if (!(await this.deps.hasEndpointPermission(settings.baseURL))) return { kind: 'endpointPermission' };
    return null;
  }

  private poolFor(settings: Settings, interests: string[]): Pool {
    const signature = JSON.stringify([settings.baseURL, settings.model, interests]);
    let pool = this.pools.get(signature);
    if (!pool) {
      pool = {
        signature,
        model: settings.model,
        interests,
        queue: startOneLinerQueue([]),
        inputs: new Map(),
        waiters: new Map(),
        batches: new Set(),
        concurrency: settings.concurrency,
      };
      this.pools.set(signature, pool);
    }
    pool.concurrency = settings.concurrency;
    return pool;
  }

  private runsWaitingFor(pool: Pool, ids: Iterable<string>): Set<Run> {
    const runs = new Set<Run>();
    for (const id of ids) for (const run of pool.waiters.get(id) ?? []) runs.add(run);
    return runs;
  }

  /** Starts batches while there are papers pending and room under the concurrency limit. */
  private pump(pool: Pool): void {
    const { limits, reservedOutputTokens } = batchLimitsFrom(describeModel(pool.model));
    while (pool.batches.size < pool.concurrency && pool.queue.pending.length > 0) {
      const inputs = nextOneLinerBatch(pool.queue, pool.inputs, limits, {
        prompt: { mode: 'jsonSchema', interests: pool.interests },
        reservedOutputTokens,
      });
      if (inputs.length === 0) {
        // Pending papers without an input (their page left): nothing to ask.
        pool.queue = { ...pool.queue, pending: [] };
        break;
      }
      const ids = inputs.map((input) => input.id);
      const taken = new Set(ids);
      pool.queue = { ...pool.queue, pending: pool.queue.pending.filter((id) => !taken.has(id)) };
      const batch: Batch = {
        key: `oneliners:${pool.signature}:${++this.sequence}`,
        open: new Set(ids),
        runs: new Set(),
      };
      pool.batches.add(batch);
      this.deps.scheduler.add({
        key: batch.key,
        urgent: true,
        attempt: (signal) => this.attempt(pool, batch, signal),
        onWaiting: (untilMs, error) => {
          for (const run of this.runsWaitingFor(pool, batch.open))
            run.listener({ type: 'waiting', untilMs, error });
        },
        onFinished: (result) => this.settle(pool, batch, ids, result),
      });
    }
    if (pool.batches.size === 0 && pool.queue.pending.length === 0) this.pools.delete(pool.signature);
  }

  private async attempt(pool: Pool, batch: Batch, signal: AbortSignal): Promise<AttemptResult> {
    const settings = await this.fresh();
    const failed = (error: SummaryError): AttemptResult => ({ kind: 'failed', error });
    const blocked = await this.blocked(settings);
    if (blocked) return failed(blocked);
    const inputs = [...batch.open].flatMap((id) => pool.inputs.get(id) ?? []);
    if (inputs.length === 0) return { kind: 'done' };
    const runs = this.runsWaitingFor(pool, batch.open);
    for (const run of runs) {
      run.requests++;
      batch.runs.add(run);
    }
    const { limits } = batchLimitsFrom(describeModel(settings.model));
    const writes: OneLinerEntry[] = [];
    try {
      await (this.deps.ask ?? askForOneLiners)({
        settings,
        endpoint: endpointFor(settings, this.deps.client),
        signal,
        corrections: this.deps.corrections,
        inputs,
        interests: pool.interests,
        glossary: (await this.deps.glossary?.()) ?? [],
        limits,
        onUsage: (usage, model) => {
          const cost = costFor(settings, model, usage);
          this.deps.recorder.recordLater(usage, cost);
          for (const run of runs) {
            run.usage = addUsage(run.usage, usage);
            run.cost = run.cost === null || cost === null ? null : run.cost + cost;
          }
        },
        onEntries: (entries) => writes.push(...this.deliver(pool, batch, entries, settings.model)),
      });
      return { kind: 'done' };
    } catch (error) {
      if (signal.aborted || isAbortError(error)) return failed({ kind: 'unknown', detail: 'aborted' });
      return failed(toSummaryError(error, { apiKey: settings.apiKey, baseURL: settings.baseURL }));
    } finally {
      // One write per answer (not per entry): the cache index is rewritten with each.
      await this.deps.cache
        .putAll(writes)
        .catch((error: unknown) => console.warn('[Daily Papers KO] could not store one-liners', error));
    }
  }

  /** Hands answered papers to the pages waiting for them; returns the cache entries to write. */
  private deliver(pool: Pool, batch: Batch, entries: OneLiner[], model: string): OneLinerEntry[] {
    const createdAt = this.now();
    const written: OneLinerEntry[] = [];
    const byRun = new Map<Run, OneLinerItem[]>();
    for (const oneLiner of entries) {
      if (!batch.open.delete(oneLiner.id)) continue;
      const keys = oneLinerKeys(oneLiner.id, model, pool.interests);
      const entry = entryFor(keys.scored ?? keys.plain, oneLiner, model, createdAt);
      written.push(entry);
      for (const run of pool.waiters.get(oneLiner.id) ?? []) {
        run.waitingFor.delete(oneLiner.id);
        run.answered.add(oneLiner.id);
        byRun.set(run, [...(byRun.get(run) ?? []), itemOf(entry, false)]);
      }
      pool.waiters.delete(oneLiner.id);
      pool.inputs.delete(oneLiner.id);
    }
    for (const [run, items] of byRun) {
      run.listener({ type: 'oneLiners', items });
      this.progress(run);
    }
    return written;
  }

  /** After a batch's final outcome: the missing go back to the queue (or fail), and the pool moves on. */
  private settle(pool: Pool, batch: Batch, ids: string[], result: AttemptResult): void {
    pool.batches.delete(batch);
    const missing = [...batch.open];
    if (result.kind === 'done') {
      const before = new Set(pool.queue.failed);
      pool.queue = settleOneLinerBatch(pool.queue, ids, missing);
      const failedNow = pool.queue.failed.filter((id) => !before.has(id));
      this.fail(pool, failedNow, null);
    } else {
      // Retried as far as the scheduler goes, or a stop (key, quota, budget): what was waiting fails
      // with the reason, and nothing more is asked in this pool until a page asks again.
      const pending = pool.queue.pending;
      pool.queue = { ...pool.queue, pending: [] };
      this.fail(pool, [...missing, ...pending], result.error);
    }
    // Told only now, so the usage of the answer that completed them is in their `done`.
    for (const run of batch.runs) if (run.waitingFor.size === 0) this.finish(run);
    this.pump(pool);
  }

  private fail(pool: Pool, ids: string[], error: SummaryError | null): void {
    const touched = new Set<Run>();
    for (const id of ids) {
      for (const run of pool.waiters.get(id) ?? []) {
        run.waitingFor.delete(id);
        run.failed.push(id);
        if (error) run.error ??= error;
        touched.add(run);
      }
      pool.waiters.delete(id);
      pool.inputs.delete(id);
    }
    for (const run of touched) if (run.waitingFor.size === 0 && !this.inBatch(pool, run)) this.finish(run);
  }

  /** Whether an answer still under way was asked for this run (its usage is still to come). */
  private inBatch(pool: Pool, run: Run): boolean {
    return [...pool.batches].some((batch) => batch.runs.has(run));
  }

  private progress(run: Run): void {
    run.listener({ type: 'progress', answered: run.answered.size, total: run.total, requests: run.requests });
  }

  private finish(run: Run): void {
    if (run.finished) return;
    run.finished = true;
    run.listener({
      type: 'done',
      failedIds: run.failed,
      error: run.error,
      usage: run.usage,
      cost: run.requests === 0 ? null : run.cost,
      requests: run.requests,
    });
  }

  /** The page left (stop, navigation, tab closed): drop what only it was waiting for. */
  private leave(pool: Pool, run: Run): void {
    run.finished = true;
    for (const id of run.waitingFor) {
      const waiters = pool.waiters.get(id);
      waiters?.delete(run);
      if (waiters && waiters.size > 0) continue;
      pool.waiters.delete(id);
      pool.inputs.delete(id);
      pool.queue = { ...pool.queue, pending: pool.queue.pending.filter((pending) => pending !== id) };
    }
    run.waitingFor.clear();
    for (const batch of [...pool.batches]) {
      if ([...batch.open].some((id) => pool.waiters.has(id))) continue;
      pool.batches.delete(batch);
      this.deps.scheduler.cancel(batch.key);
    }
    this.pump(pool);
  }
}
