// One summary request from a card: a port to the background, events in, stop out.
import type { PaperForSummary } from '../shared/domain.ts';
import type { SummaryPortEvent, SummaryPortRequest } from '../shared/messages.ts';

/** The part of a runtime port a session uses (a fake one in unit tests). */
export interface SummaryPort {
  postMessage(message: SummaryPortRequest): void;
  disconnect(): void;
  onMessage: { addListener(listener: (message: unknown) => void): void };
  onDisconnect: { addListener(listener: () => void): void };
}

export interface SummarySession {
  /** Stops the request: the background aborts it unless another tab is reading it too. */
  stop(): void;
}

export interface SessionHandlers {
  /** Checks what arrives on the port; anything else is dropped. */
  parseEvent: (message: unknown) => SummaryPortEvent | null;
  onEvent: (event: SummaryPortEvent) => void;
  /** The port closed without a final event: the worker was stopped or the extension reloaded. */
  onDisconnect: () => void;
}

export function startSummarySession(
  port: SummaryPort,
  paper: PaperForSummary,
  options: { force: boolean; batch: boolean },
  handlers: SessionHandlers,
): SummarySession {
  let open = true;
  const close = () => {
    if (!open) return;
    open = false;
    port.disconnect();
  };
  port.onMessage.addListener((message) => {
    const event = handlers.parseEvent(message);
    if (!event || !open) return;
    handlers.onEvent(event);
    if (event.type === 'done' || event.type === 'error') close();
  });
  port.onDisconnect.addListener(() => {
    if (!open) return;
    open = false;
    handlers.onDisconnect();
  });
  port.postMessage({ type: 'summarize', paper, force: options.force, batch: options.batch });
  return {
    stop() {
      try {
        if (open) port.postMessage({ type: 'stop' });
        close();
      } catch (error) {
        // The extension was reloaded under the page: its port, and the request, are gone already.
        open = false;
        console.warn('[Daily Papers KO] could not stop a summary request', error);
      }
    },
  };
}
