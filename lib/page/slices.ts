// Long work in short tasks: a slice does work until SLICE_MS is up, then yields to the page (input,
// layout, paint) and carries on in a later task until none is left.

/** Short enough that the frame after a slice still has time to lay out and paint. */
export const SLICE_MS = 8;

export interface SlicedWork {
  hasMore: () => boolean;
  /** Does the next item (called only while `hasMore()`). */
  doNext: () => void;
}

/**
 * Returns `run`: with `nowForMs`, a slice of that many milliseconds runs in this task (a task that
 * has other work to do takes a short one); otherwise one is queued (once, however often asked).
 */
export function createSlicer(work: SlicedWork): (nowForMs?: number) => void {
  let queued = false;
  const slice = (budgetMs = SLICE_MS) => {
    queued = false;
    const until = performance.now() + budgetMs;
    // At least one item per slice, so a busy page still makes progress.
    while (work.hasMore()) {
      work.doNext();
      if (performance.now() >= until) break;
    }
    if (work.hasMore()) queue();
  };
  const queue = () => {
    if (queued) return;
    queued = true;
    setTimeout(slice, 0);
  };
  return (nowForMs) => {
    if (!work.hasMore()) return;
    if (nowForMs !== undefined) slice(nowForMs);
    else queue();
  };
}
