// Fuzzing the page reader: random and truncated markup, random and half-right island props. It
// must never throw, and every paper or card it reports must come from its input (never invented).
// fast-check generates the cases and shrinks any failure to a minimal one.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findCardsForRoute, scanPapersPage } from '../../lib/page/hf/card-finder.ts';
import {
  parseListingProps,
  parsePaperContentProps,
  readListing,
  readPapersFromPage,
} from '../../lib/page/hf/page.ts';
import { parseDailyPaperItem } from '../../lib/page/hf/paper.ts';
import { ARXIV_PAPER_ID } from '../../lib/shared/arxiv.ts';
import { parsePapersRoute } from '../../lib/shared/hf-routes.ts';
import {
  buildVariantListPage,
  type CardMarkup,
  dailyPaperItem,
  type FixturePaper,
  islandProps2026,
  makePaper,
  makePapers,
} from '../fixtures/hf-pages.ts';
import { type FixturePage, fixturePages } from '../fixtures/pages.ts';

const parse = (html: string) => new DOMParser().parseFromString(html, 'text/html');
const collapse = (text: string) => text.replace(/\s+/g, ' ').trim();
const RUNS = { numRuns: 300 };

/** A paper the reader reports is only real if its id and title are in what it was given. */
function expectFromInput(paper: { id: string; title: string }, input: string): void {
  expect(paper.id).toMatch(ARXIV_PAPER_ID);
  expect(input).toContain(paper.id);
  expect(paper.title).not.toBe('');
}

// ---- props ---------------------------------------------------------------------------------

const validId = fc
  .tuple(fc.integer({ min: 1000, max: 2999 }), fc.integer({ min: 0, max: 99999 }))
  .map(([yymm, n]) => `${yymm}.${String(n).padStart(5, '0')}`);
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.oneof(arb, fc.anything());

/** Near-valid paper objects: the right keys, with values right or wrong. */
const paperLike = fc.record(
  {
    id: maybe(fc.oneof(validId, fc.string())),
    title: maybe(fc.string()),
    summary: maybe(fc.string()),
    authors: maybe(fc.array(fc.record({ name: maybe(fc.string()), hidden: maybe(fc.boolean()) }))),
    upvotes: maybe(fc.integer()),
    numComments: maybe(fc.integer()),
    publishedAt: maybe(fc.string()),
    mediaUrls: maybe(fc.array(fc.string())),
    ai_keywords: maybe(fc.array(fc.string())),
  },
  { requiredKeys: [] },
);
const itemLike = fc.oneof(
  fc.record(
    { paper: paperLike, title: maybe(fc.string()), thumbnail: maybe(fc.string()) },
    { requiredKeys: [] },
  ),
  paperLike,
  fc.anything(),
);
const listingLike = fc.oneof(
  fc.record(
    {
      dailyPapers: maybe(fc.array(itemLike, { maxLength: 8 })),
      date: maybe(fc.string()),
      dateString: maybe(fc.string()),
      periodType: maybe(fc.constantFrom('day', 'week', 'month', 'year')),
      isTrending: maybe(fc.boolean()),
    },
    { requiredKeys: [] },
  ),
  fc.anything(),
);

describe('island props, fuzzed', () => {
  it('a listing: never throws, and every paper is in the props', () => {
    fc.assert(
      fc.property(listingLike, (props) => {
        const listing = parseListingProps(props);
        const input = JSON.stringify(props) ?? '';
        for (const paper of listing?.papers ?? []) expectFromInput(paper, input);
      }),
      RUNS,
    );
  });

  it('a paper page: never throws, and the paper is in the props', () => {
    fc.assert(
      fc.property(maybe(fc.record({ paper: paperLike })), (props) => {
        const paper = parsePaperContentProps(props);
        if (paper) expectFromInput(paper, JSON.stringify(props) ?? '');
      }),
      RUNS,
    );
  });

  it('real items with one field broken: the paper is dropped or read unchanged, never half-read', () => {
    const papers = makePapers(20, { startIndex: 700 });
    const fields = ['id', 'title', 'summary', 'authors', 'upvotes', 'publishedAt'] as const;
    fc.assert(
      fc.property(
        fc.constantFrom(...papers),
        fc.constantFrom(...fields),
        fc.anything(),
        (source, field, value) => {
          const item = dailyPaperItem(source, '2026') as { paper: Record<string, unknown> };
          const broken = { ...item, paper: { ...item.paper, [field]: value } };
          const paper = parseDailyPaperItem(broken);
          if (!paper) return;
          expectFromInput(paper, JSON.stringify(broken));
          if (field !== 'id') expect(paper.id).toBe(source.id);
          if (field !== 'title') expect(paper.title).toBe(collapse(source.title));
        },
      ),
      RUNS,
    );
  });
});

