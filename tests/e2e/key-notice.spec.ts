// With no API key saved, the page toolbar and the popup say so before any click, with the way to the
// options page; saving a key makes both notices go away without a reload.
import { fixturePages } from '../fixtures/pages.ts';
import { expect, test } from './fixtures.ts';

const fixture = fixturePages.day2026;

test('no key: the toolbar and the popup say "API 키를 설정하세요" until a key is saved', async ({
  context,
  extensionId,
  openPapers,
  configure,
  openai,
}) => {
  // The install's welcome tab is an options page Chrome would bring forward instead of opening one.
  await context
    .waitForEvent('page', { predicate: (p) => p.url().includes('options.html'), timeout: 3_000 })
    .catch(() => null);
  for (const open of context.pages()) if (open.url().includes('options.html')) await open.close();
  const page = await openPapers(fixture.html, fixture.url);
  const toolbar = page.getByRole('region', { name: 'Daily Papers KO 페이지 도구' });
  const pageNotice = toolbar.getByRole('status').filter({ hasText: 'API 키를 설정하세요' });
  await expect(pageNotice).toBeVisible();
  await expect(pageNotice.getByRole('button', { name: '설정 열기', exact: true })).toBeVisible();

  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  const popupNotice = popup.getByRole('status').filter({ hasText: 'API 키를 설정하세요' });
  await expect(popupNotice).toBeVisible();
  await expect(popupNotice.getByRole('button', { name: '설정 열기', exact: true })).toBeVisible();

  // The notice's button opens the options page.
  const opened = context.waitForEvent('page');
  await pageNotice.getByRole('button', { name: '설정 열기', exact: true }).click();
  const options = await opened;
  expect(options.url()).toMatch(/^chrome-extension:\/\/[a-z]+\/options\.html/);
  await options.close();

  await configure();
  await expect(pageNotice).toHaveCount(0);
  await expect(toolbar.getByText('API 키를 설정하세요')).toBeHidden();
  await expect(popup.getByText('API 키를 설정하세요')).toHaveCount(0);
  // Nothing was sent to the endpoint for any of this.
  expect(openai.chatRequests()).toHaveLength(0);

  // A page opened after the key was saved never shows it.
  const later = await openPapers(fixture.html, fixture.url);
  await expect(later.getByRole('region', { name: 'Daily Papers KO 페이지 도구' })).toBeVisible();
  await expect(later.getByText('API 키를 설정하세요')).toBeHidden();
});

test('with a key saved, neither the toolbar nor the popup shows the notice', async ({
  context,
  extensionId,
  openPapers,
  configure,
}) => {
  await configure();
  const page = await openPapers(fixture.html, fixture.url);
  await expect(page.getByRole('region', { name: 'Daily Papers KO 페이지 도구' })).toBeVisible();
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  await expect(popup.getByTestId('popup-status')).toBeVisible();
  await expect(page.getByText('API 키를 설정하세요')).toBeHidden();
  await expect(popup.getByText('API 키를 설정하세요')).toHaveCount(0);
});
