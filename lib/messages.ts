// The one protocol between the content script, extension pages and the background worker.
// Every message is a member of a union below and is parsed with its schema where it arrives.
import * as v from 'valibot';
import { SUMMARY_STYLES } from './summary/styles.ts';

export const SUMMARY_PORT_NAME = 'dpk-summary';

const MAX_TITLE = 1_000;
const MAX_ABSTRACT = 20_000;

export const PaperForSummarySchema = v.object({
  id: v.pipe(v.string(), v.regex(/^\d{4}\.\d{4,5}$/)),
  title: v.pipe(v.string(), v.nonEmpty(), v.maxLength(MAX_TITLE)),
  abstract: v.pipe(v.string(), v.maxLength(MAX_ABSTRACT)),
  keywords: v.pipe(v.array(v.pipe(v.string(), v.maxLength(200))), v.maxLength(50)),
});
export type PaperForSummary = v.InferOutput<typeof PaperForSummarySchema>;

// ---- Port: content script → background -------------------------------------------------------
export const SummaryPortRequestSchema = v.variant('type', [
  v.object({ type: v.literal('summarize'), paper: PaperForSummarySchema, force: v.boolean() }),
  v.object({ type: v.literal('stop') }),
]);
export type SummaryPortRequest = v.InferOutput<typeof SummaryPortRequestSchema>;

// ---- Port: background → content script -------------------------------------------------------
export const ERROR_KINDS = [
  'noKey',
  'auth',
  'permission',
  'modelNotFound',
  'rateLimited',
  'quota',
  'network',
  'timeout',
  'server',
  'streamBroken',
  'badOutput',
  'truncated',
  'badRequest',
  'endpointPermission',
  'paperMissing',
  'budget',
  'extensionReloaded',
  'unknown',
] as const;
export type ErrorKind = (typeof ERROR_KINDS)[number];

export const SummaryErrorSchema = v.object({
  kind: v.picklist(ERROR_KINDS),
  /** For `rateLimited`: how long the endpoint asked us to wait. */
  retryAfterMs: v.optional(v.number()),
  /** The endpoint's own message, shown small under ours (never contains the key). */
  detail: v.optional(v.pipe(v.string(), v.maxLength(500))),
});
export type SummaryError = v.InferOutput<typeof SummaryErrorSchema>;

export const UsageSchema = v.object({ promptTokens: v.number(), completionTokens: v.number() });
export type Usage = v.InferOutput<typeof UsageSchema>;

export const SummaryPortEventSchema = v.variant('type', [
  /** The request went out (after any wait) to this model. */
  v.object({ type: v.literal('started'), model: v.string() }),
  /** The visible summary so far (think blocks removed) as Markdown and unsanitised HTML; replaces what was shown. */
  v.object({ type: v.literal('progress'), text: v.string(), html: v.string() }),
  /** The first answer failed the output check; the text is cleared and asked for once more. */
  v.object({ type: v.literal('retrying'), reason: v.string() }),
  v.object({
    type: v.literal('done'),
    text: v.string(),
    html: v.string(),
    model: v.string(),
    style: v.picklist(SUMMARY_STYLES),
    usage: v.nullable(UsageSchema),
    createdAt: v.number(),
  }),
  v.object({ type: v.literal('error'), error: SummaryErrorSchema }),
]);
export type SummaryPortEvent = v.InferOutput<typeof SummaryPortEventSchema>;

// ---- One-shot runtime messages --------------------------------------------------------------
export const ConnectionSchema = v.object({
  apiKey: v.string(),
  baseURL: v.string(),
  model: v.string(),
});
export type Connection = v.InferOutput<typeof ConnectionSchema>;

export const RuntimeRequestSchema = v.variant('type', [
  v.object({ type: v.literal('openOptions') }),
  v.object({ type: v.literal('testConnection'), connection: ConnectionSchema }),
  v.object({ type: v.literal('listModels'), connection: ConnectionSchema }),
]);
export type RuntimeRequest = v.InferOutput<typeof RuntimeRequestSchema>;

export type RuntimeResponse<T extends RuntimeRequest['type']> = T extends 'openOptions'
  ? { ok: true }
  : T extends 'testConnection'
    ? { ok: true; model: string } | { ok: false; error: SummaryError }
    : T extends 'listModels'
      ? { ok: true; models: string[] } | { ok: false; error: SummaryError }
      : never;

export function parsePortRequest(message: unknown): SummaryPortRequest | null {
  const parsed = v.safeParse(SummaryPortRequestSchema, message);
  return parsed.success ? parsed.output : null;
}

export function parsePortEvent(message: unknown): SummaryPortEvent | null {
  const parsed = v.safeParse(SummaryPortEventSchema, message);
  return parsed.success ? parsed.output : null;
}

export function parseRuntimeRequest(message: unknown): RuntimeRequest | null {
  const parsed = v.safeParse(RuntimeRequestSchema, message);
  return parsed.success ? parsed.output : null;
}
