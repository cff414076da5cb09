// Issue 12, "a summarised day is a wall": an open panel must leave no holes in Hugging Face's grid and
// must not squeeze a row-style card. The fixture pages carry the layout part of HF's stylesheet
// (FIXTURE_CSS in tests/fixtures/hf-pages.ts), so these tests measure real layout in Chromium.
import type { Locator, Page } from '@playwright/test';
import { fixturePages } from '../fixtures/pages.ts';
import { expect, test } from './fixtures.ts';

type Box = { x: number; y: number; width: number; height: number };

async function box(locator: Locator): Promise<Box> {
  const found = await locator.boundingBox();
  if (!found) throw new Error('no box: the element is not rendered');
  return found;
}

const card = (page: Page, id: string) =>
  page.locator('article').filter({ has: page.locator(`h3 a[href="/papers/${id}"]`) });
const cardHost = (page: Page, id: string) => page.locator(`daily-papers-ko[data-paper-id="${id}"]`);
const panelHost = (page: Page, id: string) => page.locator(`daily-papers-ko-panel[data-paper-id="${id}"]`);
const bottom = (b: Box) => b.y + b.height;

/** Opens the card's panel and waits for the finished summary. */
async function openPanel(page: Page, id: string): Promise<void> {
  await cardHost(page, id).getByRole('button', { name: '한국어 요약' }).click();
  await expect(panelHost(page, id).getByRole('region')).toContainText('모델:');
}

/** The fixture as huggingface.co, 1100 px wide (two columns of 2024 cards), with a key saved. */
async function openFixture(
  {
    configure,
    openPapers,
  }: {
    configure: () => Promise<void>;
    openPapers: (html: string, url: string) => Promise<Page>;
  },
  fixture: { html: string; url: string },
): Promise<Page> {
  await configure();
  const page = await openPapers(fixture.html, fixture.url);
  await page.setViewportSize({ width: 1100, height: 900 });
  return page;
}

async function toggle(page: Page, id: string): Promise<void> {
  await cardHost(page, id).getByRole('button', { name: '한국어 요약' }).click();
}

test.describe('a two-column grid (2024 cards in `grid grid-cols-1 gap-5 lg:grid-cols-2 xl:grid-cols-3`)', () => {
  const fixture = fixturePages.day2024;
  const [a, b, c, d] = fixture.papers.map((paper) => paper.id);
  if (!a || !b || !c || !d) throw new Error('the fixture has four papers');

  test('an open panel spans the grid below its row: both cards keep their closed heights, no blank area, folding gives the space back', async ({
    openPapers,
    configure,
  }) => {
    const page = await openFixture({ configure, openPapers }, fixture);
    const grid = page.locator('div.grid').filter({ has: page.locator('article') });
    await expect(cardHost(page, d)).toBeAttached();
    const columns = await grid.evaluate(
      (node) => getComputedStyle(node).gridTemplateColumns.split(' ').length,
    );
    expect(columns).toBe(2);

    const closed = {
      left: await box(card(page, a)),
      right: await box(card(page, b)),
      next: await box(card(page, c)),
    };
    const gridBox = await box(grid);
    // The two cards share a row; the next card starts the row below.
    expect(closed.right.y).toBeCloseTo(closed.left.y, 0);
    expect(closed.next.y).toBeGreaterThan(bottom(closed.left));

    const itemHeights = () =>
      grid.evaluate((node) =>
        [...node.children]
          .filter((item) => item.localName !== 'daily-papers-ko-panel')
          .slice(0, 2)
          .map((item) => item.getBoundingClientRect().height),
      );
    const closedItems = await itemHeights();

    await openPanel(page, a);
    const panel = await box(panelHost(page, a));
    const open = {
      left: await box(card(page, a)),
      right: await box(card(page, b)),
      next: await box(card(page, c)),
    };
    // Neither card grows, and neither moves within the grid: no hole beside the neighbour. (The grid
    // itself may move as a whole when our toolbar above it grows a line at idle time.)
    const openGridTop = (await box(grid)).y;
    for (const side of ['left', 'right'] as const) {
      expect(open[side].height).toBeCloseTo(closed[side].height, 0);
      expect(open[side].y - openGridTop).toBeCloseTo(closed[side].y - gridBox.y, 0);
    }
    // The panel spans the grid's width, just below both cards, and the next row starts below it.
    expect(panel.x).toBeCloseTo(gridBox.x, 0);
    expect(panel.width).toBeCloseTo(gridBox.width, 0);
    expect(panel.y).toBeGreaterThanOrEqual(Math.max(bottom(open.left), bottom(open.right)));
    expect(panel.y - Math.max(bottom(open.left), bottom(open.right))).toBeLessThan(12);
    expect(open.next.y).toBeGreaterThan(bottom(panel));
    // HF's grid items (a div around each article) keep their heights too: the row did not grow.
    expect(await itemHeights()).toEqual(closedItems);

    // A second open panel in the same row stacks below the first, in card order.
    await openPanel(page, b);
    const first = await box(panelHost(page, a));
    const second = await box(panelHost(page, b));
    expect(second.y).toBeGreaterThanOrEqual(bottom(first));
    expect(second.width).toBeCloseTo(gridBox.width, 0);
    expect((await box(card(page, b))).height).toBeCloseTo(closed.right.height, 0);
    expect((await box(card(page, c))).y).toBeGreaterThan(bottom(second));

    // Folding both gives every pixel back.
    await toggle(page, a);
    await toggle(page, b);
    await expect(panelHost(page, a).getByRole('region')).toBeHidden();
    await expect(panelHost(page, b).getByRole('region')).toBeHidden();
    const folded = {
      left: await box(card(page, a)),
      right: await box(card(page, b)),
      next: await box(card(page, c)),
    };
    expect(folded).toEqual(closed);
  });

  test('the panel stays reachable from its button: aria-controls across shadow roots, and Tab goes from the button into the panel', async ({
    openPapers,
    configure,
  }) => {
    const page = await openFixture({ configure, openPapers }, fixture);
    await openPanel(page, a);
    const button = cardHost(page, a).getByRole('button', { name: '한국어 요약' });
    await expect(button).toHaveAttribute('aria-expanded', 'true');
    // The button points at the panel's host (an id can't cross into another shadow root).
    expect(
      await button.evaluate(
        (node, id) =>
          node.ariaControlsElements?.[0] ===
          document.querySelector(`daily-papers-ko-panel[data-paper-id="${id}"]`),
        a,
      ),
    ).toBe(true);
    const session = await page.context().newCDPSession(page);
    const { nodes } = (await session.send('Accessibility.getFullAXTree')) as {
      nodes: {
        role?: { value?: string };
        name?: { value?: string };
        properties?: { name: string; value: { relatedNodes?: unknown[] } }[];
      }[];
    };
    const axButton = nodes.find(
      (node) =>
        node.role?.value === 'button' &&
        node.name?.value?.includes('한국어 요약') &&
        node.properties?.some((p) => p.name === 'controls'),
    );
    expect(axButton?.properties?.find((p) => p.name === 'controls')?.value.relatedNodes).toHaveLength(1);
    // Reading and Tab order: the panel follows its button, before the neighbour's links.
    await button.focus();
    await page.keyboard.press('Tab');
    const focusedIn = await page.evaluate(() => document.activeElement?.localName);
    expect(focusedIn).toBe('daily-papers-ko-panel');
  });

  test('when the grid goes to three columns, the open panel moves below the new row', async ({
    openPapers,
    configure,
  }) => {
    const page = await openFixture({ configure, openPapers }, fixture);
    await openPanel(page, a);
    await page.setViewportSize({ width: 1400, height: 900 });
    const grid = page.locator('div.grid').filter({ has: page.locator('article') });
    await expect
      .poll(() => grid.evaluate((node) => getComputedStyle(node).gridTemplateColumns.split(' ').length))
      .toBe(3);
    await expect
      .poll(async () => (await box(panelHost(page, a))).y >= bottom(await box(card(page, c))))
      .toBe(true);
    const gridBox = await box(grid);
    const panel = await box(panelHost(page, a));
    expect(panel.width).toBeCloseTo(gridBox.width, 0);
    // The third card is in the first row now, with its closed height; the fourth starts below the panel.
    expect((await box(card(page, c))).y).toBeCloseTo((await box(card(page, a))).y, 0);
    expect((await box(card(page, d))).y).toBeGreaterThan(bottom(panel));
  });
});

