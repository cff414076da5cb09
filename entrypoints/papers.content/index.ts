// Content script (boot): puts a "한국어 요약" button under every paper card on Hugging Face's papers pages
// and a bar above the list to summarise the whole page. It carries no sanitiser and no schemas: the
// panel and the page-data code are loaded when first needed (lib/page/lazy-code.ts).
import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { defineContentScript } from 'wxt/utils/define-content-script';
import css from '../../assets/styles/page-toolbar.css?inline';
import { startAutoSummarize } from '../../lib/page/auto-summarize.ts';
import { type CardTarget, createShadowHost, HOST_TAG, PANEL_TAG } from '../../lib/page/card-hosts.ts';
import { CardRegistry } from '../../lib/page/card-registry.ts';
import { type PlacePanel, showCard } from '../../lib/page/card-view.ts';
import { DriftWatch } from '../../lib/page/drift-watch.ts';
import { type GlanceTools, loadPageData, loadPanelCode } from '../../lib/page/lazy-code.ts';
import { mountPageToolbar } from '../../lib/page/page-toolbar.ts';
import { PanelPainter } from '../../lib/page/panel-painter.ts';
import { startPapersPage } from '../../lib/page/papers-page.ts';
import { createToolbarHost, placeToolbar } from '../../lib/page/toolbar-host.ts';
import { isListingRoute, parsePapersRoute } from '../../lib/shared/hf-routes.ts';
import { SUMMARY_PORT_NAME } from '../../lib/shared/messages.ts';
import { askBackground } from '../../lib/shared/runtime-client.ts';

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

const warn = (what: string) => (error: unknown) => console.warn(`[Daily Papers KO] ${what}`, error);

function start(ctx: ContentScriptContext): void {
  const painter = new PanelPainter(loadPanelCode);
  const registry = new CardRegistry(
    {
      prepare: async (paperId) => {
        const data = await loadPageData();
        return { paper: await data.paperForSummary(paperId), parseEvent: data.parsePortEvent };
      },
      connect: () => browser.runtime.connect({ name: SUMMARY_PORT_NAME }),
    },
    (paperIds) => askBackground({ type: 'getCached', paperIds }),
  );
  const openOptions = () => void askBackground({ type: 'openOptions' });
  /** The deep reading part of a panel: its code comes with the page-data code, its sanitiser with the panel's. */
  const mountDeep = (container: HTMLElement, paperId: string) => {
    let unmount: (() => void) | null = null;
    let gone = false;
    Promise.all([loadPageData(), painter.prepare()]).then(
      ([data, panel]) => {
        if (!gone) unmount = data.mountDeepSection(container, paperId, { ...panel.deepEnv, openOptions });
      },
      (error: unknown) => console.warn('[Daily Papers KO] could not load deep reading', error),
    );
    return () => {
      gone = true;
      unmount?.();
    };
  };
  /** A paper's button and panel in `parent`: a card's shadow root or a row of the fallback list. */
  const showPaper = (parent: ParentNode, paperId: string, title: string, place?: PlacePanel) => {
    const { controller, detach } = registry.attach(paperId);
    const hide = showCard(parent, controller, title, painter, openOptions, mountDeep, place);
    return () => {
      hide();
      detach();
    };
  };

  // "한 줄 요약" and 추천순: their code comes with the page-data chunk, started at idle (or by 추천순).
  const glanceSlot = document.createElement('div');
  glanceSlot.style.display = 'contents';
  let glance: Promise<GlanceTools> | null = null;
  let glanceCards: CardTarget[] = [];
  const startGlance = (autoOneLiners: boolean) => {
    glance ??= loadPageData().then((data) => {
      const tools = data.startGlance({
        slot: glanceSlot,
        openOptions,
        autoOneLiners,
        describeError: async () => (await painter.prepare()).deepEnv.describeError,
      });
      ctx.onInvalidated(() => tools.destroy());
      tools.sync(glanceCards);
      return tools;
    });
    return glance;
  };
  const toolbarHost = createToolbarHost(css);
  const unmountToolbar = mountPageToolbar(toolbarHost.container, {
    registry,
    extra: glanceSlot,
    onOrderChange: (order) =>
      void startGlance(false).then((tools) => tools.setOrder(order), warn('could not rank the page')),
    orderedIds: async (order) => {
      const pageOrder = registry.all().map((controller) => controller.paperId);
      return order === 'page' ? pageOrder : (await loadPageData()).orderIds(pageOrder, order);
    },
    estimate: async (paperIds) => {
      const papers = (await loadPageData()).papersForEstimate(paperIds);
      return papers.length > 0 ? askBackground({ type: 'estimateRun', papers }) : null;
    },
  });
  let lastCards: Parameters<typeof placeToolbar>[1] = [];
  const drift = new DriftWatch({
    mountList: async () => (await painter.prepare()).mountFallbackList(toolbarHost.container, showPaper),
    onChange: (offered) => placeToolbar(toolbarHost.host, lastCards, offered),
  });
  ctx.onInvalidated(() => {
    drift.destroy();
    unmountToolbar();
    toolbarHost.host.remove();
  });

  // Each card is a view of its paper's controller; cards showing the same paper share it.
  startPapersPage(
    ctx,
    (target, shadow) =>
      showPaper(shadow, target.paperId, target.title, (parts) =>
        painter.place({
          ...parts,
          card: target.element,
          paperId: target.paperId,
          cardHost: HOST_TAG,
          makeHost: () => createShadowHost(PANEL_TAG, css),
        }),
      ),
    css,
    async () => (await loadPageData()).cardFinder,
    (cards, route, scan) => {
      registry.expect(cards.map((card) => card.paperId));
      lastCards = isListingRoute(route) ? cards : [];
      glanceCards = lastCards;
      void glance?.then((tools) => tools.sync(glanceCards));
      drift.update(scan);
      placeToolbar(toolbarHost.host, lastCards, drift.offered);
    },
  );
  ctx.onInvalidated(() => registry.clear());

  // The popup and the keyboard shortcut act on this page through these requests.
  const onPageMessage = (message: unknown, sender: { id?: string; tab?: unknown }) => {
    // Only this extension's popup and worker (never a tab) may drive the page.
    if (sender.id !== browser.runtime.id || sender.tab) return undefined;
    // A Hub page the patterns match but that lists no papers answers nothing, as if we were not there.
    if (!parsePapersRoute(location.href)) return undefined;
    return loadPageData().then((data) =>
      data.answerPageRequest(message, registry, { scan: drift.lastScan, fallbackOffered: drift.offered }),
    );
  };
  browser.runtime.onMessage.addListener(onPageMessage);
  ctx.onInvalidated(() => browser.runtime.onMessage.removeListener(onPageMessage));

  // Automatic mode waits for cards to stay in view anyway: asking about it can wait for idle time,
  // leaving the task that finds the cards to them and their cache lookup.
  requestIdleCallback(
    () =>
      void askBackground({ type: 'getPagePrefs' }).then(({ autoSummarize, autoOneLiners }) => {
        if (ctx.isInvalid) return;
        if (autoSummarize) ctx.onInvalidated(startAutoSummarize(registry));
        if (parsePapersRoute(location.href))
          startGlance(autoOneLiners).catch(warn('could not start one-liners'));
      }, warn('could not read page preferences')),
    { timeout: 1000 },
  );
}
