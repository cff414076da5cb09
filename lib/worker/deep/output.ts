// Reads the deep reading's answers: a deep summary's sections, its key figure and suggested
// questions, a section explanation's Korean captions; checks them before they are kept; and turns
// a deep summary into the digest's 2024 newsletter entry. Pure.
import { checkSummaryOutput, type OutputProblem } from '../summary/output-check.ts';
import {
  CAPTIONS_HEADING,
  DEEP_SECTIONS,
  KEY_FIGURE_HEADING,
  NOT_IN_PAPER,
  QUESTIONS_HEADING,
} from './prompt.ts';

/** A figure or table as an answer names it: "Figure 2", "Fig. 3", "Table 1", "그림 2", "표 1". */
export interface FigureMention {
  kind: 'figure' | 'table';
  number: string;
}

export interface ParsedDeepSummary {
  /** What is shown: the Korean title and the sections, without the key figure and questions blocks. */
  text: string;
  /** The model's pick and its Korean caption; null when it named none. */
  keyFigure: (FigureMention & { captionKo: string }) | null;
  questions: string[];
  /** Which of DEEP_SECTIONS the answer has, by index. */
  sections: number[];
}

const SECTION_PATTERNS = [
  /what'?s\s*new/i,
  /technical\s*details?/i,
  /performance\s*highlights?/i,
  /한계|limitations?/i,
  /재현|reproducib/i,
];
const KEY_FIGURE_PATTERN = new RegExp(`${KEY_FIGURE_HEADING}|key\\s*figure`, 'i');
const QUESTIONS_PATTERN = new RegExp(`${QUESTIONS_HEADING}|suggested\\s*questions`, 'i');
const CAPTIONS_PATTERN = new RegExp(`${CAPTIONS_HEADING}|captions`, 'i');

/** The name of a heading line: `### Name`, or a line that is only `**Name**` (some models do that). */
function headingName(line: string): string | null {
  const hashes = /^\s{0,3}#{1,6}\s+(.+?)\s*#*\s*$/.exec(line);
  if (hashes?.[1]) return hashes[1].replace(/\*\*/g, '').trim();
  const bold = /^\s*\*\*([^*]+?)\*\*:?\s*$/.exec(line);
  return bold?.[1] ? bold[1].trim() : null;
}

interface Block {
  /** The heading's name, or null for the text before the first heading. */
  name: string | null;
  lines: string[];
}

function blocksOf(text: string): Block[] {
  const blocks: Block[] = [{ name: null, lines: [] }];
  for (const line of text.split('\n')) {
    const name = headingName(line);
    // A bold line is a heading only when it names a part we know; the title line stays text.
    const known =
      name !== null &&
      (/^\s*#/.test(line) ||
        [...SECTION_PATTERNS, KEY_FIGURE_PATTERN, QUESTIONS_PATTERN, CAPTIONS_PATTERN].some((p) =>
          p.test(name),
        ));
    if (known) blocks.push({ name, lines: [line] });
    else (blocks.at(-1) as Block).lines.push(line);
  }
  return blocks;
}

const MENTION =
  /(figure|fig\.?|table|tab\.?|그림|표)\s*([A-Z]?\d+(?:\.\d+)*|[A-Z](?:\.\d+)+)\s*(?:[:：.)\-–—]\s*)?(.*)$/i;

/** "Figure 2: …" → { figure, "2", "…" }; null when the line names no figure. */
export function figureMention(line: string): (FigureMention & { rest: string }) | null {
  const match = MENTION.exec(line.replace(/^\s*(?:[-*]|\d+[.)])\s+/, '').replace(/\*\*/g, ''));
  if (!match) return null;
  const word = (match[1] ?? '').toLowerCase();
  return {
    kind: word.startsWith('tab') || word === '표' ? 'table' : 'figure',
    number: match[2] ?? '',
    rest: (match[3] ?? '').trim(),
  };
}

const LIST_ITEM = /^\s*(?:[-*+]|\d+[.)])\s+(.+?)\s*$/;

