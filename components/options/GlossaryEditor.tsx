// The options page's glossary: find a term, change or add one, take a shipped one out or back, and
// move the whole list in and out as CSV. Every change goes to the worker, which keeps the edits.
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { GlossaryRow } from '../../lib/shared/domain.ts';
import { decodeCsvBytes } from '../../lib/shared/glossary/csv.ts';
import type { GlossaryEntry } from '../../lib/shared/glossary/entry.ts';
import { uiGlossary } from '../../lib/shared/i18n/ui-glance.ts';
import type { RuntimeRequest, RuntimeResponses } from '../../lib/shared/messages.ts';
import { askBackground } from '../../lib/shared/runtime-client.ts';
import { saveTextFile } from '../../lib/ui/save-file.ts';
import { CheckboxField } from './CheckboxField.tsx';

type Edit = Extract<RuntimeRequest, { type: 'editGlossary' }>['edit'];
type Note = { tone: 'success' | 'error'; lines: string[] } | null;

/** Rows listed at once without a search: the whole list is 500+, and a search finds any of them. */
const SHOWN_WITHOUT_SEARCH = 30;

function matches(row: GlossaryRow, query: string): boolean {
  const { entry } = row;
  const text = [entry.en, entry.ko, ...(entry.aliases ?? []), ...(entry.accept ?? [])]
    .join('\n')
    .toLowerCase();
  return text.includes(query);
}

/** Edits first (what the user changed), then the shipped list in its order. */
function byEditsFirst(rows: GlossaryRow[]): GlossaryRow[] {
  return [
    ...rows.filter((row) => row.status !== 'shipped'),
    ...rows.filter((row) => row.status === 'shipped'),
  ];
}

/** One term: English, its rendering, whether the user changed it, and what can be done with it. */
function GlossaryItem({
  entry,
  status,
  onEdit,
  onRemove,
  onRestore,
}: {
  entry: GlossaryEntry;
  status: GlossaryRow['status'] | 'removed';
  onEdit?: () => void;
  onRemove?: () => void;
  onRestore: (en: string) => void;
}) {
  return (
    <li>
      <span class="term">{entry.en}</span>
      <span class="rendering">{entry.keepEnglish ? uiGlossary.keptEnglish : entry.ko}</span>
      {(status === 'changed' || status === 'added') && (
        <span class="badge">{status === 'changed' ? uiGlossary.statusChanged : uiGlossary.statusAdded}</span>
      )}
      <span class="row-actions">
        {onEdit && (
          <button type="button" class="link" onClick={onEdit}>
            {uiGlossary.edit}
          </button>
        )}
        {status === 'changed' || status === 'removed' ? (
          <button type="button" class="link" onClick={() => onRestore(entry.en)}>
            {uiGlossary.restore}
          </button>
        ) : (
          <button type="button" class="link" onClick={onRemove}>
            {uiGlossary.remove}
          </button>
        )}
      </span>
    </li>
  );
}

