// Content script: puts a "한국어 요약" button and panel under every paper card on Hugging Face's papers pages,
// and a bar above the list to summarise the whole page.
import { render } from 'preact';
import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { type CardAction, CardSummary } from '../../components/CardSummary.tsx';
import { PageToolbar, type RunOrder } from '../../components/PageToolbar.tsx';
import { startAutoSummarize } from '../../lib/content/auto-summarize.ts';
import type { CardTarget } from '../../lib/content/card-hosts.ts';
import { CardRegistry } from '../../lib/content/card-registry.ts';
import { renderDormantCard } from '../../lib/content/dormant-card.ts';
import { buildPageDigest, pageStatus } from '../../lib/content/page-digest.ts';
import { INITIAL_PANEL } from '../../lib/content/panel-state.ts';
import { loadPaper, toPaperForSummary } from '../../lib/content/paper-source.ts';
import { startPapersPage } from '../../lib/content/papers-page.ts';
import { createToolbarHost, placeToolbar } from '../../lib/content/toolbar-host.ts';
import { readPapersFromPage } from '../../lib/hf/page.ts';
import { isListingRoute, parsePapersRoute } from '../../lib/hf/routes.ts';
import { type PageRequest, type PageResponses, parsePageRequest } from '../../lib/messages.ts';
import { askBackground } from '../../lib/runtime-client.ts';
import css from './style.css?inline';

export default defineContentScript({
  // Every papers listing on the Hub and the paper pages, on both of its domains. Match patterns cannot
  // say "exactly two path segments": parsePapersRoute decides, and leaves any other page untouched.
  matches: [
    'https://huggingface.co/papers*',
    'https://huggingface.co/*/papers*',
    'https://huggingface.co/collections/*',
    'https://hf.co/papers*',
    'https://hf.co/*/papers*',
    'https://hf.co/collections/*',
  ],
  // Loaded while the page is still parsing, and started the moment its DOM is complete: buttons and
  // cached summaries show sooner than with document_end, which Chrome runs tens of ms after that.
  runAt: 'document_start',
  main(ctx) {
    if (document.readyState === 'loading') {
      ctx.addEventListener(document, 'DOMContentLoaded', () => start(ctx), { once: true });
    } else {
      start(ctx);
    }
  },
});

function start(ctx: ContentScriptContext): void {
  const registry = new CardRegistry(
    async (paperIds) => (await askBackground({ type: 'getCached', paperIds })).summaries,
  );
  const openOptions = () => void askBackground({ type: 'openOptions' });
  const load = (paperId: string) => async () => {
    const paper = await loadPaper(paperId);
    return paper ? toPaperForSummary(paper) : null;
  };

  // Each card starts dormant (a plain button); its Preact panel mounts on first use.
  const renderCard = (target: CardTarget, shadow: ShadowRoot) => {
    const container = document.createElement('div');
    shadow.append(container);
    let mounted = false;
    const mount = (initial: CardAction, focusOnMount = false) => {
      if (mounted) return;
      mounted = true;
      container.replaceChildren();
      render(
        <CardSummary
          paperId={target.paperId}
          title={target.title}
          loadPaper={load(target.paperId)}
          openOptions={openOptions}
          registry={registry}
          initial={initial}
          focusOnMount={focusOnMount}
        />,
        container,
      );
    };
    renderDormantCard(container, (hadFocus) =>
      mount({ type: 'summarize', options: { force: false, batch: false } }, hadFocus),
    );
    const unregister = registry.register({
      paperId: target.paperId,
      state: INITIAL_PANEL,
      summarize: (options) => mount({ type: 'summarize', options }),
      stop: () => {},
      restore: (done) => mount({ type: 'restore', done }),
    });
    return () => {
      unregister();
      if (mounted) render(null, container);
    };
  };

  const orderedIds = (order: RunOrder) => {
    const pageOrder = registry.all().map((card) => card.paperId);
    if (order === 'page') return pageOrder;
    const papers = readPapersFromPage(document);
    const upvotes = (id: string) => papers.get(id)?.upvotes ?? 0;
    return [...pageOrder].sort((a, b) => upvotes(b) - upvotes(a));
  };
  const estimate = async (paperIds: string[]) => {
    const papers = readPapersFromPage(document);
    const known = paperIds.flatMap((id) => {
      const paper = papers.get(id);
      return paper ? [{ title: paper.title, abstract: paper.abstract }] : [];
    });
    return known.length > 0 ? askBackground({ type: 'estimateRun', papers: known }) : null;
  };

  const toolbar = createToolbarHost(css);
  render(<PageToolbar registry={registry} orderedIds={orderedIds} estimate={estimate} />, toolbar.container);
  ctx.onInvalidated(() => {
    render(null, toolbar.container);
    toolbar.host.remove();
  });

  startPapersPage(ctx, renderCard, css, (cards, route) =>
    placeToolbar(toolbar.host, isListingRoute(route) ? cards : []),
  );

  // The popup and the keyboard shortcut act on this page through these requests.
  const answerPage = async (request: PageRequest): Promise<PageResponses[PageRequest['type']]> => {
    switch (request.type) {
      case 'pageStatus':
        return pageStatus(registry);
      case 'summarizeAll':
        return { queued: registry.summarizeAll(orderedIds(request.order)).length };
      case 'buildDigest':
        if (request.missing === 'summarize') {
          await registry.whenFinished(registry.summarizeAll(orderedIds(request.order)));
        }
        return buildPageDigest(registry, request);
    }
  };
  const onPageMessage = (message: unknown, sender: { id?: string; tab?: unknown }) => {
    // Only this extension's popup and worker (never a tab) may drive the page.
    if (sender.id !== browser.runtime.id || sender.tab) return undefined;
    // A Hub page the patterns match but that lists no papers answers nothing, as if we were not there.
    if (!parsePapersRoute(location.href)) return undefined;
    const request = parsePageRequest(message);
    return request ? answerPage(request) : undefined;
  };
  browser.runtime.onMessage.addListener(onPageMessage);
  ctx.onInvalidated(() => browser.runtime.onMessage.removeListener(onPageMessage));

  askBackground({ type: 'getPagePrefs' }).then(
    ({ autoSummarize }) => {
      if (autoSummarize && !ctx.isInvalid) ctx.onInvalidated(startAutoSummarize(registry));
    },
    (error: unknown) => console.warn('[Daily Papers KO] could not read page preferences', error),
  );
}
