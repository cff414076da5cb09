import { afterEach, describe, expect, it, vi } from 'vitest';
import { CardController, type CardControllerDeps } from '../../lib/page/card-controller.ts';
import { CardRegistry } from '../../lib/page/card-registry.ts';
import type { SummaryPort } from '../../lib/page/summary-session.ts';
import type { PaperForSummary } from '../../lib/shared/domain.ts';
import {
  type DoneEvent,
  parsePortEvent,
  REJOIN_GRACE_MS,
  type SummaryPortRequest,
} from '../../lib/shared/messages.ts';

const PAPER: PaperForSummary = { id: '2611.00001', title: 'A Paper', abstract: 'About it.', keywords: [] };

/** A runtime port the test plays the worker on. */
class FakePort implements SummaryPort {
  posted: SummaryPortRequest[] = [];
  disconnected = false;
  private messageListeners: ((message: unknown) => void)[] = [];
  private disconnectListeners: (() => void)[] = [];
  onMessage = { addListener: (listener: (message: unknown) => void) => this.messageListeners.push(listener) };
  onDisconnect = { addListener: (listener: () => void) => this.disconnectListeners.push(listener) };
  postMessage(message: SummaryPortRequest) {
    this.posted.push(message);
  }
  disconnect() {
    this.disconnected = true;
  }
  /** The worker sends this. */
  send(message: unknown) {
    for (const listener of this.messageListeners) listener(message);
  }
  /** The worker goes away (stopped by the browser). */
  drop() {
    for (const listener of this.disconnectListeners) listener();
  }
}

function harness() {
  const ports: FakePort[] = [];
  const deps: CardControllerDeps = {
    prepare: async () => ({ paper: PAPER, parseEvent: parsePortEvent }),
    connect: () => {
      const port = new FakePort();
      ports.push(port);
      return port;
    },
  };
  const fetchCached = vi.fn(
    async (_ids: string[]): Promise<{ summaries: Record<string, DoneEvent>; inFlight: string[] }> => ({
      summaries: {},
      inFlight: [],
    }),
  );
  return { ports, deps, fetchCached, registry: new CardRegistry(deps, fetchCached) };
}

/** A controller whose request is out: its port is the first one, half a summary already shown. */
async function midStream(options = { force: false, batch: false }) {
  const { deps, ports } = harness();
  const controller = new CardController(PAPER.id, deps);
  controller.summarize(options);
  await vi.waitFor(() => expect(ports).toHaveLength(1));
  ports[0]?.send({ type: 'progress', text: '반쯤', html: '<p>반쯤</p>' });
  return { controller, ports };
}

const done = (text: string): DoneEvent => ({
  type: 'done',
  text,
  html: `<p>${text}</p>`,
  model: 'gpt-4o-mini',
  style: 'bullets',
  usage: null,
  cost: null,
  createdAt: 1,
  fromCache: false,
});

afterEach(() => {
  vi.useRealTimers();
});

describe('CardController', () => {
  it('streams a summary into its state, and every subscriber sees each step', async () => {
    const { deps, ports } = harness();
    const controller = new CardController(PAPER.id, deps);
    const seen: string[] = [];
    controller.subscribe((state) => seen.push(state.phase));
    controller.summarize({ force: false, batch: false });
    await vi.waitFor(() => expect(ports).toHaveLength(1));
    expect(ports[0]?.posted[0]).toEqual({ type: 'summarize', paper: PAPER, force: false, batch: false });
    ports[0]?.send({ type: 'started', model: 'gpt-4o-mini' });
    ports[0]?.send({ type: 'progress', text: '요약', html: '<p>요약</p>' });
    ports[0]?.send({ type: 'progress', text: 42 });
    ports[0]?.send(done('요약 끝'));
    expect(controller.state).toMatchObject({ phase: 'done', text: '요약 끝' });
    // The malformed chunk changed nothing; the port is closed once the summary is done.
    expect(seen).toEqual(['queued', 'streaming', 'streaming', 'done']);
    expect(ports[0]?.disconnected).toBe(true);
  });

  it('asks again when the worker is stopped mid-stream, twice, then says the stream broke', async () => {
    const { controller, ports } = await midStream({ force: false, batch: true });
    ports[0]?.drop();
    ports[1]?.drop();
    expect(ports).toHaveLength(3);
    expect(ports[2]?.posted[0]).toMatchObject({ type: 'summarize', batch: true });
    ports[2]?.drop();
    expect(ports).toHaveLength(3);
    expect(controller.state).toMatchObject({ phase: 'error', error: { kind: 'streamBroken' }, text: '반쯤' });
  });

  it('stop tells the worker, keeps what was shown, and ignores what still arrives', async () => {
    const { controller, ports } = await midStream();
    controller.stop();
    ports[0]?.send({ type: 'progress', text: '반쯤 더', html: '<p>반쯤 더</p>' });
    expect(ports[0]?.posted.at(-1)).toEqual({ type: 'stop' });
    expect(controller.state).toEqual({ phase: 'stopped', text: '반쯤', html: '<p>반쯤</p>' });
  });

  it('a paper the page has no data for fails with that message, sending nothing', async () => {
    const { deps, ports } = harness();
    const controller = new CardController(PAPER.id, {
      ...deps,
      prepare: async () => ({ paper: null, parseEvent: parsePortEvent }),
    });
    controller.summarize({ force: false, batch: false });
    await vi.waitFor(() => expect(controller.state.phase).toBe('error'));
    expect(controller.state).toMatchObject({ error: { kind: 'paperMissing' } });
    expect(ports).toHaveLength(0);
  });
});

