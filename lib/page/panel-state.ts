// The life of one card's panel as a pure reducer: what the user sees follows from the events.
import type { SummaryError } from '../shared/domain.ts';
import type { DoneEvent, SummaryPortEvent } from '../shared/messages.ts';

type Shown = { text: string; html: string };

export type PanelState =
  | { phase: 'idle' }
  | ({ phase: 'queued' } & Shown)
  | ({ phase: 'waiting'; untilMs: number; error: SummaryError } & Shown)
  | ({ phase: 'streaming'; model: string } & Shown)
  | ({ phase: 'retrying' } & Shown)
  | ({ phase: 'done' } & Omit<DoneEvent, 'type'>)
  | ({ phase: 'stopped' } & Shown)
  | ({ phase: 'error'; error: SummaryError } & Shown);

export type PanelAction =
  | { type: 'request' }
  /** A finished summary from the cache, shown as the page loads. */
  | { type: 'restore'; done: DoneEvent }
  | { type: 'event'; event: SummaryPortEvent }
  | { type: 'stop' }
  /** The port closed without a final event: the worker was stopped or the extension reloaded. */
  | { type: 'disconnected' }
  | { type: 'fail'; error: SummaryError };

export const INITIAL_PANEL: PanelState = { phase: 'idle' };

const BUSY: ReadonlySet<PanelState['phase']> = new Set(['queued', 'waiting', 'streaming', 'retrying']);

export function isBusy(state: PanelState): boolean {
  return BUSY.has(state.phase);
}

/** What was shown so far, kept when a request stops or fails part-way. */
function shownOf(state: PanelState): Shown {
  return state.phase === 'idle' ? { text: '', html: '' } : { text: state.text, html: state.html };
}

function doneState(event: DoneEvent): PanelState {
  const { type: _type, ...done } = event;
  return { phase: 'done', ...done };
}

export function reducePanel(state: PanelState, action: PanelAction): PanelState {
  switch (action.type) {
    case 'request':
      return { phase: 'queued', text: '', html: '' };
    case 'restore':
      return state.phase === 'idle' ? doneState(action.done) : state;
    case 'stop':
      return isBusy(state) ? { phase: 'stopped', ...shownOf(state) } : state;
    case 'disconnected':
      return isBusy(state) ? { phase: 'error', error: { kind: 'streamBroken' }, ...shownOf(state) } : state;
    case 'fail':
      return { phase: 'error', error: action.error, ...shownOf(state) };
    case 'event':
      return isBusy(state) ? reduceEvent(state, action.event) : state;
  }
}

function reduceEvent(state: PanelState, event: SummaryPortEvent): PanelState {
  switch (event.type) {
    case 'queued':
      return { phase: 'queued', ...shownOf(state) };
    case 'waiting':
      return { phase: 'waiting', untilMs: event.untilMs, error: event.error, ...shownOf(state) };
    case 'started':
      return { phase: 'streaming', ...shownOf(state), model: event.model };
    case 'progress':
      return {
        phase: 'streaming',
        text: event.text,
        html: event.html,
        model: state.phase === 'streaming' ? state.model : '',
      };
    case 'retrying':
      return { phase: 'retrying', text: '', html: '' };
    case 'done':
      return doneState(event);
    case 'error':
      return { phase: 'error', error: event.error, ...shownOf(state) };
  }
}