test.describe('row-style cards (2026 compact: each card a flex row in a `flex flex-col` list)', () => {
  const fixture = fixturePages.day2026;
  const [a, b] = fixture.papers.map((paper) => paper.id);
  if (!a || !b) throw new Error('the fixture has two papers');

  test('the open panel sits below the row at the list’s width; the title keeps its width; folding restores the row', async ({
    openPapers,
    configure,
  }) => {
    const page = await openFixture({ configure, openPapers }, fixture);
    await expect(cardHost(page, a)).toBeAttached();
    const list = page
      .locator('div.flex-col')
      .filter({ has: page.locator('article') })
      .last();
    const title = card(page, a).locator('h3');
    // Boxes relative to the list's top: our toolbar above the list may grow a line when its
    // idle-time parts arrive (the one-liners' estimate), which moves the whole list, not the row.
    const rowBoxes = async () => {
      const top = (await box(list)).y;
      const at = async (target: Parameters<typeof box>[0]) => {
        const found = await box(target);
        return { ...found, y: found.y - top };
      };
      return { card: await at(card(page, a)), title: await at(title), next: await at(card(page, b)) };
    };
    const closed = await rowBoxes();
    const listBox = await box(list);
    // The button sits in the title's column, under the author line, not beside the title.
    expect(
      (await box(cardHost(page, a).getByRole('button', { name: '한국어 요약' }))).y - listBox.y,
    ).toBeGreaterThan(bottom(closed.title));

    await openPanel(page, a);
    const openListTop = (await box(list)).y;
    const panelAt = await box(panelHost(page, a));
    const panel = { ...panelAt, y: panelAt.y - openListTop };
    const open = await rowBoxes();
    expect(open.title.width).toBeGreaterThanOrEqual(closed.title.width * 0.8);
    expect(open.card).toEqual(closed.card);
    expect(panel.width).toBeCloseTo(listBox.width, 0);
    expect(panel.x).toBeCloseTo(listBox.x, 0);
    expect(panel.y).toBeGreaterThanOrEqual(bottom(open.card));
    expect(open.next.y).toBeGreaterThan(bottom(panel));

    await toggle(page, a);
    await expect(panelHost(page, a).getByRole('region')).toBeHidden();
    expect(await rowBoxes()).toEqual(closed);
  });
});
