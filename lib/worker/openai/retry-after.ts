// How long an endpoint asked us to wait, from the headers OpenAI (and compatible servers) send.

/** Parses OpenAI's reset durations such as `1s`, `6m0s`, `20ms`, `1h2m3.5s`. */
export function parseResetDuration(value: string): number | null {
  const trimmed = value.trim();
  if (!/^(\d+(\.\d+)?(ms|h|m|s))+$/.test(trimmed)) return null;
  let total = 0;
  for (const [, amount, unit] of trimmed.matchAll(/(\d+(?:\.\d+)?)(ms|h|m|s)/g)) {
    const n = Number(amount);
    total += unit === 'h' ? n * 3_600_000 : unit === 'm' ? n * 60_000 : unit === 's' ? n * 1_000 : n;
  }
  return Math.round(total);
}

type HeaderSource = { get(name: string): string | null } | null | undefined;

/**
 * `retry-after-ms` wins (most precise), then `retry-after` (seconds or an HTTP date), then the
 * longest `x-ratelimit-reset-*` for a limit that is exhausted. Null when the server said nothing.
 */
export function retryDelayFromHeaders(headers: HeaderSource, now = Date.now()): number | null {
  if (!headers) return null;
  const ms = Number(headers.get('retry-after-ms'));
  if (headers.get('retry-after-ms') !== null && Number.isFinite(ms) && ms >= 0) return Math.round(ms);

  const retryAfter = headers.get('retry-after');
  if (retryAfter !== null) {
    const seconds = Number(retryAfter);
    if (retryAfter.trim() !== '' && Number.isFinite(seconds) && seconds >= 0)
      return Math.round(seconds * 1000);
    const date = Date.parse(retryAfter);
    if (!Number.isNaN(date)) return Math.max(0, date - now);
  }

  let longest: number | null = null;
  for (const limit of ['requests', 'tokens'] as const) {
    const remaining = headers.get(`x-ratelimit-remaining-${limit}`);
    const reset = headers.get(`x-ratelimit-reset-${limit}`);
    if (reset === null || (remaining !== null && Number(remaining) > 0)) continue;
    const delay = parseResetDuration(reset);
    if (delay !== null && (longest === null || delay > longest)) longest = delay;
  }
  return longest;
}
