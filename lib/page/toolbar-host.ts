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

/**
 * Puts the toolbar right before the list of cards. With no list, it goes at the top of the page's main
 * area only while it offers the fallback list (some papers have no card); otherwise it is taken away.
 */
export function placeToolbar(host: HTMLElement, cards: CardTarget[], offersList = false): void {
  const list = cards.length > 0 ? listContainer(cards) : null;
  if (list && list !== document.body) {
    if (host.nextElementSibling !== list) list.before(host);
    return;
  }
  if (!offersList) {
    host.remove();
    return;
  }
  const main = document.querySelector('main') ?? document.body;
  if (main.firstElementChild !== host) main.prepend(host);
}
