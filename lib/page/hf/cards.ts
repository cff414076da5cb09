// Finds each paper's card on a page from the links to `/papers/<id>`, not from Hugging Face's markup.
//
// A card is the largest element that links to its paper and to no other paper (title, thumbnail and
// comment links alike). Three refinements make that rule survive real pages:
// - a card may carry weak mentions of other papers (a "Related" strip): the paper with the strongest
//   title, then the most links, owns an element when the others there are mere mentions;
// - one paper shown twice (a pinned card) is two cards: an element holding two titles of the same
//   paper is a list, not a card;
// - a card never extends across a page region (`main`, a Svelte island), nor into navigation.
// `article` and headings are hints (an `article` is one card, a heading holds a title), never
// requirements. The walk visits each element above a paper link once, so a scan stays linear in the
// page's size. Known limit: a card whose only link to its paper is a plain one, beside a plain link to
// another paper, reads the same as two one-link cards (unless it is an `article`).
import { paperIdFromHref } from '../../shared/hf-routes.ts';
import { titleElementOf } from './title-element.ts';

const CARD_SELECTOR = {
  /** Every link that may point at a paper; `paperIdFromHref` decides which really do. */
  paperLink: 'a[href*="/papers/"]',
  navigationLink: 'nav a[href*="/papers/"]',
  /** Hugging Face's own card element through 2025: when one holds all of a card's links, it is the card. */
  cardHint: 'article',
  /** Headings: a paper link in (or around) one is its card's title; "Abstract" marks a paper page's abstract. */
  heading: 'h1, h2, h3, h4, h5, h6',
} as const;

/** Elements whose content is a title: a paper link inside one is the card's title. */
const HEADING_TAGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
/** Page regions a card never extends across: the page itself, its main area, and each Svelte island. */
const REGION_TAGS = new Set(['html', 'body', 'main']);
const ISLAND_ATTRIBUTE = 'data-target';
/** Site navigation: links to papers there are menus, not cards (see CARD_SELECTOR.navigationLink). */
const NAVIGATION_TAGS = new Set(['nav']);
/**
 * Elements our block-level UI must not go into: interactive ones (a click on our button would follow
 * Hugging Face's link), headings and paragraphs (our button would join the title or the text), and
 * elements whose children must be rows or list items.
 */
const UNPLACEABLE_TAGS = new Set([
  'a',
  'button',
  'label',
  'summary',
  'select',
  'option',
  'textarea',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'p',
  'table',
  'thead',
  'tbody',
  'tfoot',
  'tr',
  'ul',
  'ol',
  'dl',
  'svg',
  'picture',
  'video',
  'audio',
  'img',
]);
const INTERACTIVE_ANCESTOR = 'a, button, label, summary';
/** Link text at least this long reads as a title when the paper's own title is unknown. */
const TITLE_LIKE_MIN_CHARS = 20;

/**
 * How sure we are that a link is its paper's title; a higher rank wins. Text means the link reads as
 * the paper's title from the data or, for a paper the data does not list, is long enough to be one.
 */
const TitleRank = {
  None: 0,
  Text: 1,
  /** The link is inside a heading, or wraps one. */
  Heading: 2,
} as const;
type TitleRank = (typeof TitleRank)[keyof typeof TitleRank];

export interface PaperCard {
  paperId: string;
  /** The title as the data or the card shows it, for labelling our panel. */
  title: string;
  /** The element the card is: our UI goes at its end. */
  element: HTMLElement;
  /** The card's English title (its heading or link), when a line of ours may go right after it. */
  titleElement?: HTMLElement | undefined;
}

/** What the card finder needs to know about a paper from the page's data. */
export interface KnownPaper {
  title: string;
}

export interface CardsFound {
  /** In page order; a paper shown twice has two cards. */
  cards: PaperCard[];
  /** Paper ids linked anywhere on the page (outside navigation), in page order. */
  linkedPaperIds: string[];
}

