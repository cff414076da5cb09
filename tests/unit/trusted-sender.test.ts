import { describe, expect, it } from 'vitest';
import { isTrustedSender } from '../../lib/background/trusted-sender.ts';

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
  });

  it.each([
    ['another extension', { id: 'zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz', url: `${ORIGIN}options.html` }],
    ['no sender', undefined],
    ['a page outside papers', { id: ID, url: 'https://huggingface.co/models', tab: {} }],
    ['a look-alike host', { id: ID, url: 'https://huggingface.co.evil.example/papers', tab: {} }],
    ['a papers URL without a tab', { id: ID, url: 'https://huggingface.co/papers' }],
    ['no URL', { id: ID }],
  ])('ignores %s', (_, sender) => {
    expect(isTrustedSender(sender, ID, ORIGIN)).toBe(false);
  });
});
