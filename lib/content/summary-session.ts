// One summary request from a card: a port to the background, events in, stop out.
import { browser } from 'wxt/browser';
import {
  type PaperForSummary,
  parsePortEvent,
  SUMMARY_PORT_NAME,
  type SummaryPortEvent,
} from '../messages.ts';

export interface SummarySession {
  /** Stops the request: the background aborts it unless another tab is reading it too. */
  stop(): void;
  /** Lets go without stopping: the request goes on for a while, for a re-rendered card to rejoin. */
  detach(): void;
}

export function startSummarySession(
  paper: PaperForSummary,
  options: { force: boolean; batch: boolean },
  onEvent: (event: SummaryPortEvent) => void,
  onDisconnect: () => void,
): SummarySession {
  const port = browser.runtime.connect({ name: SUMMARY_PORT_NAME });
  let open = true;
  port.onMessage.addListener((message: unknown) => {
    const event = parsePortEvent(message);
    if (!event) return;
    onEvent(event);
    if (event.type === 'done' || event.type === 'error') close();
  });
  port.onDisconnect.addListener(() => {
    if (!open) return;
    open = false;
    onDisconnect();
  });
  const close = () => {
    if (!open) return;
    open = false;
    port.disconnect();
  };
  port.postMessage({ type: 'summarize', paper, force: options.force, batch: options.batch });
  return {
    stop() {
      if (open) port.postMessage({ type: 'stop' });
      close();
    },
    detach: close,
  };
}
