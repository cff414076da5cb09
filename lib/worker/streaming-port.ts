// Serves one streamed operation over a runtime port: the first valid request starts it, its events
// go back while the port is open, `stop` ends it. The port closing without a stop (card
// re-rendered, tab closed, navigation) lets the job linger a moment for the page to rejoin.
import type { Browser } from 'wxt/browser';
import type { SummaryError } from '../shared/domain.ts';
import { toSummaryError } from './openai/errors.ts';
import type { Unsubscribe } from './shared-jobs.ts';

type Port = Browser.runtime.Port;

export interface StreamingPortHandlers<R extends { type: string }, E> {
  /** The request, parsed where it arrives; null for anything malformed. */
  parse: (message: unknown) => R | null;
  /** Starts (or joins) the work; events go to `post` until the returned function is called. */
  subscribe: (request: Exclude<R, { type: 'stop' }>, post: (event: E) => void) => Promise<Unsubscribe>;
  errorEvent: (error: SummaryError) => E;
  /** For the log line about a malformed request. */
  what: string;
}

export function serveStreamingPort<R extends { type: string }, E>(
  port: Port,
  handlers: StreamingPortHandlers<R, E>,
): void {
  let connected = true;
  let unsubscribe: Unsubscribe | null = null;
  let started = false;
  const post = (event: E) => {
    if (connected) port.postMessage(event);
  };
  const leave = (linger: boolean) => {
    connected = false;
    unsubscribe?.({ linger });
    unsubscribe = null;
  };
  port.onDisconnect.addListener(() => leave(true));

  port.onMessage.addListener((message: unknown) => {
    const request = handlers.parse(message);
    if (!request) {
      console.warn(`[Daily Papers KO] rejected a malformed ${handlers.what} request`);
      return;
    }
    if (request.type === 'stop') {
      leave(false);
      port.disconnect();
      return;
    }
    if (started) return;
    started = true;
    handlers.subscribe(request as Exclude<R, { type: 'stop' }>, post).then(
      (stop) => {
        if (connected) unsubscribe = stop;
        else stop({ linger: true });
      },
      (error: unknown) => post(handlers.errorEvent(toSummaryError(error))),
    );
  });
}
