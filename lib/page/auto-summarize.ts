// Optional automatic mode: summarise a card once it has been in view for a moment.

import { HOST_TAG } from './card-hosts.ts';
import type { CardRegistry } from './card-registry.ts';

/** A card merely scrolled past is not read: it must stay in view this long. */
const DWELL_MS = 600;

export function startAutoSummarize(registry: CardRegistry, root: Document = document): () => void {
  const timers = new Map<Element, ReturnType<typeof setTimeout>>();
  const observer = new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        const host = entry.target as HTMLElement;
        if (!entry.isIntersecting) {
          clearTimeout(timers.get(host));
          timers.delete(host);
          continue;
        }
        if (timers.has(host)) continue;
        timers.set(
          host,
          setTimeout(() => {
            timers.delete(host);
            const paperId = host.dataset.paperId;
            if (paperId) registry.summarizeAll([paperId]);
          }, DWELL_MS),
        );
      }
    },
    { threshold: 0.5 },
  );
  const observeAll = () => {
    for (const host of root.querySelectorAll(HOST_TAG)) observer.observe(host);
  };
  observeAll();
  const unsubscribe = registry.subscribe(observeAll);
  return () => {
    unsubscribe();
    observer.disconnect();
    for (const timer of timers.values()) clearTimeout(timer);
  };
}