/** One showing of one paper: some of its links, and what they say about its title. */
interface Showing {
  paperId: string;
  links: number;
  titleRank: TitleRank;
  /** Links (or headings) at `titleRank`: two at the top rank are two showings of the paper. */
  titleCount: number;
  titleLink: Element | null;
  /** The showing's first and last link to its paper, in page order. */
  first: Element;
  last: Element;
  /** Known to be a card, never a mention: it is an `article`, or it owns mentions of other papers. */
  card: boolean;
}

interface Candidate {
  showing: Showing;
  element: Element;
}

/** A candidate as an element's summary sees it: `part` numbers the child it came through. */
interface Unit extends Candidate {
  part: number;
}

/**
 * What the links under an element amount to: one showing of one paper, or several units (a list, or
 * a card with mentions not yet recognised as one). Units stay whole until a page region seals the
 * list: nothing above a region is a card, and only then are the units sorted into showings.
 */
type Summary =
  | { kind: 'one'; showing: Showing }
  | { kind: 'several'; candidates: Candidate[]; sealed: boolean };

interface WalkNode {
  children: Element[];
  /** Set when the element is itself a paper link. */
  link: Showing | null;
}

function collapse(text: string | null | undefined): string {
  return (text ?? '').replace(/\s+/g, ' ').trim();
}

function linkTitleRank(link: Element, text: string, known: KnownPaper | undefined): TitleRank {
  // A link wrapping a heading (a whole card as one link) carries its title like a link inside one.
  if (link.firstElementChild && link.querySelector(CARD_SELECTOR.heading)) return TitleRank.Heading;
  const shown = collapse(text).toLowerCase();
  if (!shown) return TitleRank.None;
  if (known) {
    const title = collapse(known.title).toLowerCase();
    // Hugging Face clamps long titles with CSS, but a shortened text ("…") still starts the title.
    const shortened = shown.replace(/(\.\.\.|…)$/, '').trim();
    if (shown === title || (shortened.length >= TITLE_LIKE_MIN_CHARS && title.startsWith(shortened)))
      return TitleRank.Text;
    return TitleRank.None;
  }
  return shown.length >= TITLE_LIKE_MIN_CHARS && /\p{L}/u.test(shown) ? TitleRank.Text : TitleRank.None;
}

/** What a link said last scan: most links are the same element, href and text from one scan to the next. */
interface LinkReading {
  href: string;
  text: string;
  knownTitle: string | undefined;
  paperId: string | null;
  titleRank: TitleRank;
}
const linkReadings = new WeakMap<Element, LinkReading>();

/** The paper a link points at and how much it looks like its title, reusing last scan's reading. */
function readLink(link: Element, known: ReadonlyMap<string, KnownPaper>): LinkReading | null {
  const href = link.getAttribute('href');
  if (href === null) return null;
  const text = link.textContent ?? '';
  const last = linkReadings.get(link);
  if (
    last &&
    last.href === href &&
    last.text === text &&
    (!last.paperId || last.knownTitle === known.get(last.paperId)?.title)
  )
    return last;
  const paperId = paperIdFromHref(href);
  const knownPaper = paperId ? known.get(paperId) : undefined;
  const reading: LinkReading = {
    href,
    text,
    knownTitle: knownPaper?.title,
    paperId,
    titleRank: paperId ? linkTitleRank(link, text, knownPaper) : TitleRank.None,
  };
  linkReadings.set(link, reading);
  return reading;
}

function linkShowing(link: Element, paperId: string, titleRank: TitleRank): Showing {
  return {
    paperId,
    links: 1,
    titleRank,
    titleCount: titleRank > TitleRank.None ? 1 : 0,
    titleLink: titleRank > TitleRank.None ? link : null,
    first: link,
    last: link,
    card: false,
  };
}

