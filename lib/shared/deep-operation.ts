// Where one deep reading operation stands, as the reader shows it: a reducer over the port's events.
import type { DeepPortEvent, DeepResult } from './deep-messages.ts';
import type { SummaryError } from './domain.ts';

export type OperationState =
  | { phase: 'idle' }
  | { phase: 'queued' }
  | { phase: 'waiting'; untilMs: number }
  | { phase: 'reading'; step: 'fullText' | 'part' | 'combine'; index?: number; of?: number }
  | { phase: 'streaming'; text: string; html: string }
  | { phase: 'retrying' }
  | { phase: 'done'; result: DeepResult }
  | { phase: 'error'; error: SummaryError }
  /** The user stopped it; what had arrived stays on screen, unsaved. */
  | { phase: 'stopped'; text: string; html: string };

export const IDLE: OperationState = { phase: 'idle' };

export function isRunning(state: OperationState): boolean {
  return !['idle', 'done', 'error', 'stopped'].includes(state.phase);
}

export function nextOperationState(state: OperationState, event: DeepPortEvent): OperationState {
  switch (event.type) {
    case 'queued':
      return { phase: 'queued' };
    case 'waiting':
      return { phase: 'waiting', untilMs: event.untilMs };
    case 'reading':
      return { phase: 'reading', step: event.step, index: event.index, of: event.of };
    case 'started':
      return state.phase === 'streaming' ? state : { phase: 'streaming', text: '', html: '' };
    case 'progress':
      return { phase: 'streaming', text: event.text, html: event.html };
    case 'retrying':
      return { phase: 'retrying' };
    case 'done':
      return { phase: 'done', result: event.result };
    case 'error':
      return { phase: 'error', error: event.error };
  }
}

/** Stopped by the user: the text so far stays visible, marked as not kept. */
export function stoppedState(state: OperationState): OperationState {
  return state.phase === 'streaming'
    ? { phase: 'stopped', text: state.text, html: state.html }
    : { phase: 'stopped', text: '', html: '' };
}

/** The answer as far as it came while streaming, or as it stood when stopped; null otherwise. */
export function streamedSoFar(state: OperationState): { html: string; busy: boolean } | null {
  if (state.phase === 'streaming') return { html: state.html, busy: true };
  if (state.phase === 'stopped') return { html: state.html, busy: false };
  return null;
}
