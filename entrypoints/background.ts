// Background service worker: the only place that holds the API key while talking to the endpoint.
import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { answerRuntimeRequest } from '../lib/background/runtime-requests.ts';
import { defaultSummaryPortDeps, serveSummaryPort } from '../lib/background/summary-port.ts';
import { isTrustedSender } from '../lib/background/trusted-sender.ts';
import { parseRuntimeRequest, SUMMARY_PORT_NAME } from '../lib/messages.ts';

export default defineBackground(() => {
  const extensionOrigin = browser.runtime.getURL('/');
  const trusted = (sender: Parameters<typeof isTrustedSender>[0]) =>
    isTrustedSender(sender, browser.runtime.id, extensionOrigin);
  const portDeps = defaultSummaryPortDeps(browser);

  browser.runtime.onConnect.addListener((port) => {
    if (port.name !== SUMMARY_PORT_NAME || !trusted(port.sender)) {
      port.disconnect();
      return;
    }
    serveSummaryPort(port, portDeps);
  });

  browser.runtime.onMessage.addListener((message: unknown, sender) => {
    if (!trusted(sender)) return undefined;
    const request = parseRuntimeRequest(message);
    if (!request) {
      console.warn('[Daily Papers KO] rejected a malformed message');
      return undefined;
    }
    // Content scripts may only ask for the options page; key-bearing requests are the options page's.
    if (request.type !== 'openOptions' && !sender.url?.startsWith(extensionOrigin)) return undefined;
    return answerRuntimeRequest(request, browser);
  });
});