/** Two parts of the same paper's showing, `a` before `b` in page order. */
function joinShowings(a: Showing, b: Showing): Showing {
  const rank = Math.max(a.titleRank, b.titleRank) as TitleRank;
  const countOf = (s: Showing) => (s.titleRank === rank ? s.titleCount : 0);
  return {
    paperId: a.paperId,
    links: a.links + b.links,
    titleRank: rank,
    titleCount: rank > TitleRank.None ? countOf(a) + countOf(b) : 0,
    titleLink: a.titleRank === rank ? a.titleLink : b.titleLink,
    first: a.first,
    last: b.last,
    card: a.card || b.card,
  };
}

/** A heading holding one showing is one title, however many links it wraps. */
function asHeading(showing: Showing): Showing {
  return {
    ...showing,
    titleRank: TitleRank.Heading,
    titleCount: 1,
    titleLink: showing.titleLink ?? showing.first,
  };
}

function isRegion(element: Element): boolean {
  return REGION_TAGS.has(element.localName) || element.hasAttribute(ISLAND_ATTRIBUTE);
}

/**
 * When an element holds several papers, one of them owns it (it is that paper's card) if every other
 * paper there is a weak mention (one plain link, or under a heading title anything without a heading)
 * and the owner shows one title at most and outweighs the mentions: more links than they have parts
 * (a strip of mentions is one part), or a stronger title.
 * The owner is the paper with the strongest title, then the most links, then the first. An `article`
 * says itself that it is one card: there the owner need not outweigh the mentions.
 */
function cardOwner(
  element: Element,
  units: readonly Unit[],
  byPaper: ReadonlyMap<string, Showing>,
): Showing | null {
  let owner: Showing | null = null;
  for (const showing of byPaper.values()) {
    if (
      !owner ||
      showing.titleRank > owner.titleRank ||
      (showing.titleRank === owner.titleRank && showing.links > owner.links)
    )
      owner = showing;
  }
  if (!owner || owner.titleCount > 1) return null;
  // Mentions grouped in one strip weigh as one part of the card.
  const foreignParts = new Set<number>();
  let foreignRank: TitleRank = TitleRank.None;
  // Under a heading title, a mention may even be a small card of its own (thumbnail and plain title).
  const mentionsMayBeCards = owner.titleRank === TitleRank.Heading;
  for (const { showing, part } of units) {
    if (showing.paperId === owner.paperId) continue;
    if (showing.titleRank > owner.titleRank) return null;
    if (!isWeak(showing) && !(mentionsMayBeCards && showing.titleRank < TitleRank.Heading)) return null;
    foreignParts.add(part);
    foreignRank = Math.max(foreignRank, showing.titleRank) as TitleRank;
  }
  if (element.localName === CARD_SELECTOR.cardHint) return owner;
  return owner.links > foreignParts.size || owner.titleRank > foreignRank ? owner : null;
}

/**
 * The separate showings in a list: per paper, each unit carrying its top title is one showing; without
 * any title, its largest unit is. A paper's other units (a thumbnail beside a title in a flat list)
 * are parts of those showings, not showings of their own.
 */
function separateShowings(units: readonly Candidate[], byPaper: ReadonlyMap<string, Showing>): Candidate[] {
  const largest = new Map<string, Candidate>();
  for (const unit of units) {
    const best = largest.get(unit.showing.paperId);
    if (!best || unit.showing.links > best.showing.links) largest.set(unit.showing.paperId, unit);
  }
  return units.filter((unit) => {
    const paper = byPaper.get(unit.showing.paperId);
    if (!paper) return false;
    return paper.titleRank > TitleRank.None
      ? unit.showing.titleRank === paper.titleRank
      : largest.get(unit.showing.paperId) === unit;
  });
}

function byPaperOf(units: readonly Candidate[]): Map<string, Showing> {
  const byPaper = new Map<string, Showing>();
  for (const { showing } of units) {
    const seen = byPaper.get(showing.paperId);
    byPaper.set(showing.paperId, seen ? joinShowings(seen, showing) : showing);
  }
  return byPaper;
}

function sealed(units: readonly Candidate[]): Summary {
  return { kind: 'several', candidates: separateShowings(units, byPaperOf(units)), sealed: true };
}

