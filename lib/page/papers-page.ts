// Wires card discovery to the page's lifetime: initial scan, later DOM changes, client-side navigation, reload.
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { type PapersRoute, parsePapersRoute } from '../shared/hf-routes.ts';
import { CardHosts, type CardTarget, HOST_TAG, type RenderCard } from './card-hosts.ts';
import { type CardFinder, type PageScan, scanPage } from './hf/page-scan.ts';
import { normalizeAbstract } from './hf/paper-text.ts';
import { followPageTheme } from './page-theme.ts';

/** A paper's abstract from the same-origin API, read without schemas (only a string is used). */
async function fetchAbstract(paperId: string): Promise<string | null> {
  try {
    const response = await fetch(`/api/papers/${paperId}`, { headers: { accept: 'application/json' } });
    const data: unknown = response.ok ? await response.json() : null;
    const summary =
      typeof data === 'object' && data !== null ? (data as { summary?: unknown }).summary : null;
    return typeof summary === 'string' && summary.trim() ? normalizeAbstract(summary) : null;
  } catch (error) {
    console.warn('[Daily Papers KO] paper API request failed', error);
    return null;
  }
}

/** True when a mutation touched the page's own nodes, not only our hosts. */
function isPageMutation(record: MutationRecord): boolean {
  const nodes = [...record.addedNodes, ...record.removedNodes];
  return nodes.some((node) => !(node instanceof HTMLElement && node.localName.startsWith(HOST_TAG)));
}

export type OnScan = (cards: CardTarget[], route: PapersRoute | null, scan: PageScan) => void;

export function startPapersPage(
  ctx: ContentScriptContext,
  render: RenderCard,
  css: string,
  loadFinder: () => Promise<CardFinder>,
  onScan: OnScan = () => {},
): void {
  const hosts = new CardHosts(render, css);
  hosts.removeForeignHosts(document);
  ctx.onInvalidated(followPageTheme());
  // A paper page without its island: the abstract that places the panel comes from the API, once.
  const abstracts = new Map<string, string | null>();
  const needAbstract = (paperId: string) => {
    if (abstracts.has(paperId)) return;
    abstracts.set(paperId, null);
    void fetchAbstract(paperId).then((abstract) => {
      abstracts.set(paperId, abstract);
      if (abstract) scan();
    });
  };
  // The full card finder, for pages the fast path can't read (and paper pages): loaded once, on demand.
  let finder: CardFinder | null = null;
  let finderLoading = false;
  const needFinder = () => {
    if (finderLoading) return;
    finderLoading = true;
    loadFinder().then(
      (loaded) => {
        finder = loaded;
        scan();
      },
      (error: unknown) => {
        finderLoading = false;
        console.warn('[Daily Papers KO] could not load the card finder', error);
      },
    );
  };
  const scan = (url: string | URL = location.href) => {
    // Reading isInvalid runs the onInvalidated cleanup once the extension was reloaded or removed.
    if (ctx.isInvalid) return;
    const route = parsePapersRoute(url);
    const abstract = route?.kind === 'paper' ? abstracts.get(route.paperId) : null;
    const result = scanPage(document, route, finder, { abstract });
    // Until the finder is in, the cards already shown stay as they are.
    if (result.needsFinder) return needFinder();
    if (result.needsAbstract && route?.kind === 'paper') needAbstract(route.paperId);
    hosts.sync(result.cards);
    onScan(result.cards, route, result);
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
