// The page toolbar's own shadow-root host, kept just above the list of cards.
import type { CardTarget } from './card-hosts.ts';
import { adoptStyles } from './shadow-styles.ts';

export function createShadowHost(tag: string, css: string): { host: HTMLElement; container: HTMLElement } {
  const host = document.createElement(tag);
  if (document.documentElement.classList.contains('dark')) host.dataset.theme = 'dark';
  const shadow = host.attachShadow({ mode: 'open' });
  adoptStyles(shadow, `:host{all:initial !important;display:block !important;}${css}`);
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
