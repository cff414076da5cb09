import { afterEach, describe, expect, it, vi } from 'vitest';
import { base64ToBytes, isReadPdfRequest } from '../../lib/shared/pdf-reader-messages.ts';
import { offscreenPdfReader } from '../../lib/worker/pdf-reader-host.ts';

function fakeBrowser() {
  let open = false;
  const sent: unknown[] = [];
  const offscreen = {
    createDocument: vi.fn(async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      open = true;
    }),
    closeDocument: vi.fn(async () => {
      open = false;
    }),
    hasDocument: vi.fn(async () => open),
  };
  const browser = {
    offscreen,
    runtime: {
      getURL: (path: string) => `chrome-extension://id${path}`,
      sendMessage: vi.fn(async (message: unknown): Promise<unknown> => {
        sent.push(message);
        return {
          ok: true,
          text: { lines: [{ page: 1, text: 'Title', fontSize: 17, y: 700 }], linkUrls: [] },
        };
      }),
    },
  };
  return { browser, offscreen, sent };
}

afterEach(() => vi.useRealTimers());

describe('the offscreen PDF reader (Chrome)', () => {
  it('opens one document for PDFs read at once, sends the bytes as base64, and returns the lines', async () => {
    const { browser, offscreen, sent } = fakeBrowser();
    const read = offscreenPdfReader(browser);
    const bytes = new TextEncoder().encode('%PDF-1.7 hello');
    const [a, b] = await Promise.all([read(bytes), read(bytes)]);
    expect(offscreen.createDocument).toHaveBeenCalledTimes(1);
    expect(offscreen.createDocument).toHaveBeenCalledWith(
      expect.objectContaining({ url: 'chrome-extension://id/pdf-reader.html', reasons: ['DOM_PARSER'] }),
    );
    expect(a.lines[0]?.text).toBe('Title');
    expect(b).toEqual(a);
    const message = sent[0];
    expect(isReadPdfRequest(message)).toBe(true);
    expect(new TextDecoder().decode(base64ToBytes((message as { base64: string }).base64))).toBe(
      '%PDF-1.7 hello',
    );
  });

  it('closes the document a minute after its last PDF, and throws what the reader could not read', async () => {
    vi.useFakeTimers();
    const { browser, offscreen } = fakeBrowser();
    browser.runtime.sendMessage.mockResolvedValueOnce({ ok: false, detail: 'Invalid PDF structure.' });
    const read = offscreenPdfReader(browser);
    const failed = read(new Uint8Array([1, 2, 3]));
    const caught = failed.catch((error: Error) => error.message);
    await vi.advanceTimersByTimeAsync(10);
    expect(await caught).toBe('Invalid PDF structure.');
    await vi.advanceTimersByTimeAsync(59_000);
    expect(offscreen.closeDocument).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(2_000);
    expect(offscreen.closeDocument).toHaveBeenCalledTimes(1);
  });
});
