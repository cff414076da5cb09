// The page's cards as one collection: the whole-page run and progress read it, and cached summaries
// are fetched for newly mounted cards in one batch.
import { type DoneEvent, REJOIN_GRACE_MS } from '../messages.ts';
import { isBusy, type PanelState } from './panel-state.ts';

export interface RegisteredCard {
  paperId: string;
  state: PanelState;
  summarize: (options: { force: boolean; batch: boolean }) => void;
  stop: () => void;
  restore: (done: DoneEvent) => void;
}

export type FetchCached = (paperIds: string[]) => Promise<Record<string, DoneEvent>>;

export interface PageProgress {
  total: number;
  done: number;
  busy: number;
  failed: number;
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
  private readonly cards = new Map<string, RegisteredCard>();
  private readonly listeners = new Set<() => void>();
  private readonly awaitingCache = new Set<string>();
  /** Cards that went away mid-summary, and when: if they come back soon, they carry on. */
  private readonly leftBusy = new Map<string, number>();
  /** One cache lookup for every card added in this task, sent before the page lays them out. */
  private readonly lookUpCache = oncePerTask(() => void this.restoreFromCache());
  /** Listeners hear once per task, however many cards registered or reported in it. */
  private readonly notify = oncePerTask(() => {
    for (const listener of this.listeners) listener();
  });

  constructor(
    private readonly fetchCached: FetchCached,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Adds a card, or replaces the entry for its paper (a dormant card's panel mounting). Unless told
   * not to (`checkCache: false`, when that was already done), a new card rejoins a summary it was
   * streaming before the page re-rendered it, or else is looked up in the cache.
   */
  register(card: RegisteredCard, options: { checkCache?: boolean } = {}): () => void {
    this.cards.set(card.paperId, card);
    const leftAt = this.leftBusy.get(card.paperId);
    this.leftBusy.delete(card.paperId);
    if (options.checkCache === false) {
      // Nothing to look up.
    } else if (leftAt !== undefined && this.now() - leftAt < REJOIN_GRACE_MS) {
      // The page re-rendered this card while its summary was coming: rejoin the same request.
      card.summarize({ force: false, batch: true });
    } else {
      this.awaitingCache.add(card.paperId);
      this.lookUpCache();
    }
    this.notify();
    return () => {
      if (this.cards.get(card.paperId) !== card) return;
      this.cards.delete(card.paperId);
      if (isBusy(card.state)) this.leftBusy.set(card.paperId, this.now());
      this.notify();
    };
  }

  /** Cards report every state change so progress can be counted. */
  report(paperId: string, state: PanelState): void {
    const card = this.cards.get(paperId);
    if (!card || card.state === state) return;
    card.state = state;
    this.notify();
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  all(): RegisteredCard[] {
    return [...this.cards.values()];
  }

  progress(): PageProgress {
    const cards = this.all();
    return {
      total: cards.length,
      done: cards.filter((c) => c.state.phase === 'done').length,
      busy: cards.filter((c) => isBusy(c.state)).length,
      failed: cards.filter((c) => c.state.phase === 'error').length,
    };
  }

  /** Queues every card without a summary, in the given order. Returns the ids it queued. */
  summarizeAll(order: string[]): string[] {
    const queued: string[] = [];
    for (const paperId of order) {
      const card = this.cards.get(paperId);
      if (!card || card.state.phase === 'done' || isBusy(card.state)) continue;
      card.summarize({ force: false, batch: true });
      queued.push(paperId);
    }
    return queued;
  }

  /**
   * Resolves once each of these cards has finished (done, failed or stopped). A card just asked is
   * still idle until it reports, so idle does not count as finished.
   */
  whenFinished(paperIds: string[]): Promise<void> {
    const finished = (id: string) => {
      const phase = this.cards.get(id)?.state.phase;
      return phase === undefined || phase === 'done' || phase === 'error' || phase === 'stopped';
    };
    return new Promise((resolve) => {
      const check = () => {
        if (!paperIds.every(finished)) return;
        unsubscribe();
        resolve();
      };
      const unsubscribe = this.subscribe(check);
      check();
    });
  }

  /**
   * Stops every busy card. Queued ones go first: stopping the running request first would free a
   * slot, and the background would start the next queued paper before its own stop arrived.
   */
  cancelAll(): void {
    const busy = this.all().filter((card) => isBusy(card.state));
    const running = busy.filter(
      (card) => card.state.phase === 'streaming' || card.state.phase === 'retrying',
    );
    for (const card of busy.filter((c) => !running.includes(c)).reverse()) card.stop();
    for (const card of running) card.stop();
  }

  private async restoreFromCache(): Promise<void> {
    const ids = [...this.awaitingCache];
    this.awaitingCache.clear();
    if (ids.length === 0) return;
    try {
      const found = await this.fetchCached(ids);
      for (const [paperId, done] of Object.entries(found)) this.cards.get(paperId)?.restore(done);
    } catch (error) {
      // Without the cache the cards still work: they just ask the endpoint when clicked.
      console.warn('[Daily Papers KO] could not read cached summaries', error);
    }
  }
}
