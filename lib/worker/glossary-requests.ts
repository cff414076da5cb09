// The options page's glossary requests: the list in use, one edit at a time, and CSV in and out.

import type { GlossaryRow } from '../shared/domain.ts';
import { glossaryFromCsv, glossaryToCsv } from '../shared/glossary/csv.ts';
import { type GlossaryEntry, glossaryKey } from '../shared/glossary/entry.ts';
import {
  EMPTY_GLOSSARY_EDITS,
  editsFromImport,
  removeGlossaryEntry,
  restoreShippedEntry,
  upsertGlossaryEntry,
  validateGlossaryEntry,
} from '../shared/glossary/user-edits.ts';
import { t } from '../shared/i18n/t.ts';
import type { RuntimeRequest, RuntimeResponses } from '../shared/messages.ts';
import type { GlossaryStore } from './glossary.ts';

type GlossaryEdit = Extract<RuntimeRequest, { type: 'editGlossary' }>['edit'];

export async function glossaryRows(store: GlossaryStore): Promise<RuntimeResponses['getGlossary']> {
  const [entries, edits, shippedList] = await Promise.all([store.entries(), store.edits(), store.shipped()]);
  const shipped = new Set(shippedList.map((entry) => glossaryKey(entry.en)));
  const rows: GlossaryRow[] = entries.map((entry) => ({
    entry,
    status: entry.source !== 'user' ? 'shipped' : shipped.has(glossaryKey(entry.en)) ? 'changed' : 'added',
  }));
  const removedKeys = new Set(edits.removed);
  const removed: GlossaryEntry[] = shippedList.filter((entry) => removedKeys.has(glossaryKey(entry.en)));
  return { rows, removed };
}

export async function editGlossary(
  store: GlossaryStore,
  edit: GlossaryEdit,
): Promise<RuntimeResponses['editGlossary']> {
  let imported = 0;
  let problems: { line: number; message: string }[] = [];
  switch (edit.kind) {
    case 'upsert': {
      const input = typeof edit.entry === 'object' && edit.entry !== null ? edit.entry : {};
      const checked = validateGlossaryEntry({ ...input, source: 'user' });
      if (!checked.ok)
        return { ok: false, problems: checked.problems.map((message) => ({ line: 0, message })) };
      await store.update((edits) => upsertGlossaryEntry(edits, checked.entry));
      imported = 1;
      break;
    }
    case 'remove':
      await store.update((edits, shipped) => removeGlossaryEntry(edits, shipped, edit.en));
      break;
    case 'restore':
      await store.update((edits) => restoreShippedEntry(edits, edit.en));
      break;
    case 'import': {
      const parsed = glossaryFromCsv(edit.csv);
      problems = parsed.problems;
      if (parsed.entries.length === 0) {
        return {
          ok: false,
          problems:
            problems.length > 0 ? problems : [{ line: 0, message: t('glossaryEntry.nothingToImport') }],
        };
      }
      await store.update((edits, shipped) => editsFromImport(shipped, edits, parsed.entries, edit.mode));
      imported = parsed.entries.length;
      break;
    }
    case 'reset':
      await store.update(() => EMPTY_GLOSSARY_EDITS);
      break;
  }
  return { ok: true, ...(await glossaryRows(store)), imported, problems };
}

export async function exportGlossary(store: GlossaryStore): Promise<RuntimeResponses['exportGlossary']> {
  return { csv: glossaryToCsv(await store.entries()), fileName: 'daily-papers-ko-glossary.csv' };
}
