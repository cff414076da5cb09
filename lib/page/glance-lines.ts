// The line under each card's English title: its Korean title and one-liner, and the "추천" badge with its
// reason. One small shadow host per card, inserted right after the card's title element (never inside
// a link or heading; where the card has none, just before our card host), only for papers with
// something to show. Follows the cards as the page re-renders them (sync on every scan).
import css from '../../assets/styles/glance.css?inline';
import { uiGlancePage } from '../shared/i18n/ui-glance.ts';
import { type CardTarget, createShadowHost, GLANCE_TAG, HOST_TAG } from './card-hosts.ts';
import { el } from './dom.ts';
import { createSlicer } from './slices.ts';

export interface LineContent {
  titleKo: string | null;
  tldrKo: string | null;
  /** Why the paper is recommended (the badge shows it); null: no badge. */
  recommendedBecause: string | null;
}

const EMPTY: LineContent = { titleKo: null, tldrKo: null, recommendedBecause: null };

interface Line {
  paperId: string;
  host: HTMLElement;
  draw: (content: LineContent) => void;
  /** What it shows now: a scan that changes nothing redraws nothing. */
  drawn: LineContent | null;
}

let tipSequence = 0;

/** One card's line in `shadow`; returns how to redraw it. */
function buildLine(shadow: ShadowRoot): (content: LineContent) => void {
  const tipId = `dpk-tip-${++tipSequence}`;
  const badge = el('button', 'dpk-badge', uiGlancePage.badge);
  badge.type = 'button';
  badge.setAttribute('aria-describedby', tipId);
  const tip = el('span', 'dpk-tip');
  tip.id = tipId;
  tip.setAttribute('role', 'tooltip');
  const badgeWrap = el('span', 'dpk-badge-wrap', badge, tip);
  // Escape hides the reason until focus or the pointer leaves (WCAG 1.4.13: dismissible).
  badge.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') badgeWrap.dataset.dismissed = '';
  });
  const undismiss = () => delete badgeWrap.dataset.dismissed;
  badge.addEventListener('blur', undismiss);
  badgeWrap.addEventListener('mouseleave', undismiss);
  const title = el('span', 'dpk-line-title');
  const text = el('span', 'dpk-line-text');
  const line = el('div', 'dpk-line', badgeWrap, title, text);
  line.lang = 'ko';
  shadow.append(line);
  return (content) => {
    badgeWrap.hidden = content.recommendedBecause === null;
    tip.textContent = content.recommendedBecause ?? '';
    title.textContent = content.titleKo ?? '';
    title.hidden = !content.titleKo;
    text.textContent = content.tldrKo ?? '';
    text.hidden = !content.tldrKo;
  };
}

function hasContent(content: LineContent | undefined): content is LineContent {
  return !!content && (content.titleKo !== null || content.recommendedBecause !== null);
}

/** Puts `host` where the card's line goes, unless it is there already. */
function place(host: HTMLElement, card: CardTarget): void {
  const title = card.titleElement;
  if (title?.isConnected && card.element.contains(title)) {
    if (title.nextElementSibling !== host) title.after(host);
    return;
  }
  if (host.parentElement === card.element) return;
  const cardHost = [...card.element.children].find((child) => child.localName === HOST_TAG);
  if (cardHost) cardHost.before(host);
  else card.element.append(host);
}

export class GlanceLines {
  readonly #lines = new Map<HTMLElement, Line>();
  readonly #content = new Map<string, LineContent>();
  #cards: readonly CardTarget[] = [];
  /** Cards whose line is still to be drawn, a slice at a time (a page of hundreds of cached lines). */
  #waiting: CardTarget[] = [];
  readonly #drawWaiting = createSlicer({
    hasMore: () => this.#waiting.length > 0,
    doNext: () => {
      const card = this.#waiting.shift();
      if (card) this.#show(card);
    },
  });

  constructor(root: ParentNode = document) {
    // Lines another instance of this script left behind (the extension was reloaded or updated).
    for (const host of root.querySelectorAll(GLANCE_TAG)) host.remove();
  }

  /** The cards found by the last scan: lines follow them (placed, moved back, taken away). */
  sync(cards: readonly CardTarget[]): void {
    this.#cards = cards;
    const live = new Map(cards.map((card) => [card.element, card]));
    for (const [element, line] of this.#lines) {
      const card = live.get(element);
      if (!card || card.paperId !== line.paperId || !hasContent(this.#content.get(card.paperId)))
        this.#remove(element, line);
    }
    this.#waiting = cards.filter((card) => hasContent(this.#content.get(card.paperId)));
    this.#drawWaiting(4);
  }

  /** What a paper's line shows (merged into what it showed); every card of the paper redraws. */
  update(paperId: string, patch: Partial<LineContent>): void {
    const content = { ...(this.#content.get(paperId) ?? EMPTY), ...patch };
    this.#content.set(paperId, content);
    for (const card of this.#cards) if (card.paperId === paperId) this.#waiting.push(card);
    this.#drawWaiting();
  }

  /** Takes every badge away (the order is no longer 추천순). */
  clearBadges(): void {
    for (const [paperId, content] of this.#content) {
      if (content.recommendedBecause !== null) this.update(paperId, { recommendedBecause: null });
    }
  }

  content(paperId: string): LineContent | undefined {
    return this.#content.get(paperId);
  }

  destroy(): void {
    this.#waiting = [];
    for (const [element, line] of this.#lines) this.#remove(element, line);
  }

  #show(card: CardTarget): void {
    if (!card.element.isConnected) return;
    const content = this.#content.get(card.paperId);
    let line = this.#lines.get(card.element);
    if (!hasContent(content)) {
      if (line) this.#remove(card.element, line);
      return;
    }
    if (!line) {
      const { host, shadow } = createShadowHost(GLANCE_TAG, css);
      host.dataset.paperId = card.paperId;
      line = { paperId: card.paperId, host, draw: buildLine(shadow), drawn: null };
      this.#lines.set(card.element, line);
    }
    place(line.host, card);
    if (line.drawn === content) return;
    line.drawn = content;
    line.draw(content);
  }

  #remove(element: HTMLElement, line: Line): void {
    this.#lines.delete(element);
    line.host.remove();
  }
}
