// Background service worker: the only place that holds the API key while talking to the endpoint.
import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { storage } from 'wxt/utils/storage';
import { runCommand } from '../lib/background/commands.ts';
import { answerRuntimeRequest } from '../lib/background/runtime-requests.ts';
import { serveSummaryPort } from '../lib/background/summary-port.ts';
import { SummaryService } from '../lib/background/summary-service.ts';
import { isTrustedSender } from '../lib/background/trusted-sender.ts';
import { SummaryCache } from '../lib/cache.ts';
import { EMPTY_LEDGER, type Ledger } from '../lib/cost.ts';
import { CONTENT_SCRIPT_REQUESTS, parseRuntimeRequest, SUMMARY_PORT_NAME } from '../lib/messages.ts';
import { originPermissionPattern, watchedSettings } from '../lib/settings.ts';
import { generateSummary } from '../lib/summary/generate.ts';

export default defineBackground(() => {
  const extensionOrigin = browser.runtime.getURL('/');
  const trusted = (sender: Parameters<typeof isTrustedSender>[0]) =>
    isTrustedSender(sender, browser.runtime.id, extensionOrigin);

  const settings = watchedSettings();
  const cacheMaxBytes = async () => (await settings()).cacheMaxMegabytes * 1024 * 1024;
  const cache = new SummaryCache(
    {
      get: (keys) => browser.storage.local.get(keys),
      set: (items) => browser.storage.local.set(items),
      remove: (keys) => browser.storage.local.remove(keys),
    },
    cacheMaxBytes,
  );
  const ledgerItem = storage.defineItem<Ledger>('local:ledger', { fallback: EMPTY_LEDGER });
  const ledger = { get: () => ledgerItem.getValue(), set: (value: Ledger) => ledgerItem.setValue(value) };
  const service = new SummaryService({
    loadSettings: settings,
    hasEndpointPermission: (baseURL) =>
      browser.permissions.contains({ origins: [originPermissionPattern(baseURL)] }),
    generate: generateSummary,
    cache,
    ledger,
  });

  browser.commands.onCommand.addListener((command) => {
    void runCommand(command, {
      activeTabId: async () => (await browser.tabs.query({ active: true, currentWindow: true }))[0]?.id,
      sendToTab: (tabId, request) => browser.tabs.sendMessage(tabId, request),
    });
  });

  browser.runtime.onConnect.addListener((port) => {
    if (port.name !== SUMMARY_PORT_NAME || !trusted(port.sender)) {
      port.disconnect();
      return;
    }
    serveSummaryPort(port, service);
  });

  browser.runtime.onMessage.addListener((message: unknown, sender) => {
    if (!trusted(sender)) return undefined;
    const request = parseRuntimeRequest(message);
    if (!request) {
      console.warn('[Daily Papers KO] rejected a malformed message');
      return undefined;
    }
    // Content scripts get summaries and spending; key-bearing and cache-wide requests are the extension's pages'.
    if (!CONTENT_SCRIPT_REQUESTS.has(request.type) && !sender.url?.startsWith(extensionOrigin))
      return undefined;
    return answerRuntimeRequest(request, { browser, service, cache, ledger, cacheMaxBytes });
  });
});
