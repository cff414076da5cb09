// Talking to the worker from an extension page (the options page), as the page's own code does:
// one-shot requests, the one-liner port and the summary port. For tests and the bench.
import type { Page } from '@playwright/test';
import type { PaperForGlance, PaperForSummary } from '../../lib/shared/domain.ts';
import type {
  GlancePortEvent,
  RuntimeRequest,
  RuntimeResponses,
  SummaryPortEvent,
} from '../../lib/shared/messages.ts';

type ChromeRuntime = {
  chrome: {
    runtime: {
      sendMessage(message: unknown): Promise<unknown>;
      connect(info: { name: string }): {
        postMessage(message: unknown): void;
        onMessage: { addListener(listener: (message: unknown) => void): void };
      };
    };
  };
};

/** A runtime request from the page, answered by the worker. */
export function askFromPage<T extends RuntimeRequest>(
  page: Page,
  request: T,
): Promise<RuntimeResponses[T['type']]> {
  return page.evaluate(
    (message) => (globalThis as unknown as ChromeRuntime).chrome.runtime.sendMessage(message),
    request,
  ) as Promise<RuntimeResponses[T['type']]>;
}

/** One-liners over the glance port: every event up to `done`. */
export function oneLinersFromPage(
  page: Page,
  papers: PaperForGlance[],
  force = false,
): Promise<GlancePortEvent[]> {
  return page.evaluate(
    ({ papers, force }) =>
      new Promise<GlancePortEvent[]>((resolve) => {
        const events: GlancePortEvent[] = [];
        const port = (globalThis as unknown as ChromeRuntime).chrome.runtime.connect({ name: 'dpk-glance' });
        port.onMessage.addListener((message) => {
          const event = message as GlancePortEvent;
          events.push(event);
          if (event.type === 'done') resolve(events);
        });
        port.postMessage({ type: 'oneLiners', papers, force });
      }),
    { papers, force },
  );
}

/** Summaries over one summary port each, all at once: each paper's `done` or `error`. */
export function summariesFromPage(page: Page, papers: PaperForSummary[]): Promise<SummaryPortEvent[]> {
  return page.evaluate(
    (papers) =>
      Promise.all(
        papers.map(
          (paper) =>
            new Promise<SummaryPortEvent>((resolve) => {
              const runtime = (globalThis as unknown as ChromeRuntime).chrome.runtime;
              const port = runtime.connect({ name: 'dpk-summary' });
              port.onMessage.addListener((message) => {
                const event = message as SummaryPortEvent;
                if (event.type === 'done' || event.type === 'error') resolve(event);
              });
              port.postMessage({ type: 'summarize', paper, force: false, batch: true });
            }),
        ),
      ),
    papers,
  );
}