/** One showing as `element` holds it: a heading makes it a title, an `article` makes it a card. */
function held(element: Element, showing: Showing): Showing {
  if (HEADING_TAGS.has(element.localName)) return asHeading(showing);
  if (element.localName === CARD_SELECTOR.cardHint && !showing.card) return { ...showing, card: true };
  return showing;
}

function summarize(
  element: Element,
  node: WalkNode,
  summaries: ReadonlyMap<Element, Summary>,
): Summary | null {
  if (NAVIGATION_TAGS.has(element.localName)) return null;
  const region = isRegion(element);
  // Most elements above a link have that one child: the summary passes through. (An `article`
  // around a list is the exception: it may be one card with mentions, decided below.)
  const [onlyChild] = node.children;
  const only = !node.link && node.children.length === 1 && onlyChild ? summaries.get(onlyChild) : undefined;
  if (onlyChild && only?.kind === 'one') {
    return region
      ? sealed([{ showing: only.showing, element: onlyChild }])
      : { kind: 'one', showing: held(element, only.showing) };
  }
  if (only?.kind === 'several' && (only.sealed || element.localName !== CARD_SELECTOR.cardHint)) {
    return region && !only.sealed ? sealed(only.candidates) : only;
  }

  const units: Unit[] = [];
  let closed = region;
  if (node.link) units.push({ showing: node.link, element, part: -1 });
  node.children.forEach((child, part) => {
    const summary = summaries.get(child);
    if (summary?.kind === 'one') units.push({ showing: summary.showing, element: child, part });
    else if (summary) {
      closed ||= summary.sealed;
      for (const { showing, element } of summary.candidates) units.push({ showing, element, part });
    }
  });
  if (units.length === 0) return null;
  if (closed) return sealed(units);
  const byPaper = byPaperOf(units);
  const [first] = byPaper.values();
  if (byPaper.size === 1 && first && first.titleCount <= 1)
    return { kind: 'one', showing: held(element, first) };
  const owner = byPaper.size > 1 ? cardOwner(element, units, byPaper) : null;
  if (owner) return { kind: 'one', showing: held(element, { ...owner, card: true }) };
  return { kind: 'several', candidates: units, sealed: false };
}

/** Each element above a paper link, once, with its children on the way to those links. */
function buildWalk(links: readonly { link: Element; showing: Showing }[]): {
  nodes: Map<Element, WalkNode>;
  roots: Element[];
} {
  const nodes = new Map<Element, WalkNode>();
  const roots: Element[] = [];
  for (const { link, showing } of links) {
    const existing = nodes.get(link);
    if (existing) {
      existing.link = showing;
      continue;
    }
    nodes.set(link, { children: [], link: showing });
    let child = link;
    let parent = link.parentElement;
    while (parent) {
      const seen = nodes.get(parent);
      if (seen) {
        seen.children.push(child);
        break;
      }
      nodes.set(parent, { children: [child], link: null });
      child = parent;
      parent = parent.parentElement;
    }
    if (!parent) roots.push(child);
  }
  return { nodes, roots };
}

/** Summaries bottom-up (children before parents) without recursion: pages can nest deeply. */
function summarizeWalk(nodes: ReadonlyMap<Element, WalkNode>, roots: readonly Element[]): Candidate[] {
  const summaries = new Map<Element, Summary>();
  const stack: { element: Element; expanded: boolean }[] = roots.map((element) => ({
    element,
    expanded: false,
  }));
  while (stack.length > 0) {
    const top = stack.pop() as { element: Element; expanded: boolean };
    const node = nodes.get(top.element);
    if (!node) continue;
    if (!top.expanded) {
      stack.push({ element: top.element, expanded: true });
      for (const child of node.children) stack.push({ element: child, expanded: false });
      continue;
    }
    const summary = summarize(top.element, node, summaries);
    if (summary) summaries.set(top.element, summary);
  }
  const candidates: Candidate[] = [];
  for (const root of roots) {
    const summary = summaries.get(root);
    if (summary?.kind === 'one') candidates.push({ showing: summary.showing, element: root });
    else if (summary) for (const candidate of summary.candidates) candidates.push(candidate);
  }
  return candidates;
}

