// After generation: finds glossary terms the Korean output rendered differently from the glossary.
//
// The summary style writes 'Korean(English)', so a rendering is read where the output shows one:
// - the Korean just before a parenthesis that holds the English term: '지식 정제(knowledge distillation)';
// - a Korean parenthesis right after the English term: 'knowledge distillation(지식 정제)'.
// English mentioned without a Korean rendering is not this check's business.
//
// False positives cost the user's trust, so a rendering passes when it is close enough: the glossary
// form or an accepted form appears among the last words before the parenthesis (particles and
// modifiers around it are fine: '새로운 지식 증류 기법을(...)'), three quarters of the words of a long
// rendering appear, or the last word is a shortening of the rendering ('증류' for '지식 증류').
// Parentheses that list examples ('여러 과제(QA, summarization)', '(e.g., attention)') or explain with a
// generic noun ('크기를 줄이는 기법(quantization)') are skipped.

import { t } from '../i18n/t.ts';
import type { GlossaryEntry } from './entry.ts';
import { compileGlossary, findGlossaryHits, type GlossaryHit } from './match.ts';

export interface GlossaryFinding {
  /** The glossary's English term. */
  en: string;
  /** What the glossary asks for: the Korean rendering, or the English term when it is kept in English. */
  expected: string;
  /** The words the output used instead. */
  found: string;
  /** `translated`: the glossary keeps this term in English and the output translated it. */
  kind: 'different' | 'translated';
}

interface Parenthesis {
  open: number;
  close: number;
  content: string;
}