describe('CardRegistry', () => {
  it('two cards of one paper share its controller: both show the same stream', () => {
    const { registry } = harness();
    const first = registry.attach(PAPER.id);
    const second = registry.attach(PAPER.id);
    expect(second.controller).toBe(first.controller);
    expect(registry.progress().total).toBe(1);
    first.detach();
    expect(registry.get(PAPER.id)).toBe(second.controller);
  });

  it('a card re-rendered mid-summary carries on: the same request, no second one', async () => {
    vi.useFakeTimers();
    const { registry, ports } = harness();
    const card = registry.attach(PAPER.id);
    card.controller.summarize({ force: false, batch: false });
    await vi.waitFor(() => expect(ports).toHaveLength(1));
    ports[0]?.send({ type: 'progress', text: '요약', html: '<p>요약</p>' });

    card.detach();
    expect(registry.progress().total).toBe(0);
    vi.advanceTimersByTime(REJOIN_GRACE_MS - 1);
    const again = registry.attach(PAPER.id);
    expect(again.controller.state).toMatchObject({ phase: 'streaming', text: '요약' });
    vi.advanceTimersByTime(REJOIN_GRACE_MS);
    ports[0]?.send(done('요약 끝'));
    expect(again.controller.state).toMatchObject({ phase: 'done', text: '요약 끝' });
    expect(ports).toHaveLength(1);
    expect(ports[0]?.posted).toHaveLength(1);
  });

  it('a paper gone for longer than the grace is let go: its request stops, a new card asks the cache', async () => {
    vi.useFakeTimers();
    const { registry, ports, fetchCached } = harness();
    const card = registry.attach(PAPER.id);
    card.controller.summarize({ force: false, batch: false });
    await vi.waitFor(() => expect(ports).toHaveLength(1));
    card.detach();
    vi.advanceTimersByTime(REJOIN_GRACE_MS);
    expect(ports[0]?.posted.at(-1)).toEqual({ type: 'stop' });

    const late = registry.attach(PAPER.id);
    expect(late.controller).not.toBe(card.controller);
    expect(late.controller.state.phase).toBe('idle');
    await vi.waitFor(() => expect(fetchCached).toHaveBeenCalledTimes(2));
  });

  it('a page that comes back while its paper is still being summarised joins that request', async () => {
    const { registry, fetchCached, ports } = harness();
    fetchCached.mockResolvedValueOnce({ summaries: {}, inFlight: [PAPER.id] });
    const card = registry.attach(PAPER.id);
    await vi.waitFor(() => expect(ports).toHaveLength(1));
    expect(ports[0]?.posted[0]).toMatchObject({ type: 'summarize', force: false });
    ports[0]?.send({ type: 'progress', text: '이어서', html: '<p>이어서</p>' });
    expect(card.controller.state).toMatchObject({ phase: 'streaming', text: '이어서' });
  });

  it('looks up the cache once for all the cards that appeared together, and shows what it has', async () => {
    const { registry, fetchCached } = harness();
    fetchCached.mockResolvedValueOnce({
      summaries: { '2611.00002': { ...done('저장된 요약'), fromCache: true } },
      inFlight: [],
    });
    const a = registry.attach('2611.00001');
    const b = registry.attach('2611.00002');
    await vi.waitFor(() => expect(b.controller.state.phase).toBe('done'));
    expect(fetchCached).toHaveBeenCalledTimes(1);
    expect(fetchCached).toHaveBeenCalledWith(['2611.00001', '2611.00002']);
    expect(a.controller.state.phase).toBe('idle');
    expect(registry.progress()).toEqual({ total: 2, done: 1, busy: 0, failed: 0 });
  });
});
