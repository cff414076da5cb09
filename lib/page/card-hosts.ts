// Keeps exactly one shadow-root host per paper card as the page renders, re-renders and navigates.

import { t } from '../shared/i18n/t.ts';
import { applyTheme, themeForNewHost } from './page-theme.ts';
import { adoptStyles } from './shadow-styles.ts';
import { createSlicer, SLICE_MS } from './slices.ts';

export const HOST_TAG = 'daily-papers-ko';
export const TOOLBAR_TAG = 'daily-papers-ko-toolbar';
/** The line under a card's English title: its Korean title, one-liner and "추천" badge (glance-lines.ts). */
export const GLANCE_TAG = 'daily-papers-ko-glance';
/** A card's panel where it has its own host, below the card's row (lib/page/panel-placement.ts). */
export const PANEL_TAG = 'daily-papers-ko-panel';

export interface CardTarget {
  paperId: string;
  title: string;
  element: HTMLElement;
  /** The card's English title element, when a line may go right after it (lib/page/hf/title-element.ts). */
  titleElement?: HTMLElement | undefined;
}

export interface MountedCard {
  paperId: string;
  host: HTMLElement;
  shadow: ShadowRoot;
  /** Releases whatever was rendered into the shadow root. */
  unmount: () => void;
}

export type RenderCard = (target: CardTarget, shadow: ShadowRoot, host: HTMLElement) => () => void;

/**
 * Styles on the host itself: `!important` inside the shadow tree beats the page's normal rules.
 * No `content-visibility: auto`: Firefox drops skipped content from the accessibility tree, so
 * the "한국어 요약" buttons of cards below the fold vanished for screen readers (and the tests).
 */
const HOST_STYLE =
  ':host{all:initial !important;display:block !important;position:static !important;contain:layout style;}' +
  ':host([data-place="column"]) .dpk{padding:.5rem 0 0}';

/** An element of ours with an open shadow root holding our styles, in the page's light or dark theme. */
let uiLanguage: string | undefined;

export function createShadowHost(tag: string, css: string): { host: HTMLElement; shadow: ShadowRoot } {
  const host = document.createElement(tag);
  // Our UI's language (the page's may be English while the UI is Korean), for screen readers.
  uiLanguage ??= t('extension.language');
  host.lang = uiLanguage;
  // Hugging Face's dark mode is a class on <html>; our UI follows it (live: page-theme.ts).
  applyTheme(host, themeForNewHost());
  const shadow = host.attachShadow({ mode: 'open' });
  adoptStyles(shadow, HOST_STYLE + css);
  return { host, shadow };
}

/** Lists by whether their cards are flex rows: cards of one list share their layout (one style read). */
const rowLists = new WeakMap<Element, boolean>();

/**
 * Where the button goes on a card laid out as a flex row (2026's compact cards): at the end of the
 * column holding the title, under the author line. At the card's end it would be one more flex item,
 * squeezing the title. Null for any other card: the button goes at its end, as it always has.
 */
function titleColumn({ element, paperId }: CardTarget): HTMLElement | null {
  const list = element.parentElement ?? element;
  let isRow = rowLists.get(list);
  if (isRow === undefined) {
    const style = getComputedStyle(element);
    isRow = style.display.endsWith('flex') && style.flexDirection.startsWith('row');
    rowLists.set(list, isRow);
  }
  if (!isRow) return null;
  const title = [...element.querySelectorAll(`a[href*="/papers/${paperId}"]`)].find((a) =>
    a.textContent?.trim(),
  );
  let column: Element | null | undefined = title;
  while (column && column.parentElement !== element) column = column.parentElement;
  return column instanceof HTMLElement &&
    column !== title &&
    !column.matches('a,button,h1,h2,h3,h4,h5,h6,p,label') &&
    !getComputedStyle(column).display.endsWith('flex')
    ? column
    : null;
}

export class CardHosts {
  readonly #mounted = new Map<HTMLElement, MountedCard>();
  readonly #instanceId = Math.random().toString(36).slice(2);
  /** Cards found but not given their host yet, in page order. */
  #waiting: CardTarget[] = [];
  /**
   * Mounts the first cards in the task that found them and the rest in later slices: on a page of
   * hundreds of cards, one task for all of them (and the layout it brings) would block the page.
   */
  readonly #mountWaiting = createSlicer({
    hasMore: () => this.#waiting.length > 0,
    doNext: () => {
      const target = this.#waiting.shift();
      if (target?.element.isConnected && !this.#mounted.has(target.element)) this.#mountCard(target);
    },
  });

  readonly #render: RenderCard;
  readonly #css: string;

  constructor(render: RenderCard, css: string) {
    this.#render = render;
    this.#css = css;
  }

  /** Mounts on new cards, remounts where a card now shows another paper, removes what is gone. */
  sync(targets: readonly CardTarget[]): void {
    const live = new Map(targets.map((target) => [target.element, target]));
    // What is gone goes first, so a card the page re-rendered is seen leaving before it comes back.
    for (const [element, card] of this.#mounted) {
      const target = live.get(element);
      if (!target || target.paperId !== card.paperId || !element.contains(card.host))
        this.#unmountCard(element, card);
    }
    this.#waiting = targets.filter((target) => !this.#mounted.has(target.element));
    // The task that found the cards also sends their cache lookup and draws the toolbar: half a slice.
    this.#mountWaiting(SLICE_MS / 2);
  }

  /** Removes hosts another instance of this script left behind (the extension was reloaded or updated). */
  removeForeignHosts(root: ParentNode): void {
    for (const host of root.querySelectorAll<HTMLElement>(`${HOST_TAG}, ${TOOLBAR_TAG}, ${PANEL_TAG}`)) {
      if (host.dataset.instance !== this.#instanceId) host.remove();
    }
  }

  clear(): void {
    this.#waiting = [];
    for (const [element, card] of this.#mounted) this.#unmountCard(element, card);
  }

  #mountCard(target: CardTarget): void {
    const { host, shadow } = createShadowHost(HOST_TAG, this.#css);
    host.dataset.paperId = target.paperId;
    host.dataset.instance = this.#instanceId;
    const column = titleColumn(target);
    if (column) host.dataset.place = 'column';
    (column ?? target.element).append(host);
    const unmount = this.#render(target, shadow, host);
    this.#mounted.set(target.element, { paperId: target.paperId, host, shadow, unmount });
  }

  #unmountCard(element: HTMLElement, card: MountedCard): void {
    this.#mounted.delete(element);
    card.unmount();
    card.host.remove();
  }
}
