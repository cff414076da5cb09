// CSV import and export of the glossary, readable and writable by Excel, Numbers and Google Sheets.
//
// Hand-written rather than a library: the table is small and of one shape, and RFC 4180 (quoted
// fields, doubled quotes, commas and line breaks inside quotes, CRLF) fits in a few tested functions.
// What the libraries do not do and Korean users need: files saved by Korean Excel's plain "CSV" are
// CP949 (EUC-KR), not UTF-8; `decodeCsvBytes` reads both. Exports start with a BOM so Excel opens
// them as UTF-8.

import { t } from '../i18n/t.ts';
import { type GlossaryEntry, glossaryKey } from './entry.ts';
import { validateGlossaryEntry } from './user-edits.ts';

export const CSV_BOM = '\ufeff';
const DELIMITERS = [',', ';', '\t'] as const;
type Delimiter = (typeof DELIMITERS)[number];

/** Splits CSV text into rows of fields. A BOM is dropped; blank lines are skipped. */
export function parseCsv(text: string, delimiter: Delimiter = ','): string[][] {
  const source = text.startsWith(CSV_BOM) ? text.slice(1) : text;
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let at = 0;
  const endRow = () => {
    row.push(field);
    if (row.length > 1 || row[0] !== '') rows.push(row);
    row = [];
    field = '';
  };
  while (at < source.length) {
    const char = source[at] as string;
    if (quoted) {
      if (char === '"' && source[at + 1] === '"') {
        field += '"';
        at += 2;
        continue;
      }
      if (char === '"') quoted = false;
      else field += char;
      at++;
      continue;
    }
    if (char === '"' && field === '') quoted = true;
    else if (char === delimiter) {
      row.push(field);
      field = '';
    } else if (char === '\r' || char === '\n') {
      endRow();
      if (char === '\r' && source[at + 1] === '\n') at++;
    } else field += char;
    at++;
  }
  if (field !== '' || row.length > 0) endRow();
  return rows;
}

/** The delimiter of the first line: the one of , ; and tab that appears most outside quotes. */
function detectDelimiter(text: string): Delimiter {
  const firstLine = (text.split(/\r?\n/, 1)[0] ?? '').replace(/"[^"]*"/g, '');
  let best: Delimiter = ',';
  let bestCount = 0;
  for (const delimiter of DELIMITERS) {
    const count = firstLine.split(delimiter).length - 1;
    if (count > bestCount) {
      best = delimiter;
      bestCount = count;
    }
  }
  return best;
}

function quoteField(field: string): string {
  return /[",\r\n;\t]|^\s|\s$/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
}

/** Rows to CSV with CRLF line ends, as spreadsheets write it; `bom` for Excel. */
export function formatCsv(rows: readonly (readonly string[])[], { bom = true } = {}): string {
  const body = rows.map((row) => row.map(quoteField).join(',')).join('\r\n');
  return `${bom ? CSV_BOM : ''}${body}\r\n`;
}

/** File bytes to text: UTF-8 (with or without BOM), else CP949/EUC-KR as Korean Excel saves "CSV". */
export function decodeCsvBytes(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // Not UTF-8: the other encoding Korean spreadsheets write.
    return new TextDecoder('euc-kr').decode(bytes);
  }
}

// ---- The glossary as a table -------------------------------------------------------------------

const GLOSSARY_CSV_HEADER = ['en', 'ko', 'keep_english', 'aliases', 'accept', 'note', 'source'] as const;
type Column = (typeof GLOSSARY_CSV_HEADER)[number];

/** Header names we recognise, English or Korean, as people name columns in a sheet they made. */
const COLUMN_NAMES: Record<string, Column> = {
  en: 'en',
  english: 'en',
  term: 'en',
  영어: 'en',
  영문: 'en',
  용어: 'en',
  ko: 'ko',
  korean: 'ko',
  한국어: 'ko',
  한글: 'ko',
  번역: 'ko',
  번역어: 'ko',
  keepenglish: 'keep_english',
  keep: 'keep_english',
  영어유지: 'keep_english',
  영어그대로: 'keep_english',
  aliases: 'aliases',
  alias: 'aliases',
  별칭: 'aliases',
  약어: 'aliases',
  accept: 'accept',
  accepted: 'accept',
  허용: 'accept',
  허용표기: 'accept',
  note: 'note',
  notes: 'note',
  메모: 'note',
  비고: 'note',
  source: 'source',
  출처: 'source',
};

