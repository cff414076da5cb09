// Draws card panels with the lazily loaded panel code: a card the user is waiting on at once, cached
// summaries near the viewport next, the rest after them, in short slices so no task runs long on a
// big page. Nearness comes from an IntersectionObserver, so finding it never forces a layout.
import type { PanelCode, PanelPlacement, PanelProps, PlacePanelOptions } from './lazy-code.ts';
import { createSlicer } from './slices.ts';

interface Job {
  container: HTMLElement;
  draw: () => void;
  urgent: boolean;
}

export class PanelPainter {
  readonly #load: () => Promise<PanelCode>;
  #code: PanelCode | null = null;
  #loading: Promise<PanelCode> | null = null;
  /** In the order they came: page order, for cards restored together. */
  readonly #jobs = new Map<HTMLElement, Job>();
  /** Jobs within a screen of the viewport, as last reported. */
  readonly #near = new Set<Job>();
  #observer: IntersectionObserver | null = null;
  readonly #drawInSlices = createSlicer({
    hasMore: () => this.#code !== null && this.#jobs.size > 0,
    doNext: () => {
      const job = this.#nextJob();
      if (!job) return;
      this.#forget(job.container);
      job.draw();
    },
  });

  constructor(load: () => Promise<PanelCode>) {
    this.#load = load;
  }

  /** Loads the panel code (once), then draws what waits for it. */
  prepare(): Promise<PanelCode> {
    this.#loading ??= this.#load().then(
      (code) => {
        this.#code = code;
        this.#run();
        return code;
      },
      (error: unknown) => {
        this.#loading = null;
        console.warn('[Daily Papers KO] could not load the panel code', error);
        throw error;
      },
    );
    return this.#loading;
  }

  /** Queues a panel's first drawing; returns the function that takes it off the queue. */
  schedule(container: HTMLElement, draw: () => void, options: { urgent: boolean }): () => void {
    const job: Job = { container, draw, urgent: options.urgent };
    this.#forget(container);
    this.#jobs.set(container, job);
    if (!job.urgent) this.#observe(container);
    if (this.#code) this.#run();
    else void this.prepare().catch(() => undefined);
    return () => {
      if (this.#jobs.get(container) === job) this.#forget(container);
    };
  }

  /** Draws a panel that was drawn before (the panel code is in). */
  draw(container: HTMLElement, props: PanelProps): void {
    this.#code?.drawPanel(container, props);
  }

  /** Where a drawn panel goes (the panel code is in, so never null after a drawing). */
  place(options: PlacePanelOptions): PanelPlacement | null {
    return this.#code?.placePanel(options) ?? null;
  }

  clear(container: HTMLElement): void {
    this.#code?.drawPanel(container, null);
  }

  #observe(container: HTMLElement): void {
    this.#observer ??= new IntersectionObserver(
      (entries) => {
        for (const entry of entries) {
          const job = this.#jobs.get(entry.target as HTMLElement);
          if (!job) continue;
          if (entry.isIntersecting) this.#near.add(job);
          else this.#near.delete(job);
        }
        this.#drawInSlices();
      },
      { rootMargin: '100% 0px' },
    );
    this.#observer.observe(container);
  }

  #forget(container: HTMLElement): void {
    const job = this.#jobs.get(container);
    if (!job) return;
    this.#jobs.delete(container);
    this.#near.delete(job);
    this.#observer?.unobserve(container);
  }

  #run(): void {
    // What the user is waiting on is drawn in this task, whatever it costs.
    for (const job of [...this.#jobs.values()]) {
      if (!job.urgent) continue;
      this.#forget(job.container);
      job.draw();
    }
    this.#drawInSlices();
  }

  /** The next panel to draw: near the viewport first, then in page order. */
  #nextJob(): Job | undefined {
    for (const job of this.#near) return job;
    for (const job of this.#jobs.values()) return job;
    return undefined;
  }
}
