// The page's "한 줄 요약" run as data, 추천순's order, and the one-liner digest's papers.
import { describe, expect, it } from 'vitest';
import {
  endRun,
  IDLE_RUN,
  needsRetry,
  oneLinerDigestPapers,
  rankedOrder,
  reduceGlanceRun,
  startRun,
} from '../../lib/page/glance-run.ts';
import type { Ranking } from '../../lib/shared/domain.ts';

const ranking = (ids: string[], recommended: Record<string, string> = {}): Ranking => ({
  method: 'embeddings',
  ranked: ids.map((id, index) => ({
    id,
    score: 1 - index / 10,
    recommended: id in recommended,
    reasonKo: recommended[id] ?? null,
  })),
  unscored: [],
  error: null,
});

describe('a run of the glance port', () => {
  it('follows progress and waits, and ends with what done says', () => {
    let run = startRun(30);
    run = reduceGlanceRun(run, { type: 'waiting', untilMs: 5_000, error: { kind: 'rateLimited' } });
    expect(run).toMatchObject({ phase: 'running', waitingUntilMs: 5_000 });
    run = reduceGlanceRun(run, { type: 'progress', answered: 28, total: 30, requests: 1 });
    expect(run).toEqual({ phase: 'running', answered: 28, total: 30, waitingUntilMs: null });
    run = reduceGlanceRun(run, {
      type: 'done',
      failedIds: ['2511.00001', '2511.00002'],
      error: null,
      usage: null,
      cost: 0.002,
      requests: 2,
    });
    expect(run).toMatchObject({ phase: 'done', answered: 28, requests: 2, cost: 0.002 });
    expect(needsRetry(run)).toBe(true);
  });

  it('offers "다시 시도" after an error or a dropped port, not after a full answer', () => {
    const done = (error: Ranking['error']) =>
      reduceGlanceRun(startRun(1), {
        type: 'done',
        failedIds: [],
        error,
        usage: null,
        cost: null,
        requests: 1,
      });
    expect(needsRetry(done(null))).toBe(false);
    expect(needsRetry(done({ kind: 'auth' }))).toBe(true);
    expect(endRun(startRun(3), true)).toEqual({
      phase: 'stopped',
      answered: 0,
      total: 3,
      disconnected: true,
    });
    expect(needsRetry(endRun(startRun(3), false))).toBe(true);
    expect(needsRetry(IDLE_RUN)).toBe(false);
  });

  it('ignores events once the run has ended', () => {
    const ended = endRun(startRun(2), false);
    expect(reduceGlanceRun(ended, { type: 'progress', answered: 2, total: 2, requests: 1 })).toBe(ended);
  });
});

describe('추천순', () => {
  it('puts the ranked papers first and keeps the rest in page order', () => {
    expect(rankedOrder(['a', 'b', 'c', 'd'], ranking(['c', 'a', 'x']))).toEqual(['c', 'a', 'b', 'd']);
  });
});

describe('the one-liner digest papers', () => {
  it('carries each one-liner, marks the recommended with their reason, and keeps papers without one', () => {
    const papers = oneLinerDigestPapers(
      [
        { id: 'a', title: 'Alpha' },
        { id: 'b', title: 'Beta' },
      ],
      { a: { titleKo: '알파', tldrKo: '한 줄.' } },
      ranking(['b', 'a'], { b: "관심 주제 'RLHF'와 가까운 논문" }),
    );
    expect(papers).toEqual([
      { id: 'a', title: 'Alpha', titleKo: '알파', tldrKo: '한 줄.', recommended: false, reasonKo: null },
      {
        id: 'b',
        title: 'Beta',
        titleKo: null,
        tldrKo: null,
        recommended: true,
        reasonKo: "관심 주제 'RLHF'와 가까운 논문",
      },
    ]);
  });
});
