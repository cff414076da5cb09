import { describe, expect, it } from 'vitest';
import { scanPapersPage } from '../../lib/page/hf/card-finder.ts';
import { findPaperCards, findPaperPageCard } from '../../lib/page/hf/cards.ts';
import { readListing, readPageData, readPapersFromPage } from '../../lib/page/hf/page.ts';
import { parsePapersRoute } from '../../lib/shared/hf-routes.ts';
import { REAL_PAGE_PAPER_IDS, REAL_PAGE_SKIP_REASON, REAL_PAGE_URL, realPageHtml } from '../e2e/real-page.ts';
import { LATER_RENDER } from '../fixtures/hf-pages.ts';
import {
  bigWeekPage,
  type FixturePage,
  fixturePages,
  hubListingPages,
  markupVariantPages,
} from '../fixtures/pages.ts';

const parse = (html: string) => new DOMParser().parseFromString(html, 'text/html');
const collapse = (text: string) => text.replace(/\s+/g, ' ').trim();

/** What the page's own script does on a real page: DOMParser runs no scripts. */
function renderLaterCards(doc: Document): void {
  const template = doc.getElementById(LATER_RENDER.template) as HTMLTemplateElement | null;
  doc.getElementById(LATER_RENDER.grid)?.append(template?.content.cloneNode(true) ?? '');
}

/** The document as a user sees it once the page settled, with the API's abstract where the page needs it. */
function scanFixture(fixture: FixturePage) {
  const doc = parse(fixture.html);
  if (fixture.rendersLater) renderLaterCards(doc);
  const route = parsePapersRoute(fixture.url);
  const first = scanPapersPage(doc, route);
  const apiPaper = route?.kind === 'paper' ? fixture.api?.[`/api/papers/${route.paperId}`] : undefined;
  const abstract = (apiPaper as { summary?: string } | undefined)?.summary;
  const scan = first.needsAbstract && abstract ? scanPapersPage(doc, route, { abstract }) : first;
  return { doc, route, scan, first };
}

const allPages = [
  ...Object.values(fixturePages),
  ...Object.values(markupVariantPages),
  ...Object.values(hubListingPages),
] as FixturePage[];

describe.each(allPages)('reading $name', (fixture) => {
  it('finds exactly the expected cards, once per showing, in page order', () => {
    const { scan } = scanFixture(fixture);
    expect(scan.cards.map((c) => c.paperId)).toEqual(fixture.expectedPaperIds);
  });

  it('never puts a card inside a link, a heading or another card', () => {
    const { scan } = scanFixture(fixture);
    for (const card of scan.cards) {
      expect(card.element.closest('a, h1, h2, h3, h4, h5, h6, p, button')).toBeNull();
      for (const other of scan.cards) {
        if (other !== card) expect(card.element.contains(other.element)).toBe(false);
      }
    }
  });

  it('reports every paper of its data as carded (no drift on a page it understands)', () => {
    const { scan, route } = scanFixture(fixture);
    expect(scan.route).toEqual(route);
    expect(scan.papersWithoutCard).toEqual([]);
  });
});

