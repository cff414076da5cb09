// Drift: papers in the page's data without a card. What a scan reports, when the toolbar offers the
// fallback list, and the diagnostic a user copies (which must name nothing of theirs).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DRIFT_GRACE_MS, DriftWatch } from '../../lib/page/drift-watch.ts';
import type { FallbackList } from '../../lib/page/fallback-list.ts';
import { scanPapersPage } from '../../lib/page/hf/card-finder.ts';
import { findPaperCards } from '../../lib/page/hf/cards.ts';
import { readPageOutline } from '../../lib/page/hf/page-outline.ts';
import { readingOf, scanPage } from '../../lib/page/hf/page-scan.ts';
import { parsePapersRoute } from '../../lib/shared/hf-routes.ts';
import { browserOf, layoutUnknown, papersAreLost, readingReport } from '../../lib/shared/page-reading.ts';
import { driftPages, fixturePages, hubListingPages, markupVariantPages } from '../fixtures/pages.ts';

const parse = (html: string) => new DOMParser().parseFromString(html, 'text/html');

function scanOf(fixture: { html: string; url: string }) {
  return scanPapersPage(parse(fixture.html), parsePapersRoute(fixture.url));
}

describe('the reading of a scan', () => {
  it('counts papers in the data, cards and papers without one', () => {
    const reading = readingOf(scanOf(driftPages.someCardsUnlinked), true);
    expect(reading).toEqual({
      route: 'list',
      period: 'day',
      island: 'found',
      papersInData: 6,
      cards: 4,
      papersWithCard: 4,
      papersWithoutCard: 2,
      cardsWithoutData: 0,
      staleData: false,
      cardTags: { div: 4 },
      fallbackOffered: true,
    });
    expect(papersAreLost(reading)).toBe(true);
  });

  it('is not lost on any page whose cards are all found, nor on a page without data', () => {
    const pages = [
      ...Object.values(fixturePages),
      ...Object.values(markupVariantPages).filter((fixture) => !fixture.rendersLater),
      ...Object.values(hubListingPages),
    ];
    for (const fixture of pages) {
      expect(papersAreLost(readingOf(scanOf(fixture), false)), fixture.name).toBe(false);
    }
  });

  it('counts a paper shown twice as one paper with two cards', () => {
    const reading = readingOf(scanOf(markupVariantPages.pinnedTwice), false);
    expect(reading.cards).toBe(reading.papersWithCard + 1);
    expect(reading.papersWithoutCard).toBe(0);
  });

  it('calls a listing with neither data nor cards a layout it does not know', () => {
    const blank = parse('<html><body><main><p>Nothing here</p></main></body></html>');
    const reading = readingOf(
      scanPapersPage(blank, parsePapersRoute('https://huggingface.co/papers')),
      false,
    );
    expect(layoutUnknown(reading)).toBe(true);
    expect(layoutUnknown(readingOf(scanOf(fixturePages.day2026), false))).toBe(false);
    expect(layoutUnknown(readingOf(scanOf(hubListingPages.search), false))).toBe(false);
  });
});

describe('the copied diagnostic', () => {
  const context = { version: '0.1.0', browser: 'Chrome 141', date: '2026-11-23' };

  it('says what the reader saw, in stable English keys', () => {
    const report = readingReport(readingOf(scanOf(driftPages.noCardLinked), true), context);
    expect(report.split('\n')).toEqual([
      'Daily Papers KO page reading',
      '- extension: 0.1.0 · Chrome 141 · 2026-11-23',
      '- route: list (day)',
      '- data island: found',
      '- papers in data: 6',
      '- cards found: 0 (papers with a card: 0, without: 6)',
      '- cards not in data: 0',
      '- card elements: none',
      '- fallback list offered: yes',
    ]);
  });

  it('never carries the page address, a search query, a Hub name, a paper id or a title', () => {
    for (const fixture of [...Object.values(hubListingPages), driftPages.someCardsUnlinked]) {
      const report = readingReport(readingOf(scanOf(fixture), false), context);
      const url = new URL(fixture.url);
      for (const part of [...url.pathname.split('/'), ...url.searchParams.values()]) {
        if (part && part !== 'papers') expect(report, `${fixture.name}: ${part}`).not.toContain(part);
      }
      for (const paper of fixture.papers) {
        expect(report).not.toContain(paper.id);
        expect(report).not.toContain(paper.title);
      }
    }
  });

  it('names the browser and its major version only', () => {
    expect(
      browserOf(
        'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/141.0.7390.54 Safari/537.36',
      ),
    ).toBe('Chrome 141');
    expect(browserOf('Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0')).toBe(
      'Firefox 140',
    );
    expect(
      browserOf(
        'Mozilla/5.0 (Windows NT 10.0) AppleWebKit/537.36 Chrome/141.0.0.0 Safari/537.36 Edg/141.0.0.0',
      ),
    ).toBe('Edge 141');
    expect(browserOf('curl/8.0')).toBe('unknown');
  });
});

