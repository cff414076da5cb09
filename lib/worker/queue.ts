// Schedules summary requests in the background: a concurrency limit, waits the endpoint asks for,
// jittered backoff otherwise, less concurrency while the endpoint pushes back, and a hard stop on
// exhausted quota or budget. Knows nothing of OpenAI or the cache: tasks are functions.
import type { SummaryError } from '../shared/domain.ts';

export type AttemptResult = { kind: 'done' } | { kind: 'failed'; error: SummaryError };

export interface ScheduledTask {
  key: string;
  /** A click on one card goes before a whole-page run's remaining papers. */
  urgent: boolean;
  attempt(signal: AbortSignal): Promise<AttemptResult>;
  /** A retry is planned for `untilMs` (epoch ms); the panel shows the countdown. */
  onWaiting(untilMs: number, error: SummaryError): void;
  /** The task's final outcome, after any retries. Not called when it was cancelled. */
  onFinished(result: AttemptResult): void;
}

export interface SchedulerOptions {
  maxConcurrency: () => number;
  maxAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  random?: () => number;
  now?: () => number;
}

/** Errors where the same request may succeed later; the summary's own output check already retried. */
const RETRYABLE = new Set<SummaryError['kind']>([
  'rateLimited',
  'server',
  'network',
  'timeout',
  'streamBroken',
]);
/** Worth another try as is: the same request may well succeed. Never for auth, quota or model errors. */
export function isRetryable(error: SummaryError): boolean {
  return RETRYABLE.has(error.kind);
}

/** Errors that make every other queued request pointless. */
const STOPS_EVERYTHING = new Set<SummaryError['kind']>([
  'quota',
  'budget',
  'priceUnknown',
  'noKey',
  'badKey',
  'auth',
  'originBlocked',
]);

/** How long a whole-page run stays stopped after quota, budget or key errors. A click still goes through. */
const HALT_MS = 30_000;

/** Full jitter: a random wait up to an exponentially growing cap (AWS architecture blog's advice). */
export function backoffDelay(attempt: number, random: () => number, baseMs = 1_000, maxMs = 60_000): number {
  const cap = Math.min(maxMs, baseMs * 2 ** (attempt - 1));
  return Math.round(cap / 2 + random() * (cap / 2));
}

interface Entry {
  task: ScheduledTask;
  attempts: number;
}

export class RequestScheduler {
  private readonly pending: Entry[] = [];
  private readonly running = new Map<string, { entry: Entry; controller: AbortController }>();
  private readonly waiting = new Map<string, { entry: Entry; timer: ReturnType<typeof setTimeout> }>();
  private pausedUntil = 0;
  private pauseTimer: ReturnType<typeof setTimeout> | null = null;
  private limit: number;
  private successesSinceThrottle = 0;
  /** After a quota, budget or key failure, batch work arriving late is refused too, for a while. */
  private halt: { until: number; error: SummaryError } | null = null;
  private readonly options: Required<SchedulerOptions>;

  constructor(options: SchedulerOptions) {
    this.options = {
      maxAttempts: 4,
      baseDelayMs: 1_000,
      maxDelayMs: 60_000,
      random: Math.random,
      now: Date.now,
      ...options,
    };
    this.limit = this.options.maxConcurrency();
  }

  /** Adds a task unless one with the same key is already queued, waiting or running. */
  add(task: ScheduledTask): boolean {
    if (this.has(task.key)) return false;
    if (!task.urgent && this.halt && this.options.now() < this.halt.until) {
      task.onFinished({ kind: 'failed', error: this.halt.error });
      return true;
    }
    this.insert({ task, attempts: 0 });
    this.pump();
    return true;
  }

  has(key: string): boolean {
    return this.running.has(key) || this.waiting.has(key) || this.pending.some((e) => e.task.key === key);
  }

  /** Drops a task wherever it is; a running request is aborted. */
  cancel(key: string): void {
    const index = this.pending.findIndex((e) => e.task.key === key);
    if (index !== -1) this.pending.splice(index, 1);
    const waiting = this.waiting.get(key);
    if (waiting) {
      clearTimeout(waiting.timer);
      this.waiting.delete(key);
    }
    this.running.get(key)?.controller.abort();
    this.running.delete(key);
    this.pump();
  }

  get stats() {
    return {
      queued: this.pending.length,
      waiting: this.waiting.size,
      running: this.running.size,
      concurrency: this.currentLimit(),
      pausedUntil: this.pausedUntil,
    };
  }

