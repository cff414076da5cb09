// The hook behind one card's panel: starts, stops and retries summaries, and follows their events.
import { useCallback, useEffect, useReducer, useRef } from 'preact/hooks';
import type { DoneEvent, PaperForSummary } from '../messages.ts';
import { INITIAL_PANEL, isBusy, type PanelState, reducePanel } from './panel-state.ts';
import { type SummarySession, startSummarySession } from './summary-session.ts';

export interface CardSummaryControls {
  state: PanelState;
  summarize: (options: { force: boolean; batch: boolean }) => void;
  stop: () => void;
  restore: (done: DoneEvent) => void;
}

/** A worker stopped by the browser (MV3) drops every port: ask again this many times before giving up. */
const RESUMES_AFTER_DISCONNECT = 2;

/** `restored`: a cached summary to show from the first render. */
export function useCardSummary(
  loadPaper: () => Promise<PaperForSummary | null>,
  restored?: DoneEvent,
): CardSummaryControls {
  const [state, dispatch] = useReducer(reducePanel, restored, (done) =>
    done ? reducePanel(INITIAL_PANEL, { type: 'restore', done }) : INITIAL_PANEL,
  );
  const session = useRef<SummarySession | null>(null);
  const generation = useRef(0);
  const busy = useRef(false);
  busy.current = isBusy(state);

  // Unmounting (card re-rendered or removed, navigation) lets go of the request without stopping
  // it: a re-rendered card rejoins it (see CardRegistry), and otherwise the background ends it.
  useEffect(() => () => session.current?.detach(), []);

  const summarize = useCallback(
    (options: { force: boolean; batch: boolean }) => {
      session.current?.stop();
      const current = ++generation.current;
      dispatch({ type: 'request' });
      const isCurrent = () => current === generation.current;
      loadPaper().then(
        (paper) => {
          if (!isCurrent()) return;
          if (!paper) {
            dispatch({ type: 'fail', error: { kind: 'paperMissing' } });
            return;
          }
          let resumes = 0;
          const connect = () => {
            try {
              session.current = startSummarySession(
                paper,
                options,
                (event) => isCurrent() && dispatch({ type: 'event', event }),
                () => {
                  if (!isCurrent()) return;
                  if (busy.current && resumes < RESUMES_AFTER_DISCONNECT) {
                    resumes++;
                    connect();
                  } else {
                    dispatch({ type: 'disconnected' });
                  }
                },
              );
            } catch {
              // runtime.connect throws once the extension was reloaded under this page.
              dispatch({ type: 'fail', error: { kind: 'extensionReloaded' } });
            }
          };
          connect();
        },
        () => isCurrent() && dispatch({ type: 'fail', error: { kind: 'paperMissing' } }),
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

  const restore = useCallback((done: DoneEvent) => dispatch({ type: 'restore', done }), []);

  return { state, summarize, stop, restore };
}
