// The panels and the toolbar follow the page's theme live (Hugging Face's `dark` class, or the system
// preference on a page that declares both schemes), and every text of ours reads at 4.5:1 or better.
import type { Page } from '@playwright/test';
import { fixturePages } from '../fixtures/pages.ts';
import { expect, summaryHost, test } from './fixtures.ts';
import { mockErrors } from './mock-openai.ts';

const fixture = fixturePages.day2026;
const [doneId = '', errorId = ''] = fixture.expectedPaperIds;

/** Every text of ours (in our shadow roots) with its colour, its background, and their WCAG ratio. */
function contrastReport(page: Page) {
  return page.evaluate(() => {
    const parse = (colour: string): [number, number, number, number] => {
      const [r = 0, g = 0, b = 0, a = 1] = (colour.match(/[\d.]+/g) ?? []).map(Number);
      return [r, g, b, colour.startsWith('rgba') ? a : 1];
    };
    const luminance = ([r, g, b]: number[]) => {
      const [lr = 0, lg = 0, lb = 0] = [r, g, b].map((v) => {
        const c = (v ?? 0) / 255;
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * lr + 0.7152 * lg + 0.0722 * lb;
    };
    /** The first opaque background behind an element, through shadow hosts (the page's is white). */
    const backgroundOf = (start: Element): number[] => {
      let node: Element | null = start;
      while (node) {
        const [r, g, b, a] = parse(getComputedStyle(node).backgroundColor);
        if (a > 0.9) return [r, g, b];
        node = node.parentElement ?? ((node.getRootNode() as ShadowRoot).host || null);
      }
      return [255, 255, 255];
    };
    const report: { text: string; ratio: number }[] = [];
    for (const host of document.querySelectorAll('daily-papers-ko, daily-papers-ko-toolbar')) {
      const walker = document.createTreeWalker(host.shadowRoot as ShadowRoot, NodeFilter.SHOW_TEXT);
      for (let text = walker.nextNode(); text; text = walker.nextNode()) {
        const element = text.parentElement;
        if (!element || !text.textContent?.trim() || element.closest('[hidden], .dpk-sr, select')) continue;
        if (element.closest('button:disabled')) continue;
        const colour = parse(getComputedStyle(element).color);
        const back = backgroundOf(element);
        const [l1, l2] = [luminance(colour), luminance(back)].sort((a, b) => b - a);
        report.push({
          text: text.textContent.trim().slice(0, 30),
          ratio: ((l1 ?? 0) + 0.05) / ((l2 ?? 0) + 0.05),
        });
      }
    }
    return report;
  });
}

async function panelColours(page: Page, paperId: string) {
  return summaryHost(page, paperId)
    .locator('section.dpk-panel')
    .evaluate((panel) => ({
      background: getComputedStyle(panel).backgroundColor,
      text: getComputedStyle(panel).color,
    }));
}

test('panels and the toolbar restyle when the page turns dark and back; every text reads at 4.5:1', async ({
  openPapers,
  configure,
  openai,
}) => {
  await configure();
  openai.reply((request) =>
    JSON.stringify(request.body).includes(fixture.papers[1]?.title.slice(0, 20) ?? '-')
      ? mockErrors.invalidApiKey()
      : { kind: 'stream' },
  );
  const page = await openPapers(fixture.html, fixture.url);
  for (const id of [doneId, errorId])
    await summaryHost(page, id).getByRole('button', { name: '한국어 요약' }).click();
  await expect(summaryHost(page, doneId).getByRole('region')).toContainText('모델:');
  await expect(summaryHost(page, errorId).getByRole('alert')).toContainText('API 키가 올바르지 않습니다');
  await expect(summaryHost(page, errorId).locator('.dpk-detail')).toBeVisible();

  const light = await panelColours(page, doneId);
  const lightReport = await contrastReport(page);
  expect(lightReport.length).toBeGreaterThan(10);
  expect(lightReport.filter((entry) => entry.ratio < 4.5)).toEqual([]);

  await page.evaluate(() => document.documentElement.classList.add('dark'));
  await expect.poll(() => panelColours(page, doneId)).not.toEqual(light);
  const dark = await panelColours(page, doneId);
  expect(dark.background).not.toBe(light.background);
  expect(dark.text).not.toBe(light.text);
  const toolbar = page.locator('daily-papers-ko-toolbar');
  await expect(toolbar).toHaveAttribute('data-theme', 'dark');
  expect((await contrastReport(page)).filter((entry) => entry.ratio < 4.5)).toEqual([]);

  await page.evaluate(() => document.documentElement.classList.remove('dark'));
  await expect.poll(() => panelColours(page, doneId)).toEqual(light);
  await expect(toolbar).not.toHaveAttribute('data-theme', 'dark');
});

test('on a page that follows the system, the panel follows prefers-color-scheme as it changes', async ({
  openPapers,
  configure,
}) => {
  await configure();
  const page = await openPapers(fixture.html, fixture.url);
  await page.evaluate(() => {
    document.documentElement.style.colorScheme = 'light dark';
  });
  await summaryHost(page, doneId).getByRole('button', { name: '한국어 요약' }).click();
  await expect(summaryHost(page, doneId).getByRole('region')).toContainText('모델:');
  const light = await panelColours(page, doneId);
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect.poll(() => panelColours(page, doneId)).not.toEqual(light);
  await page.emulateMedia({ colorScheme: 'light' });
  await expect.poll(() => panelColours(page, doneId)).toEqual(light);
});
