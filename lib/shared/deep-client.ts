// One deep reading operation from a page (the reader, or a card's panel): a `dpk-deep` port to the
// background, events in, stop out. See lib/shared/deep-messages.ts for the requests and events.
import { browser } from 'wxt/browser';
import {
  DEEP_PORT_NAME,
  type DeepPortEvent,
  type DeepPortRequest,
  parseDeepPortEvent,
} from './deep-messages.ts';

export interface DeepSession {
  /** Stops the work: the background aborts it unless another page is reading it too. */
  stop(): void;
  /** Lets go without stopping: the work goes on for a while, for a re-rendered card to rejoin. */
  detach(): void;
}

export type DeepOperationRequest = Exclude<DeepPortRequest, { type: 'stop' }>;

export function startDeepSession(
  request: DeepOperationRequest,
  onEvent: (event: DeepPortEvent) => void,
  /** The port closed before `done` or `error` (the worker stopped, the extension was reloaded). */
  onDisconnect: () => void,
): DeepSession {
  const port = browser.runtime.connect({ name: DEEP_PORT_NAME });
  let open = true;
  const close = () => {
    if (!open) return;
    open = false;
    port.disconnect();
  };
  port.onMessage.addListener((message: unknown) => {
    const event = parseDeepPortEvent(message);
    if (!event) return;
    onEvent(event);
    if (event.type === 'done' || event.type === 'error') close();
  });
  port.onDisconnect.addListener(() => {
    if (!open) return;
    open = false;
    onDisconnect();
  });
  port.postMessage(request);
  return {
    stop() {
      if (open) port.postMessage({ type: 'stop' } satisfies DeepPortRequest);
      close();
    },
    detach: close,
  };
}
