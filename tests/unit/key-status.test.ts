import { describe, expect, it, vi } from 'vitest';
import { KEY_STATUS_CHANGED, parseKeyStatusChanged } from '../../lib/shared/messages.ts';
import { broadcastKeyStatus, keyStatusOf } from '../../lib/worker/key-status.ts';

describe('the key status', () => {
  it('needs a key for a remote endpoint without one, not for a local server', () => {
    expect(keyStatusOf({ apiKey: '', baseURL: 'https://api.openai.com/v1' })).toEqual({ needsKey: true });
    expect(keyStatusOf({ apiKey: 'sk-1', baseURL: 'https://api.openai.com/v1' })).toEqual({
      needsKey: false,
    });
    expect(keyStatusOf({ apiKey: '', baseURL: 'http://localhost:11434/v1' })).toEqual({ needsKey: false });
  });

  it('is told to every tab; a tab without a receiver does not stop the others', async () => {
    const sendMessage = vi.fn((tabId: number, _message: unknown) =>
      tabId === 2 ? Promise.reject(new Error('no receiver')) : Promise.resolve(undefined),
    );
    await broadcastKeyStatus(
      { query: async () => [{ id: 1 }, { id: 2 }, {}, { id: 3 }], sendMessage },
      { needsKey: false },
    );
    expect(sendMessage.mock.calls.map(([id]) => id)).toEqual([1, 2, 3]);
    expect(parseKeyStatusChanged(sendMessage.mock.calls[0]?.[1])).toEqual({
      type: KEY_STATUS_CHANGED,
      needsKey: false,
    });
    expect(parseKeyStatusChanged({ type: KEY_STATUS_CHANGED, needsKey: 'no' })).toBeNull();
  });
});
