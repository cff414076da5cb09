import { describe, expect, it, vi } from 'vitest';
import { runCommand, SUMMARIZE_ALL_COMMAND } from '../../lib/worker/commands.ts';

describe('runCommand', () => {
  it('asks the active tab to summarise all its papers in page order', async () => {
    const sendToTab = vi.fn(async () => ({ queued: 3 }));
    expect(await runCommand(SUMMARIZE_ALL_COMMAND, { activeTabId: async () => 7, sendToTab })).toBe(true);
    expect(sendToTab).toHaveBeenCalledWith(7, { type: 'summarizeAll', order: 'page' });
  });

  it('does nothing on a tab that is not a papers page', async () => {
    const sendToTab = vi.fn(async () => {
      throw new Error('Could not establish connection. Receiving end does not exist.');
    });
    expect(await runCommand(SUMMARIZE_ALL_COMMAND, { activeTabId: async () => 7, sendToTab })).toBe(false);
  });

  it('ignores other commands', async () => {
    const sendToTab = vi.fn();
    expect(await runCommand('something-else', { activeTabId: async () => 7, sendToTab })).toBe(false);
    expect(sendToTab).not.toHaveBeenCalled();
  });
});
