// Cached one-liners: one entry per paper, model and prompt version (and interests, when scored).
import * as v from 'valibot';
import type { OneLinerItem } from '../../shared/domain.ts';
import { PaperIdSchema } from '../../shared/messages.ts';
import type { LruLayout } from '../cache.ts';
import type { OneLiner } from './parse.ts';
import { oneLinerCacheKey } from './prompt.ts';

const OneLinerEntrySchema = v.object({
  key: v.string(),
  paperId: PaperIdSchema,
  titleKo: v.pipe(v.string(), v.nonEmpty(), v.maxLength(500)),
  tldrKo: v.pipe(v.string(), v.nonEmpty(), v.maxLength(2_000)),
  relevance: v.nullable(v.picklist([0, 1, 2, 3])),
  reasonKo: v.nullable(v.pipe(v.string(), v.maxLength(300))),
  flags: v.array(v.picklist(['trimmed', 'tooLong'])),
  model: v.string(),
  createdAt: v.number(),
});
export type OneLinerEntry = v.InferOutput<typeof OneLinerEntrySchema>;

export const ONE_LINER_LAYOUT: LruLayout<OneLinerEntry> = {
  indexKey: 'oneliner-cache-index',
  prefix: 'oneliner:',
  schema: OneLinerEntrySchema,
};
/** About 2,500 one-liners: months of daily pages. */
export const ONE_LINER_CACHE_MAX_BYTES = 1024 * 1024;

/**
 * The keys a paper's one-liner may be under: `scored` with relevance for these interests, `plain`
 * without. A page shows either; ranking by relevance needs the scored one.
 */
export function oneLinerKeys(
  paperId: string,
  model: string,
  interests: readonly string[],
): { scored: string | null; plain: string } {
  return {
    scored: interests.length > 0 ? oneLinerCacheKey(paperId, model, interests) : null,
    plain: oneLinerCacheKey(paperId, model),
  };
}

export function entryFor(key: string, oneLiner: OneLiner, model: string, createdAt: number): OneLinerEntry {
  return {
    key,
    paperId: oneLiner.id,
    titleKo: oneLiner.titleKo,
    tldrKo: oneLiner.tldrKo,
    relevance: oneLiner.relevance,
    reasonKo: oneLiner.reasonKo,
    flags: oneLiner.flags,
    model,
    createdAt,
  };
}

export function itemOf(entry: OneLinerEntry, fromCache: boolean): OneLinerItem {
  const { key: _key, paperId, ...rest } = entry;
  return { id: paperId, ...rest, fromCache };
}
