// Reading the page's computed style between our own DOM writes makes the browser recompute styles
// each time. Within one task the page's styles can't change under us, so what we read is kept until
// the task ends (a microtask clears it) and every host or panel made in that task reuses it.

/** `read(key)`, remembered for the rest of the current task. */
export function memoForTask<K, V>(read: (key: K) => V): (key: K) => V {
  let known: Map<K, V> | null = null;
  return (key) => {
    if (!known) {
      known = new Map();
      queueMicrotask(() => {
        known = null;
      });
    }
    if (!known.has(key)) known.set(key, read(key));
    return known.get(key) as V;
  };
}
