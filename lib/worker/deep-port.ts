// Serves one deep reading operation over a `dpk-deep` port (lib/shared/deep-messages.ts). The port closing
// (stop, page closed, card removed) unsubscribes, and the service aborts work nobody waits for.
import type { Browser } from 'wxt/browser';
import { type DeepPortEvent, type DeepPortRequest, parseDeepPortRequest } from '../shared/deep-messages.ts';
import type { DeepService } from './deep-service.ts';
import { serveStreamingPort } from './streaming-port.ts';

export function serveDeepPort(port: Browser.runtime.Port, service: Pick<DeepService, 'subscribe'>): void {
  serveStreamingPort<DeepPortRequest, DeepPortEvent>(port, {
    parse: parseDeepPortRequest,
    subscribe: (request, post) => service.subscribe(request, post),
    errorEvent: (error) => ({ type: 'error', error }),
    what: 'deep reading',
  });
}
