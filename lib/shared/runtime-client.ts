// Typed one-shot requests to the background worker, for pages and the content script. The answer's
// type comes from the same map the worker's handlers are checked against (`RuntimeResponses`).
import { browser } from 'wxt/browser';
import type { RuntimeRequest, RuntimeRequestType, RuntimeResponses } from './messages.ts';

/** Sends one request; `K` is its type, so `request` must be that request and the answer is its response. */
export function askBackground<K extends RuntimeRequestType>(
  request: RuntimeRequest & { type: K },
): Promise<RuntimeResponses[K]> {
  return browser.runtime.sendMessage(request);
}
