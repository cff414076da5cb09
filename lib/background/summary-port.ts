// Serves one card's summary over a runtime port. The port closing (stop, tab closed, navigation,
// card removed) unsubscribes, and the service aborts a request nobody is waiting for any more.
import type { Browser } from 'wxt/browser';
import { parsePortRequest, type SummaryPortEvent } from '../messages.ts';
import { toSummaryError } from '../openai/errors.ts';
import type { SummaryService } from './summary-service.ts';

type Port = Browser.runtime.Port;

export function serveSummaryPort(port: Port, service: Pick<SummaryService, 'subscribe'>): void {
  let connected = true;
  let unsubscribe: (() => void) | null = null;
  let started = false;
  const post = (event: SummaryPortEvent) => {
    if (connected) port.postMessage(event);
  };
  const leave = () => {
    connected = false;
    unsubscribe?.();
    unsubscribe = null;
  };
  port.onDisconnect.addListener(leave);

  port.onMessage.addListener((message: unknown) => {
    const request = parsePortRequest(message);
    if (!request) {
      console.warn('[Daily Papers KO] rejected a malformed summary request');
      return;
    }
    if (request.type === 'stop') {
      leave();
      port.disconnect();
      return;
    }
    if (started) return;
    started = true;
    service.subscribe(request.paper, { force: request.force, batch: request.batch }, post).then(
      (stop) => {
        if (connected) unsubscribe = stop;
        else stop();
      },
      (error: unknown) => post({ type: 'error', error: toSummaryError(error) }),
    );
  });
}
