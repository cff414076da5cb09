// Finds glossary terms in English or Korean text: a word trie, so a 60 KB paper is one pass over its words.
//
// Matching rules:
// - Words are runs of ASCII letters and digits, so a term glued to Korean ('LoRA를') still matches and
//   a term inside a longer word ('QLoRA' for 'LoRA') does not.
// - A word with two capitals or a capital after its first letter (RLHF, LoRA, MoE, vLLM) must match
//   exactly (plus a plural -s at the end: LLMs); every other word matches in any case.
// - Between the words of a term: spaces, line breaks or hyphens ('fine-tuning' = 'fine tuning'), and
//   between two plain lower-case words also nothing ('finetuning', 'supervised finetuning'). A term
//   written as one word does not match split spellings: those are aliases ('back-propagation').
// - The last word may be plural (-s, -es, -y → -ies) or, for a term written in the plural, singular.
// - Leftmost-longest: 'supervised fine-tuning' is one hit, not also 'fine-tuning'.
import type { GlossaryEntry } from './entry.ts';

export interface GlossaryHit {
  entry: GlossaryEntry;
  /** UTF-16 offsets of the matched text. */
  start: number;
  end: number;
}

interface TermWord {
  lower: string;
  /** The exact spelling required, for acronyms and mixed-case words; null when any case goes. */
  exact: string | null;
}

interface Candidate {
  entry: GlossaryEntry;
  words: TermWord[];
  /** The spelling these words came from, so a later entry with the same spelling replaces it. */
  spelling: string;
}

interface TrieNode {
  next: Map<string, TrieNode>;
  candidates: Candidate[];
}

export interface CompiledGlossary {
  readonly entries: readonly GlossaryEntry[];
  readonly root: TrieNode;
}

const WORD = /[A-Za-z0-9]+/g;
/** What may stand between two words of one term: up to four spaces, line breaks and hyphens. */
const GAP_CODES = new Set(
  [' ', '\t', '\r', '\n', '\u00a0', '-', '‐', '‑', '–'].map((char) => char.charCodeAt(0)),
);
const MAX_GAP = 4;
/** Terms longer than this are matched only as written (closing up is 2^(words-1) spellings). */
const MAX_CLOSED_UP_WORDS = 4;

function isCaseSensitive(word: string): boolean {
  const capitals = word.match(/[A-Z]/g)?.length ?? 0;
  return capitals >= 2 || (capitals === 1 && /[A-Z]/.test(word.slice(1)));
}

function termWords(spelling: string): TermWord[] {
  return (spelling.match(WORD) ?? []).map((word) => ({
    lower: word.toLowerCase(),
    exact: isCaseSensitive(word) ? word : null,
  }));
}

/** Other forms of a term's last word: plurals, and the singular of a term written in the plural. */
function lastWordForms(word: TermWord): string[] {
  const { lower } = word;
  if (word.exact !== null) return [lower, `${lower}s`];
  if (/\d$/.test(lower)) return [lower];
  const forms = [lower, `${lower}s`, `${lower}es`];
  if (/[^aeiou]y$/.test(lower)) forms.push(`${lower.slice(0, -1)}ies`);
  if (/ies$/.test(lower)) forms.push(`${lower.slice(0, -3)}y`);
  else if (lower.length > 4 && /[^su]s$/.test(lower) && !/(?:ss|us|is)$/.test(lower))
    forms.push(lower.slice(0, -1));
  return forms;
}

function newNode(): TrieNode {
  return { next: new Map(), candidates: [] };
}

function insert(root: TrieNode, keys: string[], candidate: Candidate): void {
  let node = root;
  for (const key of keys) {
    let child = node.next.get(key);
    if (!child) {
      child = newNode();
      node.next.set(key, child);
    }
    node = child;
  }
  // A later entry with the same spelling wins (user entries are merged after the shipped ones).
  node.candidates = node.candidates.filter((known) => known.spelling !== candidate.spelling);
  node.candidates.push(candidate);
}

function isPlain(word: TermWord): boolean {
  return word.exact === null && /^[a-z]+$/.test(word.lower);
}

/** The term as written and with any run of adjacent plain words closed up: fine|tuning → finetuning. */
function closedUpVariants(words: TermWord[]): TermWord[][] {
  const [first, ...rest] = words;
  if (!first || words.length > MAX_CLOSED_UP_WORDS) return [words];
  let variants: TermWord[][] = [[first]];
  for (const word of rest) {
    variants = variants.flatMap((variant) => {
      const previous = variant.at(-1) as TermWord;
      const apart = [...variant, word];
      if (!isPlain(previous) || !isPlain(word)) return [apart];
      return [apart, [...variant.slice(0, -1), { lower: previous.lower + word.lower, exact: null }]];
    });
  }
  return variants;
}