describe('reading the page data', () => {
  it.each(Object.values(fixturePages) as FixturePage[])('reads every paper of $name unchanged', (fixture) => {
    const papers = readPapersFromPage(parse(fixture.html));
    const withIsland = fixture.name !== 'islandMissing' && fixture.name !== 'unknownLayout';
    for (const source of withIsland ? fixture.papers : []) {
      const paper = papers.get(source.id);
      expect(paper?.title).toBe(collapse(source.title));
      expect(paper?.abstract).toBe(collapse(source.abstract));
      expect(paper?.authors).toEqual(source.authors.filter((a) => !a.hidden).map((a) => a.name));
      expect(paper?.upvotes).toBe(source.upvotes);
      expect(paper?.videoUrl).toBe(source.mediaUrls?.[0] ?? null);
      if (!fixture.url.includes('?date=')) expect(paper?.aiKeywords).toEqual(source.aiKeywords ?? []);
    }
    if (!withIsland) expect(papers.size).toBe(0);
  });

  it('knows the period of 2026 pages and the date of 2024 pages', () => {
    expect(readListing(parse(fixturePages.week2026.html))).toMatchObject({
      periodType: 'week',
      periodValue: '2026-W47',
    });
    expect(readListing(parse(fixturePages.day2024.html))).toMatchObject({
      periodType: 'day',
      periodValue: '2024-08-01',
    });
    expect(readListing(parse(fixturePages.trending.html))).toMatchObject({ isTrending: true });
  });

  it('reads search results as search results, from the page and without one API request each', () => {
    const fixture = hubListingPages.search;
    const listing = readListing(parse(fixture.html));
    expect(listing).toMatchObject({ isSearch: true, periodValue: null });
    expect(listing?.papers.map((p) => p.id)).toEqual(fixture.expectedPaperIds);
    expect(listing?.papers[0]?.abstract).toBe(collapse(fixture.papers[0]?.abstract ?? ''));
  });

  it('keeps a title with Markdown and HTML characters exactly', () => {
    const tricky = fixturePages.day2024.papers[2];
    const paper = readPapersFromPage(parse(fixturePages.day2024.html)).get(tricky?.id ?? '');
    expect(paper?.title).toBe('Fast *and* _Exact_ [Sparse] Attention: <b>Bold</b> Claims & `Code`');
  });

  it('says whether the island was there, readable or not', () => {
    expect(readPageData(parse(fixturePages.day2026.html)).island).toBe('found');
    expect(readPageData(parse(fixturePages.islandMissing.html)).island).toBe('missing');
    const broken = fixturePages.day2026.html.replace(/data-props="\{&quot;authLight/, 'data-props="{oops');
    expect(readPageData(parse(broken)).island).toBe('unreadable');
  });
});

describe('the scan result (what the toolbar and the drift report read)', () => {
  it('on a page it understands: every paper in the data has its card', () => {
    const { scan } = scanFixture(fixturePages.day2026);
    expect(scan).toMatchObject({
      island: 'found',
      papersInData: fixturePages.day2026.expectedPaperIds,
      papersWithoutCard: [],
      cardsWithoutData: [],
      needsAbstract: false,
    });
    expect(scan.cards).toHaveLength(fixturePages.day2026.expectedPaperIds.length);
  });

  it('names the papers whose cards it could not find', () => {
    const fixture = fixturePages.day2026;
    const doc = parse(fixture.html);
    const [gone, alsoGone] = fixture.expectedPaperIds;
    for (const link of doc.querySelectorAll(`a[href^="/papers/${gone}"], a[href^="/papers/${alsoGone}"]`))
      link.remove();
    const scan = scanPapersPage(doc, parsePapersRoute(fixture.url));
    expect(scan.papersInData).toHaveLength(fixture.expectedPaperIds.length);
    expect(scan.cards).toHaveLength(fixture.expectedPaperIds.length - 2);
    expect(scan.papersWithoutCard).toEqual([gone, alsoGone]);
  });

  it('island present, cards not rendered yet: every paper is in the data and none has a card', () => {
    const fixture = markupVariantPages.renderedLater;
    const scan = scanPapersPage(parse(fixture.html), parsePapersRoute(fixture.url));
    expect(scan.island).toBe('found');
    expect(scan.cards).toEqual([]);
    expect(scan.papersWithoutCard).toEqual(fixture.expectedPaperIds);
  });

  it('without an island, the cards are from the links alone and none is in the data', () => {
    const { scan } = scanFixture(markupVariantPages.noIsland);
    expect(scan.island).toBe('missing');
    expect(scan.papersInData).toEqual([]);
    expect(scan.cardsWithoutData).toEqual(markupVariantPages.noIsland.expectedPaperIds);
  });

  it('after a client-side switch with the old island left behind: cards from the links, data marked stale', () => {
    const day = fixturePages.day2026;
    const week = fixturePages.week2026;
    const doc = parse(day.html);
    const weekDoc = parse(week.html);
    const grid = (d: Document) => d.querySelector('[data-target="DailyPapers"] section');
    grid(doc)?.replaceWith(doc.importNode(grid(weekDoc) as Element, true));
    const scan = scanPapersPage(doc, parsePapersRoute(week.url));
    expect(scan.cards.map((c) => c.paperId)).toEqual(week.expectedPaperIds);
    expect(scan).toMatchObject({ staleData: true, papersWithoutCard: day.expectedPaperIds });
    expect(scanFixture(day).scan.staleData).toBe(false);
  });

  it('a page it does not recognise: nothing read, nothing found', () => {
    const fixture = hubListingPages.datasetCitingPapers;
    const scan = scanPapersPage(parse(fixture.html), parsePapersRoute(fixture.url));
    expect(scan).toMatchObject({ route: null, cards: [], papersInData: [] });
  });

  it('a paper page without island or heading asks for the abstract, then finds it by its text', () => {
    const fixture = markupVariantPages.paperWithoutAbstractHeadingOrIsland;
    const { first, scan } = scanFixture(fixture);
    expect(first).toMatchObject({ needsAbstract: true, cards: [] });
    expect(scan.cards).toHaveLength(1);
    expect(scan.cards[0]?.element.textContent).toContain(
      collapse(fixture.papers[0]?.abstract ?? '').slice(0, 60),
    );
  });
});

describe('paper pages', () => {
  it('anchors the panel in the block under the abstract, found by its text', () => {
    const doc = parse(fixturePages.paper.html);
    const paper = readPapersFromPage(doc).get('2511.01234');
    const card = findPaperPageCard(doc, { id: '2511.01234', abstract: paper?.abstract ?? null });
    expect(card?.element.querySelector('h2')?.textContent).toBe('Abstract');
    expect(card?.element.querySelector('p')?.textContent).toBe(fixturePages.paper.papers[0]?.abstract);
    expect(card?.title).toBe('Exponentially Faster Language Modelling with 0.3% of Neurons');
  });

  it('without the abstract text, falls back to the "Abstract" heading as a hint', () => {
    const doc = parse(fixturePages.paper.html);
    const card = findPaperPageCard(doc, { id: '2511.01234' });
    expect(card?.element.querySelector('h2')?.textContent).toBe('Abstract');
  });

  it('where the abstract shows differently from the data, the heading stands in; with neither, nothing', () => {
    const doc = parse(fixturePages.paper.html);
    const elsewhere = {
      id: '2511.01234',
      abstract: 'A text that this page never shows, in any of its blocks.',
    };
    expect(findPaperPageCard(doc, elsewhere)?.element.querySelector('h2')?.textContent).toBe('Abstract');
    doc.querySelector('h2')?.remove();
    expect(findPaperPageCard(doc, elsewhere)).toBeNull();
  });
});

describe('the link rule on its own', () => {
  it('gives a card with a "Related" mention of another paper to its own paper', () => {
    const fixture = markupVariantPages.relatedStrip;
    const { cards } = findPaperCards(parse(fixture.html));
    expect(cards.map((c) => c.paperId)).toEqual(fixture.expectedPaperIds);
    for (const card of cards)
      expect(card.element.querySelector('h3 a')?.getAttribute('href')).toBe(`/papers/${card.paperId}`);
  });

  it('ignores a paper mentioned in running text that is not a card', () => {
    const fixture = hubListingPages.collection;
    const { cards, linkedPaperIds } = findPaperCards(parse(fixture.html));
    expect(linkedPaperIds).toEqual(fixture.expectedPaperIds);
    expect(cards.map((c) => c.paperId)).toEqual(fixture.expectedPaperIds);
    expect(cards.every((c) => c.element.localName === 'article')).toBe(true);
  });
});

describe('scale', () => {
  // Its timing is `npm run bench`'s to measure; here, that a big week reads whole.
  it('scans a 200-card week: every card found once, every paper read', { timeout: 60_000 }, () => {
    const week = bigWeekPage(200);
    const doc = parse(week.html);
    const route = parsePapersRoute(week.url);
    const scan = scanPapersPage(doc, route);
    expect(scan.cards).toHaveLength(200);
    expect(new Set(scan.cards.map((card) => card.paperId)).size).toBe(200);
    expect(scan.papersWithoutCard).toEqual([]);
    expect(readPapersFromPage(doc).size).toBe(200);
  });
});

describe('the real saved page from ../shared', () => {
  it('finds its 13 cards and reads its data', (context) => {
    const html = realPageHtml();
    if (html === null) return context.skip(REAL_PAGE_SKIP_REASON);
    const doc = parse(html);
    const scan = scanPapersPage(doc, parsePapersRoute(REAL_PAGE_URL));
    expect(scan.cards.map((c) => c.paperId)).toEqual(REAL_PAGE_PAPER_IDS);
    expect(scan.cards.every((c) => c.element.localName === 'article')).toBe(true);
    expect(scan.papersWithoutCard).toEqual([]);
    const papers = readPapersFromPage(doc);
    expect(papers.get('2407.21783')?.authors).toHaveLength(533);
    expect(papers.get('2407.20229')?.videoUrl).toMatch(/\.webm$/);
    expect(papers.get('2407.21783')?.abstract).toContain('dense Transformer with 405B parameters');
  });

  it('finds the same 13 cards from its links alone, with the island taken out', (context) => {
    const html = realPageHtml();
    if (html === null) return context.skip(REAL_PAGE_SKIP_REASON);
    const doc = parse(html);
    doc.querySelector('[data-target="DailyPapers"]')?.removeAttribute('data-props');
    const { cards } = findPaperCards(doc);
    expect(cards.map((c) => c.paperId)).toEqual(REAL_PAGE_PAPER_IDS);
  });
});
