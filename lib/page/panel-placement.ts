// Where a card's open panel goes, so that opening one never leaves holes in Hugging Face's layout
// (issue 12: "a summarised day is a wall"). The "한국어 요약" button stays in the card; the panel goes:
//
// - grid: the card is an item (or the only card in an item) of a CSS grid (HF's list,
//   `grid grid-cols-1 gap-5 lg:grid-cols-2 xl:grid-cols-3`). The panel gets its own host, a grid item
//   spanning every column (`grid-column: 1 / -1`) on an explicit grid row just below the card's
//   visual row. Explicitly placed items are laid out first and auto-placed ones flow around them, so
//   the row's cards keep their places and heights, and the next row starts below the panel. The host
//   sits right after the card's item in the DOM, so reading and Tab order go button → panel → the
//   neighbour. Rows are recounted when the grid's width or column count changes (ResizeObserver)
//   and when its items change (MutationObserver). Several open panels of a row stack in card order.
// - row: the card is a flex row (2026's compact cards). Inside it the panel would be a flex item
//   squeezing the title; its host goes right after the card, full width, below the row.
// - inside: anything else (a block card in a plain list, a paper's page): in the card, as before.
//
// Why not an overlay anchored to the card: it would cover the next row (or need the space reserved
// anyway), scroll inside itself, and escape the card's `overflow: hidden` only through the top layer.
// A folded panel's host takes no space (visually hidden, absolutely placed: it keeps its live status
// for screen readers), so folding gives the row's space back.
import panelCss from '../../assets/styles/summary-panel.css?inline';
import { PANEL_TAG } from './card-hosts.ts';
import type { PanelPlacement, PlacePanelOptions } from './lazy-code.ts';
import { adoptStyles } from './shadow-styles.ts';
import { memoForTask } from './task-memo.ts';

/** Nothing of ours goes inside these. */
const FORBIDDEN = 'a,button,h1,h2,h3,h4,h5,h6,p,label';
/** How far up from a card an element holding only that card may be the grid's item. */
const MAX_WRAPPERS = 3;

type Mode = 'inside' | 'row' | 'grid';

interface Entry {
  host: HTMLElement;
  item: Element;
  button: HTMLElement;
  gap: number;
}

const px = (value: string) => Number.parseFloat(value) || 0;

interface StyleFacts {
  display: string;
  flexDirection: string;
  position: string;
  rowGap: number;
}

/**
 * What placing a panel reads of the page's elements, once per task: reading computed styles between
 * one panel going in and the next made the browser recompute styles for every panel (31 ms of a
 * page restoring 50 cached panels). Our panels change no style of the page's elements.
 */
const facts = memoForTask((element: Element): StyleFacts => {
  const style = getComputedStyle(element);
  return {
    display: style.display,
    flexDirection: style.flexDirection,
    position: style.position,
    rowGap: px(style.rowGap),
  };
});

function layoutParent(element: Element): Element | null {
  let parent = element.parentElement;
  while (parent && facts(parent).display === 'contents') parent = parent.parentElement;
  return parent;
}

/** The card's item in a CSS grid: the card itself or a wrapper holding no other card of ours. */
function gridItemOf(card: Element, cardHost: string): Element | null {
  let item = card;
  for (let level = 0; level <= MAX_WRAPPERS; level++) {
    const parent = layoutParent(item);
    if (!parent || parent === document.body) return null;
    if (facts(parent).display.endsWith('grid')) return item.closest(FORBIDDEN) ? null : item;
    if (parent.querySelectorAll(cardHost).length > 1) return null;
    item = parent;
  }
  return null;
}

/** The grid's items in order, as auto-placement sees them (our panels left out). */
function gridItems(parent: Element, out: Element[] = []): Element[] {
  for (const child of parent.children) {
    if (child.localName === PANEL_TAG) continue;
    const style = facts(child);
    if (style.display === 'contents') gridItems(child, out);
    else if (style.display !== 'none' && style.position !== 'absolute' && style.position !== 'fixed')
      out.push(child);
  }
  return out;
}

