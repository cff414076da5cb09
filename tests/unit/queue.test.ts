import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SummaryError } from '../../lib/shared/domain.ts';
import {
  type AttemptResult,
  backoffDelay,
  RequestScheduler,
  type ScheduledTask,
} from '../../lib/worker/queue.ts';

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(0);
});
afterEach(() => vi.useRealTimers());

/** A task whose attempts the test resolves by hand, recording what the scheduler did with it. */
function controllableTask(key: string, urgent = false) {
  const attempts: { resolve: (r: AttemptResult) => void; signal: AbortSignal; startedAt: number }[] = [];
  const waits: { until: number; error: SummaryError }[] = [];
  const finished: AttemptResult[] = [];
  const task: ScheduledTask = {
    key,
    urgent,
    attempt: (signal) =>
      new Promise((resolve) => {
        attempts.push({ resolve, signal, startedAt: Date.now() });
      }),
    onWaiting: (until, error) => waits.push({ until, error }),
    onFinished: (result) => finished.push(result),
  };
  return { task, attempts, waits, finished };
}

const done: AttemptResult = { kind: 'done' };
const failed = (error: SummaryError): AttemptResult => ({ kind: 'failed', error });

describe('RequestScheduler', () => {
  it('never runs more than the limit at once, and finishes everything', async () => {
    const scheduler = new RequestScheduler({ maxConcurrency: () => 3 });
    const tasks = Array.from({ length: 10 }, (_, i) => controllableTask(`p${i}`));
    for (const t of tasks) scheduler.add(t.task);
    let maxRunning = 0;
    for (let round = 0; round < 10; round++) {
      maxRunning = Math.max(maxRunning, scheduler.stats.running);
      const next = tasks.find((t) => t.attempts.length === 1 && t.finished.length === 0);
      next?.attempts[0]?.resolve(done);
      await vi.advanceTimersByTimeAsync(0);
    }
    expect(maxRunning).toBe(3);
    expect(tasks.every((t) => t.finished.length === 1)).toBe(true);
  });

  it('keeps page order, with a click on one card going first', async () => {
    const scheduler = new RequestScheduler({ maxConcurrency: () => 1 });
    const order: string[] = [];
    const make = (key: string, urgent = false): ScheduledTask => ({
      key,
      urgent,
      attempt: async () => {
        order.push(key);
        return done;
      },
      onWaiting: () => {},
      onFinished: () => {},
    });
    scheduler.add(make('a'));
    scheduler.add(make('b'));
    scheduler.add(make('c'));
    scheduler.add(make('clicked', true));
    await vi.runAllTimersAsync();
    expect(order).toEqual(['a', 'clicked', 'b', 'c']);
  });

  it('does not queue the same paper twice', () => {
    const scheduler = new RequestScheduler({ maxConcurrency: () => 1 });
    expect(scheduler.add(controllableTask('same').task)).toBe(true);
    expect(scheduler.add(controllableTask('same').task)).toBe(false);
    expect(scheduler.add(controllableTask('other').task)).toBe(true);
    expect(scheduler.stats).toMatchObject({ running: 1, queued: 1 });
  });

  it('waits exactly as long as the endpoint asked, and starts nothing else meanwhile', async () => {
    const scheduler = new RequestScheduler({ maxConcurrency: () => 2 });
    const first = controllableTask('first');
    const second = controllableTask('second');
    const third = controllableTask('third');
    scheduler.add(first.task);
    scheduler.add(second.task);
    scheduler.add(third.task);
    first.attempts[0]?.resolve(failed({ kind: 'rateLimited', retryAfterMs: 7_000 }));
    await vi.advanceTimersByTimeAsync(0);
    expect(first.waits).toEqual([{ until: 7_000, error: { kind: 'rateLimited', retryAfterMs: 7_000 } }]);
    second.attempts[0]?.resolve(done);
    await vi.advanceTimersByTimeAsync(6_999);
    expect(third.attempts).toHaveLength(0);
    expect(first.attempts).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(first.attempts).toHaveLength(2);
    expect(first.attempts[1]?.startedAt).toBe(7_000);
  });

  it('halves concurrency on a rate limit and earns it back after successes', async () => {
    const scheduler = new RequestScheduler({ maxConcurrency: () => 4 });
    const tasks = Array.from({ length: 12 }, (_, i) => controllableTask(`p${i}`));
    for (const t of tasks) scheduler.add(t.task);
    tasks[0]?.attempts[0]?.resolve(failed({ kind: 'rateLimited', retryAfterMs: 1_000 }));
    await vi.advanceTimersByTimeAsync(0);
    expect(scheduler.stats.concurrency).toBe(2);
    for (const t of tasks.slice(1, 4)) t.attempts[0]?.resolve(done);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(scheduler.stats.concurrency).toBe(3);
  });

  it('backs off with jitter when no wait was given', async () => {
    const scheduler = new RequestScheduler({ maxConcurrency: () => 1, random: () => 0.5 });
    const task = controllableTask('flaky');
    scheduler.add(task.task);
    task.attempts[0]?.resolve(failed({ kind: 'server' }));
    await vi.advanceTimersByTimeAsync(0);
    expect(task.waits[0]?.until).toBe(backoffDelay(1, () => 0.5));
    await vi.advanceTimersByTimeAsync(task.waits[0]?.until ?? 0);
    task.attempts[1]?.resolve(failed({ kind: 'server' }));
    await vi.advanceTimersByTimeAsync(0);
    expect((task.waits[1]?.until ?? 0) - Date.now()).toBe(backoffDelay(2, () => 0.5));
  });

  it('gives up after the last attempt with the error', async () => {
    const scheduler = new RequestScheduler({ maxConcurrency: () => 1, maxAttempts: 2, random: () => 0 });
    const task = controllableTask('down');
    scheduler.add(task.task);
    task.attempts[0]?.resolve(failed({ kind: 'server' }));
    await vi.runAllTimersAsync();
    task.attempts[1]?.resolve(failed({ kind: 'server' }));
    await vi.runAllTimersAsync();
    expect(task.finished).toEqual([failed({ kind: 'server' })]);
  });

  it('stops the whole queue on exhausted quota instead of retrying', async () => {
    const scheduler = new RequestScheduler({ maxConcurrency: () => 1 });
    const tasks = Array.from({ length: 4 }, (_, i) => controllableTask(`p${i}`));
    for (const t of tasks) scheduler.add(t.task);
    tasks[0]?.attempts[0]?.resolve(failed({ kind: 'quota' }));
    await vi.runAllTimersAsync();
    for (const t of tasks) expect(t.finished).toEqual([failed({ kind: 'quota' })]);
    expect(tasks.slice(1).every((t) => t.attempts.length === 0)).toBe(true);
    expect(scheduler.stats).toMatchObject({ queued: 0, running: 0, waiting: 0 });
    // Batch work arriving just after the stop is refused too; an explicit click still goes out.
    const late = controllableTask('late');
    scheduler.add(late.task);
    expect(late.finished).toEqual([failed({ kind: 'quota' })]);
    const clicked = controllableTask('clicked', true);
    scheduler.add(clicked.task);
    expect(clicked.attempts).toHaveLength(1);
  });

  it('aborts a running request when it is cancelled, and reports nothing for it', async () => {
    const scheduler = new RequestScheduler({ maxConcurrency: () => 1 });
    const task = controllableTask('gone');
    const next = controllableTask('next');
    scheduler.add(task.task);
    scheduler.add(next.task);
    scheduler.cancel('gone');
    expect(task.attempts[0]?.signal.aborted).toBe(true);
    task.attempts[0]?.resolve(done);
    await vi.advanceTimersByTimeAsync(0);
    expect(task.finished).toEqual([]);
    expect(next.attempts).toHaveLength(1);
  });
});

describe('backoffDelay', () => {
  it('grows exponentially within its cap, never below half of it', () => {
    expect(backoffDelay(1, () => 0)).toBe(500);
    expect(backoffDelay(1, () => 1)).toBe(1_000);
    expect(backoffDelay(4, () => 1)).toBe(8_000);
    expect(backoffDelay(20, () => 1)).toBe(60_000);
  });
});
