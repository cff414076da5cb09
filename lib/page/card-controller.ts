// One paper's summary on this page: its panel state, its request to the worker (and reconnecting it
// when the worker is stopped), and the views that show it. Plain TypeScript: no UI framework.
import type { PaperForSummary } from '../shared/domain.ts';
import type { DoneEvent, SummaryPortEvent } from '../shared/messages.ts';
import { INITIAL_PANEL, isBusy, type PanelAction, type PanelState, reducePanel } from './panel-state.ts';
import { type SummaryPort, type SummarySession, startSummarySession } from './summary-session.ts';

export interface SummarizeOptions {
  /** Skip the cache and replace its entry ("다시 요약"). */
  force: boolean;
  /** Part of a whole-page run: queued behind clicks on single cards. */
  batch: boolean;
}

/** What a request needs that the boot script does not carry: the paper's data and the event parser. */
export interface PreparedRequest {
  paper: PaperForSummary | null;
  parseEvent: (message: unknown) => SummaryPortEvent | null;
}

export interface CardControllerDeps {
  prepare: (paperId: string) => Promise<PreparedRequest>;
  /** Opens a port to the worker; throws once the extension was reloaded under this page. */
  connect: () => SummaryPort;
}

export type StateListener = (state: PanelState, previous: PanelState) => void;

/** A worker stopped by the browser (MV3) drops every port: ask again this many times before giving up. */
const RESUMES_AFTER_DISCONNECT = 2;

export class CardController {
  #current: PanelState = INITIAL_PANEL;
  readonly #listeners = new Set<StateListener>();
  #session: SummarySession | null = null;
  /** Bumped by every new request and stop, so late answers to an older one are ignored. */
  #generation = 0;

  readonly paperId: string;
  readonly #deps: CardControllerDeps;

  constructor(paperId: string, deps: CardControllerDeps) {
    this.paperId = paperId;
    this.#deps = deps;
  }

  get state(): PanelState {
    return this.#current;
  }

  /** Hears every state change at once (a streamed chunk is painted in the task it arrives in). */
  subscribe(listener: StateListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Asks for the summary: the cache answers when it can, else the endpoint streams it. */
  summarize(options: SummarizeOptions): void {
    this.#session?.stop();
    this.#session = null;
    const generation = ++this.#generation;
    const isCurrent = () => generation === this.#generation;
    this.#dispatch({ type: 'request' });
    this.#deps.prepare(this.paperId).then(
      ({ paper, parseEvent }) => {
        if (!isCurrent()) return;
        if (!paper) {
          this.#dispatch({ type: 'fail', error: { kind: 'paperMissing' } });
          return;
        }
        let resumes = 0;
        const open = () => {
          let port: SummaryPort;
          try {
            port = this.#deps.connect();
          } catch {
            this.#dispatch({ type: 'fail', error: { kind: 'extensionReloaded' } });
            return;
          }
          this.#session = startSummarySession(port, paper, options, {
            parseEvent,
            onEvent: (event) => isCurrent() && this.#dispatch({ type: 'event', event }),
            onDisconnect: () => {
              if (!isCurrent()) return;
              // The worker went away mid-request: a new one picks the paper up again.
              if (isBusy(this.#current) && resumes < RESUMES_AFTER_DISCONNECT) {
                resumes++;
                open();
              } else {
                this.#session = null;
                this.#dispatch({ type: 'disconnected' });
              }
            },
          });
        };
        open();
      },
      () => isCurrent() && this.#dispatch({ type: 'fail', error: { kind: 'paperMissing' } }),
    );
  }

  /** Stops the request; what was shown so far stays, marked stopped. */
  stop(): void {
    this.#generation++;
    this.#session?.stop();
    this.#session = null;
    this.#dispatch({ type: 'stop' });
  }

  /** Shows a finished summary from the cache, unless the card is already doing something. */
  restore(done: DoneEvent): void {
    this.#dispatch({ type: 'restore', done });
  }

  /** No card shows this paper any more: its request is stopped unless another tab reads it too. */
  dispose(): void {
    this.#generation++;
    this.#session?.stop();
    this.#session = null;
    this.#listeners.clear();
  }

  #dispatch(action: PanelAction): void {
    const previous = this.#current;
    this.#current = reducePanel(previous, action);
    if (this.#current === previous) return;
    for (const listener of this.#listeners) listener(this.#current, previous);
  }
}
