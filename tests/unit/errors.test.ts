import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
  AuthenticationError,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
} from 'openai';
import { describe, expect, it } from 'vitest';
import { describeSummaryError } from '../../lib/shared/summary/error-messages.ts';
import { isAbortError, safeDetail, toSummaryError } from '../../lib/worker/openai/errors.ts';
import { isRetryable } from '../../lib/worker/queue.ts';

function apiError(status: number, body: { code?: string; type?: string; message: string }, headers = {}) {
  return APIError.generate(status, { error: body }, undefined, new Headers(headers));
}

describe('toSummaryError', () => {
  it('maps the SDK error classes to kinds', () => {
    expect(apiError(401, { code: 'invalid_api_key', message: 'Incorrect API key' })).toBeInstanceOf(
      AuthenticationError,
    );
    expect(toSummaryError(apiError(401, { code: 'invalid_api_key', message: 'bad' })).kind).toBe('auth');
    expect(toSummaryError(apiError(403, { message: 'region' })).kind).toBe('permission');
    expect(
      toSummaryError(apiError(404, { code: 'model_not_found', message: 'The model `x` does not exist' }))
        .kind,
    ).toBe('modelNotFound');
    expect(toSummaryError(apiError(500, { message: 'oops' })).kind).toBe('server');
    expect(toSummaryError(apiError(503, { message: 'overloaded' })).kind).toBe('server');
    expect(toSummaryError(new APIConnectionTimeoutError()).kind).toBe('timeout');
    expect(toSummaryError(new APIConnectionError({ message: 'Connection error.' })).kind).toBe('network');
  });

  it('tells a 404 about the URL from a 404 about the model', () => {
    expect(toSummaryError(apiError(404, { message: 'Not found' })).kind).toBe('badRequest');
  });

  it('tells a rate limit (wait) from an exhausted quota (billing)', () => {
    const limited = apiError(
      429,
      { code: 'rate_limit_exceeded', message: 'Rate limit' },
      { 'retry-after': '7' },
    );
    expect(limited).toBeInstanceOf(RateLimitError);
    expect(toSummaryError(limited)).toMatchObject({ kind: 'rateLimited', retryAfterMs: 7000 });
    const quota = apiError(429, { code: 'insufficient_quota', type: 'insufficient_quota', message: 'quota' });
    expect(toSummaryError(quota).kind).toBe('quota');
  });

  it('calls a connection lost after the answer started a broken stream', () => {
    expect(toSummaryError(new TypeError('network error'), { duringStream: true }).kind).toBe('streamBroken');
    expect(toSummaryError(new SyntaxError('Unexpected token'), { duringStream: true }).kind).toBe(
      'streamBroken',
    );
    expect(toSummaryError(new TypeError('Failed to fetch')).kind).toBe('network');
  });

  it('never passes the key through in the detail', () => {
    const key = 'sk-proj-abcdefghijklmnop';
    const error = toSummaryError(apiError(401, { message: `Incorrect API key provided: ${key}` }), {
      apiKey: key,
    });
    expect(error.detail).not.toContain(key);
    expect(safeDetail('key sk-abcdefgh1234 leaked')).toBe('key sk-*** leaked');
  });

  it('recognises aborts', () => {
    expect(isAbortError(new APIUserAbortError())).toBe(true);
    expect(isAbortError(new DOMException('aborted', 'AbortError'))).toBe(true);
    expect(isAbortError(new InternalServerError(500, undefined, 'x', new Headers()))).toBe(false);
  });
});

describe('describeSummaryError', () => {
  it('offers the options page for key and model problems', () => {
    expect(describeSummaryError({ kind: 'noKey' })).toMatchObject({ nextStep: 'openOptions' });
    expect(describeSummaryError({ kind: 'auth' }).message).toContain('401');
    expect(describeSummaryError({ kind: 'modelNotFound' }).nextStep).toBe('openOptions');
  });

  it('says how many seconds to wait on a rate limit', () => {
    const described = describeSummaryError({ kind: 'rateLimited', retryAfterMs: 2_500 });
    expect(described).toMatchObject({ nextStep: 'retry', waitSeconds: 3 });
    expect(described.message).toContain('3초 후');
  });

  it('sends quota problems to billing, not to retry', () => {
    expect(describeSummaryError({ kind: 'quota' }).nextStep).toBe('billing');
    expect(isRetryable({ kind: 'quota' })).toBe(false);
    expect(isRetryable({ kind: 'auth' })).toBe(false);
    expect(isRetryable({ kind: 'streamBroken' })).toBe(true);
  });

  it('has a Korean message for every kind', () => {
    for (const kind of [
      'noKey',
      'auth',
      'network',
      'timeout',
      'server',
      'streamBroken',
      'badOutput',
    ] as const) {
      expect(describeSummaryError({ kind }).message).toMatch(/[가-힣]/);
    }
    expect(PermissionDeniedError).toBeDefined();
    expect(NotFoundError).toBeDefined();
  });
});
