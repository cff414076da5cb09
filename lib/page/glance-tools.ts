// "한 줄 요약" and 추천순 on the page: the toolbar's button with its estimate, progress, errors and
// "다시 시도"; the one-liners asked for over the glance port (the worker batches them); cached ones shown
// at load from one getOneLiners; the ranking's "추천" badges. One session per page, started by the boot
// script at idle (lib/page/lazy-code.ts `startGlance`); the lines themselves are glance-lines.ts.
import { browser } from 'wxt/browser';
import css from '../../assets/styles/glance.css?inline';
import { formatTokens, formatUsd } from '../shared/cost.ts';
import type { OneLinerItem, Ranking, RunOrder, SummaryError } from '../shared/domain.ts';
import { uiGlancePage } from '../shared/i18n/ui-glance.ts';
import { GLANCE_PORT_NAME, parseGlancePortEvent } from '../shared/messages.ts';
import { askBackground } from '../shared/runtime-client.ts';
import type { CardTarget } from './card-hosts.ts';
import { actionButton, el } from './dom.ts';
import { GlanceLines } from './glance-lines.ts';
import {
  endRun,
  type GlanceRun,
  IDLE_RUN,
  needsRetry,
  rankedOrder,
  recommendations,
  reduceGlanceRun,
  startRun,
} from './glance-run.ts';
import type { DescribeError, GlanceEnv, GlanceTools } from './lazy-code.ts';
import { loadPapersForGlance } from './paper-source.ts';
import { adoptStyles } from './shadow-styles.ts';

type Port = ReturnType<typeof browser.runtime.connect>;

const warn = (what: string) => (error: unknown) => console.warn(`[Daily Papers KO] ${what}`, error);

class GlanceSession implements GlanceTools {
  readonly #env: GlanceEnv;
  readonly #lines = new GlanceLines();
  readonly #oneLiners = new Map<string, OneLinerItem>();
  readonly #lookedUp = new Set<string>();
  #lookUpQueued = false;
  #cards: readonly CardTarget[] = [];
  #run: GlanceRun = IDLE_RUN;
  #port: Port | null = null;
  /** Resolves the promises of those waiting for the run to end (the popup's digest). */
  #whenEnded: (() => void)[] = [];
  #everRun = false;
  #order: RunOrder = 'page';
  #rankSequence = 0;
  #estimateIdle: number | undefined;
  #autoAsked = false;
  /** The errors' Korean messages, borrowed from the panel's code once an error is to be shown. */
  #describe: DescribeError | null = null;

