// A Preact hook for one deep reading operation at a time (a deep summary, a section, a question):
// start it, follow its events, stop it. Leaving the page closes the port, which stops it.
import { useEffect, useRef, useState } from 'preact/hooks';
import { type DeepOperationRequest, type DeepSession, startDeepSession } from '../../shared/deep-client.ts';
import type { DeepResult } from '../../shared/deep-messages.ts';
import { IDLE, nextOperationState, type OperationState, stoppedState } from '../../shared/deep-operation.ts';

export interface DeepOperation {
  state: OperationState;
  start(request: DeepOperationRequest): void;
  stop(): void;
}

export function useDeepOperation(onDone?: (result: DeepResult) => void): DeepOperation {
  const [state, setState] = useState<OperationState>(IDLE);
  const session = useRef<DeepSession | null>(null);
  const done = useRef(onDone);
  done.current = onDone;
  useEffect(() => () => session.current?.detach(), []);
  return {
    state,
    start(request) {
      session.current?.stop();
      setState({ phase: 'queued' });
      const current = startDeepSession(
        request,
        (event) => {
          if (session.current !== current) return;
          setState((previous) => nextOperationState(previous, event));
          if (event.type === 'done') done.current?.(event.result);
        },
        () => {
          if (session.current === current) setState({ phase: 'error', error: { kind: 'extensionReloaded' } });
        },
      );
      session.current = current;
    },
    stop() {
      session.current?.stop();
      session.current = null;
      setState(stoppedState);
    },
  };
}
