// Each provider preset, chosen on the real options page, against the mock playing that provider's
// documented behaviour: a click on "한국어 요약" ends in a Korean summary, and the second paper sends
// nothing the endpoint rejected for the first.
import type { Page } from '@playwright/test';
import { fixturePages } from '../fixtures/pages.ts';
import { expect, inContentScript, summaryHost, test } from './fixtures.ts';
import type { MockOpenAI, Personality, RecordedRequest } from './mock-openai.ts';

const fixture = fixturePages.day2026;
const [firstId = '', secondId = ''] = fixture.expectedPaperIds;

interface PresetCase {
  preset: string;
  /** What choosing the preset fills in. */
  fills: { endpoint: string; model: string };
  personality: Personality[];
  model?: string;
  apiKey?: string;
  /** The endpoint as the user would type it for the mock (Azure's legacy URL shape). */
  endpoint?: (mock: MockOpenAI) => string;
  check?: (requests: RecordedRequest[], mock: MockOpenAI) => void;
}

const bodyOf = (request: RecordedRequest | undefined) => (request?.body ?? {}) as Record<string, unknown>;

const CASES: PresetCase[] = [
  {
    preset: 'OpenAI',
    fills: { endpoint: 'https://api.openai.com/v1', model: 'gpt-6-luna' },
    personality: [{ kind: 'strictParameters' }],
    model: 'gpt-6-sol',
    check: (requests) => {
      expect(requests).toHaveLength(2);
      for (const request of requests) {
        expect(bodyOf(request)).toHaveProperty('max_completion_tokens');
        expect(bodyOf(request)).not.toHaveProperty('max_tokens');
        expect(bodyOf(request)).not.toHaveProperty('temperature');
      }
    },
  },
  {
    preset: 'OpenRouter',
    fills: { endpoint: 'https://openrouter.ai/api/v1', model: 'openai/gpt-6-luna' },
    personality: [{ kind: 'strictParameters' }],
    check: (requests) => {
      expect(requests).toHaveLength(2);
      expect(bodyOf(requests[0])).toMatchObject({ model: 'openai/gpt-6-luna', reasoning_effort: 'low' });
      expect(requests[0]?.headers['x-title']).toBe('Daily Papers KO');
    },
  },
  {
    preset: 'Google Gemini',
    fills: { endpoint: 'https://generativelanguage.googleapis.com/v1beta/openai', model: 'gemini-2.5-flash' },
    personality: [{ kind: 'thinking' }],
    check: (requests) => {
      expect(requests).toHaveLength(2);
      expect(bodyOf(requests[0])).toMatchObject({ max_tokens: 8000, reasoning_effort: 'low' });
    },
  },
  {
    preset: 'Anthropic (Claude)',
    fills: { endpoint: 'https://api.anthropic.com/v1', model: 'claude-haiku-4-5' },
    personality: [{ kind: 'anthropic' }],
    check: (requests) => {
      expect(requests).toHaveLength(2);
      expect(requests[0]?.headers['anthropic-dangerous-direct-browser-access']).toBe('true');
    },
  },
  {
    preset: 'Azure OpenAI',
    fills: { endpoint: 'https://RESOURCE.openai.azure.com/openai/v1', model: '' },
    personality: [{ kind: 'strictParameters' }],
    model: 'my-gpt6-deployment',
    endpoint: (mock) => `${mock.origin}/openai/deployments/my-gpt6-deployment?api-version=2024-10-21`,
    check: (requests) => {
      // The first paper learns (max_tokens refused); the second sends only what was accepted.
      expect(requests).toHaveLength(3);
      expect(bodyOf(requests[0])).toHaveProperty('max_tokens');
      expect(bodyOf(requests[2])).not.toHaveProperty('max_tokens');
      expect(bodyOf(requests[2])).not.toHaveProperty('temperature');
      for (const request of requests) {
        expect(request.path).toBe('/openai/deployments/my-gpt6-deployment/chat/completions');
        expect(request.search).toBe('?api-version=2024-10-21');
      }
    },
  },
  {
    preset: 'DeepSeek',
    fills: { endpoint: 'https://api.deepseek.com/v1', model: 'deepseek-chat' },
    personality: [{ kind: 'thinking', thinkingTokens: 1_400, streamsReasoning: true }],
    model: 'deepseek-reasoner',
    check: (requests) => {
      expect(requests).toHaveLength(2);
      expect(bodyOf(requests[0])).toHaveProperty('max_tokens', 8000);
    },
  },
  {
    preset: 'Groq',
    fills: { endpoint: 'https://api.groq.com/openai/v1', model: 'openai/gpt-oss-20b' },
    personality: [{ kind: 'strictParameters', refuses: ['stream_options'] }],
    check: (requests) => {
      expect(requests).toHaveLength(3);
      expect(bodyOf(requests[0])).toHaveProperty('stream_options');
      expect(bodyOf(requests[2])).not.toHaveProperty('stream_options');
    },
  },
  {
    preset: 'Ollama (내 컴퓨터)',
    fills: { endpoint: 'http://localhost:11434/v1', model: 'qwen3:8b' },
    personality: [{ kind: 'ollama' }],
    apiKey: '',
    check: (requests) => {
      expect(requests).toHaveLength(2);
      // The extension's Origin never reached the server: the session rule removed it.
      for (const request of requests) expect(request.headers.origin).toBeUndefined();
    },
  },
  {
    preset: 'LM Studio (내 컴퓨터)',
    fills: { endpoint: 'http://localhost:1234/v1', model: '' },
    personality: [{ kind: 'knownModelsOnly' }],
    model: 'qwen2.5-7b-instruct',
    apiKey: '',
    check: (requests) => expect(requests).toHaveLength(2),
  },
  {
    preset: '기타 (OpenAI 호환)',
    fills: { endpoint: '', model: '' },
    personality: [{ kind: 'responsesOnly', models: /^lab-research-pro$/ }],
    model: 'lab-research-pro',
    check: (requests, mock) => {
      // One chat attempt taught the worker; both papers were then streamed through v1/responses.
      expect(requests).toHaveLength(1);
      expect(mock.responsesRequests()).toHaveLength(2);
    },
  },
];

