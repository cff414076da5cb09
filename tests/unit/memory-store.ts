// In-memory stand-ins for `browser.storage.local` as the caches and the ledger see it.

import { EMPTY_LEDGER, type Ledger } from '../../lib/shared/cost.ts';
import type { KeyValueStore } from '../../lib/worker/cache.ts';
import { type LedgerStore, UsageRecorder } from '../../lib/worker/spending.ts';

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

/** The usage ledger in memory, and its one writer. */
export function memoryLedger() {
  let ledger: Ledger = EMPTY_LEDGER;
  const store: LedgerStore = {
    get: async () => ledger,
    set: async (next) => {
      ledger = next;
    },
  };
  return { store, recorder: new UsageRecorder(store), current: () => ledger };
}