// ---- markup --------------------------------------------------------------------------------

const pages = Object.values(fixturePages) as FixturePage[];

describe('page markup, fuzzed', () => {
  it('truncated anywhere: never throws, and finds only the page’s own papers, read unchanged', () => {
    fc.assert(
      fc.property(fc.constantFrom(...pages), fc.double({ min: 0, max: 1, noNaN: true }), (fixture, cut) => {
        const html = fixture.html.slice(0, Math.floor(fixture.html.length * cut));
        const doc = parse(html);
        const known = new Map(fixture.papers.map((p) => [p.id, p]));
        for (const card of findCardsForRoute(doc, parsePapersRoute(fixture.url))) {
          expect(fixture.expectedPaperIds).toContain(card.paperId);
        }
        for (const paper of readPapersFromPage(doc).values()) {
          expect(paper.title).toBe(collapse(known.get(paper.id)?.title ?? '(not on the page)'));
        }
        readListing(doc);
      }),
      { numRuns: 60 },
    );
  });

  const fragments = [
    '<article>',
    '</article>',
    '<h3>',
    '</h3>',
    '<h2>Abstract</h2>',
    '<a href="/papers/2611.00001">',
    '<a href="/papers/not-an-id">',
    '<a href="https://evil.example/papers/2611.00002">',
    '<a href="/papers/2611.00003#community">',
    '<a>',
    '</a>',
    '<div>',
    '</div>',
    '<div class="SVELTE_HYDRATER contents" data-target="DailyPapers" data-props="',
    '<div data-target="PaperContent" data-props="',
    '{&quot;dailyPapers&quot;:[{&quot;paper&quot;:{&quot;id&quot;:&quot;2611.00004&quot;,&quot;title&quot;:&quot;T&quot;}}]}',
    '{&quot;paper&quot;:{&quot;id&quot;:&quot;2611.00005&quot;}}',
    '&quot;',
    '"',
    '>',
    '<',
    '<!--',
    '-->',
    '<script>',
    '<template>',
    'Title text',
    ' ',
  ];

  it('random markup of card-like pieces: never throws, and every card and paper id is in the markup', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...fragments), { maxLength: 40 }),
        fc.constantFrom(
          'https://huggingface.co/papers',
          'https://huggingface.co/papers/week/2026-W47',
          'https://huggingface.co/papers/2611.00001',
        ),
        (pieces, url) => {
          const markup = pieces.join('');
          const doc = parse(`<!doctype html><html><body>${markup}</body></html>`);
          // A paper's own page takes its id from the address; a list page only from its cards.
          for (const card of findCardsForRoute(doc, parsePapersRoute(url))) {
            expect(markup + url).toContain(card.paperId);
          }
          const decoded = markup.replaceAll('&quot;', '"');
          for (const paper of readPapersFromPage(doc).values()) expectFromInput(paper, decoded);
        },
      ),
      RUNS,
    );
  });

  it('a real island with its props cut short or spliced: never throws, never invents a paper', () => {
    const papers = makePapers(6, { startIndex: 800 });
    const json = JSON.stringify(islandProps2026(papers, { periodType: 'day', dateString: '2026-11-20' }));
    fc.assert(
      fc.property(fc.nat(json.length), fc.nat(json.length), fc.string(), (from, to, inserted) => {
        const [a, b] = from <= to ? [from, to] : [to, from];
        const spliced = json.slice(0, a) + inserted + json.slice(b);
        const doc = parse(
          `<div data-target="DailyPapers" data-props="${spliced.replaceAll('&', '&amp;').replaceAll('"', '&quot;')}"></div>`,
        );
        for (const paper of readPapersFromPage(doc).values()) expectFromInput(paper, spliced);
      }),
      RUNS,
    );
  });
});

// ---- card markup ---------------------------------------------------------------------------

const CARD_PAPERS = makePapers(9, { startIndex: 900 });
/** Each case builds and scans a whole page: fewer runs, more time than the props fuzzing. */
const CARD_RUNS = { numRuns: 200 };
const CARD_TIMEOUT_MS = 60_000;
const OFF_PAGE = makePaper(999, {
  id: '2601.99999',
  title: 'Mentioned Only In Related Strips Of Other Cards',
});

