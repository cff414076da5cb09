// Long work in short tasks: a slice does work until SLICE_MS is up, then yields to the page (input,
// layout, paint) and carries on in a later task until none is left.

/** Short enough that the frame after a slice still has time to lay out and paint. */
export const SLICE_MS = 8;

export interface SlicedWork {
  hasMore: () => boolean;
  /** Does the next item (called only while `hasMore()`). */
  doNext: () => void;
}

/** Returns `run`: with `now`, a slice runs in this task; else one is queued (once, however often asked). */
export function createSlicer(work: SlicedWork): (now?: boolean) => void {
  let queued = false;
  const slice = () => {
    queued = false;
    const until = performance.now() + SLICE_MS;
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
  return (now = false) => {
    if (!work.hasMore()) return;
    if (now) slice();
    else queue();
  };
}
