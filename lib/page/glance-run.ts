// The page's "한 줄 요약" run as plain data: what the glance port's events amount to (the toolbar shows
// it), the order 추천순 gives the page's papers, and the one-liner digest's papers. Pure, no DOM.
import type { OneLinerItem, Ranking, SummaryError } from '../shared/domain.ts';
import type { GlancePortEvent } from '../shared/messages.ts';
import type { OneLinerDigestPaper } from '../shared/oneliner-digest.ts';

export type GlanceRun =
  | { phase: 'idle' }
  | { phase: 'running'; answered: number; total: number; waitingUntilMs: number | null }
  | {
      phase: 'done';
      answered: number;
      total: number;
      failed: string[];
      error: SummaryError | null;
      requests: number;
      cost: number | null;
    }
  /** The user stopped it, or the worker went away before saying `done`. */
  | { phase: 'stopped'; answered: number; total: number; disconnected: boolean };

export const IDLE_RUN: GlanceRun = { phase: 'idle' };

export function startRun(total: number): GlanceRun {
  return { phase: 'running', answered: 0, total, waitingUntilMs: null };
}

/** The run after one event from the glance port. */
export function reduceGlanceRun(run: GlanceRun, event: GlancePortEvent): GlanceRun {
  if (run.phase !== 'running') return run;
  switch (event.type) {
    case 'oneLiners':
      return run;
    case 'progress':
      return { ...run, answered: event.answered, total: event.total, waitingUntilMs: null };
    case 'waiting':
      return { ...run, waitingUntilMs: event.untilMs };
    case 'done':
      return {
        phase: 'done',
        answered: run.answered,
        total: run.total,
        failed: event.failedIds,
        error: event.error,
        requests: event.requests,
        cost: event.cost,
      };
  }
}

/** The run ended without `done`: stopped by the user, or the port dropped (the worker was stopped). */
export function endRun(run: GlanceRun, disconnected: boolean): GlanceRun {
  if (run.phase !== 'running') return run;
  return { phase: 'stopped', answered: run.answered, total: run.total, disconnected };
}

/** Whether the run ended short of a one-liner for every paper: "다시 시도" is offered. */
export function needsRetry(run: GlanceRun): boolean {
  if (run.phase === 'done') return run.error !== null || run.failed.length > 0;
  return run.phase === 'stopped';
}

/**
 * The page's papers in 추천순: as ranked, then any the ranking did not name, in page order. Papers the
 * ranking names that are not on the page are left out.
 */
export function rankedOrder(pageIds: readonly string[], ranking: Ranking): string[] {
  const onPage = new Set(pageIds);
  const ranked = ranking.ranked.map((paper) => paper.id).filter((id) => onPage.has(id));
  const seen = new Set(ranked);
  return [...new Set([...ranked, ...pageIds.filter((id) => !seen.has(id))])];
}

/** The recommended papers and why, from a ranking. */
export function recommendations(ranking: Ranking): Map<string, string> {
  return new Map(
    ranking.ranked.flatMap((paper) => (paper.recommended ? [[paper.id, paper.reasonKo ?? ''] as const] : [])),
  );
}

/**
 * The one-liner digest's papers in order: `papers` come in the order chosen (page, upvotes or
 * ranked); with a ranking, its recommended papers are marked with their reasons.
 */
export function oneLinerDigestPapers(
  papers: readonly { id: string; title: string }[],
  oneLiners: Readonly<Record<string, Pick<OneLinerItem, 'titleKo' | 'tldrKo'>>>,
  ranking: Ranking | null,
): OneLinerDigestPaper[] {
  const recommended = ranking ? recommendations(ranking) : new Map<string, string>();
  return papers.map((paper) => {
    const item = oneLiners[paper.id];
    return {
      id: paper.id,
      title: paper.title,
      titleKo: item?.titleKo ?? null,
      tldrKo: item?.tldrKo ?? null,
      recommended: recommended.has(paper.id),
      reasonKo: recommended.get(paper.id) || null,
    };
  });
}
