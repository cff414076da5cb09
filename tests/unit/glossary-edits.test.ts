import { describe, expect, it } from 'vitest';
import {
  CSV_BOM,
  decodeCsvBytes,
  formatCsv,
  glossaryFromCsv,
  glossaryToCsv,
  parseCsv,
} from '../../lib/shared/glossary/csv.ts';
import { SHIPPED_GLOSSARY } from '../../lib/shared/glossary/entries.ts';
import type { GlossaryEntry } from '../../lib/shared/glossary/entry.ts';
import {
  EMPTY_GLOSSARY_EDITS,
  editsFromImport,
  mergeGlossary,
  parseGlossaryEdits,
  removeGlossaryEntry,
  restoreShippedEntry,
  upsertGlossaryEntry,
  validateGlossaryEntry,
} from '../../lib/shared/glossary/user-edits.ts';

const shipped: GlossaryEntry[] = [
  { en: 'knowledge distillation', aliases: ['KD'], ko: '지식 증류', keepEnglish: false, source: 'usage' },
  { en: 'LoRA', ko: 'LoRA', keepEnglish: true, source: 'name' },
  { en: 'hallucination', ko: '환각', keepEnglish: false, accept: ['할루시네이션'], source: 'usage' },
];

function userEntry(en: string, ko: string, extra: Partial<GlossaryEntry> = {}): GlossaryEntry {
  return { en, ko, keepEnglish: false, source: 'user', ...extra };
}

describe('validateGlossaryEntry', () => {
  it('accepts a complete entry and fills the Korean of a kept-English one', () => {
    expect(validateGlossaryEntry(userEntry('world model', '월드 모델'))).toEqual({
      ok: true,
      entry: userEntry('world model', '월드 모델'),
    });
    expect(validateGlossaryEntry({ en: 'Mamba', ko: '', keepEnglish: true, source: 'user' })).toMatchObject({
      ok: true,
      entry: { ko: 'Mamba' },
    });
  });

  it('says in Korean what is wrong', () => {
    const result = validateGlossaryEntry({ en: ' ', ko: '知識 蒸溜', keepEnglish: false, source: 'user' });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems).toEqual(['en: 비어 있습니다', 'ko: 한자는 쓸 수 없습니다']);
  });

  it('refuses a rendering without Hangul unless the term is kept in English', () => {
    expect(validateGlossaryEntry(userEntry('LoRA', 'LoRA')).ok).toBe(false);
    expect(validateGlossaryEntry(userEntry('LoRA', 'LoRA', { keepEnglish: true })).ok).toBe(true);
  });

  it('refuses cells a spreadsheet would run as a formula', () => {
    expect(validateGlossaryEntry(userEntry('=HYPERLINK("x")', '링크')).ok).toBe(false);
  });
});

describe('mergeGlossary and edits', () => {
  it('puts the user entries after the shipped ones they did not change', () => {
    let edits = upsertGlossaryEntry(EMPTY_GLOSSARY_EDITS, userEntry('knowledge distillation', '지식 정제'));
    edits = upsertGlossaryEntry(edits, userEntry('world model', '월드 모델'));
    expect(mergeGlossary(shipped, edits).map((entry) => `${entry.en}=${entry.ko}`)).toEqual([
      'LoRA=LoRA',
      'hallucination=환각',
      'knowledge distillation=지식 정제',
      'world model=월드 모델',
    ]);
  });

  it('removes a shipped term and brings it back', () => {
    const removed = removeGlossaryEntry(EMPTY_GLOSSARY_EDITS, shipped, 'Hallucination');
    expect(removed.removed).toEqual(['hallucination']);
    expect(mergeGlossary(shipped, removed).map((entry) => entry.en)).toEqual([
      'knowledge distillation',
      'LoRA',
    ]);
    expect(mergeGlossary(shipped, restoreShippedEntry(removed, 'hallucination'))).toEqual(shipped);
  });

  it('forgets a user-only term completely when it is removed', () => {
    const added = upsertGlossaryEntry(EMPTY_GLOSSARY_EDITS, userEntry('world model', '월드 모델'));
    expect(removeGlossaryEntry(added, shipped, 'world model')).toEqual(EMPTY_GLOSSARY_EDITS);
  });

  it('keeps one user entry per term, the latest', () => {
    let edits = upsertGlossaryEntry(EMPTY_GLOSSARY_EDITS, userEntry('world model', '세계 모델'));
    edits = upsertGlossaryEntry(edits, userEntry('World-Model', '월드 모델'));
    expect(edits.entries.map((entry) => entry.ko)).toEqual(['월드 모델']);
  });

  it('reads stored edits and reports the entries it had to drop', () => {
    const stored = { entries: [userEntry('world model', '월드 모델'), { en: 'broken' }], removed: ['lora'] };
    const { edits, dropped } = parseGlossaryEdits(stored);
    expect(edits).toEqual({ entries: [userEntry('world model', '월드 모델')], removed: ['lora'] });
    expect(dropped).toHaveLength(1);
    expect(parseGlossaryEdits(undefined)).toEqual({ edits: EMPTY_GLOSSARY_EDITS, dropped: [] });
    expect(parseGlossaryEdits('nonsense').dropped).toHaveLength(1);
  });
});