const HANGUL = /\p{Script=Hangul}/u;
const LATIN = /[A-Za-z]/;
const PARENTHESIS = /[(（]([^()（）\n]*)[)）]/g;
const EXAMPLE_LIST = /^\s*(?:e\.g\.|i\.e\.|eg\b|ex\.|예:|예를 들어|such as|including)/i;
/** Marks to drop before reading the words in front of a parenthesis ('**지식 증류**(...)'). */
const MARKUP = /[*_`~]/g;
/** Where the phrase in front of a parenthesis starts at the latest. */
const PHRASE_START = /[.,;:!?。、\n()[\]{}"'“”‘’<>|/=]/g;
const LOOK_BACK_CHARS = 80;
const PARTICLE =
  /(?:으로|에서|에게|까지|부터|처럼|보다|이라는|라는|이라고|라고|이며|이고|이다|하는|하여|해서|은|는|이|가|을|를|의|에|와|과|도|로|만|인)$/u;
/** A word ending like this closes a clause or modifies what follows, so it is not part of a rendering. */
const CLAUSE_END = /(?:는|은|을|를|의|에|로|고|며|서|면|한|된|인|와|과|던|할|될|게|지)$/u;
/** Nouns that introduce an explanation rather than a rendering: '…줄이는 기법(quantization)'. */
const GENERIC_HEADS = new Set([
  '기법',
  '방법',
  '방식',
  '기술',
  '모델',
  '과정',
  '단계',
  '구조',
  '문제',
  '현상',
  '작업',
  '과제',
  '것',
  '개념',
  '전략',
  '접근',
  '접근법',
  '알고리즘',
  '프레임워크',
  '용어',
]);
/** Share of a long rendering's words that must appear for it to pass. */
const LONG_RENDERING_WORDS = 3;
const LONG_RENDERING_SHARE = 0.75;

function normalize(text: string): string {
  return text
    .normalize('NFC')
    .toLowerCase()
    .replace(/[\s\-‐‑–·_]+/g, '');
}

function wordsOf(text: string): string[] {
  return text.split(/[\s\-‐‑–]+/).filter((word) => word !== '');
}

function parentheses(text: string): Parenthesis[] {
  return [...text.matchAll(PARENTHESIS)].map((match) => ({
    open: match.index,
    close: match.index + match[0].length - 1,
    content: match[1] ?? '',
  }));
}

/** The words written just before `position`, back to the start of the phrase. */
function wordsBefore(text: string, position: number): string[] {
  const before = text.slice(Math.max(0, position - LOOK_BACK_CHARS), position).replace(MARKUP, '');
  let start = 0;
  for (const stop of before.matchAll(PHRASE_START)) start = stop.index + 1;
  return wordsOf(before.slice(start));
}

/** The word as written and without a trailing particle ('증류를' → '증류'); a stem may end like a particle ('평가'). */
function wordForms(word: string): string[] {
  const stripped = word.replace(PARTICLE, '');
  return stripped === '' || stripped === word ? [word] : [word, stripped];
}

function isGenericHead(word: string): boolean {
  return wordForms(word).some((form) => GENERIC_HEADS.has(form));
}

function isAcceptable(entry: GlossaryEntry, words: string[]): boolean {
  const window = normalize(words.join(' '));
  const forms = [entry.ko, ...(entry.accept ?? []), ...(entry.keepEnglish ? (entry.aliases ?? []) : [])];
  if (forms.some((form) => window.includes(normalize(form)))) return true;
  const renderingWords = wordsOf(entry.ko);
  const present = renderingWords.filter((word) => window.includes(normalize(word))).length;
  if (
    renderingWords.length >= LONG_RENDERING_WORDS &&
    present / renderingWords.length >= LONG_RENDERING_SHARE
  ) {
    return true;
  }
  // A shortening stands alone ('…옮기는 증류'); after a bare noun it is another compound ('대기 시간').
  const previous = words.at(-2);
  if (entry.keepEnglish || (previous !== undefined && !CLAUSE_END.test(previous))) return false;
  const rendering = normalize(entry.ko);
  return wordForms(words.at(-1) ?? '').some(
    (form) => form.length >= 2 && rendering.includes(normalize(form)),
  );
}

function finding(entry: GlossaryEntry, found: string): GlossaryFinding {
  return {
    en: entry.en,
    expected: entry.keepEnglish ? entry.en : entry.ko,
    found,
    kind: entry.keepEnglish ? 'translated' : 'different',
  };
}

/** 'Korean(English)': judges the Korean in front of a parenthesis that glosses one glossary term. */
function checkBeforeParenthesis(
  text: string,
  parenthesis: Parenthesis,
  hits: GlossaryHit[],
): GlossaryFinding | null {
  const entries = new Set(hits.map((hit) => hit.entry));
  const [entry] = entries;
  if (!entry || entries.size > 1) return null;
  if (HANGUL.test(parenthesis.content) || EXAMPLE_LIST.test(parenthesis.content)) return null;
  let rest = parenthesis.content;
  for (const hit of [...hits].reverse()) {
    rest = rest.slice(0, hit.start - parenthesis.open - 1) + rest.slice(hit.end - parenthesis.open - 1);
  }
  if ((rest.match(/[A-Za-z]{2,}/g)?.length ?? 0) > 2) return null;

  const window = wordsBefore(text, parenthesis.open).slice(-(wordsOf(entry.ko).length + 2));
  const last = window.at(-1);
  if (!last || !HANGUL.test(last) || isGenericHead(last)) return null;
  if (isAcceptable(entry, window)) return null;
  return finding(entry, renderingAtEnd(window, entry).join(' '));
}

/** The words that make up the rendering at the end of `window`: as many as the glossary's, or two for a kept name. */
function renderingAtEnd(window: string[], entry: GlossaryEntry): string[] {
  const words = window.slice(-Math.max(2, wordsOf(entry.ko).length));
  while (words.length > 1 && (CLAUSE_END.test(words[0] ?? '') || !HANGUL.test(words[0] ?? ''))) words.shift();
  return words;
}

/** 'English(Korean)': judges a Korean parenthesis right after a glossary term. */
function checkAfterTerm(text: string, hit: GlossaryHit): GlossaryFinding | null {
  if (hit.entry.keepEnglish) return null;
  const after = /^ ?[(（]([^()（）\n]*)[)）]/.exec(text.slice(hit.end));
  const gloss = after?.[1]?.replace(MARKUP, '').trim();
  if (!gloss || !HANGUL.test(gloss) || LATIN.test(gloss)) return null;
  const words = wordsOf(gloss);
  if (isGenericHead(words.at(-1) ?? '')) return null;
  return isAcceptable(hit.entry, words) ? null : finding(hit.entry, gloss);
}

/**
 * The selected entries the output rendered differently from the glossary, once per different
 * rendering, in the order they appear. `entries` is what went into the prompt.
 */
export function checkGlossaryRendering(entries: readonly GlossaryEntry[], output: string): GlossaryFinding[] {
  if (entries.length === 0) return [];
  const hits = findGlossaryHits(compileGlossary(entries), output);
  const groups = parentheses(output);
  const inside = (hit: GlossaryHit, group: Parenthesis) => hit.start > group.open && hit.end <= group.close;
  const found: { finding: GlossaryFinding; at: number }[] = [];
  for (const group of groups) {
    const finding = checkBeforeParenthesis(
      output,
      group,
      hits.filter((hit) => inside(hit, group)),
    );
    if (finding) found.push({ finding, at: group.open });
  }
  for (const hit of hits) {
    const finding = groups.some((group) => inside(hit, group)) ? null : checkAfterTerm(output, hit);
    if (finding) found.push({ finding, at: hit.start });
  }
  const seen = new Set<string>();
  return found
    .sort((a, b) => a.at - b.at)
    .map((item) => item.finding)
    .filter((finding) => {
      const key = `${finding.en}\u0000${normalize(finding.found)}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}

/** A short Korean line for the panel's meta line: `용어: 지식 정제 → 지식 증류(knowledge distillation)`. */
export function describeGlossaryFindings(findings: readonly GlossaryFinding[]): string {
  if (findings.length === 0) return '';
  const items = findings.map((item) =>
    item.kind === 'translated'
      ? t('glossaryCheck.keptEnglish', { found: item.found, expected: item.expected })
      : t('glossaryCheck.translated', { found: item.found, expected: item.expected, en: item.en }),
  );
  return t('glossaryCheck.differs', { items: items.join(', ') });
}
