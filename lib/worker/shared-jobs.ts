// Work the background streams to pages, one job per key shared by every page that asks: a page that
// asks for what is under way joins it (and is told where it is); when the last page leaves, the job
// is cancelled (queued) or aborted (running), at once or, when the page went without saying stop
// (a card re-rendered, a tab closed), after REJOIN_GRACE_MS unless someone joins again. Jobs run
// through the request scheduler (concurrency, waits the endpoint asks for, retries).
import type { SummaryError } from '../shared/domain.ts';
import { REJOIN_GRACE_MS } from '../shared/messages.ts';
import type { AttemptResult, RequestScheduler } from './queue.ts';

/** How to leave a job; `linger`: the page went without saying stop, so the job may be rejoined. */
export type Unsubscribe = (options?: { linger?: boolean }) => void;

/** The events every job sends, whatever it streams. */
export type JobStatusEvent =
  | { type: 'queued' }
  | { type: 'waiting'; untilMs: number; error: SummaryError }
  | { type: 'error'; error: SummaryError };

interface Job<E> {
  key: string;
  listeners: Set<(event: E) => void>;
  /** The latest status, replayed to a page that joins. */
  status: E;
  /** The latest text so far, replayed too; dropped when an attempt starts over. */
  progress: E | null;
  orphanTimer?: ReturnType<typeof setTimeout>;
}

export interface JobTask<E> {
  /** A click goes before a whole-page run's remaining papers. */
  urgent: boolean;
  /** One attempt; `broadcast` sends an event to everyone reading the job. */
  attempt(signal: AbortSignal, broadcast: (event: E) => void): Promise<AttemptResult>;
}

export class SharedJobs<E extends { type: string }> {
  private readonly jobs = new Map<string, Job<E>>();

  /** `status` turns the common events into the stream's own type (an identity that type-checks). */
  constructor(
    private readonly scheduler: RequestScheduler,
    private readonly status: (event: JobStatusEvent) => E,
  ) {}

  has(key: string): boolean {
    return this.jobs.has(key);
  }

  /** Joins the job under way for `key`, replaying where it is; null when there is none. */
  join(key: string, listener: (event: E) => void): Unsubscribe | null {
    const job = this.jobs.get(key);
    if (!job) return null;
    clearTimeout(job.orphanTimer);
    job.orphanTimer = undefined;
    job.listeners.add(listener);
    listener(job.status);
    if (job.progress) listener(job.progress);
    return (options) => this.leave(job, listener, options?.linger ?? false);
  }

  /** Starts a job for `key` (there must be none under way: join first). */
  start(key: string, listener: (event: E) => void, task: JobTask<E>): Unsubscribe {
    const queued = this.status({ type: 'queued' });
    const job: Job<E> = { key, listeners: new Set([listener]), status: queued, progress: null };
    this.jobs.set(key, job);
    this.broadcast(job, queued);
    const broadcast = (event: E) => this.broadcast(job, event);
    this.scheduler.add({
      key,
      urgent: task.urgent,
      attempt: (signal) => {
        job.progress = null;
        return task.attempt(signal, broadcast);
      },
      onWaiting: (untilMs, error) => broadcast(this.status({ type: 'waiting', untilMs, error })),
      onFinished: (result) => {
        if (result.kind === 'failed') broadcast(this.status({ type: 'error', error: result.error }));
        if (this.jobs.get(key) === job) this.jobs.delete(key);
      },
    });
    return (options) => this.leave(job, listener, options?.linger ?? false);
  }

  private leave(job: Job<E>, listener: (event: E) => void, linger: boolean): void {
    job.listeners.delete(listener);
    if (job.listeners.size > 0) return;
    // Nobody has joined again (or the job ended) by the time this runs: let it go.
    const cancel = () => {
      if (job.listeners.size > 0 || this.jobs.get(job.key) !== job) return;
      this.jobs.delete(job.key);
      this.scheduler.cancel(job.key);
    };
    clearTimeout(job.orphanTimer);
    if (linger) job.orphanTimer = setTimeout(cancel, REJOIN_GRACE_MS);
    else cancel();
  }

  private broadcast(job: Job<E>, event: E): void {
    if (event.type === 'progress') job.progress = event;
    else if (event.type === 'retrying') job.progress = null;
    else job.status = event;
    for (const listener of job.listeners) listener(event);
  }
}
