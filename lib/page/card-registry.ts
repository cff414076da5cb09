// The page's papers, one CardController each: every card showing a paper is a view of its controller.
// New papers are looked up in the cache in one batch (and joined if a request for them is still
// under way); a paper whose cards all went away is kept a moment, so a card the page re-renders, or
// a period the user switches back to, carries on where it was.
import { type DoneEvent, REJOIN_GRACE_MS } from '../shared/messages.ts';
import { CardController, type CardControllerDeps, type SummarizeOptions } from './card-controller.ts';
import { isBusy } from './panel-state.ts';

/** Finished summaries for these papers, and those still being summarised. */
export type FetchCached = (
  paperIds: string[],
) => Promise<{ summaries: Record<string, DoneEvent>; inFlight: string[] }>;

export interface PageProgress {
  total: number;
  done: number;
  busy: number;
  failed: number;
}

interface Entry {
  controller: CardController;
  /** Cards showing this paper now. */
  views: number;
  /** Set while no card shows the paper: when it runs, the paper is let go. */
  releaseTimer?: ReturnType<typeof setTimeout>;
}

/** `run`, called at most once per task however often the returned function is called in it. */
function oncePerTask(run: () => void): () => void {
  let queued = false;
  return () => {
    if (queued) return;
    queued = true;
    queueMicrotask(() => {
      queued = false;
      run();
    });
  };
}

export class CardRegistry {
  /** In page order of first appearance. */
  readonly #entries = new Map<string, Entry>();
  readonly #listeners = new Set<() => void>();
  readonly #awaitingCache = new Set<string>();
  /** One cache lookup for every paper added in this task, sent before the page lays them out. */
  readonly #lookUpCache = oncePerTask(() => void this.#restoreFromCache());
  /** Listeners hear once per task, however many cards came, went or changed in it. */
  readonly #notify = oncePerTask(() => {
    for (const listener of this.#listeners) listener();
  });

  readonly #controllerDeps: CardControllerDeps;
  readonly #fetchCached: FetchCached;

  constructor(controllerDeps: CardControllerDeps, fetchCached: FetchCached) {
    this.#controllerDeps = controllerDeps;
    this.#fetchCached = fetchCached;
  }

  /**
   * Cards for these papers were found and are about to be shown: their cache lookup goes out now,
   * in one request, even for cards whose button comes in a later slice.
   */
  expect(paperIds: readonly string[]): void {
    for (const paperId of paperIds) {
      const entry = this.#entry(paperId);
      // Let go if no card ever shows it (the page changed before its turn came).
      if (entry.views === 0) this.#releaseLater(entry);
    }
  }

  /**
   * A card showing this paper appeared: returns the paper's controller (new, or the one its other
   * cards, or a card that just went away, were using) and the function to call when the card goes.
   */
  attach(paperId: string): { controller: CardController; detach: () => void } {
    const attached = this.#entry(paperId);
    clearTimeout(attached.releaseTimer);
    attached.releaseTimer = undefined;
    attached.views++;
    this.#notify();
    let detached = false;
    const detach = () => {
      if (detached) return;
      detached = true;
      attached.views--;
      if (attached.views === 0) this.#releaseLater(attached);
      this.#notify();
    };
    return { controller: attached.controller, detach };
  }

  #entry(paperId: string): Entry {
    let entry = this.#entries.get(paperId);
    if (!entry) {
      const controller = new CardController(paperId, this.#controllerDeps);
      controller.subscribe(this.#notify);
      entry = { controller, views: 0 };
      this.#entries.set(paperId, entry);
      this.#awaitingCache.add(paperId);
      this.#lookUpCache();
    }
    return entry;
  }

  #releaseLater(entry: Entry): void {
    clearTimeout(entry.releaseTimer);
    entry.releaseTimer = setTimeout(() => this.#release(entry), REJOIN_GRACE_MS);
  }

  /** Hears once per task that papers came, went or changed state. */
  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** The controllers of the papers cards show now, in page order. */
  all(): CardController[] {
    const shown: CardController[] = [];
    for (const entry of this.#entries.values()) if (entry.views > 0) shown.push(entry.controller);
    return shown;
  }

  get(paperId: string): CardController | undefined {
    const entry = this.#entries.get(paperId);
    return entry && entry.views > 0 ? entry.controller : undefined;
  }

  progress(): PageProgress {
    const progress = { total: 0, done: 0, busy: 0, failed: 0 };
    for (const { views, controller } of this.#entries.values()) {
      if (views === 0) continue;
      const state = controller.state;
      progress.total++;
      if (state.phase === 'done') progress.done++;
      else if (state.phase === 'error') progress.failed++;
      else if (isBusy(state)) progress.busy++;
    }
    return progress;
  }

  /** Queues every shown paper without a summary, in the given order. Returns the ids it queued. */
  summarizeAll(order: string[]): string[] {
    const queued: string[] = [];
    const batch: SummarizeOptions = { force: false, batch: true };
    for (const paperId of order) {
      const controller = this.get(paperId);
      if (!controller || controller.state.phase === 'done' || isBusy(controller.state)) continue;
      controller.summarize(batch);
      queued.push(paperId);
    }
    return queued;
  }

  /**
   * Stops every busy paper. Queued ones go first: stopping the running request first would free a
   * slot, and the background would start the next queued paper before its own stop arrived.
   */
  cancelAll(): void {
    const busy = this.all().filter((controller) => isBusy(controller.state));
    const running = busy.filter((c) => c.state.phase === 'streaming' || c.state.phase === 'retrying');
    for (const controller of busy.filter((c) => !running.includes(c)).reverse()) controller.stop();
    for (const controller of running) controller.stop();
  }

  /** Lets go of every paper at once (the script is being torn down). */
  clear(): void {
    for (const entry of this.#entries.values()) {
      clearTimeout(entry.releaseTimer);
      entry.controller.dispose();
    }
    this.#entries.clear();
  }

  #release(entry: Entry): void {
    if (entry.views > 0 || this.#entries.get(entry.controller.paperId) !== entry) return;
    this.#entries.delete(entry.controller.paperId);
    entry.controller.dispose();
  }

  async #restoreFromCache(): Promise<void> {
    const ids = [...this.#awaitingCache];
    this.#awaitingCache.clear();
    if (ids.length === 0) return;
    try {
      const { summaries, inFlight } = await this.#fetchCached(ids);
      for (const [paperId, done] of Object.entries(summaries)) {
        this.#entries.get(paperId)?.controller.restore(done);
      }
      // Still being summarised (the page was reloaded mid-stream): join the request under way.
      for (const paperId of inFlight) {
        const controller = this.#entries.get(paperId)?.controller;
        if (controller?.state.phase === 'idle') controller.summarize({ force: false, batch: true });
      }
    } catch (error) {
      // Without the cache the cards still work: they just ask the endpoint when clicked.
      console.warn('[Daily Papers KO] could not read cached summaries', error);
    }
  }
}
