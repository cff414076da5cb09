import { describe, expect, it } from 'vitest';
import { isTrustedSender } from '../../lib/worker/trusted-sender.ts';

const ID = 'abcdefghijklmnopabcdefghijklmnop';
const ORIGIN = `chrome-extension://${ID}/`;

describe('isTrustedSender', () => {
  it('answers the extension’s own pages', () => {
    expect(isTrustedSender({ id: ID, url: `${ORIGIN}options.html` }, ID, ORIGIN)).toBe(true);
  });

  it('answers its content script on Hugging Face papers pages', () => {
    const tab = { id: 1 };
    expect(
      isTrustedSender({ id: ID, url: 'https://huggingface.co/papers/date/2026-11-20', tab }, ID, ORIGIN),
    ).toBe(true);
    expect(
      isTrustedSender({ id: ID, url: 'https://huggingface.co/papers/2511.01234', tab }, ID, ORIGIN),
    ).toBe(true);
    for (const url of [
      'https://huggingface.co/nvidia/papers',
      'https://huggingface.co/collections/akhaliq/daily-picks-6650c1b4f3e7b1a2c3d4e5f6',
      'https://huggingface.co/papers?q=diffusion',
      'https://hf.co/papers/2511.01234',
    ]) {
      expect(isTrustedSender({ id: ID, url, tab }, ID, ORIGIN), url).toBe(true);
    }
  });

  it.each([
    ['another extension', { id: 'zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz', url: `${ORIGIN}options.html` }],
    ['no sender', undefined],
    ['a page outside papers', { id: ID, url: 'https://huggingface.co/models', tab: {} }],
    ['a dataset named papers', { id: ID, url: 'https://huggingface.co/datasets/someone/papers', tab: {} }],
    ['a look-alike host', { id: ID, url: 'https://huggingface.co.evil.example/papers', tab: {} }],
    ['a papers URL without a tab', { id: ID, url: 'https://huggingface.co/papers' }],
    ['no URL', { id: ID }],
  ])('ignores %s', (_, sender) => {
    expect(isTrustedSender(sender, ID, ORIGIN)).toBe(false);
  });
});
