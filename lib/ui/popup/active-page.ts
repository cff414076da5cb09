// Finds the tab the popup acts on and talks to its content script.
import { browser } from 'wxt/browser';
import type { PageRequest, PageRequestType, PageResponses } from '../../shared/messages.ts';

/**
 * The active tab; when the popup itself was opened as a tab (keyboard users, tests), the tab the
 * user was on just before it.
 */
export async function activeTabId(): Promise<number | null> {
  const self = await browser.tabs.getCurrent();
  const tabs = await browser.tabs.query({ currentWindow: true });
  const candidates = tabs.filter((tab) => tab.id !== undefined && tab.id !== self?.id);
  const active = self ? undefined : candidates.find((tab) => tab.active);
  const chosen = active ?? candidates.sort((a, b) => (b.lastAccessed ?? 0) - (a.lastAccessed ?? 0))[0];
  return chosen?.id ?? null;
}

/** Null when the tab has no content script of ours: it is not a Hugging Face papers page. */
export async function askPage<K extends PageRequestType>(
  tabId: number,
  request: PageRequest & { type: K },
): Promise<PageResponses[K] | null> {
  try {
    const response: PageResponses[K] | undefined = await browser.tabs.sendMessage(tabId, request);
    return response ?? null;
  } catch {
    // "Receiving end does not exist": no content script there, so not a papers page.
    return null;
  }
}