/** True when our UI may go at the end of `element` without joining a link, a title or a row. */
function canHoldPanel(element: Element): boolean {
  if (UNPLACEABLE_TAGS.has(element.localName)) return false;
  return element.parentElement?.closest(INTERACTIVE_ANCESTOR) == null;
}

/** The tightest `article` holding every link of the showing, when the card has one: HF's own card. */
function articleHint(candidate: Candidate): Element {
  const { element, showing } = candidate;
  const article = showing.first.closest(CARD_SELECTOR.cardHint);
  if (article && article !== element && element.contains(article) && article.contains(showing.last))
    return article;
  return element;
}

/** A mention rather than a card: one link to its paper, not in a heading, not known as a card. */
function isWeak(showing: Showing): boolean {
  return showing.links === 1 && showing.titleRank < TitleRank.Heading && !showing.card;
}

/**
 * Whether a showing of a paper the data does not list is still a card. With data on the page, it must
 * look like one beyond doubt (several links, or a heading); with none, a link that reads like a title
 * will do, so a page whose cards are single links still gets its buttons.
 */
function isUnlistedCard(showing: Showing, pageHasData: boolean): boolean {
  if (!isWeak(showing)) return true;
  return !pageHasData && showing.titleRank > TitleRank.None;
}

/**
 * The cards of a listing page, in page order. `known` holds the papers of the page's data: their cards
 * are kept even when they are a single link, and their titles recognise title links. A paper the data
 * does not list keeps a card only when it looks like one (the data may be stale after a client-side
 * navigation), so a stray link to another paper gets nothing.
 */
export function findPaperCards(
  root: ParentNode,
  known: ReadonlyMap<string, KnownPaper> = new Map(),
): CardsFound {
  const links: { link: Element; showing: Showing }[] = [];
  // Links in navigation are menus: the walk drops them, and they do not count as linked papers.
  const inNavigation = new Set(root.querySelectorAll(CARD_SELECTOR.navigationLink));
  const linked = new Set<string>();
  for (const link of root.querySelectorAll(CARD_SELECTOR.paperLink)) {
    const reading = readLink(link, known);
    if (!reading?.paperId) continue;
    links.push({ link, showing: linkShowing(link, reading.paperId, reading.titleRank) });
    if (!inNavigation.has(link)) linked.add(reading.paperId);
  }
  const { nodes, roots } = buildWalk(links);
  const candidates = summarizeWalk(nodes, roots);
  // A paper with a real card somewhere keeps no mere mentions elsewhere (a "Related" link to it).
  const hasStrongShowing = new Set(
    candidates.filter((c) => !isWeak(c.showing)).map((c) => c.showing.paperId),
  );
  const pageHasData = links.some(({ showing }) => known.has(showing.paperId));
  const cards: PaperCard[] = [];
  for (const candidate of candidates) {
    const { showing } = candidate;
    if (isWeak(showing) && hasStrongShowing.has(showing.paperId)) continue;
    if (!known.has(showing.paperId) && !isUnlistedCard(showing, pageHasData)) continue;
    const element = articleHint(candidate);
    if (!(element instanceof HTMLElement) || !canHoldPanel(element)) continue;
    const title =
      known.get(showing.paperId)?.title ||
      collapse((showing.titleLink ?? showing.first).textContent) ||
      showing.paperId;
    const titleElement = titleElementOf(showing.titleLink, element);
    cards.push({ paperId: showing.paperId, title, element, titleElement });
  }
  return { cards, linkedPaperIds: [...linked] };
}

// ---- A paper's own page ----------------------------------------------------------------------

/** Text that is never the abstract as the page shows it. */
const NON_CONTENT_TAGS = new Set(['script', 'style', 'noscript', 'template', 'textarea', 'title']);
/** Probe length: long enough to be unique on the page, short enough to sit in one text node. */
const PROBE_CHARS = 48;