function addSpelling(root: TrieNode, entry: GlossaryEntry, spelling: string): void {
  for (const words of closedUpVariants(termWords(spelling))) {
    const last = words.at(-1);
    if (!last) continue;
    const key = words.map((word) => word.exact ?? word.lower).join(' ');
    const head = words.slice(0, -1).map((word) => word.lower);
    for (const form of lastWordForms(last)) insert(root, [...head, form], { entry, words, spelling: key });
  }
}

/** Builds the matcher once per glossary; later entries win a spelling two entries share. */
export function compileGlossary(entries: readonly GlossaryEntry[]): CompiledGlossary {
  const root = newNode();
  for (const entry of entries) {
    for (const spelling of [entry.en, ...(entry.aliases ?? [])]) addSpelling(root, entry, spelling);
  }
  return { entries, root };
}

const compiledByList = new WeakMap<readonly GlossaryEntry[], CompiledGlossary>();

/**
 * The compiled form of a glossary list, built on first use and kept while the list lives: compiling
 * the shipped glossary costs ~10 ms, matching a paper ~2 ms. Pass the same array (not a copy) each time.
 */
export function compiledGlossaryFor(entries: readonly GlossaryEntry[]): CompiledGlossary {
  let compiled = compiledByList.get(entries);
  if (!compiled) {
    compiled = compileGlossary(entries);
    compiledByList.set(entries, compiled);
  }
  return compiled;
}

interface TextWord {
  text: string;
  lower: string;
  start: number;
  end: number;
}

function isWordCode(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57);
}

/** The same words as WORD finds; a char-code loop, because it is three times faster on a long paper. */
function textWords(text: string): TextWord[] {
  const words: TextWord[] = [];
  let at = 0;
  while (at < text.length) {
    if (!isWordCode(text.charCodeAt(at))) {
      at++;
      continue;
    }
    const start = at;
    while (at < text.length && isWordCode(text.charCodeAt(at))) at++;
    const word = text.slice(start, at);
    words.push({ text: word, lower: word.toLowerCase(), start, end: at });
  }
  return words;
}

function isWordGap(text: string, from: number, to: number): boolean {
  if (to - from > MAX_GAP) return false;
  for (let at = from; at < to; at++) if (!GAP_CODES.has(text.charCodeAt(at))) return false;
  return true;
}

function casesAgree(candidate: Candidate, words: TextWord[], from: number): boolean {
  const last = candidate.words.length - 1;
  return candidate.words.every((termWord, offset) => {
    if (termWord.exact === null) return true;
    const written = words[from + offset]?.text;
    return written === termWord.exact || (offset === last && written === `${termWord.exact}s`);
  });
}

/** Every glossary term in the text, in order, without overlaps. */
export function findGlossaryHits(glossary: CompiledGlossary, text: string): GlossaryHit[] {
  const words = textWords(text);
  const hits: GlossaryHit[] = [];
  let index = 0;
  while (index < words.length) {
    let node: TrieNode | undefined = glossary.root;
    let best: { entry: GlossaryEntry; last: number } | null = null;
    for (let at = index; at < words.length; at++) {
      const word = words[at] as TextWord;
      if (at > index) {
        const previous = words[at - 1] as TextWord;
        if (!isWordGap(text, previous.end, word.start)) break;
      }
      node = node.next.get(word.lower);
      if (!node) break;
      const agreeing = node.candidates.findLast((candidate) => casesAgree(candidate, words, index));
      if (agreeing) best = { entry: agreeing.entry, last: at };
    }
    if (best) {
      hits.push({
        entry: best.entry,
        start: (words[index] as TextWord).start,
        end: (words[best.last] as TextWord).end,
      });
      index = best.last + 1;
    } else {
      index++;
    }
  }
  return hits;
}

/** How many entries go into one prompt by default: enough for a dense abstract, few enough to stay cheap. */
export const DEFAULT_GLOSSARY_LIMIT = 40;

/**
 * The entries whose terms appear in the text, in order of first appearance. When more than `limit`
 * appear, the ones the text uses most are kept (ties: the earlier), still listed in order of appearance.
 */
export function selectGlossaryEntries(
  glossary: CompiledGlossary,
  text: string,
  limit = DEFAULT_GLOSSARY_LIMIT,
): GlossaryEntry[] {
  const found = new Map<GlossaryEntry, { first: number; count: number }>();
  for (const hit of findGlossaryHits(glossary, text)) {
    const known = found.get(hit.entry);
    if (known) known.count++;
    else found.set(hit.entry, { first: hit.start, count: 1 });
  }
  const all = [...found.entries()];
  const kept =
    all.length <= limit
      ? all
      : [...all]
          .sort(([, a], [, b]) => b.count - a.count || a.first - b.first)
          .slice(0, limit)
          .sort(([, a], [, b]) => a.first - b.first);
  return kept.map(([entry]) => entry);
}