describe('the drift watch', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  function watch() {
    const list: FallbackList & { updates: [string[], number][]; destroyed: number } = {
      updates: [],
      destroyed: 0,
      update(papers, withCard) {
        this.updates.push([papers.map((paper) => paper.id), withCard]);
      },
      destroy() {
        this.destroyed++;
      },
    };
    const changes: boolean[] = [];
    const drift = new DriftWatch({
      mountList: async () => list,
      onChange: (offered) => changes.push(offered),
    });
    return { drift, list, changes };
  }

  it('offers the list only once papers stayed without a card for a moment', async () => {
    const { drift, list, changes } = watch();
    drift.update(scanOf(driftPages.someCardsUnlinked));
    await vi.advanceTimersByTimeAsync(DRIFT_GRACE_MS - 1);
    expect(drift.offered).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(drift.offered).toBe(true);
    expect(changes).toEqual([true]);
    const ids = driftPages.someCardsUnlinked.papers.map((paper) => paper.id);
    expect(list.updates).toEqual([[ids, 4]]);
  });

  it('shows nothing for cards a page renders a moment after its data', async () => {
    const { drift, changes } = watch();
    const fixture = markupVariantPages.renderedLater;
    drift.update(scanOf({ ...fixture, html: fixture.html.replace(/<template[\s\S]*<\/template>/, '') }));
    await vi.advanceTimersByTimeAsync(DRIFT_GRACE_MS / 2);
    drift.update(scanOf(markupVariantPages.h4Titles));
    await vi.advanceTimersByTimeAsync(DRIFT_GRACE_MS * 2);
    expect(drift.offered).toBe(false);
    expect(changes).toEqual([]);
  });

  it('takes the list down at once when the cards come back', async () => {
    const { drift, list, changes } = watch();
    drift.update(scanOf(driftPages.noCardLinked));
    await vi.advanceTimersByTimeAsync(DRIFT_GRACE_MS);
    drift.update(scanOf(fixturePages.day2026));
    expect(drift.offered).toBe(false);
    expect(changes).toEqual([true, false]);
    await vi.advanceTimersByTimeAsync(0);
    expect(list.destroyed).toBe(1);
  });
});

describe('the fast path (article cards) and the full card finder', () => {
  const pages = [
    ...Object.values(fixturePages),
    ...Object.values(markupVariantPages),
    ...Object.values(hubListingPages),
    ...Object.values(driftPages),
  ].filter((fixture) => {
    const route = parsePapersRoute(fixture.url);
    return route !== null && route.kind !== 'paper';
  });

  it('agree wherever the fast path answers, and the fast path answers for Hugging Face’s own markup', () => {
    const answered: string[] = [];
    for (const fixture of pages) {
      const doc = parse(fixture.html);
      const route = parsePapersRoute(fixture.url);
      const fast = scanPage(doc, route, null);
      const full = scanPapersPage(doc, route);
      if (fast.needsFinder) continue;
      answered.push(fixture.name);
      const outline = readPageOutline(doc);
      const finderCards = findPaperCards(doc, outline.papers).cards;
      expect(
        fast.cards.map((card) => [card.paperId, card.element, card.titleElement]),
        fixture.name,
      ).toEqual(finderCards.map((card) => [card.paperId, card.element, card.titleElement]));
      expect(full.cards).toEqual(fast.cards);
    }
    expect(answered).toEqual(
      expect.arrayContaining(['day2024', 'day2026', 'week2026', 'month2026', 'trending', 'noIsland']),
    );
  });

  it('leaves other markup, and papers without a card, to the finder', () => {
    for (const fixture of [
      markupVariantPages.divCards,
      markupVariantPages.relatedStrip,
      markupVariantPages.pinnedTwice,
      driftPages.someCardsUnlinked,
      fixturePages.unknownLayout,
    ]) {
      const scan = scanPage(parse(fixture.html), parsePapersRoute(fixture.url), null);
      expect(scan.needsFinder, fixture.name).toBe(true);
      expect(scan.cards).toEqual([]);
    }
  });

  it('always needs the finder on a paper page', () => {
    const fixture = fixturePages.paper;
    expect(scanPage(parse(fixture.html), parsePapersRoute(fixture.url), null).needsFinder).toBe(true);
  });
});
