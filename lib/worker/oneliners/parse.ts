// Reads a one-liner answer: finds the JSON however it is wrapped, keeps every valid entry, and says which ids to ask again.
//
// Tolerated: think blocks, code fences, text before or after the JSON, camelCase keys, a bare array,
// an answer cut off mid-way (every complete entry before the cut is kept), one malformed entry among
// good ones, ids written as 'arXiv:2501.01234v2', relevance as "2". Not tolerated, so the paper is
// asked again: a missing or non-Korean title or TL;DR, Chinese characters, an id that was not asked for.
import * as v from 'valibot';
import { stripThinking } from '../summary/output-check.ts';
import { MAX_REASON_CHARS, MAX_TLDR_CHARS, trimAtSentence } from './prompt.ts';

export type OneLinerFlag =
  /** The TL;DR was longer than MAX_TLDR_CHARS and was cut at a sentence end. */
  | 'trimmed'
  /** The TL;DR is longer than MAX_TLDR_CHARS and has no sentence end to cut at: shown whole, flagged. */
  | 'tooLong';

export interface OneLiner {
  id: string;
  titleKo: string;
  tldrKo: string;
  /** 0–3 when interests were given and the model scored the paper, else null. */
  relevance: 0 | 1 | 2 | 3 | null;
  reasonKo: string | null;
  flags: OneLinerFlag[];
}

export type OneLinerProblemKind =
  | 'noJson'
  | 'malformedEntry'
  | 'unknownId'
  | 'duplicateId'
  | 'notKorean'
  | 'chinese'
  | 'badRelevance';

export interface OneLinerProblem {
  kind: OneLinerProblemKind;
  id?: string;
}

export interface OneLinerParseResult {
  ok: OneLiner[];
  /** Asked-for ids with no valid entry: to go into the next batch. */
  missing: string[];
  problems: OneLinerProblem[];
}

const HAN = /\p{Script=Han}/u;
const HANGUL = /\p{Script=Hangul}/u;
const MAX_TITLE_CHARS = 300;

const Text = v.pipe(v.string(), v.maxLength(2_000));
const RawEntrySchema = v.object({
  id: v.union([v.string(), v.number()]),
  title_ko: v.optional(Text),
  titleKo: v.optional(Text),
  tldr_ko: v.optional(Text),
  tldrKo: v.optional(Text),
  tldr: v.optional(Text),
  relevance: v.optional(v.nullable(v.union([v.number(), v.string()]))),
  reason_ko: v.optional(v.nullable(Text)),
  reasonKo: v.optional(v.nullable(Text)),
});

/** Where the bracket at `from` closes, skipping brackets inside strings; -1 if it never does or brackets cross. */
function closingIndex(text: string, from: number): number {
  const stack: string[] = [];
  let inString = false;
  for (let at = from; at < text.length; at++) {
    const char = text[at];
    if (inString) {
      if (char === '\\') at++;
      else if (char === '"') inString = false;
    } else if (char === '"') inString = true;
    else if (char === '{' || char === '[') stack.push(char === '{' ? '}' : ']');
    else if (char === '}' || char === ']') {
      if (stack.pop() !== char) return -1;
      if (stack.length === 0) return at;
    }
  }
  return -1;
}

function parseLoosely(json: string): unknown {
  try {
    return JSON.parse(json);
  } catch {
    // Models leave trailing commas; one repair, then give up on this span.
    try {
      return JSON.parse(json.replace(/,\s*([}\]])/g, '$1'));
    } catch {
      return undefined;
    }
  }
}

/** The entries of the answer's list, from `{"papers": [...]}`, any object holding one array, or a bare array. */
function entriesOf(root: unknown): unknown[] | null {
  if (Array.isArray(root)) return root;
  if (typeof root !== 'object' || root === null) return null;
  const record = root as Record<string, unknown>;
  if (Array.isArray(record.papers)) return record.papers;
  const arrays = Object.values(record).filter(Array.isArray);
  if (arrays.length === 1) return arrays[0] as unknown[];
  return 'id' in record ? [record] : null;
}

/** Flat objects anywhere in the text: what is left of an answer that was cut off or broken. */
function salvageObjects(text: string): unknown[] {
  const found: unknown[] = [];
  for (let at = text.indexOf('{'); at !== -1; at = text.indexOf('{', at + 1)) {
    const end = closingIndex(text, at);
    if (end === -1) continue;
    const span = text.slice(at, end + 1);
    if (span.indexOf('{', 1) !== -1) continue;
    const parsed = parseLoosely(span);
    if (parsed !== undefined) {
      found.push(parsed);
      at = end;
    } else found.push(null);
  }
  return found;
}