export function GlossaryEditor() {
  const [listing, setListing] = useState<RuntimeResponses['getGlossary'] | null>(null);
  const [query, setQuery] = useState('');
  const [draft, setDraft] = useState({ en: '', ko: '', keepEnglish: false });
  const [mode, setMode] = useState<'merge' | 'replace'>('merge');
  const [note, setNote] = useState<Note>(null);

  useEffect(() => {
    askBackground({ type: 'getGlossary' }).then(setListing, () => setListing(null));
  }, []);

  const apply = async (edit: Edit, success: (result: { imported: number }) => string[]) => {
    const result = await askBackground({ type: 'editGlossary', edit });
    if (!result.ok) {
      setNote({
        tone: 'error',
        lines: result.problems.map((problem) => uiGlossary.importProblem(problem.line, problem.message)),
      });
      return false;
    }
    setListing({ rows: result.rows, removed: result.removed });
    setNote({
      tone: 'success',
      lines: [
        ...success(result),
        ...result.problems.map((problem) => uiGlossary.importProblem(problem.line, problem.message)),
      ],
    });
    return true;
  };

  const onSave = async (event: Event) => {
    event.preventDefault();
    const entry = {
      en: draft.en.trim(),
      ko: draft.keepEnglish ? '' : draft.ko.trim(),
      keepEnglish: draft.keepEnglish,
    };
    if (await apply({ kind: 'upsert', entry }, () => [uiGlossary.saved(entry.en)])) {
      setDraft({ en: '', ko: '', keepEnglish: false });
      setQuery(entry.en);
    }
  };
  const restore = (en: string) => void apply({ kind: 'restore', en }, () => [uiGlossary.restored(en)]);
  const onEdit = (entry: GlossaryEntry) =>
    setDraft({ en: entry.en, ko: entry.keepEnglish ? '' : entry.ko, keepEnglish: entry.keepEnglish });
  const onImport = async (file: File | undefined) => {
    if (!file) return;
    const csv = decodeCsvBytes(new Uint8Array(await file.arrayBuffer()));
    await apply({ kind: 'import', csv, mode }, (result) => [uiGlossary.imported(result.imported, 0)]);
  };
  const onExport = async () => {
    const { csv, fileName } = await askBackground({ type: 'exportGlossary' });
    saveTextFile(fileName, csv, 'text/csv;charset=utf-8');
  };

  const rows = listing?.rows ?? [];
  const needle = query.trim().toLowerCase();
  const found = useMemo(
    () => (needle ? rows.filter((row) => matches(row, needle)) : byEditsFirst(rows)),
    [rows, needle],
  );
  const shown = needle ? found : found.slice(0, SHOWN_WITHOUT_SEARCH);
  const count = (status: GlossaryRow['status']) => rows.filter((row) => row.status === status).length;

  return (
    <section class="section" aria-labelledby="glossary-heading">
      <h2 id="glossary-heading">{uiGlossary.section}</h2>
      <p class="hint">{uiGlossary.intro}</p>
      {listing && (
        <p data-testid="glossary-counts">
          {uiGlossary.counts(rows.length, count('changed'), count('added'), listing.removed.length)}
        </p>
      )}
      <form class="glossary-form" onSubmit={onSave}>
        <div class="row">
          <div class="field grow">
            <label for="glossary-en">{uiGlossary.english}</label>
            <input
              id="glossary-en"
              spellcheck={false}
              value={draft.en}
              onInput={(e) => setDraft({ ...draft, en: e.currentTarget.value })}
            />
          </div>
          <div class="field grow">
            <label for="glossary-ko">{uiGlossary.korean}</label>
            <input
              id="glossary-ko"
              value={draft.ko}
              disabled={draft.keepEnglish}
              onInput={(e) => setDraft({ ...draft, ko: e.currentTarget.value })}
            />
          </div>
        </div>
        <CheckboxField
          id="glossary-keep"
          label={uiGlossary.keepEnglish}
          checked={draft.keepEnglish}
          onChange={(keepEnglish) => setDraft({ ...draft, keepEnglish })}
        />
        <div class="actions start">
          <button type="submit" disabled={!draft.en.trim() || (!draft.keepEnglish && !draft.ko.trim())}>
            {uiGlossary.save}
          </button>
        </div>
      </form>
      <div class="field">
        <label for="glossary-search">{uiGlossary.search}</label>
        <input
          id="glossary-search"
          type="search"
          value={query}
          onInput={(e) => setQuery(e.currentTarget.value)}
          aria-describedby="glossary-search-hint"
        />
        <p id="glossary-search-hint" class="hint">
          {uiGlossary.searchHint}
        </p>
      </div>
      <ul class="glossary-list" aria-label={uiGlossary.section}>
        {shown.map(({ entry, status }) => (
          <GlossaryItem
            key={entry.en}
            entry={entry}
            status={status}
            onEdit={() => onEdit(entry)}
            onRemove={() =>
              void apply({ kind: 'remove', en: entry.en }, () => [uiGlossary.removed(entry.en)])
            }
            onRestore={restore}
          />
        ))}
      </ul>
      {listing && found.length === 0 && <p class="hint">{uiGlossary.noMatch}</p>}
      {found.length > shown.length && <p class="hint">{uiGlossary.more(found.length - shown.length)}</p>}
      {listing && listing.removed.length > 0 && (
        <details>
          <summary>{uiGlossary.removedList}</summary>
          <ul class="glossary-list">
            {listing.removed.map((entry) => (
              <GlossaryItem key={entry.en} entry={entry} status="removed" onRestore={restore} />
            ))}
          </ul>
        </details>
      )}
      <div class="actions start">
        <button type="button" onClick={() => void onExport()}>
          {uiGlossary.exportCsv}
        </button>
        <label class="button">
          {uiGlossary.importCsv}
          <input
            type="file"
            accept=".csv,text/csv"
            class="visually-hidden"
            onChange={(e) => void onImport(e.currentTarget.files?.[0])}
          />
        </label>
        <select
          aria-label={uiGlossary.importMode}
          class="auto"
          value={mode}
          onChange={(e) => setMode(e.currentTarget.value === 'replace' ? 'replace' : 'merge')}
        >
          <option value="merge">{uiGlossary.importMerge}</option>
          <option value="replace">{uiGlossary.importReplace}</option>
        </select>
        <button type="button" onClick={() => void apply({ kind: 'reset' }, () => [uiGlossary.resetDone])}>
          {uiGlossary.resetAll}
        </button>
      </div>
      <div aria-live="polite" class={`status ${note?.tone ?? ''}`} data-testid="glossary-note">
        {note?.lines.map((line) => (
          <p key={line}>{line}</p>
        ))}
      </div>
    </section>
  );
}
