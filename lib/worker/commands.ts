// Keyboard shortcuts (manifest `commands`): Alt+Shift+S summarises every paper on the active tab.
import type { PageRequest } from '../shared/messages.ts';

export const SUMMARIZE_ALL_COMMAND = 'summarize-all';

export interface CommandDeps {
  activeTabId: () => Promise<number | undefined>;
  sendToTab: (tabId: number, request: PageRequest) => Promise<unknown>;
}

export async function runCommand(command: string, deps: CommandDeps): Promise<boolean> {
  if (command !== SUMMARIZE_ALL_COMMAND) return false;
  const tabId = await deps.activeTabId();
  if (tabId === undefined) return false;
  try {
    await deps.sendToTab(tabId, { type: 'summarizeAll', order: 'page' });
    return true;
  } catch {
    // No content script in that tab: not a papers page, and the shortcut does nothing there.
    return false;
  }
}
