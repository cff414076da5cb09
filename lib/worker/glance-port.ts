// Serves one page's one-liners over a runtime port (GLANCE_PORT_NAME). The port closing (stop, tab
// closed, navigation) leaves the run: requests only that page was waiting for are cancelled.
import type { Browser } from 'wxt/browser';
import { type GlancePortEvent, parseGlancePortRequest } from '../shared/messages.ts';
import type { OneLinerService } from './oneliner-service.ts';
import { toSummaryError } from './openai/errors.ts';
import type { Unsubscribe } from './summary-service.ts';

type Port = Browser.runtime.Port;

export function serveGlancePort(port: Port, service: Pick<OneLinerService, 'subscribe'>): void {
  let connected = true;
  let unsubscribe: Unsubscribe | null = null;
  let started = false;
  const post = (event: GlancePortEvent) => {
    if (connected) port.postMessage(event);
  };
  const leave = () => {
    connected = false;
    unsubscribe?.();
    unsubscribe = null;
  };
  port.onDisconnect.addListener(leave);

  port.onMessage.addListener((message: unknown) => {
    const request = parseGlancePortRequest(message);
    if (!request) {
      console.warn('[Daily Papers KO] rejected a malformed one-liner request');
      return;
    }
    if (request.type === 'stop') {
      leave();
      port.disconnect();
      return;
    }
    if (started) return;
    started = true;
    service.subscribe(request.papers, { force: request.force }, post).then(
      (stop) => {
        if (connected) unsubscribe = stop;
        else stop();
      },
      (error: unknown) =>
        post({
          type: 'done',
          failedIds: request.papers.map((paper) => paper.id),
          error: toSummaryError(error),
          usage: null,
          cost: null,
          requests: 0,
        }),
    );
  });
}