  private currentLimit(): number {
    return Math.max(1, Math.min(this.limit, this.options.maxConcurrency()));
  }

  private insert(entry: Entry, front = false): void {
    if (front || entry.task.urgent) {
      const firstNonUrgent = this.pending.findIndex((e) => !e.task.urgent);
      const at = front ? 0 : firstNonUrgent === -1 ? this.pending.length : firstNonUrgent;
      this.pending.splice(at, 0, entry);
    } else {
      this.pending.push(entry);
    }
  }

  private pump(): void {
    const now = this.options.now();
    if (now < this.pausedUntil) {
      this.schedulePumpAt(this.pausedUntil);
      return;
    }
    while (this.running.size < this.currentLimit()) {
      const entry = this.pending.shift();
      if (!entry) return;
      this.start(entry);
    }
  }

  private schedulePumpAt(when: number): void {
    if (this.pauseTimer) return;
    this.pauseTimer = setTimeout(
      () => {
        this.pauseTimer = null;
        this.pump();
      },
      Math.max(0, when - this.options.now()),
    );
  }

  private start(entry: Entry): void {
    const controller = new AbortController();
    const key = entry.task.key;
    entry.attempts++;
    this.running.set(key, { entry, controller });
    entry.task.attempt(controller.signal).then(
      (result) => this.settle(entry, controller, result),
      (error: unknown) =>
        this.settle(entry, controller, {
          kind: 'failed',
          error: { kind: 'unknown', detail: error instanceof Error ? error.message : String(error) },
        }),
    );
  }

  private settle(entry: Entry, controller: AbortController, result: AttemptResult): void {
    const key = entry.task.key;
    // Cancelled meanwhile: nobody is waiting for this outcome.
    if (controller.signal.aborted || this.running.get(key)?.controller !== controller) return;
    this.running.delete(key);

    if (result.kind === 'done') {
      this.noteSuccess();
      entry.task.onFinished(result);
    } else if (STOPS_EVERYTHING.has(result.error.kind)) {
      entry.task.onFinished(result);
      this.failEverything(result.error);
    } else if (isRetryable(result.error) && entry.attempts < this.options.maxAttempts) {
      this.retryLater(entry, result.error);
    } else {
      entry.task.onFinished(result);
    }
    this.pump();
  }

  private noteSuccess(): void {
    this.successesSinceThrottle++;
    // Earn concurrency back slowly once the endpoint stops pushing back.
    if (this.limit < this.options.maxConcurrency() && this.successesSinceThrottle >= 3) {
      this.limit++;
      this.successesSinceThrottle = 0;
    }
  }

  private retryLater(entry: Entry, error: SummaryError): void {
    const now = this.options.now();
    let delay: number;
    if (error.kind === 'rateLimited') {
      this.limit = Math.max(1, Math.floor(this.currentLimit() / 2));
      this.successesSinceThrottle = 0;
      delay =
        error.retryAfterMs ??
        backoffDelay(entry.attempts, this.options.random, this.options.baseDelayMs, this.options.maxDelayMs);
      // A rate limit is the endpoint's, not this request's: nothing new starts before it lifts.
      this.pausedUntil = Math.max(this.pausedUntil, now + delay);
    } else {
      delay = backoffDelay(
        entry.attempts,
        this.options.random,
        this.options.baseDelayMs,
        this.options.maxDelayMs,
      );
    }
    const until = now + delay;
    entry.task.onWaiting(until, error);
    const timer = setTimeout(() => {
      this.waiting.delete(entry.task.key);
      this.insert(entry, true);
      this.pump();
    }, delay);
    this.waiting.set(entry.task.key, { entry, timer });
  }

  private failEverything(error: SummaryError): void {
    this.halt = { until: this.options.now() + HALT_MS, error };
    const stopped = [...this.pending, ...[...this.waiting.values()].map((w) => w.entry)];
    this.pending.length = 0;
    for (const { timer } of this.waiting.values()) clearTimeout(timer);
    this.waiting.clear();
    for (const entry of stopped) entry.task.onFinished({ kind: 'failed', error });
  }

  /**
   * The cause of a halt may be gone (a new key, a higher budget): batch work goes through again.
   * Called when the settings change.
   */
  liftHalt(): void {
    this.halt = null;
  }
}
