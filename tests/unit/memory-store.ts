// An in-memory stand-in for browser.storage.local, for the cache's tests.
import type { KeyValueStore } from '../../lib/cache.ts';

export function memoryStore(): KeyValueStore & { data: Map<string, unknown> } {
  const data = new Map<string, unknown>();
  return {
    data,
    async get(keys) {
      return Object.fromEntries(
        keys.filter((k) => data.has(k)).map((k) => [k, structuredClone(data.get(k))]),
      );
    },
    async set(items) {
      for (const [k, value] of Object.entries(items)) data.set(k, structuredClone(value));
    },
    async remove(keys) {
      for (const k of keys) data.delete(k);
    },
  };
}
