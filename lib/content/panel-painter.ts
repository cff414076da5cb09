// Draws card panels with the lazily loaded panel code: a card the user is waiting on at once, cached
// summaries near the viewport next, the rest in idle slices, so no task runs long on a big page.
import type { PanelCode, PanelProps } from './lazy-code.ts';

interface Job {
  container: HTMLElement;
  draw: () => void;
  urgent: boolean;
}

/** Work per slice: short enough that the frame it runs in still has time to lay out and paint. */
const SLICE_MS = 8;

export class PanelPainter {
  #code: PanelCode | null = null;
  #loading: Promise<void> | null = null;
  readonly #jobs = new Set<Job>();
  #sorted: Job[] = [];
  #slicePending = false;

  readonly #load: () => Promise<PanelCode>;

  constructor(load: () => Promise<PanelCode>) {
    this.#load = load;
  }

  /** Starts loading the panel code now (a summary is about to be needed). */
  prepare(): Promise<PanelCode> {
    this.#loading ??= this.#load().then(
      (code) => {
        this.#code = code;
        this.#run();
      },
      (error: unknown) => {
        this.#loading = null;
        console.warn('[Daily Papers KO] could not load the panel code', error);
      },
    );
    return this.#loading.then(() => {
      if (!this.#code) throw new Error('panel code unavailable');
      return this.#code;
    });
  }

  /** Queues a panel's first drawing; returns the function that takes it off the queue. */
  schedule(container: HTMLElement, draw: () => void, options: { urgent: boolean }): () => void {
    const job: Job = { container, draw, urgent: options.urgent };
    this.#jobs.add(job);
    this.#sorted = [];
    if (this.#code) this.#run();
    else void this.prepare().catch(() => undefined);
    return () => this.#jobs.delete(job);
  }

  /** Draws a panel that was drawn before (the panel code is in). */
  draw(container: HTMLElement, props: PanelProps): void {
    this.#code?.drawPanel(container, props);
  }

  clear(container: HTMLElement): void {
    this.#code?.drawPanel(container, null);
  }

  #run(): void {
    // What the user is waiting on is drawn in this task, whatever it costs.
    for (const job of this.#jobs) {
      if (!job.urgent) continue;
      this.#jobs.delete(job);
      job.draw();
    }
    this.#scheduleSlice();
  }

  #scheduleSlice(): void {
    if (this.#slicePending || this.#jobs.size === 0) return;
    this.#slicePending = true;
    const next = this.#order()[0];
    if (next && isNearViewport(next.container)) {
      setTimeout(() => this.#slice(performance.now() + SLICE_MS), 0);
    } else {
      requestIdleCallback((deadline) => this.#slice(performance.now() + deadline.timeRemaining()), {
        timeout: 500,
      });
    }
  }

  /** Jobs by distance from the viewport; measured once per batch of new jobs. */
  #order(): Job[] {
    if (this.#sorted.length === 0 && this.#jobs.size > 0) {
      const distance = new Map<Job, number>();
      const height = window.innerHeight;
      for (const job of this.#jobs) {
        const rect = job.container.getBoundingClientRect();
        distance.set(job, rect.bottom < 0 ? -rect.bottom : Math.max(0, rect.top - height));
      }
      this.#sorted = [...this.#jobs].sort((a, b) => (distance.get(a) ?? 0) - (distance.get(b) ?? 0));
    }
    this.#sorted = this.#sorted.filter((job) => this.#jobs.has(job));
    return this.#sorted;
  }

  #slice(until: number): void {
    this.#slicePending = false;
    const jobs = this.#order();
    // At least one per slice, so a busy page still makes progress.
    let drawn = 0;
    for (const job of jobs) {
      if (drawn > 0 && performance.now() >= until) break;
      this.#jobs.delete(job);
      job.draw();
      drawn++;
    }
    this.#scheduleSlice();
  }
}

/** Within a screen's height of the viewport. */
function isNearViewport(element: HTMLElement): boolean {
  const rect = element.getBoundingClientRect();
  return rect.bottom > -window.innerHeight && rect.top < window.innerHeight * 2;
}
