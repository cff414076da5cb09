import { describe, expect, it } from 'vitest';
import { parseResetDuration, retryDelayFromHeaders } from '../../lib/worker/openai/retry-after.ts';

describe('retryDelayFromHeaders', () => {
  it('prefers retry-after-ms', () => {
    expect(retryDelayFromHeaders(new Headers({ 'retry-after-ms': '1500', 'retry-after': '9' }))).toBe(1500);
  });

  it('reads retry-after in seconds and as an HTTP date', () => {
    expect(retryDelayFromHeaders(new Headers({ 'retry-after': '20' }))).toBe(20_000);
    const now = Date.parse('2026-11-22T10:00:00Z');
    expect(retryDelayFromHeaders(new Headers({ 'retry-after': 'Sun, 22 Nov 2026 10:00:30 GMT' }), now)).toBe(
      30_000,
    );
  });

  it('falls back to the reset of an exhausted limit', () => {
    const headers = new Headers({
      'x-ratelimit-remaining-requests': '0',
      'x-ratelimit-reset-requests': '6m0s',
      'x-ratelimit-remaining-tokens': '1000',
      'x-ratelimit-reset-tokens': '1h',
    });
    expect(retryDelayFromHeaders(headers)).toBe(360_000);
  });

  it('says nothing when the server said nothing', () => {
    expect(retryDelayFromHeaders(new Headers())).toBeNull();
    expect(retryDelayFromHeaders(null)).toBeNull();
  });
});

describe('parseResetDuration', () => {
  it.each([
    ['1s', 1000],
    ['20ms', 20],
    ['6m0s', 360_000],
    ['1h2m3.5s', 3_723_500],
  ])('%s is %d ms', (input, ms) => {
    expect(parseResetDuration(input)).toBe(ms);
  });

  it('rejects what it cannot read', () => {
    expect(parseResetDuration('soon')).toBeNull();
    expect(parseResetDuration('')).toBeNull();
  });
});
