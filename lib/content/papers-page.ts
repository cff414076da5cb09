// Wires card discovery to the page's lifetime: initial scan, later DOM changes, client-side navigation, reload.
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { findListCards, findPaperPageCard } from '../hf/cards.ts';
import { type PapersRoute, parsePapersRoute } from '../hf/routes.ts';
import { CardHosts, type CardTarget, HOST_TAG, type RenderCard } from './card-hosts.ts';

export function findCardsForRoute(root: Document, route: PapersRoute | null): CardTarget[] {
  if (!route) return [];
  if (route.kind === 'paper') {
    const card = findPaperPageCard(root, route.paperId);
    return card ? [card] : [];
  }
  return findListCards(root);
}

/** True when a mutation touched the page's own nodes, not only our hosts. */
function isPageMutation(record: MutationRecord): boolean {
  const nodes = [...record.addedNodes, ...record.removedNodes];
  return nodes.some((node) => !(node instanceof HTMLElement && node.localName.startsWith(HOST_TAG)));
}

export type OnScan = (cards: CardTarget[], route: PapersRoute | null) => void;

export function startPapersPage(
  ctx: ContentScriptContext,
  render: RenderCard,
  css: string,
  onScan: OnScan = () => {},
): void {
  const hosts = new CardHosts(render, css);
  hosts.removeForeignHosts(document);
  const scan = (url: string | URL = location.href) => {
    // Reading isInvalid runs the onInvalidated cleanup once the extension was reloaded or removed.
    if (ctx.isInvalid) return;
    const route = parsePapersRoute(url);
    const cards = findCardsForRoute(document, route);
    hosts.sync(cards);
    onScan(cards, route);
  };

  const observer = new MutationObserver((records) => {
    if (records.some(isPageMutation)) scan();
  });
  observer.observe(document.body, { childList: true, subtree: true });
  // The Navigation API announces a navigation before `location` changes: use the URL it carries.
  ctx.addEventListener(window, 'wxt:locationchange', (event) => scan(event.newUrl));
  ctx.onInvalidated(() => {
    observer.disconnect();
    hosts.clear();
  });
  scan();
}