/** Separates the items of a list cell (aliases, accepted forms). */
const LIST_SEPARATOR = ' | ';
const TRUE_WORDS = new Set(['true', '1', 'yes', 'y', 'o', '예', '네', '참', 'keep', '유지']);
const FALSE_WORDS = new Set(['', 'false', '0', 'no', 'n', 'x', '아니오', '아니요', '거짓']);

function columnOf(name: string): Column | undefined {
  return COLUMN_NAMES[
    name
      .trim()
      .toLowerCase()
      .replace(/[\s_-]+/g, '')
  ];
}

function listCell(items: readonly string[] | undefined): string {
  return (items ?? []).join(LIST_SEPARATOR);
}

function listFrom(cell: string): string[] | undefined {
  const items = cell
    .split(/[|;]/)
    .map((item) => item.trim())
    .filter((item) => item !== '');
  return items.length > 0 ? items : undefined;
}

/** The glossary as CSV, with a header row and a BOM. */
export function glossaryToCsv(entries: readonly GlossaryEntry[]): string {
  const rows = entries.map((entry) => [
    entry.en,
    entry.keepEnglish ? '' : entry.ko,
    entry.keepEnglish ? 'true' : 'false',
    listCell(entry.aliases),
    listCell(entry.accept),
    entry.note ?? '',
    entry.source,
  ]);
  return formatCsv([[...GLOSSARY_CSV_HEADER], ...rows]);
}

export interface CsvProblem {
  /** 1-based row in the file, the header included. */
  line: number;
  message: string;
}

/**
 * Entries from CSV text (`source` is always 'user'). Rows that do not validate are reported and
 * skipped; a term that appears twice keeps its last row. Without a recognised header the columns are
 * taken in the export's order.
 */
export function glossaryFromCsv(text: string): { entries: GlossaryEntry[]; problems: CsvProblem[] } {
  const rows = parseCsv(text, detectDelimiter(text));
  const header = rows[0]?.map(columnOf) ?? [];
  const hasHeader = header.includes('en') && header.includes('ko');
  const columns: (Column | undefined)[] = hasHeader ? header : [...GLOSSARY_CSV_HEADER];
  const problems: CsvProblem[] = [];
  const byTerm = new Map<string, GlossaryEntry>();

  rows.slice(hasHeader ? 1 : 0).forEach((row, index) => {
    const line = index + (hasHeader ? 2 : 1);
    const cell = (column: Column) => {
      const at = columns.indexOf(column);
      return at === -1 ? '' : (row[at] ?? '').trim();
    };
    const keepWord = cell('keep_english').toLowerCase();
    if (!TRUE_WORDS.has(keepWord) && !FALSE_WORDS.has(keepWord)) {
      problems.push({
        line,
        message: t('glossaryEntry.keepEnglishValue', { value: cell('keep_english') }),
      });
      return;
    }
    const checked = validateGlossaryEntry({
      en: cell('en'),
      ko: cell('ko'),
      keepEnglish: TRUE_WORDS.has(keepWord),
      aliases: listFrom(cell('aliases')),
      accept: listFrom(cell('accept')),
      note: cell('note') || undefined,
      source: 'user',
    });
    if (!checked.ok) {
      problems.push({ line, message: checked.problems.join(', ') });
      return;
    }
    const key = glossaryKey(checked.entry.en);
    if (byTerm.has(key))
      problems.push({ line, message: t('glossaryEntry.duplicate', { en: checked.entry.en }) });
    byTerm.delete(key);
    byTerm.set(key, checked.entry);
  });
  return { entries: [...byTerm.values()], problems };
}
