// Plans the reading of a paper longer than the model's context: the text split at section
// boundaries into chunks that each fit one request, a summary per chunk, then combine steps that
// merge the summaries (in rounds, if even the summaries do not fit together). Pure: it returns the
// inputs of the prompts; building the prompts and calling the model are the caller's.
import { estimateTokens, PROMPT_OVERHEAD_TOKENS } from '../../shared/cost.ts';
import type { FullTextFigure, FullTextSection, PaperFullText } from './types.ts';

export interface ReadingBudget {
  /** The model's context window, in tokens. */
  contextTokens: number;
  /** Kept free in every request for its answer. */
  answerTokens: number;
  /** Instructions around the text in every request; the summary prompt's by default. */
  promptTokens?: number;
  /** Share of what is left that the text may fill: estimateTokens is an estimate. */
  safety?: number;
  /**
   * How long each part's summary may be, for planning the combine steps; `answerTokens` by default
   * (when the parts' summaries are asked for with a smaller cap than the final answer, say).
   */
  partAnswerTokens?: number;
}

export interface TextChunk {
  /** Section numbers (or titles, for unnumbered ones) the chunk covers, in order. */
  sections: string[];
  /** When one section had to be cut: which piece of it this is, e.g. { index: 2, of: 3 }. */
  part?: { index: number; of: number };
  /** The prompt input: the paper's title and the chunk's sections as Markdown-like text. */
  text: string;
  tokens: number;
}

export interface ReadingPlan {
  /** The whole paper as one input, when it fits one request; null otherwise. */
  whole: { text: string; tokens: number } | null;
  /** Inputs of the section-by-section requests, in reading order (empty when `whole` is set). */
  chunks: TextChunk[];
  /**
   * How chunk summaries are merged: each round lists groups of indices into the previous round's
   * results (the first round into `chunks`); every group is one combine request; the last round has
   * one group, whose result is the paper's summary. Empty when there is one chunk or none.
   */
  combineRounds: number[][][];
}

/** What the text of one request may take, in estimated tokens. */
export function textBudget(budget: ReadingBudget): number {
  const free = budget.contextTokens - budget.answerTokens - (budget.promptTokens ?? PROMPT_OVERHEAD_TOKENS);
  return Math.floor(Math.max(0, free) * (budget.safety ?? 0.9));
}

const heading = (section: FullTextSection) =>
  `${'#'.repeat(Math.min(6, Math.max(2, section.depth + 1)))} ${[section.number, section.title].filter(Boolean).join(' ')}`;

function figureText(figure: FullTextFigure): string {
  const label = `${figure.kind === 'table' ? 'Table' : 'Figure'} ${figure.number}`.trim();
  const rows = (figure.rows ?? []).map((row) => `| ${row.join(' | ')} |`);
  return [`${label}: ${figure.caption}`, ...rows].join('\n');
}

/** A section's own text (heading, paragraphs, its floats), without its subsections. */
export function sectionBlocks(section: FullTextSection, figures: FullTextFigure[]): string[] {
  const floats = section.number ? figures.filter((figure) => figure.sectionNumber === section.number) : [];
  return [
    ...(section.title || section.number ? [heading(section)] : []),
    ...section.paragraphs,
    ...floats.map(figureText),
  ];
}

/** The whole paper as prompt text: title, abstract, sections with their figure and table captions. */
export function paperAsText(paper: PaperFullText): string {
  return [
    `# ${paper.title}`,
    ...(paper.abstract ? ['## Abstract', paper.abstract] : []),
    ...paper.sections.flatMap((section) => sectionBlocks(section, paper.figures)),
  ].join('\n\n');
}

export interface Unit {
  /** Section numbers (or titles) it covers, in order. */
  sections: string[];
  /** Its text: heading, paragraphs and float captions, block by block. */
  blocks: string[];
  part?: { index: number; of: number };
}

/** Top-level sections with everything under them, in order; the abstract leads as a unit of its own. */
export function topLevelUnits(paper: PaperFullText): Unit[] {
  const units: Unit[] = paper.abstract
    ? [{ sections: ['Abstract'], blocks: ['## Abstract', paper.abstract] }]
    : [];
  for (const section of paper.sections) {
    const name = section.number || section.title || '(untitled)';
    const blocks = sectionBlocks(section, paper.figures);
    const last = units.at(-1);
    if (section.depth > 1 && last && last.sections[0] !== 'Abstract') {
      last.sections.push(name);
      last.blocks.push(...blocks);
    } else units.push({ sections: [name], blocks });
  }
  return units;
}

/** Cuts a text that is too long on its own at sentence (else word) boundaries. */
function cutText(text: string, limit: number): string[] {
  const pieces: string[] = [];
  let rest = text;
  while (estimateTokens(rest) > limit) {
    let end = rest.length;
    while (end > 1 && estimateTokens(rest.slice(0, end)) > limit) end = Math.floor(end * 0.8);
    const sentence = rest.slice(0, end).search(/[.!?。]\s+(?=[^.!?。]*$)/);
    const space = rest.lastIndexOf(' ', end);
    const cut = sentence > end / 2 ? sentence + 1 : space > end / 2 ? space : end;
    pieces.push(rest.slice(0, cut).trim());
    rest = rest.slice(cut).trim();
  }
  if (rest) pieces.push(rest);
  return pieces;
}