describe('CSV', () => {
  it('reads quotes, doubled quotes, delimiters and line breaks inside fields, CRLF and a BOM', () => {
    const text = `${CSV_BOM}en,ko,note\r\n"mixture of experts","전문가 혼합","라우터가 ""전문가""를, 고름\r\n두 줄"\r\nLoRA,,\r\n`;
    expect(parseCsv(text)).toEqual([
      ['en', 'ko', 'note'],
      ['mixture of experts', '전문가 혼합', '라우터가 "전문가"를, 고름\r\n두 줄'],
      ['LoRA', '', ''],
    ]);
  });

  it('writes what it reads', () => {
    const rows = [
      ['en', 'note'],
      ['a, b', '"인용"과 줄\n바꿈'],
      [' leading space', '한국어'],
    ];
    const text = formatCsv(rows);
    expect(text.startsWith(CSV_BOM)).toBe(true);
    expect(text).toContain('\r\n');
    expect(parseCsv(text)).toEqual(rows);
  });

  it('round-trips the shipped glossary', () => {
    const { entries, problems } = glossaryFromCsv(glossaryToCsv(SHIPPED_GLOSSARY));
    expect(problems).toEqual([]);
    expect(entries).toEqual(SHIPPED_GLOSSARY.map((entry) => ({ ...entry, source: 'user' })));
  });

  it('reads a sheet made by hand: Korean headers, semicolons, yes/no words, lists', () => {
    const text =
      '영어;한국어;영어 유지;별칭\nknowledge distillation;지식 증류;아니오;KD | distillation\nMamba;;예;\n';
    expect(glossaryFromCsv(text)).toEqual({
      entries: [
        userEntry('knowledge distillation', '지식 증류', { aliases: ['KD', 'distillation'] }),
        userEntry('Mamba', 'Mamba', { keepEnglish: true }),
      ],
      problems: [],
    });
  });

  it('takes the export column order when there is no header', () => {
    expect(glossaryFromCsv('world model,월드 모델,false\n').entries).toEqual([
      userEntry('world model', '월드 모델'),
    ]);
  });

  it('reports bad rows by line and keeps the good ones', () => {
    const text =
      'en,ko,keep_english\nworld model,월드 모델,false\n,빈 용어,false\nLoRA,LoRA,maybe\nworld model,세계 모델,false\n';
    const { entries, problems } = glossaryFromCsv(text);
    expect(entries).toEqual([userEntry('world model', '세계 모델')]);
    expect(problems.map((problem) => problem.line)).toEqual([3, 4, 5]);
    expect(problems[1]?.message).toContain('keep_english');
  });

  it('decodes UTF-8 with or without a BOM, and CP949 as Korean Excel saves it', () => {
    const utf8 = new TextEncoder().encode(`${CSV_BOM}en,ko\nknowledge distillation,지식 증류\n`);
    expect(glossaryFromCsv(decodeCsvBytes(utf8)).entries[0]?.ko).toBe('지식 증류');
    const cp949 = Uint8Array.from([
      101, 110, 44, 107, 111, 10, 107, 110, 111, 119, 108, 101, 100, 103, 101, 32, 100, 105, 115, 116, 105,
      108, 108, 97, 116, 105, 111, 110, 44, 193, 246, 189, 196, 32, 193, 245, 183, 249, 10,
    ]);
    expect(glossaryFromCsv(decodeCsvBytes(cp949)).entries[0]?.ko).toBe('지식 증류');
  });
});

describe('editsFromImport', () => {
  it('stores only the rows that differ from the shipped glossary', () => {
    const imported = glossaryFromCsv(glossaryToCsv(mergeGlossary(shipped, EMPTY_GLOSSARY_EDITS))).entries;
    expect(editsFromImport(shipped, EMPTY_GLOSSARY_EDITS, imported, 'merge')).toEqual(EMPTY_GLOSSARY_EDITS);
  });

  it('gives back the same glossary after an export and a replacing import', () => {
    let edits = upsertGlossaryEntry(EMPTY_GLOSSARY_EDITS, userEntry('knowledge distillation', '지식 정제'));
    edits = removeGlossaryEntry(edits, shipped, 'LoRA');
    edits = upsertGlossaryEntry(edits, userEntry('world model', '월드 모델'));
    const imported = glossaryFromCsv(glossaryToCsv(mergeGlossary(shipped, edits))).entries;
    const restored = editsFromImport(shipped, EMPTY_GLOSSARY_EDITS, imported, 'replace');
    expect(mergeGlossary(shipped, restored)).toEqual(mergeGlossary(shipped, edits));
  });

  it('adds to the current edits in merge mode', () => {
    const current = upsertGlossaryEntry(EMPTY_GLOSSARY_EDITS, userEntry('world model', '월드 모델'));
    const merged = editsFromImport(
      shipped,
      current,
      [userEntry('Mamba', 'Mamba', { keepEnglish: true })],
      'merge',
    );
    expect(merged.entries.map((entry) => entry.en)).toEqual(['world model', 'Mamba']);
  });
});
