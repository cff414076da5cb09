// What both screenshot scripts do first: find the extension's id and save the mock endpoint as its settings.
import type { BrowserContext } from '@playwright/test';
import { localeMessages, messageOf } from '../fixtures/locales.ts';

export async function extensionIdOf(context: BrowserContext): Promise<string> {
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  return new URL(worker.url()).host;
}

/** Through the options page, in the browser's UI language (`ko` or `en`). */
export async function configure(
  context: BrowserContext,
  extensionId: string,
  baseURL: string,
  locale: 'ko' | 'en' = 'ko',
): Promise<void> {
  const messages = await localeMessages(locale);
  const m = (key: string) => messageOf(messages, key);
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  await page.getByLabel(m('options.apiKey')).fill('sk-screenshot-key-1234');
  await page.getByLabel(m('options.endpoint')).fill(baseURL);
  await page.getByLabel(m('options.model'), { exact: true }).fill('gpt-4o-mini');
  await page.getByRole('button', { name: m('options.save') }).click();
  await page.getByText(m('options.saved')).first().waitFor();
  await page.close();
}