  // The toolbar's part.
  readonly #button = actionButton(uiGlancePage.run, () => void this.start(), true);
  readonly #stopButton = actionButton(uiGlancePage.stop, () => this.stop());
  readonly #retryButton = actionButton(uiGlancePage.retry, () => void this.start());
  readonly #optionsButton = actionButton(uiGlancePage.openOptions, () => this.#env.openOptions());
  readonly #estimate = el('span', 'dpk-meta');
  readonly #status = el('span', '');
  readonly #tools = el(
    'span',
    'dpk-glance-tools',
    this.#button,
    this.#estimate,
    this.#status,
    this.#stopButton,
    this.#retryButton,
    this.#optionsButton,
  );
  readonly #noteText = el('span', '');
  readonly #noteOptions = actionButton(uiGlancePage.openOptions, () => this.#env.openOptions());
  readonly #note = el('p', 'dpk-glance-note', this.#noteText, this.#noteOptions);

  constructor(env: GlanceEnv) {
    this.#env = env;
    this.#tools.setAttribute('role', 'group');
    this.#tools.setAttribute('aria-label', uiGlancePage.group);
    this.#status.setAttribute('role', 'status');
    this.#status.setAttribute('aria-live', 'polite');
    this.#note.setAttribute('role', 'status');
    this.#note.hidden = true;
    const root = env.slot.getRootNode();
    if (root instanceof ShadowRoot) adoptStyles(root, css);
    env.slot.append(this.#tools, this.#note);
    this.#render();
  }

  /** The papers on the page, once each, in page order. */
  #pageIds(): string[] {
    return [...new Set(this.#cards.map((card) => card.paperId))];
  }

  sync(cards: readonly CardTarget[]): void {
    this.#cards = cards;
    this.#lines.sync(cards);
    if (cards.some((card) => !this.#lookedUp.has(card.paperId)) && !this.#lookUpQueued) {
      this.#lookUpQueued = true;
      queueMicrotask(() => void this.#lookUp());
    }
    this.#render();
  }

  /** Cached one-liners for the papers not looked up yet: one request, no model call. */
  async #lookUp(): Promise<void> {
    this.#lookUpQueued = false;
    const ids = this.#pageIds().filter((id) => !this.#lookedUp.has(id));
    if (ids.length === 0) return;
    for (const id of ids) this.#lookedUp.add(id);
    try {
      const { oneLiners } = await askBackground({ type: 'getOneLiners', paperIds: ids });
      for (const item of Object.values(oneLiners)) this.#show(item);
    } catch (error) {
      warn('could not look up cached one-liners')(error);
    }
    this.#render();
    this.#refreshEstimate();
    void this.#startAutomatically();
  }

  #show(item: OneLinerItem): void {
    this.#oneLiners.set(item.id, item);
    this.#lines.update(item.id, { titleKo: item.titleKo, tldrKo: item.tldrKo });
  }

  #missingIds(): string[] {
    return this.#pageIds().filter((id) => !this.#oneLiners.has(id));
  }

  /** The option "페이지를 열면 한 줄 요약을 자동으로 받기": once, when a key is set and some are missing. */
  async #startAutomatically(): Promise<void> {
    if (!this.#env.autoOneLiners || this.#autoAsked || this.#everRun) return;
    if (this.#missingIds().length === 0) return;
    this.#autoAsked = true;
    const { needsKey } = await askBackground({ type: 'getKeyStatus' }).catch(() => ({ needsKey: true }));
    if (!needsKey && !this.#everRun) await this.start();
  }

  /** The cost of the first run, shown beside the button before it (like the toolbar's estimate). */
  #refreshEstimate(): void {
    if (this.#estimateIdle !== undefined) cancelIdleCallback(this.#estimateIdle);
    this.#estimateIdle = requestIdleCallback(
      () => {
        const missing = this.#missingIds();
        if (this.#everRun || missing.length === 0) {
          this.#estimate.textContent = '';
          return;
        }
        loadPapersForGlance(missing)
          .then((papers) => (papers.length > 0 ? askBackground({ type: 'estimateOneLiners', papers }) : null))
          .then((estimate) => {
            if (this.#everRun) return;
            this.#estimate.textContent = estimate
              ? uiGlancePage.estimate(
                  estimate.papers,
                  formatTokens(estimate.tokens),
                  formatUsd(estimate.cost),
                  estimate.requests,
                )
              : '';
          }, warn('could not estimate the one-liners'));
      },
      { timeout: 1000 },
    );
  }

  /** "한 줄 요약": one-liners for every paper on the page; cached ones come back at once. */
  async start(): Promise<void> {
    if (this.#run.phase === 'running') return this.ended();
    const ids = this.#pageIds();
    this.#everRun = true;
    this.#estimate.textContent = '';
    this.#run = startRun(ids.length);
    this.#status.textContent = uiGlancePage.preparing;
    this.#render(false);
    const papers = await loadPapersForGlance(ids).catch(() => []);
    if (papers.length === 0) {
      this.#run = IDLE_RUN;
      this.#render();
      this.#status.textContent = uiGlancePage.noPapers;
      this.#settle();
      return;
    }
    const port = browser.runtime.connect({ name: GLANCE_PORT_NAME });
    this.#port = port;
    port.onMessage.addListener((message: unknown) => {
      const event = parseGlancePortEvent(message);
      if (!event || this.#port !== port) return;
      if (event.type === 'oneLiners') for (const item of event.items) this.#show(item);
      this.#run = reduceGlanceRun(this.#run, event);
      if (event.type === 'done') {
        this.#port = null;
        port.disconnect();
        this.#settle();
        // Scored one-liners may rank now (an endpoint without embeddings).
        if (this.#order === 'recommended') void this.rank();
      }
      this.#render();
    });
    port.onDisconnect.addListener(() => {
      if (this.#port !== port) return;
      this.#port = null;
      this.#run = endRun(this.#run, true);
      this.#settle();
      this.#render();
    });
    port.postMessage({ type: 'oneLiners', papers, force: false });
    return this.ended();
  }

  stop(): void {
    const port = this.#port;
    if (!port) return;
    this.#port = null;
    port.postMessage({ type: 'stop' });
    port.disconnect();
    this.#run = endRun(this.#run, false);
    this.#settle();
    this.#render();
  }

  /** Resolves when no run is under way. */
  ended(): Promise<void> {
    if (this.#run.phase !== 'running') return Promise.resolve();
    return new Promise((resolve) => this.#whenEnded.push(resolve));
  }

  #settle(): void {
    for (const resolve of this.#whenEnded.splice(0)) resolve();
  }

  oneLiners(): Record<string, OneLinerItem> {
    return Object.fromEntries(this.#oneLiners);
  }

  /** The toolbar's order changed: 추천순 ranks and badges the page, any other order takes the badges away. */
  setOrder(order: RunOrder): void {
    this.#order = order;
    if (order === 'recommended') {
      void this.rank();
      return;
    }
    this.#rankSequence++;
    this.#lines.clearBadges();
    this.#note.hidden = true;
  }

  /** 추천순: the page's papers ranked by the interests, the top ones badged; null without interests. */
  async rank(): Promise<Ranking | null> {
    const sequence = ++this.#rankSequence;
    const current = () => sequence === this.#rankSequence;
    const prefs = await askBackground({ type: 'getPagePrefs' });
    if (!prefs.hasInterests) {
      if (current()) {
        this.#lines.clearBadges();
        this.#showNote(uiGlancePage.needInterests, true);
      }
      return null;
    }
    if (current()) this.#showNote(uiGlancePage.ranking, false);
    const ranking = await askBackground({
      type: 'rankPapers',
      papers: await loadPapersForGlance(this.#pageIds()),
    });
    if (!current()) return ranking;
    this.#lines.clearBadges();
    const recommended = recommendations(ranking);
    for (const [id, reason] of recommended) this.#lines.update(id, { recommendedBecause: reason });
    if (ranking.error) {
      const describe = await this.#describer(ranking.error);
      this.#showNote(uiGlancePage.rankFailed(describe(ranking.error).message), false);
    } else if (ranking.method === 'relevance' && ranking.unscored.length === ranking.ranked.length)
      this.#showNote(uiGlancePage.needOneLiners, false);
    else this.#showNote(uiGlancePage.ranked(recommended.size), false);
    return ranking;
  }

  /** The ranking for `paperIds` in 추천순 (badging the page too while the toolbar shows 추천순). */
  async ranking(): Promise<Ranking | null> {
    if (this.#order === 'recommended') return this.rank();
    const prefs = await askBackground({ type: 'getPagePrefs' });
    if (!prefs.hasInterests) return null;
    return askBackground({ type: 'rankPapers', papers: await loadPapersForGlance(this.#pageIds()) });
  }

  async rankedIds(paperIds: string[]): Promise<string[]> {
    const ranking = await this.ranking();
    return ranking ? rankedOrder(paperIds, ranking) : paperIds;
  }

  #showNote(text: string, withOptions: boolean): void {
    this.#noteText.textContent = text;
    this.#noteOptions.hidden = !withOptions;
    this.#note.hidden = false;
  }

  /** The errors' messages (the panel's code), loaded when first needed; redraws once it is in. */
  async #describer(_error: SummaryError): Promise<DescribeError> {
    this.#describe ??= await this.#env.describeError();
    return this.#describe;
  }

  /** Draws the toolbar's part from the run; `status` false keeps the status text as set. */
  #render(status = true): void {
    const run = this.#run;
    const running = run.phase === 'running';
    this.#button.disabled = running || this.#cards.length === 0;
    this.#stopButton.hidden = !running;
    this.#retryButton.hidden = !needsRetry(run);
    this.#estimate.hidden = this.#everRun;
    const error = run.phase === 'done' ? run.error : null;
    if (error && !this.#describe) {
      this.#describer(error).then(() => this.#render(), warn('could not load the error messages'));
      return;
    }
    const describe = this.#describe;
    this.#optionsButton.hidden = !(error && describe && describe(error).nextStep === 'openOptions');
    if (status) this.#status.textContent = statusText(run, describe);
  }

  destroy(): void {
    this.stop();
    if (this.#estimateIdle !== undefined) cancelIdleCallback(this.#estimateIdle);
    this.#lines.destroy();
    this.#tools.remove();
    this.#note.remove();
  }
}

function statusText(run: GlanceRun, describe: DescribeError | null): string {
  switch (run.phase) {
    case 'idle':
      return '';
    case 'running':
      if (run.waitingUntilMs !== null)
        return uiGlancePage.waiting(Math.max(1, Math.ceil((run.waitingUntilMs - Date.now()) / 1000)));
      return uiGlancePage.progress(run.answered, run.total);
    case 'stopped':
      return run.disconnected ? uiGlancePage.disconnected : uiGlancePage.stopped;
    case 'done': {
      if (run.error) return uiGlancePage.failed(describe?.(run.error).message ?? run.error.kind);
      const summary =
        run.requests === 0
          ? uiGlancePage.allCached(run.answered)
          : uiGlancePage.done(run.answered, run.requests, run.cost === null ? null : formatUsd(run.cost));
      return run.failed.length > 0 ? `${summary} ${uiGlancePage.someFailed(run.failed.length)}` : summary;
    }
  }
}

/** The page's one session (the popup's requests reach it through page-data-code.ts). */
let session: GlanceSession | null = null;

export function startGlance(env: GlanceEnv): GlanceTools {
  session?.destroy();
  session = new GlanceSession(env);
  return session;
}

export function currentGlance(): GlanceSession | null {
  return session;
}
