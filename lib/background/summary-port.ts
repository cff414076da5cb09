// Serves one summary over a runtime port: the content script asks, deltas stream back, and a closed
// port (stop, tab closed, navigation, card removed) aborts the request so no one pays for unread tokens.
import type { Browser, WxtBrowser } from 'wxt/browser';
import { type PaperForSummary, parsePortRequest, type SummaryPortEvent } from '../messages.ts';
import { isAbortError, SummaryFailure, toSummaryError } from '../openai/errors.ts';
import { loadSettings, originPermissionPattern, type Settings } from '../settings.ts';
import { generateSummary } from '../summary/generate.ts';

type Port = Browser.runtime.Port;

export interface SummaryPortDeps {
  loadSettings: () => Promise<Settings>;
  hasEndpointPermission: (baseURL: string) => Promise<boolean>;
  generate: typeof generateSummary;
}

export function defaultSummaryPortDeps(browser: WxtBrowser): SummaryPortDeps {
  return {
    loadSettings,
    hasEndpointPermission: (baseURL) =>
      browser.permissions.contains({ origins: [originPermissionPattern(baseURL)] }),
    generate: generateSummary,
  };
}

export function serveSummaryPort(port: Port, deps: SummaryPortDeps): void {
  const controller = new AbortController();
  let running = false;
  const post = (event: SummaryPortEvent) => {
    if (!controller.signal.aborted) port.postMessage(event);
  };
  port.onDisconnect.addListener(() => controller.abort());

  const run = async (paper: PaperForSummary) => {
    running = true;
    try {
      const settings = await deps.loadSettings();
      if (!(await deps.hasEndpointPermission(settings.baseURL))) {
        throw new SummaryFailure({ kind: 'endpointPermission' });
      }
      const done = await deps.generate({ settings, paper, signal: controller.signal, onEvent: post });
      post(done);
    } catch (error) {
      if (controller.signal.aborted || isAbortError(error)) return;
      post({ type: 'error', error: toSummaryError(error) });
    }
  };

  port.onMessage.addListener((message: unknown) => {
    const request = parsePortRequest(message);
    if (!request) {
      console.warn('[Daily Papers KO] rejected a malformed summary request');
      return;
    }
    if (request.type === 'stop') {
      controller.abort();
      port.disconnect();
    } else if (!running) {
      void run(request.paper);
    }
  });
}
