// The page toolbar's own shadow-root host, kept just above the list of cards.
import { type CardTarget, createShadowHost, TOOLBAR_TAG } from './card-hosts.ts';

export function createToolbarHost(css: string): { host: HTMLElement; container: HTMLElement } {
  const { host, shadow } = createShadowHost(TOOLBAR_TAG, css);
  const container = document.createElement('div');
  container.className = 'dpk';
  shadow.append(container);
  return { host, container };
}

/** The smallest element that holds every card: the list itself. */
function listContainer(cards: CardTarget[]): HTMLElement | null {
  let candidate = cards[0]?.element.parentElement ?? null;
  while (candidate && !cards.every((card) => candidate?.contains(card.element)))
    candidate = candidate.parentElement;
  return candidate;
}

/** Puts the toolbar right before the list (or takes it away when there is no list). */
export function placeToolbar(host: HTMLElement, cards: CardTarget[]): void {
  const list = cards.length > 0 ? listContainer(cards) : null;
  if (!list || list === document.body) {
    host.remove();
    return;
  }
  if (host.nextElementSibling !== list) list.before(host);
}