/** Up to three snippets of the abstract (start, middle, end), each cut at word boundaries. */
function abstractProbes(abstract: string): string[] {
  const text = collapse(abstract).toLowerCase();
  if (text.length <= PROBE_CHARS * 2) return text.length >= 12 ? [text] : [];
  const snippet = (from: number) => {
    const start = from === 0 ? 0 : text.indexOf(' ', from) + 1;
    const end = text.lastIndexOf(' ', start + PROBE_CHARS);
    return text.slice(start, end > start ? end : start + PROBE_CHARS).trim();
  };
  const middle = Math.floor(text.length / 2 - PROBE_CHARS / 2);
  const last = text.length - PROBE_CHARS - 12;
  return [...new Set([snippet(0), snippet(middle), snippet(last)])].filter((probe) => probe.length >= 12);
}

/** The last abstract found: a paper page is scanned on every change, and its abstract rarely moves. */
let lastAbstract: { abstract: string; element: HTMLElement; probe: string } | null = null;

/**
 * The smallest element showing the abstract: found from a text node holding one probe, then up to the
 * first element holding all probes but one (a formula rendered differently may break one).
 */
function findAbstractElement(doc: Document, abstract: string): HTMLElement | null {
  const probes = abstractProbes(abstract);
  const body = doc.body;
  const [firstProbe] = probes;
  if (!firstProbe || !body) return null;
  if (
    lastAbstract?.abstract === abstract &&
    lastAbstract.element.ownerDocument === doc &&
    lastAbstract.element.isConnected &&
    collapse(lastAbstract.element.textContent).toLowerCase().includes(lastAbstract.probe)
  )
    return lastAbstract.element;
  const needed = Math.max(1, probes.length - 1);
  const walker = doc.createTreeWalker(body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!parent || NON_CONTENT_TAGS.has(parent.localName)) continue;
    const value = collapse(node.nodeValue).toLowerCase();
    const probe = value.length >= 12 ? probes.find((candidate) => value.includes(candidate)) : undefined;
    if (!probe) continue;
    for (
      let element: HTMLElement | null = parent;
      element && element !== body;
      element = element.parentElement
    ) {
      const held = collapse(element.textContent).toLowerCase();
      if (probes.filter((candidate) => held.includes(candidate)).length >= needed) {
        lastAbstract = { abstract, element, probe };
        return element;
      }
    }
  }
  return null;
}

/** The nearest element from `element` up that our panel may go into. */
function nearestPanelHolder(element: HTMLElement | null, stop: Element | null): HTMLElement | null {
  for (let candidate = element; candidate && candidate !== stop; candidate = candidate.parentElement) {
    if (canHoldPanel(candidate)) return candidate;
  }
  return null;
}

export interface PaperPageInput {
  id: string;
  /** The abstract from the page data or `/api/papers/<id>`; without it, an "Abstract" heading is the hint. */
  abstract?: string | null;
  title?: string | null;
}

/**
 * A paper's own page has no card: the panel goes under the abstract, found by its text. Where the text
 * is unknown or not found, the block holding a heading that reads "Abstract" stands in for it.
 */
export function findPaperPageCard(doc: Document, paper: PaperPageInput): PaperCard | null {
  const abstractElement = paper.abstract ? findAbstractElement(doc, paper.abstract) : null;
  // The heading is only a hint: used when the abstract is unknown, or shown differently from the data.
  const block = nearestPanelHolder(abstractElement ?? abstractHeading(doc)?.parentElement ?? null, doc.body);
  if (!block) return null;
  const heading = doc.querySelector<HTMLElement>('h1');
  const title = paper.title || (heading ? collapse(heading.textContent) : '') || paper.id;
  return { paperId: paper.id, title, element: block };
}

function abstractHeading(doc: Document): HTMLElement | null {
  for (const heading of doc.querySelectorAll<HTMLElement>(CARD_SELECTOR.heading)) {
    if (collapse(heading.textContent).toLowerCase() === 'abstract') return heading;
  }
  return null;
}
