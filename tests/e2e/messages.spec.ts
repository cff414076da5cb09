// Who the background worker listens to: its own pages and its content script, nobody else; and
// nothing it is sent, however malformed, stops it from working.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Worker } from '@playwright/test';
import type { WxtBrowser } from 'wxt/browser';
import { SUMMARY_PORT_NAME } from '../../lib/shared/messages.ts';
import { fixturePages } from '../fixtures/pages.ts';
import { launchWithExtension } from './browser.ts';
import { expect, inContentScript, summaryHost, test, waitForContentScript } from './fixtures.ts';
import { startMockOpenAI } from './mock-openai.ts';

const fixture = fixturePages.day2026;
const paperId = fixture.expectedPaperIds[0] ?? '';

type Chrome = WxtBrowser;

test('the page itself cannot reach the extension: no runtime API, and posted look-alikes do nothing', async ({
  openPapers,
  configure,
  openai,
}) => {
  await configure();
  const page = await openPapers(fixture.html, fixture.url);
  await waitForContentScript(page);
  const pageSide = await page.evaluate(() => {
    const { chrome } = globalThis as unknown as { chrome?: { runtime?: { sendMessage?: unknown } } };
    const lookAlikes = [
      { type: 'summarize', paper: { id: '2611.10777', title: 'x', abstract: 'y' } },
      { type: 'summarizeAll', order: 'page' },
      { type: 'testConnection', connection: { apiKey: '', baseURL: 'https://evil.example/v1', model: 'x' } },
      { type: 'exportCache' },
    ];
    for (const message of lookAlikes) {
      window.postMessage(message, '*');
      document.dispatchEvent(new CustomEvent('daily-papers-ko', { detail: message }));
    }
    return typeof chrome?.runtime?.sendMessage;
  });
  expect(pageSide).toBe('undefined');
  // Give anything that listened a moment to act on it.
  await page.waitForTimeout(500);
  expect(openai.requests).toHaveLength(0);
  await expect(summaryHost(page, paperId).getByRole('region')).toHaveCount(0);
});

test('a compromised content script gets summaries, but not the key-bearing or cache-wide requests', async ({
  openPapers,
  configure,
  openai,
}) => {
  const attacker = await startMockOpenAI();
  try {
    await configure({ apiKey: 'sk-content-script-must-not-use-me' });
    const page = await openPapers(fixture.html, fixture.url);
    await waitForContentScript(page);
    const answers = (await inContentScript(
      page,
      `(async () => {
        const ask = (message) => chrome.runtime.sendMessage(message).then(
          (value) => value === undefined ? 'no answer' : 'answered',
          (error) => 'refused: ' + error.message);
        return {
          spending: await ask({ type: 'getSpending' }),
          testConnection: await ask({ type: 'testConnection', connection: { apiKey: '', baseURL: ${JSON.stringify(attacker.baseURL)}, model: 'x' } }),
          listModels: await ask({ type: 'listModels', connection: { apiKey: '', baseURL: ${JSON.stringify(attacker.baseURL)}, model: 'x' } }),
          exportCache: await ask({ type: 'exportCache' }),
          clearCache: await ask({ type: 'clearCache' }),
          importCache: await ask({ type: 'importCache', json: '{}' }),
        };
      })()`,
    )) as Record<string, string>;
    expect(answers.spending).toBe('answered');
    for (const name of ['testConnection', 'listModels', 'exportCache', 'clearCache', 'importCache']) {
      expect(answers[name], name).not.toBe('answered');
    }
    expect(attacker.requests).toHaveLength(0);
    expect(openai.requests).toHaveLength(0);
  } finally {
    await attacker.close();
  }
});