function readEntries(raw: string): unknown[] | null {
  const text = stripThinking(raw).replace(/```[a-z]*/gi, '');
  const start = text.search(/[[{]/);
  if (start === -1) return null;
  const end = closingIndex(text, start);
  if (end !== -1) {
    const entries = entriesOf(parseLoosely(text.slice(start, end + 1)));
    if (entries) return entries;
  }
  const salvaged = salvageObjects(text.slice(start));
  return salvaged.length > 0 ? salvaged : null;
}

function cleanLine(text: string): string {
  return text
    .replace(/[*`]/g, '')
    .replace(/^\s*(?:[-•]\s+|TL;?DR:?\s*)/i, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^["'“”]+|["'“”]+$/g, '');
}

function charCount(text: string): number {
  return [...text].length;
}

/** Maps the ids a model writes ('arXiv:2501.01234v2', ' 2501.01234 ') back to the asked ones. */
function idResolver(requestedIds: readonly string[]): (id: string) => string | undefined {
  const byNormal = new Map(requestedIds.map((id) => [normalizeId(id), id]));
  return (id) => byNormal.get(normalizeId(id));
}

function normalizeId(id: string): string {
  return id
    .trim()
    .replace(/^arxiv:\s*/i, '')
    .replace(/v\d+$/, '')
    .toLowerCase();
}

function relevanceOf(value: unknown): OneLiner['relevance'] | 'bad' {
  if (value === undefined || value === null || value === '') return null;
  const number = typeof value === 'number' ? value : Number(String(value).trim());
  return Number.isInteger(number) && number >= 0 && number <= 3 ? (number as 0 | 1 | 2 | 3) : 'bad';
}

/**
 * Reads an answer to a batch. `requestedIds` are the batch's ids; anything not returned valid is in
 * `missing`, so the caller asks for it again (see settleOneLinerBatch) instead of losing it.
 */
export function parseOneLinerAnswer(raw: string, requestedIds: readonly string[]): OneLinerParseResult {
  const problems: OneLinerProblem[] = [];
  const entries = readEntries(raw);
  if (!entries) return { ok: [], missing: [...requestedIds], problems: [{ kind: 'noJson' }] };

  const resolve = idResolver(requestedIds);
  const byId = new Map<string, OneLiner>();
  for (const item of entries) {
    const parsed = v.safeParse(RawEntrySchema, item);
    if (!parsed.success) {
      problems.push({ kind: 'malformedEntry' });
      continue;
    }
    const entry = parsed.output;
    const id = resolve(String(entry.id));
    if (!id) {
      problems.push({ kind: 'unknownId', id: String(entry.id) });
      continue;
    }
    if (byId.has(id)) {
      problems.push({ kind: 'duplicateId', id });
      continue;
    }
    const titleKo = cleanLine(entry.title_ko ?? entry.titleKo ?? '');
    const tldr = cleanLine(entry.tldr_ko ?? entry.tldrKo ?? entry.tldr ?? '');
    if (HAN.test(titleKo) || HAN.test(tldr)) {
      problems.push({ kind: 'chinese', id });
      continue;
    }
    if (!HANGUL.test(titleKo) || !HANGUL.test(tldr) || charCount(titleKo) > MAX_TITLE_CHARS) {
      problems.push({ kind: 'notKorean', id });
      continue;
    }
    const flags: OneLinerFlag[] = [];
    let tldrKo = tldr;
    if (charCount(tldr) > MAX_TLDR_CHARS) {
      const trimmed = trimAtSentence(tldr, MAX_TLDR_CHARS);
      if (trimmed.atSentence) {
        tldrKo = trimmed.text;
        flags.push('trimmed');
      } else flags.push('tooLong');
    }
    let relevance = relevanceOf(entry.relevance);
    if (relevance === 'bad') {
      problems.push({ kind: 'badRelevance', id });
      relevance = null;
    }
    const reason = cleanLine(entry.reason_ko ?? entry.reasonKo ?? '');
    const reasonKo =
      relevance === null || reason === '' || HAN.test(reason)
        ? null
        : trimAtSentence(reason, MAX_REASON_CHARS).text;
    byId.set(id, { id, titleKo, tldrKo, relevance, reasonKo, flags });
  }
  const ok = requestedIds.flatMap((id) => byId.get(id) ?? []);
  return { ok, missing: requestedIds.filter((id) => !byId.has(id)), problems };
}
