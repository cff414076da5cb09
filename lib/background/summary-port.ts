// Serves one card's summary over a runtime port. The port closing (stop, tab closed, navigation,
// card removed) unsubscribes, and the service aborts a request nobody is waiting for any more.
import type { Browser } from 'wxt/browser';
import { parsePortRequest, type SummaryPortEvent } from '../messages.ts';
import { toSummaryError } from '../openai/errors.ts';
import type { SummaryService, Unsubscribe } from './summary-service.ts';

type Port = Browser.runtime.Port;

export function serveSummaryPort(port: Port, service: Pick<SummaryService, 'subscribe'>): void {
  let connected = true;
  let unsubscribe: Unsubscribe | null = null;
  let started = false;
  const post = (event: SummaryPortEvent) => {
    if (connected) port.postMessage(event);
  };
  const leave = (linger: boolean) => {
    connected = false;
    unsubscribe?.({ linger });
    unsubscribe = null;
  };
  // Gone without a stop (card re-rendered, tab closed): the job may be rejoined for a moment.
  port.onDisconnect.addListener(() => leave(true));

  port.onMessage.addListener((message: unknown) => {
    const request = parsePortRequest(message);
    if (!request) {
      console.warn('[Daily Papers KO] rejected a malformed summary request');
      return;
    }
    if (request.type === 'stop') {
      leave(false);
      port.disconnect();
      return;
    }
    if (started) return;
    started = true;
    service.subscribe(request.paper, { force: request.force, batch: request.batch }, post).then(
      (stop) => {
        if (connected) unsubscribe = stop;
        else stop({ linger: true });
      },
      (error: unknown) => post({ type: 'error', error: toSummaryError(error) }),
    );
  });
}