async function choosePreset(page: Page, preset: string, extensionId: string) {
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  await page.getByLabel('제공사').selectOption({ label: preset });
}

async function summarise(page: Page, paperId: string) {
  const host = summaryHost(page, paperId);
  await host.getByRole('button', { name: '한국어 요약' }).click();
  await expect(host.getByRole('region')).toContainText('한국어 요약', { timeout: 15_000 });
  await expect(host.getByRole('region')).toContainText('모델:', { timeout: 15_000 });
}

for (const c of CASES) {
  test(`preset ${c.preset}: the options page fills it in, and a click ends in a Korean summary`, async ({
    context,
    extensionId,
    openai,
    openPapers,
  }) => {
    openai.behave(...c.personality);
    if (c.model) openai.models.push(c.model);
    const options = await context.newPage();
    await choosePreset(options, c.preset, extensionId);
    if (c.fills.endpoint) await expect(options.getByLabel('엔드포인트 URL')).toHaveValue(c.fills.endpoint);
    if (c.fills.model) await expect(options.getByLabel('모델', { exact: true })).toHaveValue(c.fills.model);
    // The real hosts are out of reach here: the same preset, pointed at the mock playing that provider.
    await options.getByLabel('엔드포인트 URL').fill(c.endpoint?.(openai) ?? openai.baseURL);
    await options.getByLabel('API 키').fill(c.apiKey ?? 'sk-provider-test');
    if (c.model) await options.getByLabel('모델', { exact: true }).fill(c.model);
    await options.getByRole('button', { name: '저장' }).click();
    await expect(options.getByRole('status')).toContainText('저장했습니다');

    const page = await openPapers(fixture.html, fixture.url);
    await summarise(page, firstId);
    await summarise(page, secondId);
    c.check?.(openai.chatRequests(), openai);
  });
}

test('each preset says where to get a key, and local servers need none', async ({ context, extensionId }) => {
  const page = await context.newPage();
  await choosePreset(page, 'Anthropic (Claude)', extensionId);
  await expect(page.getByRole('link', { name: 'Anthropic (Claude) 키 발급 페이지 열기' })).toHaveAttribute(
    'href',
    'https://console.anthropic.com/settings/keys',
  );
  await page.getByLabel('제공사').selectOption({ label: 'Ollama (내 컴퓨터)' });
  await expect(page.locator('#api-key-hint')).toContainText('키가 필요 없습니다');
  await expect(page.getByRole('link', { name: /키 발급 페이지/ })).toHaveCount(0);
});

test('the connection test says connected without a key, and tells an HTML portal from an endpoint', async ({
  context,
  extensionId,
  openai,
}) => {
  const page = await context.newPage();
  await choosePreset(page, 'Ollama (내 컴퓨터)', extensionId);
  await page.getByLabel('엔드포인트 URL').fill(openai.baseURL);
  await page.getByLabel('API 키').fill('');
  openai.behave({ kind: 'ollama' });
  await page.getByRole('button', { name: '연결 테스트' }).click();
  await expect(page.getByRole('status')).toContainText('키 없이 접속했고');

  openai.behave({ kind: 'htmlPortal' });
  await page.getByRole('button', { name: '연결 테스트' }).click();
  await expect(page.getByRole('status')).toContainText('OpenAI 호환 API가 아닙니다');
  await expect(page.locator('#baseURL-error')).toContainText('OpenAI 호환 API가 아닙니다');
});

