import { describe, expect, it, vi } from 'vitest';
import { CardRegistry, type RegisteredCard } from '../../lib/content/card-registry.ts';
import { INITIAL_PANEL } from '../../lib/content/panel-state.ts';
import { REJOIN_GRACE_MS } from '../../lib/messages.ts';

function card(paperId: string): RegisteredCard {
  return { paperId, state: INITIAL_PANEL, summarize: vi.fn(), stop: vi.fn(), restore: vi.fn() };
}

describe('CardRegistry', () => {
  it('a card re-rendered mid-summary carries on; one that comes back late asks the cache instead', async () => {
    let now = 1_000;
    const fetchCached = vi.fn(async () => ({}));
    const registry = new CardRegistry(fetchCached, () => now);

    const first = card('2611.00001');
    const unregister = registry.register(first);
    registry.report('2611.00001', { phase: 'streaming', model: 'm', text: '요약', html: '' });
    unregister();

    now += REJOIN_GRACE_MS - 1;
    const again = card('2611.00001');
    const unregisterAgain = registry.register(again);
    expect(again.summarize).toHaveBeenCalledWith({ force: false, batch: true });

    // Gone while idle, or back too late: nothing is started, the cache is asked as usual.
    registry.report('2611.00001', { phase: 'streaming', model: 'm', text: '요약', html: '' });
    unregisterAgain();
    now += REJOIN_GRACE_MS;
    const late = card('2611.00001');
    registry.register(late);
    expect(late.summarize).not.toHaveBeenCalled();
    await vi.waitFor(() => expect(fetchCached).toHaveBeenCalledWith(['2611.00001']));

    const idle = card('2611.00002');
    registry.register(idle)();
    const idleAgain = card('2611.00002');
    registry.register(idleAgain);
    expect(idleAgain.summarize).not.toHaveBeenCalled();
  });
});
