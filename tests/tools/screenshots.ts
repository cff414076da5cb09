// `npm run screenshots`: PNGs of the panel, the page toolbar, the options page and the popup, from
// the real built extension in Chromium, in light and dark, and the page in the English UI, into
// docs/screenshots/ (for the README).
// Run after `npx wxt build`; the endpoint is the mock server, the page a fixture served as huggingface.co.
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { launchWithExtension } from '../e2e/browser.ts';
import { DEFAULT_KOREAN_SUMMARY, mockErrors, startMockOpenAI } from '../e2e/mock-openai.ts';
import { localeMessages, messageOf } from '../fixtures/locales.ts';
import { fixturePages } from '../fixtures/pages.ts';
import { configure, extensionIdOf } from './screenshot-setup.ts';

const OUT = path.resolve(import.meta.dirname, '../../docs/screenshots');
const fixture = fixturePages.day2026;
type Theme = 'light' | 'dark';

/** The fixture page in a theme: Hugging Face's dark mode is a class on <html> and a dark page. */
async function setPageTheme(page: Page, theme: Theme): Promise<void> {
  await page.evaluate((dark) => {
    document.documentElement.classList.toggle('dark', dark);
    document.body.style.background = dark ? '#0b0f19' : '#ffffff';
    document.body.style.color = dark ? '#e5e7eb' : '#111827';
    document.body.style.fontFamily = 'system-ui, "NanumGothic", sans-serif';
  }, theme === 'dark');
}

/**
 * Issue 12: HF's 2-column grid (2024 cards) with the left card's panel open below its row, and a
 * compact (row-style) 2026 list with a panel below its row; light and dark.
 */
async function gridScreenshots(context: BrowserContext): Promise<void> {
  const pages = [
    // Cards [from, to] in the picture; the panel of `open` (a paper not summarised before) is open.
    { name: 'grid', fixture: fixturePages.day2024, open: 0, from: 0, to: 3 },
    { name: 'rows', fixture: fixturePages.day2026, open: 3, from: 2, to: 4 },
  ];
  for (const { name, fixture: shown, open, from, to } of pages) {
    await context.route(shown.url, (route) =>
      route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: shown.html }),
    );
    const page = await context.newPage();
    await page.setViewportSize({ width: 1100, height: 1400 });
    await page.goto(shown.url);
    const first = shown.papers[open];
    if (!first) throw new Error(`the fixture has a paper ${open}`);
    const button = page
      .locator(`daily-papers-ko[data-paper-id="${first.id}"]`)
      .getByRole('button', { name: '한국어 요약' });
    await button.click();
    await page
      .locator(`daily-papers-ko-panel[data-paper-id="${first.id}"]`)
      .getByRole('region')
      .getByText('모델:')
      .waitFor();
    await page.mouse.move(0, 0);
    const articles = page.locator('article');
    for (const theme of ['light', 'dark'] as const) {
      await setPageTheme(page, theme);
      await page.waitForTimeout(100);
      const top = await articles.nth(from).boundingBox();
      const last = await articles.nth(to).boundingBox();
      if (!top || !last) throw new Error('cards are not rendered');
      // Boxes are in viewport coordinates, a full-page clip in the page's.
      const scrolled = await page.evaluate(() => window.scrollY);
      await page.screenshot({
        path: path.join(OUT, `${name}-open-${theme}.png`),
        clip: { x: 0, y: scrolled + top.y - 16, width: 1100, height: last.y + last.height - top.y + 32 },
        fullPage: true,
      });
    }
    await page.close();
  }
}

/** The fixture served as huggingface.co, the mock saved as the endpoint; returns the extension's id. */
async function setUp(context: BrowserContext, baseURL: string, locale: 'ko' | 'en'): Promise<string> {
  const extensionId = await extensionIdOf(context);
  await context.route('https://huggingface.co/**', (route) =>
    route.request().resourceType() === 'document'
      ? route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: fixture.html })
      : route.abort('internetdisconnected'),
  );
  await configure(context, extensionId, baseURL, locale);
  for (const open of context.pages()) if (open.url().includes('options.html')) await open.close();
  return extensionId;
}