const cardMarkup: fc.Arbitrary<CardMarkup> = fc.record({
  cardTag: fc.constantFrom('article', 'div', 'li', 'section'),
  titleTag: fc.constantFrom('h2', 'h3', 'h4', 'a'),
  wrapDepth: fc.integer({ min: 0, max: 3 }),
  classes: fc.constantFrom('tailwind', 'churn'),
  thumbnailLink: fc.boolean(),
  authorsLink: fc.boolean(),
  commentsLink: fc.boolean(),
});

/** A list page: random card markup, island for all, some or none of its papers, pins and "Related" strips. */
const cardPage = fc
  .record({
    markup: cardMarkup,
    count: fc.integer({ min: 1, max: CARD_PAPERS.length }),
    island: fc.constantFrom('all', 'some', 'none'),
    pinned: fc.option(fc.nat(CARD_PAPERS.length - 1), { nil: undefined }),
    related: fc.array(fc.array(fc.nat(CARD_PAPERS.length), { maxLength: 2 }), {
      maxLength: CARD_PAPERS.length,
    }),
    seed: fc.nat(1000),
  })
  .map((options) => {
    const papers = CARD_PAPERS.slice(0, options.count);
    // Index `count` and beyond stands for a paper that has no card on the page.
    const mention = (i: number): FixturePaper => papers[i] ?? OFF_PAGE;
    const pinned = options.pinned !== undefined ? papers[options.pinned % papers.length] : undefined;
    const inData = options.island === 'all' ? papers : papers.filter((_, i) => i % 2 === 0);
    const html = buildVariantListPage({
      papers,
      markup: options.markup,
      props:
        options.island === 'none'
          ? null
          : islandProps2026(inData, { periodType: 'day', dateString: '2026-11-20' }),
      pinned: pinned ? [pinned] : [],
      // A strip names each related paper once (one plain link), never the card's own paper.
      related: (index) =>
        [...new Set(options.related[index] ?? [])].map(mention).filter((p) => p.id !== papers[index]?.id),
      seed: options.seed,
      markCards: true,
    });
    const showings = [...(pinned ? [pinned.id] : []), ...papers.map((p) => p.id)];
    return { ...options, html, showings };
  });

/** Links each card has to its own paper. */
const ownLinks = (markup: CardMarkup) =>
  1 + Number(markup.thumbnailLink) + Number(markup.authorsLink) + Number(markup.commentsLink);

describe('card markup, fuzzed', () => {
  // The one shape no rule can read: a card whose only link to its paper is a plain one, beside a plain
  // "Related" link, is the same markup as two one-link cards (unless an `article` says it is one card).
  // There a mention may get a button of its own; every other shape is checked.
  const ambiguous = (page: { markup: CardMarkup; related: number[][] }) =>
    page.markup.titleTag === 'a' &&
    ownLinks(page.markup) === 1 &&
    page.markup.cardTag !== 'article' &&
    page.related.some((strip) => strip.length > 0);

  it(
    'never places a panel inside another paper’s card, a link or a heading, nor a card around another',
    () => {
      fc.assert(
        fc.property(cardPage, (page) => {
          fc.pre(!ambiguous(page));
          const doc = parse(page.html);
          const scan = scanPapersPage(doc, parsePapersRoute('https://huggingface.co/papers/date/2026-11-20'));
          for (const card of scan.cards) {
            const around = card.element.closest<HTMLElement>('[data-fixture-card]');
            if (around) expect(around.dataset.fixtureCard).toBe(card.paperId);
            for (const inside of card.element.querySelectorAll<HTMLElement>('[data-fixture-card]')) {
              expect(inside.dataset.fixtureCard).toBe(card.paperId);
            }
            expect(card.element.closest('a, button, h1, h2, h3, h4, h5, h6, p')).toBeNull();
          }
        }),
        CARD_RUNS,
      );
    },
    CARD_TIMEOUT_MS,
  );

  it(
    'gives every showing of a paper exactly one card when each card has a title or two links',
    () => {
      fc.assert(
        fc.property(cardPage, ({ html, showings, markup }) => {
          fc.pre(markup.titleTag !== 'a' || ownLinks(markup) >= 2);
          const doc = parse(html);
          const scan = scanPapersPage(doc, parsePapersRoute('https://huggingface.co/papers/date/2026-11-20'));
          expect(scan.cards.map((card) => card.paperId)).toEqual(showings);
          for (const card of scan.cards)
            expect(card.element.dataset.fixtureCard ?? card.paperId).toBe(card.paperId);
        }),
        CARD_RUNS,
      );
    },
    CARD_TIMEOUT_MS,
  );
});
