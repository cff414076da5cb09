// The life of one card's panel as a pure reducer: what the user sees follows from the events.
import type { SummaryError, SummaryPortEvent, Usage } from '../messages.ts';
import type { SummaryStyle } from '../summary/styles.ts';

export type PanelState =
  | { phase: 'idle' }
  | { phase: 'loading'; text: string; html: string }
  | { phase: 'streaming'; text: string; html: string; model: string }
  | { phase: 'retrying'; text: string; html: string }
  | {
      phase: 'done';
      text: string;
      html: string;
      model: string;
      style: SummaryStyle;
      usage: Usage | null;
      createdAt: number;
    }
  | { phase: 'stopped'; text: string; html: string }
  | { phase: 'error'; error: SummaryError; text: string; html: string };

export type PanelAction =
  | { type: 'request' }
  | { type: 'event'; event: SummaryPortEvent }
  | { type: 'stop' }
  /** The port closed without a final event: the worker was stopped or the extension reloaded. */
  | { type: 'disconnected' }
  | { type: 'fail'; error: SummaryError };

export const INITIAL_PANEL: PanelState = { phase: 'idle' };

export function isBusy(state: PanelState): boolean {
  return state.phase === 'loading' || state.phase === 'streaming' || state.phase === 'retrying';
}

/** What was shown so far, kept when a request stops or fails part-way. */
function shownOf(state: PanelState): { text: string; html: string } {
  return state.phase === 'idle' ? { text: '', html: '' } : { text: state.text, html: state.html };
}

export function reducePanel(state: PanelState, action: PanelAction): PanelState {
  switch (action.type) {
    case 'request':
      return { phase: 'loading', text: '', html: '' };
    case 'stop':
      return isBusy(state) ? { phase: 'stopped', ...shownOf(state) } : state;
    case 'disconnected':
      return isBusy(state) ? { phase: 'error', error: { kind: 'streamBroken' }, ...shownOf(state) } : state;
    case 'fail':
      return { phase: 'error', error: action.error, ...shownOf(state) };
    case 'event':
      if (!isBusy(state)) return state;
      return reduceEvent(state, action.event);
  }
}

function reduceEvent(state: PanelState, event: SummaryPortEvent): PanelState {
  switch (event.type) {
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
      return {
        phase: 'done',
        text: event.text,
        html: event.html,
        model: event.model,
        style: event.style,
        usage: event.usage,
        createdAt: event.createdAt,
      };
    case 'error':
      return { phase: 'error', error: event.error, ...shownOf(state) };
  }
}
