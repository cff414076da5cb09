// Cache keys of the deep reading: like a summary's (paper, model, prompt version, language) plus the
// full text's version, led by the kind so that no key of one kind can name an entry of another.
import { SUMMARY_LANGUAGE } from '../cache.ts';
import { DEEP_PROMPT_VERSION } from './prompt.ts';

export type DeepKind = 'deep' | 'section' | 'thread';

export interface DeepKeyParts {
  paperId: string;
  model: string;
  /** The full text's version: `html-v2`, `pdf` (reading.ts textVersionOf). */
  textVersion: string;
  promptVersion?: string;
  language?: string;
}

/** Everything of one kind for a paper under a model and prompt, whatever the text version. */
export function deepKeyPrefix(
  kind: DeepKind,
  parts: Pick<DeepKeyParts, 'paperId' | 'model' | 'promptVersion' | 'language'>,
): string {
  return [
    kind,
    parts.paperId,
    parts.model,
    parts.promptVersion ?? DEEP_PROMPT_VERSION,
    parts.language ?? SUMMARY_LANGUAGE,
    '',
  ].join('|');
}

export function deepSummaryKey(parts: DeepKeyParts): string {
  return deepKeyPrefix('deep', parts) + parts.textVersion;
}

/** `sectionKey` last, so one prefix finds every section of a paper. */
export function sectionCacheKey(parts: DeepKeyParts & { sectionKey: string }): string {
  return `${deepKeyPrefix('section', parts)}${parts.textVersion}|${parts.sectionKey}`;
}

export function threadKey(parts: DeepKeyParts): string {
  return deepKeyPrefix('thread', parts) + parts.textVersion;
}
