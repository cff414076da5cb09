// The browser in English: the extension's UI is English (the options page, the page's tools, the
// card's button, panel and errors, the popup), while the summaries stay Korean. The texts are read
// from assets/locales/en.yml, so the test follows the translation and fails on a Korean leftover.

import { localeMessages, messageOf } from '../fixtures/locales.ts';
import { fixturePages } from '../fixtures/pages.ts';
import { expect, openPopupFor, summaryHost, test } from './fixtures.ts';
import { koreanSummaryFor, mockErrors } from './mock-openai.ts';

const en = await localeMessages('en');
const m = (key: string, substitutions?: Record<string, string | number>) => messageOf(en, key, substitutions);
const collapse = (text: string) => text.replace(/\s+/g, ' ').trim();
const HANGUL = /\p{Script=Hangul}/u;

test.use({ uiLocale: 'en-US' });

test('with the browser in English, the options page, the page tools, the card and its errors are English; the summary is Korean', async ({
  context,
  extensionId,
  openai,
  openPapers,
}) => {
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await expect(options).toHaveTitle(m('options.title'));
  await expect(options.locator('html')).toHaveAttribute('lang', 'en');
  await options.getByLabel(m('options.apiKey')).fill('sk-english-ui');
  await options.getByLabel(m('options.endpoint')).fill(openai.baseURL);
  await options.getByLabel(m('options.model'), { exact: true }).fill('gpt-4.1-mini');
  await options.getByRole('button', { name: m('options.save') }).click();
  await expect(options.getByRole('status')).toContainText(m('options.saved'));
  // The glossary's Korean renderings are data; the form around them is UI.
  const connection = options.getByRole('region', { name: m('options.connectionSection') });
  expect(await connection.innerText()).not.toMatch(HANGUL);
  await options.close();

  const fixture = fixturePages.day2026;
  const page = await openPapers(fixture.html, fixture.url, { api: fixture.api });
  const toolbar = page.getByRole('region', { name: m('toolbar.label') });
  await expect(toolbar.getByRole('button', { name: m('toolbar.summarizeAll') })).toBeVisible();
  await expect(toolbar.getByRole('button', { name: m('glancePage.run') })).toBeVisible();

  const [first, second] = fixture.papers;
  if (!first || !second) throw new Error('the fixture has fewer than two papers');
  const host = summaryHost(page, first.id);
  await host.getByRole('button', { name: m('cardButton.label') }).click();
  const panel = host.getByRole('region', { name: m('panel.regionLabel', { title: collapse(first.title) }) });
  const firstLine = koreanSummaryFor(collapse(first.title)).split('\n')[0]?.replaceAll('**', '') ?? '';
  await expect(panel).toContainText(firstLine);
  await expect(panel).toContainText(m('panel.modelLine', { model: 'gpt-4.1-mini' }));
  await expect(panel.getByRole('button', { name: m('panel.copy') })).toBeVisible();

  openai.replyOnce(mockErrors.invalidApiKey());
  const other = summaryHost(page, second.id);
  await other.getByRole('button', { name: m('cardButton.label') }).click();
  const failed = other.getByRole('region', {
    name: m('panel.regionLabel', { title: collapse(second.title) }),
  });
  await expect(failed).toContainText(m('errors.auth'));
  await expect(failed.getByRole('button', { name: m('panel.retryAfterError') })).toBeVisible();
  await expect(failed.getByRole('button', { name: m('panel.openOptions') })).toBeVisible();

  const popup = await openPopupFor(context, extensionId, page);
  await expect(popup.locator('html')).toHaveAttribute('lang', 'en');
  await expect(popup.getByTestId('popup-status')).toHaveText(
    m('popup.pageStatus', { total: fixture.expectedPaperIds.length, done: 1 }),
  );
  await expect(popup.getByRole('button', { name: m('popup.summarizeAll') })).toBeVisible();
  expect(await popup.locator('body').innerText()).not.toMatch(HANGUL);
});
