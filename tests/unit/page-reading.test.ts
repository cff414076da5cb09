import { describe, expect, it } from 'vitest';
import { findCardsForRoute } from '../../lib/content/papers-page.ts';
import { findListCards, findPaperPageCard } from '../../lib/hf/cards.ts';
import { readListing, readPapersFromPage } from '../../lib/hf/page.ts';
import { parsePapersRoute } from '../../lib/hf/routes.ts';
import { REAL_PAGE_PAPER_IDS, REAL_PAGE_SKIP_REASON, realPageHtml } from '../e2e/real-page.ts';
import { bigWeekPage, type FixturePage, fixturePages } from '../fixtures/pages.ts';

const parse = (html: string) => new DOMParser().parseFromString(html, 'text/html');
const collapse = (text: string) => text.replace(/\s+/g, ' ').trim();

describe.each(Object.values(fixturePages) as FixturePage[])('reading $name', (fixture) => {
  const doc = parse(fixture.html);

  it('finds exactly the expected cards', () => {
    const cards = findCardsForRoute(doc, parsePapersRoute(fixture.url));
    expect(cards.map((c) => c.paperId)).toEqual(fixture.expectedPaperIds);
  });

  it('reads every card’s paper from the page data, unchanged', () => {
    const papers = readPapersFromPage(doc);
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
});

describe('page data', () => {
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

  it('keeps a title with Markdown and HTML characters exactly', () => {
    const tricky = fixturePages.day2024.papers[2];
    const paper = readPapersFromPage(parse(fixturePages.day2024.html)).get(tricky?.id ?? '');
    expect(paper?.title).toBe('Fast *and* _Exact_ [Sparse] Attention: <b>Bold</b> Claims & `Code`');
  });

  it('anchors the paper page’s panel under the abstract', () => {
    const doc = parse(fixturePages.paper.html);
    const card = findPaperPageCard(doc, '2511.01234');
    expect(card?.element.querySelector('h2')?.textContent).toBe('Abstract');
    expect(card?.title).toBe('Exponentially Faster Language Modelling with 0.3% of Neurons');
  });

  it('handles a 200-card week', () => {
    const week = bigWeekPage(200);
    const doc = parse(week.html);
    expect(findListCards(doc)).toHaveLength(200);
    expect(readPapersFromPage(doc).size).toBe(200);
  });

  it('reads the real saved page from ../shared', (context) => {
    const html = realPageHtml();
    if (html === null) return context.skip(REAL_PAGE_SKIP_REASON);
    const doc = parse(html);
    expect(findListCards(doc).map((c) => c.paperId)).toEqual(REAL_PAGE_PAPER_IDS);
    const papers = readPapersFromPage(doc);
    expect(papers.get('2407.21783')?.authors).toHaveLength(533);
    expect(papers.get('2407.20229')?.videoUrl).toMatch(/\.webm$/);
    expect(papers.get('2407.21783')?.abstract).toContain('dense Transformer with 405B parameters');
  });
});