test('a deprecated model is flagged with its date and a successor; an unpriced one asks for its price', async ({
  context,
  extensionId,
}) => {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  const model = page.getByLabel('모델', { exact: true });
  await model.fill('gpt-4.1-mini');
  await expect(page.locator('#model-warning')).toContainText('2027-01-14에 서비스가 종료될 예정');
  await model.fill('o4-mini');
  await expect(page.locator('#model-warning')).toContainText('2026-10-23에 서비스가 종료되었습니다');
  await page.getByRole('button', { name: 'gpt-6-luna(으)로 바꾸기' }).click();
  await expect(model).toHaveValue('gpt-6-luna');
  await expect(page.locator('#model-warning')).toHaveCount(0);
  await expect(page.locator('#price-warning')).toHaveCount(0);
  await model.fill('my-finetune-v3');
  await expect(page.locator('#price-warning')).toContainText('가격을 모릅니다');
  await page.getByLabel('입력 $/100만').fill('0.5');
  await page.getByLabel('출력 $/100만').fill('1.5');
  await expect(page.locator('#price-warning')).toContainText('직접 입력한 가격으로 셉니다');
});

test('with a budget, an unpriced model sends nothing until its price is given', async ({
  context,
  extensionId,
  configure,
  openai,
  openPapers,
}) => {
  openai.models.push('my-finetune-v3');
  await configure({ model: 'my-finetune-v3', monthlyBudgetUsd: 5 });
  const page = await openPapers(fixture.html, fixture.url);
  const host = summaryHost(page, firstId);
  await host.getByRole('button', { name: '한국어 요약' }).click();
  await expect(host.getByRole('alert')).toContainText('이 모델의 가격을 몰라 예산을 지킬 수 없습니다');
  expect(openai.chatRequests()).toHaveLength(0);

  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await expect(options.locator('#price-warning')).toContainText('월 예산이 설정되어 있어');
  await options.getByLabel('입력 $/100만').fill('0.5');
  await options.getByLabel('출력 $/100만').fill('1.5');
  await options.getByRole('button', { name: '저장' }).click();
  await expect(options.getByRole('status')).toContainText('저장했습니다');
  await summarise(page, secondId);
  expect(openai.chatRequests()).toHaveLength(1);
});

test('a content script cannot read the key: storage from its world holds none', async ({
  configure,
  openPapers,
}) => {
  const key = `sk-canary-${Date.now().toString(36)}`;
  await configure({ apiKey: key });
  const page = await openPapers(fixture.html, fixture.url);
  await expect(summaryHost(page, firstId).getByRole('button', { name: '한국어 요약' })).toBeVisible();
  const seen = await inContentScript(
    page,
    `(async () => {
      const found = [];
      for (const area of ['local', 'sync', 'session']) {
        try { found.push(area + '=' + JSON.stringify(await chrome.storage[area].get(null))); }
        catch (error) { found.push(area + ': ' + String(error)); }
      }
      const dbs = indexedDB.databases ? await indexedDB.databases() : [];
      found.push('idb=' + JSON.stringify(dbs));
      return found.join('\\n');
    })()`,
  );
  expect(String(seen)).not.toContain(key);
  expect(String(seen)).not.toContain('daily-papers-ko-secrets');
});

test('a key saved by the previous version still works after the update, and leaves storage.local', async ({
  context,
  extensionId,
  openai,
  openPapers,
}) => {
  const key = 'sk-from-version-0-1-0';
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  // The previous version's settings: the key inside `local:settings`. Then the update starts a
  // new worker, as a stopped one does.
  await options.evaluate(
    async ({ key, baseURL }) => {
      const { chrome } = globalThis as unknown as { chrome: typeof import('wxt/browser').browser };
      await chrome.storage.local.set({
        settings: { apiKey: key, baseURL, model: 'gpt-4o-mini', summaryStyle: 'bullets', prices: {} },
      });
    },
    { key, baseURL: openai.baseURL },
  );
  await options.close();
  const cdp = await context.newCDPSession(await context.newPage());
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  const page = await openPapers(fixture.html, fixture.url);
  await summarise(page, firstId);
  expect(openai.chatRequests()[0]?.headers.authorization).toBe(`Bearer ${key}`);
  const after = await context.newPage();
  await after.goto(`chrome-extension://${extensionId}/options.html`);
  await expect(after.getByLabel('API 키')).toHaveValue(key);
  const local = await after.evaluate(async () => {
    const { chrome } = globalThis as unknown as { chrome: typeof import('wxt/browser').browser };
    return JSON.stringify(await chrome.storage.local.get(null));
  });
  expect(local).not.toContain(key);
});

test('a fresh install opens the options page with a welcome that says what to do first', async ({
  context,
}) => {
  const welcome =
    context.pages().find((page) => page.url().endsWith('/options.html#welcome')) ??
    (await context.waitForEvent('page', {
      predicate: (page) => page.url().endsWith('/options.html#welcome'),
    }));
  await expect(
    welcome.getByRole('heading', { name: 'Daily Papers KO를 설치해 주셔서 고맙습니다' }),
  ).toBeVisible();
  await expect(welcome.getByRole('listitem').first()).toContainText('제공사를 고르고 API 키를 붙여 넣으세요');
  await expect(welcome.getByLabel('제공사')).toBeVisible();
});
