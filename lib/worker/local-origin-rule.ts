// Model servers on the user's machine or network (Ollama above all) refuse requests whose Origin is
// an extension's unless the user set OLLAMA_ORIGINS. The worker's requests need no Origin: a
// session rule removes it, only for the configured endpoint's origin and only for this extension's
// own requests. Where the API is missing (or refuses), the 403 is explained with the manual step.
import type { WxtBrowser } from 'wxt/browser';
import { isNearbyEndpoint } from '../shared/settings.ts';

/** One rule for the saved endpoint, one for an endpoint the options page is trying out. */
const SAVED_ENDPOINT_RULE = 1;
export const TRIED_ENDPOINT_RULE = 2;

export async function applyLocalOriginRule(
  browser: WxtBrowser,
  baseURL: string,
  ruleId = SAVED_ENDPOINT_RULE,
): Promise<void> {
  const dnr = browser.declarativeNetRequest;
  if (!dnr?.updateSessionRules) return;
  const origin = isNearbyEndpoint(baseURL) ? new URL(baseURL).origin : null;
  try {
    await dnr.updateSessionRules({
      removeRuleIds: [ruleId],
      addRules: origin
        ? [
            {
              id: ruleId,
              priority: 1,
              action: {
                type: 'modifyHeaders',
                requestHeaders: [{ header: 'origin', operation: 'remove' }],
              },
              condition: {
                urlFilter: `|${origin}/`,
                initiatorDomains: [browser.runtime.id],
                resourceTypes: ['xmlhttprequest', 'other'],
              },
            },
          ]
        : [],
    });
  } catch (error) {
    console.warn('[Daily Papers KO] could not set the local endpoint rule', error);
  }
}
