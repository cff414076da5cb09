// What both screenshot scripts do first: find the extension's id and save the mock endpoint as its settings.
import type { BrowserContext } from '@playwright/test';

export async function extensionIdOf(context: BrowserContext): Promise<string> {
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  return new URL(worker.url()).host;
}

export async function configure(
  context: BrowserContext,
  extensionId: string,
  baseURL: string,
): Promise<void> {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  await page.getByLabel('API 키').fill('sk-screenshot-key-1234');
  await page.getByLabel('엔드포인트 URL').fill(baseURL);
  await page.getByLabel('모델', { exact: true }).fill('gpt-4o-mini');
  await page.getByRole('button', { name: '저장' }).click();
  await page.getByText('저장했습니다').first().waitFor();
  await page.close();
}
