// What one "이 페이지 모두 요약" run came to: papers summarised, failed and skipped (already summarised
// or under way when it started), and what the summaries it made cost.
import type { CardRegistry } from './card-registry.ts';

export interface RunTally {
  done: number;
  failed: number;
  /** Stopped by the user before their summary came ("취소"). */
  stopped: number;
  skipped: number;
  /** US dollars for the summaries this run requested; null when a model's price is unknown. */
  cost: number | null;
}

/** The run's papers; `tally` reads how they ended. */
export function startRunTally(registry: CardRegistry, order: string[], queued: string[]) {
  const queuedSet = new Set(queued);
  const skipped = order.filter((id) => !queuedSet.has(id) && registry.get(id)).length;
  return {
    tally(): RunTally {
      const result: RunTally = { done: 0, failed: 0, stopped: 0, skipped, cost: 0 };
      for (const paperId of queued) {
        const state = registry.get(paperId)?.state;
        if (state?.phase === 'done') {
          result.done++;
          // A cached answer (another tab made it meanwhile) cost this run nothing.
          if (state.fromCache) continue;
          result.cost = state.cost === null || result.cost === null ? null : result.cost + state.cost;
        } else if (state?.phase === 'stopped') {
          result.stopped++;
        } else {
          result.failed++;
        }
      }
      return result;
    },
  };
}
