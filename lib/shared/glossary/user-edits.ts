// The user's glossary edits: entries added or changed, shipped entries removed, and the merged glossary.
import * as v from 'valibot';
import { t } from '../i18n/t.ts';
import { type GlossaryEntry, GlossaryEntrySchema, glossaryKey } from './entry.ts';

/** What the options page stores: only the differences from the shipped glossary, so shipped fixes still arrive. */
export interface GlossaryEdits {
  /** Entries the user added or changed (source 'user'); one per English term. */
  entries: GlossaryEntry[];
  /** glossaryKey of shipped entries the user removed. */
  removed: string[];
}

export const EMPTY_GLOSSARY_EDITS: GlossaryEdits = { entries: [], removed: [] };

const MAX_USER_ENTRIES = 2_000;

export type EntryValidation = { ok: true; entry: GlossaryEntry } | { ok: false; problems: string[] };

/** A kept-English entry needs no Korean: its `ko` is its English term. */
function withKeptEnglishFilled(input: unknown): unknown {
  if (typeof input !== 'object' || input === null) return input;
  const record = input as Record<string, unknown>;
  return record.keepEnglish === true && !record.ko ? { ...record, ko: record.en } : input;
}

/** Checks one entry from a form or a file. */
export function validateGlossaryEntry(input: unknown): EntryValidation {
  const result = v.safeParse(GlossaryEntrySchema, withKeptEnglishFilled(input), { abortPipeEarly: true });
  if (result.success) return { ok: true, entry: result.output };
  return {
    ok: false,
    problems: result.issues.map((issue) => {
      const field = issue.path?.map((item) => String(item.key)).join('.');
      return field ? `${field}: ${issue.message}` : issue.message;
    }),
  };
}

/** Reads stored edits; an entry that no longer validates is dropped and reported, never silently. */
export function parseGlossaryEdits(stored: unknown): { edits: GlossaryEdits; dropped: string[] } {
  const shape = v.safeParse(
    v.object({
      entries: v.pipe(v.array(v.unknown()), v.maxLength(MAX_USER_ENTRIES)),
      removed: v.array(v.string()),
    }),
    stored,
  );
  if (!shape.success) {
    return {
      edits: EMPTY_GLOSSARY_EDITS,
      dropped: stored === undefined ? [] : [t('glossaryEntry.unreadableEdits')],
    };
  }
  const entries: GlossaryEntry[] = [];
  const dropped: string[] = [];
  for (const item of shape.output.entries) {
    const checked = validateGlossaryEntry(item);
    if (checked.ok) entries.push({ ...checked.entry, source: 'user' });
    else dropped.push(checked.problems.join(', '));
  }
  return { edits: { entries: dedupeByTerm(entries), removed: [...new Set(shape.output.removed)] }, dropped };
}

/** Later entries replace earlier ones with the same English term. */
function dedupeByTerm(entries: GlossaryEntry[]): GlossaryEntry[] {
  const byKey = new Map<string, GlossaryEntry>();
  for (const entry of entries) {
    const key = glossaryKey(entry.en);
    byKey.delete(key);
    byKey.set(key, entry);
  }
  return [...byKey.values()];
}

/**
 * The glossary in use: shipped entries the user neither removed nor changed, then the user's entries.
 * User entries come last so they win any spelling they share with a shipped entry (see compileGlossary).
 */
export function mergeGlossary(shipped: readonly GlossaryEntry[], edits: GlossaryEdits): GlossaryEntry[] {
  const removed = new Set(edits.removed);
  const changed = new Set(edits.entries.map((entry) => glossaryKey(entry.en)));
  const kept = shipped.filter((entry) => {
    const key = glossaryKey(entry.en);
    return !removed.has(key) && !changed.has(key);
  });
  return [...kept, ...edits.entries];
}

/** Adds or changes one entry. */
export function upsertGlossaryEntry(edits: GlossaryEdits, entry: GlossaryEntry): GlossaryEdits {
  const key = glossaryKey(entry.en);
  return {
    entries: dedupeByTerm([...edits.entries, { ...entry, source: 'user' }]),
    removed: edits.removed.filter((removed) => removed !== key),
  };
}

/** Removes a term: the user's version, and the shipped one too when there is one. */
export function removeGlossaryEntry(
  edits: GlossaryEdits,
  shipped: readonly GlossaryEntry[],
  en: string,
): GlossaryEdits {
  const key = glossaryKey(en);
  const isShipped = shipped.some((entry) => glossaryKey(entry.en) === key);
  return {
    entries: edits.entries.filter((entry) => glossaryKey(entry.en) !== key),
    removed: isShipped && !edits.removed.includes(key) ? [...edits.removed, key] : edits.removed,
  };
}

/** Brings back the shipped version of a term, dropping the user's change or removal. */
export function restoreShippedEntry(edits: GlossaryEdits, en: string): GlossaryEdits {
  const key = glossaryKey(en);
  return {
    entries: edits.entries.filter((entry) => glossaryKey(entry.en) !== key),
    removed: edits.removed.filter((removed) => removed !== key),
  };
}

function sameList(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  return (a ?? []).join('\u0000') === (b ?? []).join('\u0000');
}

function sameRendering(a: GlossaryEntry, b: GlossaryEntry): boolean {
  return (
    a.ko === b.ko &&
    a.keepEnglish === b.keepEnglish &&
    sameList(a.aliases, b.aliases) &&
    sameList(a.accept, b.accept) &&
    (a.note ?? '') === (b.note ?? '')
  );
}

/**
 * Edits from an imported list. `merge` adds the file's entries to the current edits; `replace` makes
 * the file the whole glossary (shipped entries missing from it are removed). Rows identical to the
 * shipped entry are not stored as edits, so exporting and importing the full list changes nothing.
 */
export function editsFromImport(
  shipped: readonly GlossaryEntry[],
  current: GlossaryEdits,
  imported: readonly GlossaryEntry[],
  mode: 'merge' | 'replace',
): GlossaryEdits {
  const shippedByKey = new Map(shipped.map((entry) => [glossaryKey(entry.en), entry]));
  let edits = mode === 'merge' ? current : EMPTY_GLOSSARY_EDITS;
  for (const entry of imported) {
    const original = shippedByKey.get(glossaryKey(entry.en));
    edits =
      original && sameRendering(original, entry)
        ? restoreShippedEntry(edits, entry.en)
        : upsertGlossaryEntry(edits, entry);
  }
  if (mode === 'replace') {
    const importedKeys = new Set(imported.map((entry) => glossaryKey(entry.en)));
    const missing = [...shippedByKey.keys()].filter((key) => !importedKeys.has(key));
    edits = { ...edits, removed: [...new Set([...edits.removed, ...missing])] };
  }
  return edits;
}
