import { describe, expect, it, vi } from 'vitest';
import { type SummaryPortDeps, serveSummaryPort } from '../../lib/background/summary-port.ts';
import type { SummaryPortEvent } from '../../lib/messages.ts';
import { DEFAULT_SETTINGS } from '../../lib/settings.ts';

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

function deps(generate: SummaryPortDeps['generate'], permitted = true): SummaryPortDeps {
  return {
    loadSettings: async () => ({ ...DEFAULT_SETTINGS, apiKey: 'sk-x' }),
    hasEndpointPermission: async () => permitted,
    generate,
  };
}

describe('serveSummaryPort', () => {
  it('rejects malformed requests without starting anything', async () => {
    const generate = vi.fn();
    const { port, send, posted } = fakePort();
    serveSummaryPort(port as never, deps(generate));
    send({ type: 'summarize', paper: { ...paper, id: '../../etc/passwd' }, force: false });
    send('not even an object');
    send({ type: 'summarize' });
    await Promise.resolve();
    expect(generate).not.toHaveBeenCalled();
    expect(posted).toEqual([]);
  });

  it('aborts the generation when the content side goes away', async () => {
    let seenSignal: AbortSignal | undefined;
    const generate = vi.fn(({ signal }: { signal: AbortSignal }) => {
      seenSignal = signal;
      return new Promise<never>(() => {});
    });
    const { port, send, closeFromContent } = fakePort();
    serveSummaryPort(port as never, deps(generate as never));
    send({ type: 'summarize', paper, force: false });
    await vi.waitFor(() => expect(generate).toHaveBeenCalled());
    expect(seenSignal?.aborted).toBe(false);
    closeFromContent();
    expect(seenSignal?.aborted).toBe(true);
  });

  it('says so when the endpoint’s host permission is missing', async () => {
    const generate = vi.fn();
    const { port, send, posted } = fakePort();
    serveSummaryPort(port as never, deps(generate, false));
    send({ type: 'summarize', paper, force: false });
    await vi.waitFor(() =>
      expect(posted).toEqual([{ type: 'error', error: { kind: 'endpointPermission' } }]),
    );
    expect(generate).not.toHaveBeenCalled();
  });
});
