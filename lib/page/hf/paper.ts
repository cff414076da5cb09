// The Paper type and its parsers: Hugging Face's island props and API JSON in, typed papers out.
import * as v from 'valibot';
import { VERSIONED_ARXIV_ID } from '../../shared/arxiv.ts';
import { normalizeAbstract, normalizeTitle } from './paper-text.ts';

export { normalizeAbstract, normalizeTitle };

export interface Paper {
  /** arXiv id, e.g. 2407.21783 */
  id: string;
  /** English title with whitespace collapsed (the data holds `\n  ` inside titles). */
  title: string;
  /** The abstract with arXiv's hard line breaks joined. */
  abstract: string;
  /** Visible authors in the paper's order. */
  authors: string[];
  upvotes: number | null;
  numComments: number | null;
  thumbnailUrl: string | null;
  videoUrl: string | null;
  /** Hugging Face's own English one-line summary (2025+). */
  aiSummary: string | null;
  aiKeywords: string[];
  publishedAt: string | null;
}

/**
 * Every field but the id degrades on its own: a field of the wrong type reads as absent, so one odd
 * value (a string upvote count, an author list that became an object) costs that field, not the paper.
 */
const optionalText = v.fallback(v.nullish(v.string()), null);
const optionalCount = v.fallback(v.nullish(v.pipe(v.number(), v.finite())), null);
const optionalList = v.fallback(v.nullish(v.array(v.unknown())), null);

const AuthorSchema = v.object({ name: v.string(), hidden: v.nullish(v.boolean()) });

/** An arXiv id, with arXiv's version suffix (`v2`) allowed and dropped. */
const PaperIdSchema = v.pipe(
  v.string(),
  v.regex(VERSIONED_ARXIV_ID),
  v.transform((id) => id.replace(/v\d+$/, '')),
);

/** The paper fields, as both `dailyPapers[i].paper`, `PaperContent.paper` and `/api/papers/{id}` hold them. */
const PaperFieldsSchema = v.object({
  id: PaperIdSchema,
  title: optionalText,
  summary: optionalText,
  authors: optionalList,
  upvotes: optionalCount,
  publishedAt: optionalText,
  ai_summary: optionalText,
  ai_keywords: optionalList,
  mediaUrls: optionalList,
  numComments: optionalCount,
});

/** A list entry: the paper nested under `paper` (daily lists), with the entry's own display fields. */
const DailyPaperItemSchema = v.object({
  paper: v.unknown(),
  title: optionalText,
  thumbnail: optionalText,
  mediaUrls: optionalList,
  numComments: optionalCount,
});

/** Only plain https links from the data are kept: they end up in img/video/Markdown. */
function httpsUrl(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

function visibleAuthorNames(authors: readonly unknown[] | null | undefined): string[] {
  const names: string[] = [];
  for (const author of authors ?? []) {
    const parsed = v.safeParse(AuthorSchema, author);
    if (parsed.success && parsed.output.hidden !== true) {
      const name = normalizeTitle(parsed.output.name);
      if (name) names.push(name);
    }
  }
  return names;
}

function keywordList(keywords: readonly unknown[] | null | undefined): string[] {
  return (keywords ?? [])
    .filter((k): k is string => typeof k === 'string' && k.trim() !== '')
    .map((k) => k.trim());
}

function firstVideoUrl(mediaUrls: readonly unknown[] | null | undefined): string | null {
  for (const candidate of mediaUrls ?? []) {
    const url = httpsUrl(candidate);
    if (url && /\.(mp4|webm|mov)(\?|$)/i.test(url)) return url;
  }
  return null;
}

function defaultThumbnail(id: string): string {
  return `https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/${id}.png`;
}

/** Parses paper fields (API JSON or an island's `paper` object). Null when the id or title is unusable. */
export function parsePaperFields(input: unknown): Paper | null {
  const paper = readPaperFields(input);
  return paper?.title ? paper : null;
}

/** The paper's fields with the title possibly empty (a list entry may carry its own title). */
function readPaperFields(input: unknown): Paper | null {
  const parsed = v.safeParse(PaperFieldsSchema, input);
  if (!parsed.success) return null;
  const fields = parsed.output;
  return {
    id: fields.id,
    title: normalizeTitle(fields.title ?? ''),
    abstract: normalizeAbstract(fields.summary ?? ''),
    authors: visibleAuthorNames(fields.authors),
    upvotes: fields.upvotes ?? null,
    numComments: fields.numComments ?? null,
    thumbnailUrl: defaultThumbnail(fields.id),
    videoUrl: firstVideoUrl(fields.mediaUrls),
    aiSummary: fields.ai_summary?.trim() || null,
    aiKeywords: keywordList(fields.ai_keywords),
    publishedAt: fields.publishedAt ?? null,
  };
}

/**
 * Parses one list entry (`dailyPapers[i]`, `searchResults[i]`): the entry's title, thumbnail and media
 * win over the paper's. An entry that is the paper itself, with no `paper` key, is read as one.
 */
export function parseDailyPaperItem(input: unknown): Paper | null {
  const parsed = v.safeParse(DailyPaperItemSchema, input);
  if (!parsed.success || parsed.output.paper === undefined) return parsePaperFields(input);
  const item = parsed.output;
  const paper = readPaperFields(item.paper);
  if (!paper) return null;
  const title = (item.title ? normalizeTitle(item.title) : '') || paper.title;
  if (!title) return null;
  return {
    ...paper,
    title,
    thumbnailUrl: httpsUrl(item.thumbnail) ?? paper.thumbnailUrl,
    videoUrl: firstVideoUrl(item.mediaUrls) ?? paper.videoUrl,
    numComments: item.numComments ?? paper.numComments,
  };
}