function columnCount(grid: Element): number {
  const tracks = getComputedStyle(grid)
    .gridTemplateColumns.replace(/\[[^\]]*\]/g, ' ')
    .trim();
  return tracks && tracks !== 'none' ? tracks.split(/\s+/).length : 1;
}

/**
 * The panel host's own rules (`:host` with `!important` beats the page's rules): below its card's row
 * in the grid ("grid") or below a row-style card ("row"), pulled up to just below its row (a full gap
 * above the next); folded, it takes no space but its live status still speaks.
 */
const HOST_CSS =
  ':host([data-place]){box-sizing:border-box!important;width:auto!important;min-width:0!important;' +
  'align-self:stretch!important;justify-self:stretch!important;margin-top:calc(-1*var(--dpk-pull,0px))!important}' +
  ':host([data-place="grid"]){grid-column:1/-1!important;grid-row:var(--dpk-row,auto)!important}' +
  ':host([data-folded]){position:absolute!important;width:1px!important;height:1px!important;' +
  'margin:0!important;overflow:hidden!important;clip-path:inset(50%)!important}';

/** The open panels of one grid, and the observers that keep them below their rows. */
class GridPanels {
  readonly entries = new Set<Entry>();
  readonly #grid: Element;
  readonly #resize: ResizeObserver;
  readonly #mutation: MutationObserver;
  #shape = '';
  #frame = 0;
  #queued = false;

