// Where the one-liner line goes: right after each card's English title, never inside a link or heading.
import { describe, expect, it } from 'vitest';
import { findPaperCards } from '../../lib/page/hf/cards.ts';
import { readPageOutline } from '../../lib/page/hf/page-outline.ts';
import { titleElementOf } from '../../lib/page/hf/title-element.ts';
import { fixturePages, hubListingPages, markupVariantPages } from '../fixtures/pages.ts';

const parse = (html: string) => new DOMParser().parseFromString(html, 'text/html');
const INSIDE = 'a, button, label, summary, h1, h2, h3, h4, h5, h6, p';

describe('the title element of a card', () => {
  const listings = [
    ...Object.values(fixturePages),
    ...Object.values(markupVariantPages),
    ...Object.values(hubListingPages),
  ].filter((fixture) => fixture.expectedPaperIds.length > 0 && !fixture.url.match(/\/papers\/\d/));

  it('holds the title and has a parent a block may go into, on every listing fixture', () => {
    for (const fixture of listings) {
      const doc = parse(fixture.html);
      for (const card of findPaperCards(doc, readPageOutline(doc).papers).cards) {
        const title = card.titleElement;
        if (!title) continue;
        expect(card.element.contains(title), fixture.name).toBe(true);
        expect(title.parentElement?.closest(INSIDE) ?? null, fixture.name).toBeNull();
        expect(['ul', 'ol', 'table', 'tr'], fixture.name).not.toContain(title.parentElement?.localName);
      }
    }
  });

  it("is the heading on Hugging Face's own markup, for every card", () => {
    for (const fixture of [fixturePages.day2024, fixturePages.day2026, fixturePages.trending]) {
      const doc = parse(fixture.html);
      const cards = findPaperCards(doc, readPageOutline(doc).papers).cards;
      expect(cards.length).toBe(fixture.expectedPaperIds.length);
      for (const card of cards) expect(card.titleElement?.localName, fixture.name).toBe('h3');
    }
  });

  it('goes past the link and heading a title link sits in, up to the card', () => {
    const doc = parse(
      '<article id="card"><div id="body"><h3><span><a id="link" href="/papers/2511.00001">T</a></span></h3></div></article>',
    );
    const card = doc.getElementById('card') as HTMLElement;
    expect(titleElementOf(doc.getElementById('link'), card)?.localName).toBe('h3');
  });

  it('gives none when the title sits in a list row or inside a link', () => {
    const doc = parse(
      '<div id="a"><ul><li><a id="l1" href="/papers/1">T</a></li></ul></div>' +
        '<div id="b"><ul><a id="l2" href="/papers/2">T</a></ul></div>' +
        '<a id="c" href="/x"><div><span><a id="l3" href="/papers/3">T</a></span></div></a>',
    );
    const byId = (id: string) => doc.getElementById(id) as HTMLElement;
    // In a list item the line may follow the link inside the item.
    expect(titleElementOf(byId('l1'), byId('a'))?.id).toBe('l1');
    expect(titleElementOf(byId('l2'), byId('b'))).toBeUndefined();
    expect(titleElementOf(byId('l3'), byId('c'))).toBeUndefined();
    expect(titleElementOf(null, byId('a'))).toBeUndefined();
  });
});
