import type { WxtBrowser } from 'wxt/browser';
import { expect, test } from './fixtures.ts';
import { mockErrors } from './mock-openai.ts';

test.describe('options page', () => {
  test('masks the key, and shows it on request', async ({ context, extensionId }) => {
    const page = await context.newPage();
    await page.goto(`chrome-extension://${extensionId}/options.html`);
    const key = page.getByLabel('API 키');
    await key.fill('sk-visible-check-1234');
    await expect(key).toHaveAttribute('type', 'password');
    await page.getByRole('button', { name: '키 보기' }).click();
    await expect(key).toHaveAttribute('type', 'text');
    await page.getByRole('button', { name: '키 숨기기' }).click();
    await expect(key).toHaveAttribute('type', 'password');
  });

  test('saves the key where only the extension reads it: no storage area holds it', async ({
    context,
    extensionId,
    configure,
  }) => {
    await configure({ apiKey: ' sk-stored-locally-9876\u200b\n' });
    const page = await context.newPage();
    await page.goto(`chrome-extension://${extensionId}/options.html`);
    await expect(page.getByLabel('API 키')).toHaveValue('sk-stored-locally-9876');
    const stored = await page.evaluate(async () => {
      const { chrome } = globalThis as unknown as { chrome: WxtBrowser };
      return {
        local: JSON.stringify(await chrome.storage.local.get(null)),
        sync: JSON.stringify(await chrome.storage.sync.get(null)),
        session: JSON.stringify(await chrome.storage.session.get(null)),
      };
    });
    expect(stored.local).not.toContain('sk-stored');
    expect(stored.sync).not.toContain('sk-stored');
    expect(stored.session).not.toContain('sk-stored');
  });

  test('a key with characters no header can carry is refused by its field', async ({
    context,
    extensionId,
  }) => {
    const page = await context.newPage();
    await page.goto(`chrome-extension://${extensionId}/options.html`);
    await page.getByLabel('API 키').fill('sk-“복사된키”');
    await page.getByRole('button', { name: '저장' }).click();
    await expect(page.locator('#apiKey-error')).toContainText('HTTP 헤더로 보낼 수 없는 문자');
    await expect(page.getByLabel('API 키')).toHaveAttribute('aria-invalid', 'true');
  });

  test('the connection test says plainly what is right and what is wrong', async ({
    context,
    extensionId,
    openai,
  }) => {
    const page = await context.newPage();
    await page.goto(`chrome-extension://${extensionId}/options.html`);
    await page.getByLabel('API 키').fill('sk-connection-test');
    await page.getByLabel('엔드포인트 URL').fill(openai.baseURL);
    await page.getByLabel('모델', { exact: true }).fill('gpt-4.1-mini');
    await page.getByRole('button', { name: '연결 테스트' }).click();
    await expect(page.getByRole('status')).toContainText('연결됨');
    expect(openai.chatRequests().at(-1)?.headers.authorization).toBe('Bearer sk-connection-test');

    openai.replyOnce(mockErrors.invalidApiKey());
    await page.getByRole('button', { name: '연결 테스트' }).click();
    await expect(page.getByRole('status')).toContainText('API 키가 올바르지 않습니다(401)');

    openai.replyOnce(mockErrors.modelNotFound('gpt-nope'));
    await page.getByRole('button', { name: '연결 테스트' }).click();
    await expect(page.getByRole('status')).toContainText('모델을 찾을 수 없습니다');

    await page.getByLabel('엔드포인트 URL').fill('http://127.0.0.1:9/v1');
    await page.getByRole('button', { name: '연결 테스트' }).click();
    await expect(page.getByRole('status')).toContainText('엔드포인트에 연결할 수 없습니다');
  });

  test('lists the endpoint models and still takes a model typed by hand', async ({
    context,
    extensionId,
    openai,
  }) => {
    openai.models.splice(0, openai.models.length, 'gpt-4.1-mini', 'qwen3:8b');
    const page = await context.newPage();
    await page.goto(`chrome-extension://${extensionId}/options.html`);
    await page.getByLabel('API 키').fill('sk-models');
    await page.getByLabel('엔드포인트 URL').fill(openai.baseURL);
    await page.getByRole('button', { name: '모델 목록 불러오기' }).click();
    await expect(page.getByRole('status')).toContainText('모델 2개');
    await expect(page.locator('#model-list option')).toHaveCount(2);
    expect(openai.requests.some((r) => r.method === 'GET' && r.path === '/v1/models')).toBe(true);
    await page.getByLabel('모델', { exact: true }).fill('my-finetune');
    await page.getByRole('button', { name: '저장' }).click();
    await expect(page.getByRole('status')).toContainText('저장했습니다');
  });

  test('refuses to send the key over plain http to another machine', async ({ context, extensionId }) => {
    const page = await context.newPage();
    await page.goto(`chrome-extension://${extensionId}/options.html`);
    await page.getByLabel('엔드포인트 URL').fill('http://example.com/v1');
    await page.getByRole('button', { name: '저장' }).click();
    await expect(page.locator('#baseURL-error')).toContainText('https 주소를 쓰세요');
  });
});
