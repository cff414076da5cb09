// The glossary entry: its type, the schema that checks one arriving from storage or a CSV file, and its key.
import * as v from 'valibot';
import { t } from '../i18n/t.ts';

/**
 * Where a rendering comes from (see SOURCES in entries.ts). `usage` is this project's choice of the
 * form Korean ML papers, blogs and communities write most, `name` a proper name kept in English,
 * `user` an entry the user added or changed.
 */
const GLOSSARY_SOURCES = [
  'google-ko',
  'pytorch-ko',
  'terms-kr',
  'pseudolab',
  'dlbook-ko',
  'usage',
  'name',
  'user',
] as const;
export type GlossarySource = (typeof GLOSSARY_SOURCES)[number];

export interface GlossaryEntry {
  /** The canonical English term as papers write it: 'knowledge distillation', 'LoRA'. */
  en: string;
  /**
   * Other English spellings: acronyms ('KD'), expansions, irregular forms. Plurals (-s, -es, -ies),
   * hyphen/space variants and the closed-up form ('finetuning') are matched without being listed.
   */
  aliases?: readonly string[];
  /** The Korean rendering; for keepEnglish entries, the English term itself. */
  ko: string;
  /** The community writes this term in English (names: Transformer, LoRA, PPO). */
  keepEnglish: boolean;
  /**
   * Other Korean forms that are not worth a flag after generation: transliterations of a kept
   * English name ('트랜스포머'), or a second rendering in wide use ('파인튜닝' next to '미세 조정').
   */
  accept?: readonly string[];
  note?: string;
  source: GlossarySource;
}

const MAX_TERM = 100;
const MAX_LIST = 12;
/** A cell starting with these runs as a formula when a CSV export is opened in a spreadsheet. */
const FORMULA_START = /^[=+@]/;
const HAN = /\p{Script=Han}/u;
const LATIN_LETTER = /[A-Za-z]/;

const Term = v.pipe(
  v.string(),
  v.trim(),
  v.nonEmpty(() => t('glossaryEntry.empty')),
  v.maxLength(MAX_TERM, () => t('glossaryEntry.tooLong', { max: MAX_TERM })),
  v.check(
    (text) => !FORMULA_START.test(text),
    () => t('glossaryEntry.formulaStart'),
  ),
);
const EnglishTerm = v.pipe(
  Term,
  v.check(
    (text) => LATIN_LETTER.test(text),
    () => t('glossaryEntry.noLatin'),
  ),
);
const KoreanTerm = v.pipe(
  Term,
  v.check(
    (text) => !HAN.test(text),
    () => t('glossaryEntry.hanja'),
  ),
);

/** Checks an entry that comes from storage, the options page or a CSV file. */
export const GlossaryEntrySchema = v.pipe(
  v.object({
    en: EnglishTerm,
    aliases: v.optional(v.pipe(v.array(EnglishTerm), v.maxLength(MAX_LIST))),
    ko: KoreanTerm,
    keepEnglish: v.boolean(),
    accept: v.optional(v.pipe(v.array(KoreanTerm), v.maxLength(MAX_LIST))),
    note: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(300))),
    source: v.picklist(GLOSSARY_SOURCES),
  }),
  v.check(
    (entry) => entry.keepEnglish || !LATIN_LETTER.test(entry.ko) || /\p{Script=Hangul}/u.test(entry.ko),
    () => t('glossaryEntry.noHangul'),
  ),
);

/** One spelling for comparing terms: lower case, hyphens and spaces closed up. */
export function glossaryKey(en: string): string {
  return en
    .normalize('NFC')
    .toLowerCase()
    .replace(/[\s\-‐‑–_]+/g, '');
}