/** Splits a unit too large for one request into parts of whole blocks (paragraphs), cutting a block only if it alone is too large. */
function splitUnit(unit: Unit, limit: number): Unit[] {
  const blocks = unit.blocks.flatMap((block) =>
    estimateTokens(block) > limit ? cutText(block, limit) : [block],
  );
  const parts: string[][] = [[]];
  for (const block of blocks) {
    const current = parts.at(-1) as string[];
    if (current.length > 0 && estimateTokens([...current, block].join('\n\n')) > limit) parts.push([block]);
    else current.push(block);
  }
  return parts.map((part, i) => ({
    sections: unit.sections,
    blocks: part,
    part: { index: i + 1, of: parts.length },
  }));
}

/**
 * Groups items of the given sizes, in order, into as few consecutive groups as fit `limit` each
 * (an item larger than the limit gets a group of its own).
 */
export function packInOrder(sizes: number[], limit: number, joinCost = 0): number[][] {
  const groups: number[][] = [];
  let used = 0;
  sizes.forEach((size, index) => {
    const current = groups.at(-1);
    if (current && used + joinCost + size <= limit) {
      current.push(index);
      used += joinCost + size;
    } else {
      groups.push([index]);
      used = size;
    }
  });
  return groups;
}

/**
 * Rounds of combine requests for `count` summaries of about `summaryTokens` each, so that no
 * request holds more than `limit` tokens of summaries: one round if they all fit, more if not.
 */
export function planCombineRounds(count: number, summaryTokens: number, limit: number): number[][][] {
  const rounds: number[][][] = [];
  let items = count;
  while (items > 1) {
    const perGroup = Math.max(2, Math.floor(limit / Math.max(1, summaryTokens)));
    const groups = packInOrder(Array(items).fill(1), perGroup);
    rounds.push(groups);
    items = groups.length;
  }
  return rounds;
}

/**
 * The plan for reading a paper within a budget: the whole text when it fits, otherwise chunks of
 * consecutive top-level sections (a section is cut by paragraphs only when it alone is too long),
 * each with the paper's title, and the rounds that merge their summaries.
 */
export function planReading(paper: PaperFullText, budget: ReadingBudget): ReadingPlan {
  const limit = textBudget(budget);
  const whole = paperAsText(paper);
  const wholeTokens = estimateTokens(whole);
  if (wholeTokens <= limit)
    return { whole: { text: whole, tokens: wholeTokens }, chunks: [], combineRounds: [] };

  const titleLine = `# ${paper.title}`;
  const room = limit - estimateTokens(`${titleLine}\n\n`);
  const units = topLevelUnits(paper).flatMap((unit) =>
    estimateTokens(unit.blocks.join('\n\n')) > room ? splitUnit(unit, room) : [unit],
  );
  const sizes = units.map((unit) => estimateTokens(unit.blocks.join('\n\n')));
  const separator = estimateTokens('\n\n');
  const chunks = packInOrder(sizes, room, separator).map((group): TextChunk => {
    const members = group.map((i) => units[i] as Unit);
    const text = [titleLine, ...members.flatMap((unit) => unit.blocks)].join('\n\n');
    const sections = [...new Set(members.flatMap((unit) => unit.sections))];
    const part = members.length === 1 ? members[0]?.part : undefined;
    return { sections, ...(part && part.of > 1 ? { part } : {}), text, tokens: estimateTokens(text) };
  });
  const combineLimit = limit - estimateTokens(`${titleLine}\n\n## Abstract\n\n${paper.abstract}`);
  return {
    whole: null,
    chunks,
    combineRounds: planCombineRounds(
      chunks.length,
      budget.partAnswerTokens ?? budget.answerTokens,
      combineLimit,
    ),
  };
}

/** The input of one combine request: the paper's title and abstract, then the summaries to merge, labelled. */
export function combineInput(paper: PaperFullText, summaries: { label: string; text: string }[]): string {
  return [
    `# ${paper.title}`,
    ...(paper.abstract ? ['## Abstract', paper.abstract] : []),
    ...summaries.map((summary) => `## ${summary.label}\n\n${summary.text}`),
  ].join('\n\n');
}

/** "Sections 2–3", "Section 4 (part 2 of 3)": a chunk's label for the combine step. */
export function chunkLabel(chunk: TextChunk): string {
  const first = chunk.sections[0] ?? '';
  const last = chunk.sections.at(-1) ?? '';
  const range = chunk.sections.length > 1 ? `Sections ${first}–${last}` : `Section ${first}`;
  return chunk.part ? `${range} (part ${chunk.part.index} of ${chunk.part.of})` : range;
}