async function main(): Promise<void> {
  await rm(OUT, { recursive: true, force: true });
  await mkdir(OUT, { recursive: true });
  const mock = await startMockOpenAI({ port: 0 });
  const { context, profileDir } = await launchWithExtension();
  try {
    const extensionId = await setUp(context, mock.baseURL, 'ko');

    const [first, second, third] = fixture.papers;
    if (!first || !second || !third) throw new Error('the fixture has three papers');
    mock.reply((request) =>
      JSON.stringify(request.body).includes(third.id) ||
      JSON.stringify(request.body).includes(third.title.slice(0, 40))
        ? mockErrors.serverError()
        : {
            kind: 'stream',
            text: DEFAULT_KOREAN_SUMMARY,
            usage: { prompt_tokens: 900, completion_tokens: 450 },
          },
    );
    const page = await context.newPage();
    await page.setViewportSize({ width: 1000, height: 900 });
    await page.goto(fixture.url);
    // A card's button is in its host; its open panel in its own host below the card's row.
    const host = (id: string) =>
      page.locator(`daily-papers-ko[data-paper-id="${id}"], daily-papers-ko-panel[data-paper-id="${id}"]`);
    const panelOf = (id: string) => page.locator(`daily-papers-ko-panel[data-paper-id="${id}"]`);
    const cardOf = (id: string) => page.locator(`daily-papers-ko[data-paper-id="${id}"]`);
    await host(first.id).getByRole('button', { name: '한국어 요약' }).click();
    await host(first.id).getByRole('region').getByText('모델:').waitFor();
    // A folded one (its Korean title on one line) and an error, as a skimming user sees them.
    await host(second.id).getByRole('button', { name: '한국어 요약' }).click();
    await host(second.id).getByRole('region').getByText('모델:').waitFor();
    await host(second.id).getByRole('button', { name: '한국어 요약' }).click();
    await host(third.id).getByRole('button', { name: '한국어 요약' }).click();
    await host(third.id).getByRole('button', { name: '다시 시도', exact: true }).waitFor({ timeout: 30_000 });
    await page.mouse.move(0, 0);

    const toolbar = page.locator('daily-papers-ko-toolbar');
    // Our part of each card (the fixture's own markup has no Hugging Face stylesheet to look right).
    const firstCard = panelOf(first.id);
    const cards = cardOf(second.id);
    const errorCard = panelOf(third.id);
    for (const theme of ['light', 'dark'] as const) {
      await setPageTheme(page, theme);
      await page.waitForTimeout(100);
      await firstCard.screenshot({ path: path.join(OUT, `panel-${theme}.png`) });
      await cards.screenshot({ path: path.join(OUT, `panel-folded-${theme}.png`) });
      await errorCard.screenshot({ path: path.join(OUT, `panel-error-${theme}.png`) });
      await toolbar.screenshot({ path: path.join(OUT, `toolbar-${theme}.png`) });
    }

    await gridScreenshots(context);

    for (const theme of ['light', 'dark'] as const) {
      const options = await context.newPage();
      await options.emulateMedia({ colorScheme: theme });
      await options.setViewportSize({ width: 900, height: 1100 });
      await options.goto(`chrome-extension://${extensionId}/options.html`);
      await options.getByLabel('API 키').waitFor();
      await options.screenshot({ path: path.join(OUT, `options-${theme}.png`), fullPage: false });
      await options.close();

      await page.bringToFront();
      const popup = await context.newPage();
      await popup.emulateMedia({ colorScheme: theme });
      await popup.setViewportSize({ width: 380, height: 640 });
      await popup.goto(`chrome-extension://${extensionId}/popup.html`);
      await popup.getByTestId('popup-status').waitFor();
      await popup.locator('main').screenshot({ path: path.join(OUT, `popup-${theme}.png`) });
      await popup.close();
    }
    console.log(`Screenshots written to ${path.relative(process.cwd(), OUT)}/`);
  } finally {
    await context.close();
    await mock.close();
    await rm(profileDir, { recursive: true, force: true });
  }
}

/** The browser in English: the toolbar and a card with its (Korean) summary, in the English UI. */
async function englishScreenshot(): Promise<void> {
  const mock = await startMockOpenAI({ port: 0 });
  const { context, profileDir } = await launchWithExtension([], 'en-US');
  try {
    const extensionId = await setUp(context, mock.baseURL, 'en');
    mock.reply({
      kind: 'stream',
      text: DEFAULT_KOREAN_SUMMARY,
      usage: { prompt_tokens: 900, completion_tokens: 450 },
    });
    const en = await localeMessages('en');
    const page = await context.newPage();
    await page.setViewportSize({ width: 1100, height: 1200 });
    await page.goto(fixture.url);
    await setPageTheme(page, 'light');
    const [first] = fixture.papers;
    if (!first) throw new Error('the fixture has no papers');
    const card = page.locator(`daily-papers-ko[data-paper-id="${first.id}"]`);
    await card.getByRole('button', { name: messageOf(en, 'cardButton.label') }).click();
    const panel = page.locator(`daily-papers-ko-panel[data-paper-id="${first.id}"]`);
    await panel
      .getByText(messageOf(en, 'panel.modelLine', { model: 'gpt-4o-mini' }), { exact: false })
      .waitFor();
    await panel.getByRole('button', { name: messageOf(en, 'reader.deepButton') }).waitFor();
    await page.mouse.move(0, 0);
    const top = await page.locator('daily-papers-ko-toolbar').boundingBox();
    const bottom = await panel.boundingBox();
    if (!top || !bottom) throw new Error('the toolbar or the panel is not rendered');
    const scrolled = await page.evaluate(() => window.scrollY);
    await page.screenshot({
      path: path.join(OUT, 'english-ui-light.png'),
      clip: { x: 0, y: scrolled + top.y - 16, width: 1100, height: bottom.y + bottom.height - top.y + 32 },
      fullPage: true,
    });
  } finally {
    await context.close();
    await mock.close();
    await rm(profileDir, { recursive: true, force: true });
  }
}

await main();
await englishScreenshot();
