// Typed one-shot requests to the background worker, for pages and the content script.
import { browser } from 'wxt/browser';
import type { RuntimeRequest, RuntimeResponses } from './messages.ts';

export function askBackground<T extends RuntimeRequest>(request: T): Promise<RuntimeResponses[T['type']]> {
  return browser.runtime.sendMessage(request);
}