export function parseDeepSummary(answer: string): ParsedDeepSummary {
  const shown: string[] = [];
  let keyFigure: ParsedDeepSummary['keyFigure'] = null;
  const questions: string[] = [];
  const sections = new Set<number>();
  for (const block of blocksOf(answer)) {
    if (block.name && KEY_FIGURE_PATTERN.test(block.name)) {
      for (const line of block.lines.slice(1)) {
        const mention = figureMention(line);
        if (mention) {
          keyFigure = { kind: mention.kind, number: mention.number, captionKo: mention.rest.slice(0, 2_000) };
          break;
        }
      }
    } else if (block.name && QUESTIONS_PATTERN.test(block.name)) {
      for (const line of block.lines.slice(1)) {
        const item = LIST_ITEM.exec(line)?.[1];
        if (item && questions.length < 3) questions.push(item.replace(/\*\*/g, '').slice(0, 300));
      }
    } else {
      if (block.name) {
        const index = SECTION_PATTERNS.findIndex((pattern) => pattern.test(block.name as string));
        if (index !== -1) sections.add(index);
      }
      shown.push(...block.lines);
    }
  }
  return {
    text: shown.join('\n').trim(),
    keyFigure,
    questions,
    sections: [...sections].sort((a, b) => a - b),
  };
}

export type DeepProblem = OutputProblem | 'noSections';

/** A deep summary must be Korean and have What's New and at least two more of its sections. */
export function checkDeepSummary(parsed: ParsedDeepSummary): DeepProblem | null {
  const language = checkSummaryOutput(parsed.text);
  if (language) return language;
  return parsed.sections.includes(0) && parsed.sections.length >= 3 ? null : 'noSections';
}

const HANGUL = /\p{Script=Hangul}/gu;
const HAN = /\p{Script=Han}/u;

/** An answer may be short ("논문에 없음."), but it must be there, Korean, and free of Chinese characters. */
export function checkAnswer(text: string): OutputProblem | null {
  const trimmed = text.trim();
  if (trimmed === '') return 'empty';
  if (HAN.test(trimmed)) return 'chinese';
  if (trimmed.startsWith(NOT_IN_PAPER)) return null;
  return (trimmed.match(HANGUL)?.length ?? 0) >= 4 ? null : 'notKorean';
}

/** A section explanation: what is shown, and the Korean captions it gave, by figure. */
export function parseSectionExplanation(answer: string): {
  text: string;
  captions: (FigureMention & { captionKo: string })[];
} {
  const shown: string[] = [];
  const captions: (FigureMention & { captionKo: string })[] = [];
  for (const block of blocksOf(answer)) {
    if (block.name && CAPTIONS_PATTERN.test(block.name)) {
      for (const line of block.lines.slice(1)) {
        const mention = figureMention(line);
        if (mention?.rest)
          captions.push({
            kind: mention.kind,
            number: mention.number,
            captionKo: mention.rest.slice(0, 2_000),
          });
      }
    } else shown.push(...block.lines);
  }
  return { text: shown.join('\n').trim(), captions };
}

/** A section's list items (or lines) as one paragraph, for the newsletter's one-paragraph sections. */
function asParagraph(lines: string[]): string {
  return lines
    .map((line) => (LIST_ITEM.exec(line)?.[1] ?? line).trim())
    .filter(Boolean)
    .join(' ');
}

/**
 * The digest's entry body for a deep summary, in the seed's 2024 newsletter format: the Korean
 * title line, then `- ***What's New***: …`, Technical Details and Performance Highlights as one
 * paragraph each (claims keep their § tags). Sections the summary lacks are left out.
 */
export function deepSummaryAsNewsletter(text: string): string {
  const blocks = blocksOf(text);
  const title = (blocks[0]?.lines ?? []).map((line) => line.trim()).find(Boolean);
  const entries: string[] = [];
  for (const [index, name] of DEEP_SECTIONS.slice(0, 3).entries()) {
    const block = blocks.find((b) => b.name !== null && SECTION_PATTERNS[index]?.test(b.name));
    const paragraph = block ? asParagraph(block.lines.slice(1)) : '';
    if (paragraph) entries.push(`- ***${name}***: ${paragraph}`);
  }
  return [...(title ? [title, ''] : []), ...entries].join('\n');
}