test('malformed messages and port traffic are rejected, and the worker keeps working', async ({
  context,
  extensionId,
  openPapers,
  configure,
  openai,
}) => {
  await configure();
  const worker = context.serviceWorkers().find((w) => w.url().includes(extensionId)) as Worker;
  const warnings: string[] = [];
  worker.on('console', (message) => warnings.push(message.text()));

  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  const results = await options.evaluate(async (portName) => {
    const { chrome } = globalThis as unknown as { chrome: Chrome };
    const deep: Record<string, unknown> = {};
    let cursor = deep;
    for (let i = 0; i < 2_000; i++) cursor = cursor.next = {} as Record<string, unknown>;
    const malformed: unknown[] = [
      null,
      42,
      'getSpending',
      [],
      {},
      { type: 'nope' },
      { type: '__proto__' },
      { type: 'getCached' },
      { type: 'getCached', paperIds: 'not-a-list' },
      { type: 'getCached', paperIds: [{ toString: 'x' }] },
      { type: 'importCache', json: 5 },
      { type: 'renderDigest', papers: [{}] },
      { type: 'testConnection', connection: { apiKey: 1, baseURL: null } },
      { type: 'estimateRun', papers: -1 },
      { type: 'getSpending', extra: deep },
    ];
    const answers: string[] = [];
    for (const message of malformed) {
      answers.push(
        await chrome.runtime.sendMessage(message).then(
          (value: unknown) =>
            value === undefined ? 'no answer' : `answered ${JSON.stringify(value).slice(0, 80)}`,
          (error: Error) => `refused: ${error.message}`,
        ),
      );
    }
    // A summary port fed garbage: the worker says nothing back and keeps the port.
    const port = chrome.runtime.connect({ name: portName });
    const portReplies: unknown[] = [];
    port.onMessage.addListener((message: unknown) => portReplies.push(message));
    for (const message of [null, 'x', { type: 'summarize' }, { type: 'summarize', paper: { id: 5 } }]) {
      port.postMessage(message);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
    port.disconnect();
    // A port under a name nobody serves is dropped at once.
    const stranger = await new Promise<string>((resolve) => {
      const other = chrome.runtime.connect({ name: 'not-ours' });
      other.onDisconnect.addListener(() => resolve('disconnected'));
      setTimeout(() => resolve('left open'), 2_000);
    });
    const spending = await chrome.runtime.sendMessage({ type: 'getSpending' });
    return { answers, portReplies, stranger, spendingAnswered: spending !== undefined };
  }, SUMMARY_PORT_NAME);

  // Only the last is answered: a getSpending with an unknown extra field, which the schema drops.
  expect(results.answers.slice(0, -1)).toEqual(Array(results.answers.length - 1).fill('no answer'));
  expect(results.answers.at(-1)).toMatch(/^answered \{"today"/);
  expect(results.portReplies).toEqual([]);
  expect(results.stranger).toBe('disconnected');
  expect(results.spendingAnswered).toBe(true);
  await expect
    .poll(() => warnings.filter((w) => w.includes('rejected a malformed')).length)
    .toBe(results.answers.length - 1 + 4);

  // And the worker still summarises.
  const page = await openPapers(fixture.html, fixture.url);
  await summaryHost(page, paperId).getByRole('button', { name: '한국어 요약' }).click();
  await expect(summaryHost(page, paperId).getByRole('region')).toContainText('모델:');
  expect(openai.chatRequests()).toHaveLength(1);
});

test('another extension is ignored: its messages get no answer and its ports are dropped', async () => {
  const intruderDir = await mkdtemp(path.join(tmpdir(), 'dpk-intruder-'));
  const openai = await startMockOpenAI();
  await writeFile(
    path.join(intruderDir, 'manifest.json'),
    JSON.stringify({
      manifest_version: 3,
      name: 'Intruder',
      version: '1.0',
      background: { service_worker: 'sw.js' },
    }),
  );
  await writeFile(path.join(intruderDir, 'sw.js'), '// evaluated into by the test\n');
  const { context, profileDir } = await launchWithExtension([intruderDir]);
  try {
    const workers = async () => {
      while (context.serviceWorkers().length < 2) await context.waitForEvent('serviceworker');
      return context.serviceWorkers();
    };
    const all = await workers();
    const ours = all.find((w) => w.url().endsWith('/background.js')) as Worker;
    const intruder = all.find((w) => w.url().endsWith('/sw.js')) as Worker;
    const ourId = new URL(ours.url()).host;

    const attempt = await intruder.evaluate(
      async ({ id, portName }) => {
        const { chrome } = globalThis as unknown as { chrome: Chrome };
        const message = await chrome.runtime.sendMessage(id, { type: 'getSpending' }).then(
          (value: unknown) => `answered ${JSON.stringify(value)}`,
          (error: Error) => `refused: ${error.message}`,
        );
        const port = await new Promise<string>((resolve) => {
          const p = chrome.runtime.connect(id, { name: portName });
          p.onDisconnect.addListener(() => resolve('disconnected'));
          p.onMessage.addListener((m: unknown) => resolve(`got ${JSON.stringify(m)}`));
          p.postMessage({
            type: 'summarize',
            paper: { id: '2611.10777', title: 'Intruder', abstract: 'Summarise me with their key.' },
          });
          setTimeout(() => resolve('left open'), 2_000);
        });
        return { message, port };
      },
      { id: ourId, portName: SUMMARY_PORT_NAME },
    );

    expect(attempt.message).toMatch(/^refused/);
    expect(attempt.port).toBe('disconnected');
    expect(openai.requests).toHaveLength(0);
  } finally {
    await context.close();
    await openai.close();
    await rm(profileDir, { recursive: true, force: true });
    await rm(intruderDir, { recursive: true, force: true });
  }
});