  constructor(grid: Element) {
    this.#grid = grid;
    this.#resize = new ResizeObserver(() => {
      // A new width or column count moves rows; our own panels growing (height only) does not.
      const shape = `${this.#grid.clientWidth}/${columnCount(this.#grid)}`;
      if (shape === this.#shape || this.#frame) return;
      // Next frame: changing the layout inside this callback would make the observer loop.
      this.#frame = requestAnimationFrame(() => {
        this.#frame = 0;
        this.relayout();
      });
    });
    this.#mutation = new MutationObserver((records) => {
      const ours = (node: Node) => node instanceof Element && node.localName === PANEL_TAG;
      if (records.some((r) => [...r.addedNodes, ...r.removedNodes].some((node) => !ours(node))))
        this.relayout();
    });
    this.#resize.observe(grid);
    this.#mutation.observe(grid, { childList: true });
  }

  /**
   * Once, after the task's other panels opened too: a page restoring 50 cached panels lays out the
   * grid once per slice instead of once per panel.
   */
  relayoutSoon(): void {
    if (this.#queued) return;
    this.#queued = true;
    queueMicrotask(() => {
      this.#queued = false;
      if (this.entries.size > 0) this.relayout();
    });
  }

  relayout(): void {
    const columns = columnCount(this.#grid);
    this.#shape = `${this.#grid.clientWidth}/${columns}`;
    const items = gridItems(this.#grid);
    const placed = [...this.entries]
      .map((entry) => ({ entry, index: items.indexOf(entry.item) }))
      .filter(({ index }) => index >= 0)
      .sort((a, b) => a.index - b.index);
    placed.forEach(({ entry, index }, before) => {
      // Card row r takes grid row r + (panels of earlier rows); its panels follow it, in card order.
      entry.host.style.setProperty('--dpk-row', String(Math.floor(index / columns) + 2 + before));
      if (entry.host.previousElementSibling !== entry.item) entry.item.after(entry.host);
      pointAt(entry, this.#grid);
    });
  }

  destroy(): void {
    this.#resize.disconnect();
    this.#mutation.disconnect();
    cancelAnimationFrame(this.#frame);
  }
}

/** The grids with open panels; a grid's observers stop when its last panel folds. */
const grids = new Map<Element, GridPanels>();

/** Panels whose notch still has to find its button, and what their left edge is measured from. */
const notches = new Map<Entry, Element>();
let notchFrame = 0;

/**
 * The panel is pulled up to just below its row at once; its notch points at the card's button before
 * the next frame, measured with every other panel placed in the meantime: reading positions right
 * after each placement would lay the page out again for every panel.
 */
function pointAt(entry: Entry, from: Element): void {
  entry.host.style.setProperty('--dpk-pull', `${Math.max(0, entry.gap - 4)}px`);
  notches.set(entry, from);
  if (notchFrame !== 0) return;
  notchFrame = requestAnimationFrame(() => {
    notchFrame = 0;
    const measured = [...notches].map(([entry, from]) => ({
      entry,
      left: from.getBoundingClientRect().left,
      button: entry.button.getBoundingClientRect(),
    }));
    notches.clear();
    for (const { entry, left, button } of measured)
      entry.host.style.setProperty('--dpk-notch', `${Math.max(12, button.left + button.width / 2 - left)}px`);
  });
}

export function placePanel(options: PlacePanelOptions): PanelPlacement {
  const { container, root, card, button, panelId, cardHost } = options;
  let made: { host: HTMLElement; shadow: ShadowRoot; frame: HTMLElement } | null = null;
  let mode: Mode = 'inside';
  let grid: GridPanels | null = null;
  let open: boolean | null = null;
  const entry: Entry = { host: document.createElement('span'), item: card, button, gap: 0 };

  const leaveGrid = () => {
    if (!grid) return;
    grid.entries.delete(entry);
    notches.delete(entry);
    if (grid.entries.size === 0) {
      grid.destroy();
      for (const [key, value] of grids) if (value === grid) grids.delete(key);
    } else grid.relayoutSoon();
    grid = null;
  };

  const outsideHost = () => {
    if (!made) {
      const { host, shadow } = options.makeHost();
      host.dataset.paperId = options.paperId;
      // Not ignored by the accessibility tree, so the button's aria-controls relation to it holds.
      host.setAttribute('role', 'group');
      adoptStyles(shadow, HOST_CSS);
      adoptStyles(shadow, panelCss);
      const frame = document.createElement('div');
      frame.className = 'dpk dpk-outside';
      shadow.append(frame);
      made = { host, shadow, frame };
      entry.host = host;
    }
    if (container.parentNode !== made.frame) made.frame.append(container);
    button.removeAttribute('aria-controls');
    // The panel is in another shadow root: an id can't reach it, an element reference to its host can.
    button.ariaControlsElements = [made.host];
    return made.host;
  };

  const goInside = () => {
    if (container.parentNode !== root) root.append(container);
    button.ariaControlsElements = null;
    button.setAttribute('aria-controls', panelId);
    made?.host.remove();
  };

  const arrange = () => {
    const item = gridItemOf(card, cardHost);
    const cardStyle = facts(card);
    const isRow = cardStyle.display.endsWith('flex') && cardStyle.flexDirection.startsWith('row');
    const next: Mode = item ? 'grid' : isRow && !card.parentElement?.closest(FORBIDDEN) ? 'row' : 'inside';
    if (next !== 'grid') leaveGrid();
    mode = next;
    if (mode === 'inside') return goInside();
    const host = outsideHost();
    host.dataset.place = mode;
    const list = layoutParent(item ?? card);
    entry.gap = list ? facts(list).rowGap : 0;
    if (mode === 'row') {
      if (host.previousElementSibling !== card) card.after(host);
      pointAt(entry, card);
      return;
    }
    entry.item = item as Element;
    const gridElement = list as Element;
    let panels = grids.get(gridElement);
    if (!panels) {
      panels = new GridPanels(gridElement);
      grids.set(gridElement, panels);
    }
    if (grid !== panels) leaveGrid();
    grid = panels;
    panels.entries.add(entry);
    panels.relayoutSoon();
  };

  return {
    update(nowOpen) {
      if (nowOpen === open) return;
      open = nowOpen;
      if (made) made.host.toggleAttribute('data-folded', !nowOpen);
      if (nowOpen) arrange();
      else if (mode === 'grid') leaveGrid();
    },
    remove() {
      leaveGrid();
      made?.host.remove();
      if (container.parentNode !== root) root.append(container);
    },
  };
}
