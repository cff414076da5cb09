// Background service worker: the only place that holds the API key while talking to the endpoint.
import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { ARXIV_PERMISSION_ORIGINS } from '../lib/shared/arxiv.ts';
import type { Ledger } from '../lib/shared/cost.ts';
import { DEEP_PORT_NAME } from '../lib/shared/deep-messages.ts';
import type { PaperForSummary } from '../lib/shared/domain.ts';
import { dispatch } from '../lib/shared/handlers.ts';
import {
  CONTENT_SCRIPT_REQUESTS,
  GLANCE_PORT_NAME,
  parseRuntimeRequest,
  SUMMARY_PORT_NAME,
} from '../lib/shared/messages.ts';
import {
  loadSettings,
  migrateApiKey,
  originPermissionPattern,
  watchedSettings,
} from '../lib/shared/settings.ts';
import { SummaryCache } from '../lib/worker/cache.ts';
import { runCommand } from '../lib/worker/commands.ts';
import { serveDeepPort } from '../lib/worker/deep-port.ts';
import { DeepService } from '../lib/worker/deep-service.ts';
import { FullTextLibrary } from '../lib/worker/full-text-library.ts';
import { createGlanceServices, glossaryStore } from '../lib/worker/glance.ts';
import { serveGlancePort } from '../lib/worker/glance-port.ts';
import { broadcastKeyStatus, keyStatusOf } from '../lib/worker/key-status.ts';
import { applyLocalOriginRule } from '../lib/worker/local-origin-rule.ts';
import { pdfReaderFor } from '../lib/worker/pdf-reader-host.ts';
import { RememberedCorrections } from '../lib/worker/request-plan.ts';
import { runtimeHandlers } from '../lib/worker/runtime-requests.ts';
import { UsageRecorder } from '../lib/worker/spending.ts';
import { ledgerItem, requestCorrectionsItem } from '../lib/worker/stored-items.ts';
import { generateSummary } from '../lib/worker/summary/generate.ts';
import { serveSummaryPort } from '../lib/worker/summary-port.ts';
import { SummaryService } from '../lib/worker/summary-service.ts';
import { isTrustedSender } from '../lib/worker/trusted-sender.ts';

export default defineBackground(() => {
  const extensionOrigin = browser.runtime.getURL('/');
  const trusted = (sender: Parameters<typeof isTrustedSender>[0]) =>
    isTrustedSender(sender, browser.runtime.id, extensionOrigin);

  // Content scripts get no storage at all where the browser allows it (Chrome); the key itself is in
  // the extension origin's IndexedDB either way. A key saved by an earlier version moves there.
  browser.storage.local.setAccessLevel?.({ accessLevel: 'TRUSTED_CONTEXTS' }).catch((error: unknown) => {
    console.warn('[Daily Papers KO] could not restrict storage to the extension', error);
  });
  const migrated = migrateApiKey().catch((error: unknown) => {
    console.warn('[Daily Papers KO] could not move the API key', error);
  });

  // What earlier requests learnt about each endpoint + model's parameters, read before any request.
  const correctionsItem = requestCorrectionsItem;
  const corrections = new RememberedCorrections((entries) => void correctionsItem.setValue(entries));
  const learnt = correctionsItem.getValue().then(
    (stored) => corrections.restore(stored),
    (error: unknown) => console.warn('[Daily Papers KO] could not read the request corrections', error),
  );

  let service: SummaryService | undefined;
  const current = watchedSettings((changed) => {
    service?.settingsChanged();
    void applyLocalOriginRule(browser, changed.baseURL);
    void broadcastKeyStatus(browser.tabs, keyStatusOf(changed));
  });
  const ready = Promise.all([migrated, learnt]);
  const settings = () => ready.then(current);
  void settings().then((loaded) => applyLocalOriginRule(browser, loaded.baseURL));
  const cacheMaxBytes = async () => (await settings()).cacheMaxMegabytes * 1024 * 1024;
  const store = {
    get: (keys: string[]) => browser.storage.local.get(keys),
    set: (items: Record<string, unknown>) => browser.storage.local.set(items),
    remove: (keys: string[]) => browser.storage.local.remove(keys),
  };
  const cache = new SummaryCache(store, cacheMaxBytes);
  const ledger = { get: () => ledgerItem.getValue(), set: (value: Ledger) => ledgerItem.setValue(value) };
  const recorder = new UsageRecorder(ledger);
  const freshSettings = () => ready.then(loadSettings);
  const hasEndpointPermission = (baseURL: string) =>
    browser.permissions.contains({ origins: [originPermissionPattern(baseURL)] });
  const glossary = glossaryStore();
  // The ranking learns from what the user summarised: set once the glance services exist.
  let learnFromSummary: (paper: PaperForSummary) => void = () => {};
  service = new SummaryService({
    loadSettings: settings,
    loadFreshSettings: freshSettings,
    corrections,
    hasEndpointPermission,
    generate: generateSummary,
    cache,
    ledger,
    recorder,
    glossary: () => glossary.entries(),
    onSummarized: (paper) => learnFromSummary(paper),
  });
  const glance = createGlanceServices(
    {
      store,
      settings,
      freshSettings,
      hasEndpointPermission,
      ledger,
      recorder,
      corrections,
      summaries: service,
    },
    glossary,
  );
  learnFromSummary = (paper) => {
    glance.ranking
      .recordRead({ ...paper, aiSummary: null })
      .catch((error: unknown) => console.warn('[Daily Papers KO] could not learn from a summary', error));
  };

  // The deep reading: full texts from arXiv (the PDF read in an offscreen document or a frame, only
  // when there is no HTML), served to the reader page and the card panel.
  const fullTexts = new FullTextLibrary({
    fetch: (input, init) => fetch(input, init),
    hasArxivPermission: () => browser.permissions.contains({ origins: ARXIV_PERMISSION_ORIGINS }),
    readPdf: pdfReaderFor(browser as Parameters<typeof pdfReaderFor>[0]),
  });
  const deep = new DeepService({
    loadSettings: settings,
    loadFreshSettings: () => ready.then(loadSettings),
    fullTexts,
    cache,
    summaries: service,
    corrections,
  });

  // A new user lands on the options page with a short welcome, instead of a dead end at the first click.
  browser.runtime.onInstalled.addListener(({ reason }) => {
    if (reason !== 'install') return;
    void settings().then(async (loaded) => {
      if (!loaded.apiKey) await browser.tabs.create({ url: browser.runtime.getURL('/options.html#welcome') });
    });
  });

  browser.commands.onCommand.addListener((command) => {
    void runCommand(command, {
      activeTabId: async () => (await browser.tabs.query({ active: true, currentWindow: true }))[0]?.id,
      sendToTab: (tabId, request) => browser.tabs.sendMessage(tabId, request),
    });
  });

  browser.runtime.onConnect.addListener((port) => {
    if (!trusted(port.sender)) port.disconnect();
    else if (port.name === SUMMARY_PORT_NAME) serveSummaryPort(port, service);
    else if (port.name === DEEP_PORT_NAME) serveDeepPort(port, deep);
    else if (port.name === GLANCE_PORT_NAME) serveGlancePort(port, glance.oneLiners);
    else port.disconnect();
  });

  const handlers = runtimeHandlers({
    browser,
    service,
    deep,
    cache,
    ledger,
    cacheMaxBytes,
    corrections,
    oneLiners: glance.oneLiners,
    ranking: glance.ranking,
    glossary,
    otherCaches: glance.caches,
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
    return dispatch(handlers, request, sender);
  });
});
