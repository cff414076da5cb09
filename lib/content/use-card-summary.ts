// The hook behind one card's panel: starts, stops and retries summaries, and follows their events.
import { useCallback, useEffect, useReducer, useRef } from 'preact/hooks';
import type { PaperForSummary } from '../messages.ts';
import { INITIAL_PANEL, type PanelState, reducePanel } from './panel-state.ts';
import { type SummarySession, startSummarySession } from './summary-session.ts';

export interface CardSummaryControls {
  state: PanelState;
  summarize: (force: boolean) => void;
  stop: () => void;
}

export function useCardSummary(loadPaper: () => Promise<PaperForSummary | null>): CardSummaryControls {
  const [state, dispatch] = useReducer(reducePanel, INITIAL_PANEL);
  const session = useRef<SummarySession | null>(null);
  const generation = useRef(0);

  // Unmounting (card removed, navigation, extension reload) stops the request: nobody reads it.
  useEffect(() => () => session.current?.stop(), []);

  const summarize = useCallback(
    (force: boolean) => {
      session.current?.stop();
      const current = ++generation.current;
      dispatch({ type: 'request' });
      loadPaper().then(
        (paper) => {
          if (current !== generation.current) return;
          if (!paper) {
            dispatch({ type: 'fail', error: { kind: 'paperMissing' } });
            return;
          }
          try {
            session.current = startSummarySession(
              paper,
              { force },
              (event) => current === generation.current && dispatch({ type: 'event', event }),
              () => current === generation.current && dispatch({ type: 'disconnected' }),
            );
          } catch {
            // runtime.connect throws once the extension was reloaded under this page.
            dispatch({ type: 'fail', error: { kind: 'extensionReloaded' } });
          }
        },
        () => dispatch({ type: 'fail', error: { kind: 'paperMissing' } }),
      );
    },
    [loadPaper],
  );

  const stop = useCallback(() => {
    generation.current++;
    session.current?.stop();
    session.current = null;
    dispatch({ type: 'stop' });
  }, []);

  return { state, summarize, stop };
}
