// One table from failures (the openai SDK's error classes, our own checks) to error kinds.
import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
  AuthenticationError,
  BadRequestError,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
} from 'openai';
import type { SummaryError } from '../../shared/domain.ts';
import { isNearbyEndpoint } from '../../shared/settings.ts';
import { retryDelayFromHeaders } from './retry-after.ts';

export class SummaryFailure extends Error {
  constructor(readonly summaryError: SummaryError) {
    super(summaryError.kind);
    this.name = 'SummaryFailure';
  }
}

export function isAbortError(error: unknown): boolean {
  return (
    error instanceof APIUserAbortError ||
    (error instanceof DOMException && error.name === 'AbortError') ||
    (error instanceof Error && error.name === 'AbortError')
  );
}

/** The endpoint's own words, trimmed, with anything key-like masked in case a server echoes it. */
export function safeDetail(message: string | undefined, apiKey = ''): string | undefined {
  if (!message) return undefined;
  let text = message.replace(/\s+/g, ' ').trim();
  if (apiKey.length >= 8) text = text.split(apiKey).join('***');
  text = text.replace(/\b(sk|rk|pk)-[A-Za-z0-9_*-]{6,}/g, '$1-***');
  return text.slice(0, 300) || undefined;
}

/**
 * Maps an error to what the user is told. `duringStream` marks failures after the answer had
 * started: a broken connection then is a broken stream (retry), not an unreachable endpoint.
 */
/**
 * A model server on the user's machine or network that answers 403 without an OpenAI error body is
 * refusing the extension's Origin (Ollama without OLLAMA_ORIGINS), not the key.
 */
function isOriginRefusal(error: APIError, baseURL: string | undefined): boolean {
  if (!baseURL || error.status !== 403 || error.code || error.type) return false;
  return isNearbyEndpoint(baseURL);
}

export function toSummaryError(
  error: unknown,
  options: { apiKey?: string; duringStream?: boolean; baseURL?: string } = {},
): SummaryError {
  if (error instanceof SummaryFailure) return error.summaryError;
  const detailOf = (e: { message: string }) => safeDetail(e.message, options.apiKey);

  if (error instanceof APIConnectionTimeoutError) return { kind: 'timeout' };
  if (error instanceof APIConnectionError) {
    return { kind: options.duringStream ? 'streamBroken' : 'network', detail: detailOf(error) };
  }
  if (error instanceof AuthenticationError) return { kind: 'auth', detail: detailOf(error) };
  if (error instanceof PermissionDeniedError) {
    if (isOriginRefusal(error, options.baseURL)) return { kind: 'originBlocked', detail: detailOf(error) };
    return { kind: 'permission', detail: detailOf(error) };
  }
  if (error instanceof RateLimitError) {
    if (error.code === 'insufficient_quota' || error.type === 'insufficient_quota') {
      return { kind: 'quota', detail: detailOf(error) };
    }
    const retryAfterMs = retryDelayFromHeaders(error.headers);
    return { kind: 'rateLimited', ...(retryAfterMs !== null && { retryAfterMs }), detail: detailOf(error) };
  }
  if (error instanceof NotFoundError) {
    const aboutModel = error.code === 'model_not_found' || /model/i.test(error.message);
    return { kind: aboutModel ? 'modelNotFound' : 'badRequest', detail: detailOf(error) };
  }
  if (error instanceof BadRequestError) return { kind: 'badRequest', detail: detailOf(error) };
  if (error instanceof InternalServerError) return { kind: 'server', detail: detailOf(error) };
  if (error instanceof APIError) {
    if (error.status === undefined) return { kind: 'streamBroken', detail: detailOf(error) };
    return { kind: error.status >= 500 ? 'server' : 'unknown', detail: detailOf(error) };
  }
  if (options.duringStream) {
    return { kind: 'streamBroken', detail: error instanceof Error ? detailOf(error) : undefined };
  }
  if (error instanceof TypeError) {
    // fetch() names the header it could not send: that is the key, not the network.
    if (/header|ByteString|ISO-8859-1/i.test(error.message)) return { kind: 'badKey' };
    return { kind: 'network', detail: detailOf(error) };
  }
  return { kind: 'unknown', detail: error instanceof Error ? detailOf(error) : undefined };
}
