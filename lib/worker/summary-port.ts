// Serves one card's summary over a runtime port. The port closing (stop, tab closed, navigation,
// card removed) unsubscribes, and the service aborts a request nobody is waiting for any more.
import type { Browser } from 'wxt/browser';
import { parsePortRequest, type SummaryPortEvent, type SummaryPortRequest } from '../shared/messages.ts';
import { serveStreamingPort } from './streaming-port.ts';
import type { SummaryService } from './summary-service.ts';

export function serveSummaryPort(
  port: Browser.runtime.Port,
  service: Pick<SummaryService, 'subscribe'>,
): void {
  serveStreamingPort<SummaryPortRequest, SummaryPortEvent>(port, {
    parse: parsePortRequest,
    subscribe: (request, post) =>
      service.subscribe(request.paper, { force: request.force, batch: request.batch }, post),
    errorEvent: (error) => ({ type: 'error', error }),
    what: 'summary',
  });
}
