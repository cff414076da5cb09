import { describe, expect, it, vi } from 'vitest';
import type { SummaryPortEvent } from '../../lib/shared/messages.ts';
import { serveSummaryPort } from '../../lib/worker/summary-port.ts';
import type { SummaryService } from '../../lib/worker/summary-service.ts';

type Listener = (message: unknown) => void;

function fakePort() {
  const messageListeners: Listener[] = [];
  const disconnectListeners: (() => void)[] = [];
  const posted: SummaryPortEvent[] = [];
  const port = {
    name: 'dpk-summary',
    postMessage: (event: SummaryPortEvent) => posted.push(event),
    disconnect: vi.fn(),
    onMessage: { addListener: (l: Listener) => messageListeners.push(l) },
    onDisconnect: { addListener: (l: () => void) => disconnectListeners.push(l) },
  };
  return {
    port,
    posted,
    send: (message: unknown) => {
      for (const l of messageListeners) l(message);
    },
    closeFromContent: () => {
      for (const l of disconnectListeners) l();
    },
  };
}

const paper = { id: '2511.01234', title: 'A Title', abstract: 'An abstract.', keywords: [] };

describe('serveSummaryPort', () => {
  it('rejects malformed requests without starting anything', async () => {
    const subscribe = vi.fn();
    const { port, send, posted } = fakePort();
    serveSummaryPort(port as never, { subscribe } as unknown as SummaryService);
    send({ type: 'summarize', paper: { ...paper, id: '../../etc/passwd' }, force: false, batch: false });
    send('not even an object');
    send({ type: 'summarize' });
    await Promise.resolve();
    expect(subscribe).not.toHaveBeenCalled();
    expect(posted).toEqual([]);
  });

  it('passes events through and unsubscribes when the content side goes away', async () => {
    const unsubscribe = vi.fn();
    const subscribe = vi.fn(async (_paper, _options, listener: (e: SummaryPortEvent) => void) => {
      listener({ type: 'queued' });
      return unsubscribe;
    });
    const { port, send, posted, closeFromContent } = fakePort();
    serveSummaryPort(port as never, { subscribe } as unknown as SummaryService);
    send({ type: 'summarize', paper, force: true, batch: true });
    await vi.waitFor(() => expect(posted).toEqual([{ type: 'queued' }]));
    expect(subscribe.mock.calls[0]?.[1]).toEqual({ force: true, batch: true });
    closeFromContent();
    expect(unsubscribe).toHaveBeenCalled();
  });
});
