// What the deep reading reads, within the model's context: the reading plan of a deep summary and
// its estimate, one section with its subsections, the parts of a long paper that bear on a question,
// and the code and data links. Pure: full text and settings in, prompt inputs out.

import { costOf, estimateTokens } from '../../shared/cost.ts';
import type { DeepEstimate } from '../../shared/deep-domain.ts';
import { effectiveProvider } from '../../shared/providers.ts';
import type { Settings } from '../../shared/settings.ts';
import type { CodeLink } from '../cache.ts';
import {
  paperAsText,
  planReading,
  type ReadingPlan,
  sectionBlocks,
  textBudget,
  topLevelUnits,
} from '../fulltext/chunking.ts';
import { codeOrDataLink } from '../fulltext/links.ts';
import type { FullTextFigure, FullTextSection, PaperFullText } from '../fulltext/types.ts';
import { describeModel, priceOf } from '../models/catalogue.ts';
import { firstGuess } from '../request-plan.ts';
import { figureLines } from './figures.ts';
import {
  buildDeepSummaryPrompt,
  buildPartNotesPrompt,
  buildQuestionPrompt,
  buildSectionPrompt,
  DEEP_ANSWER_TOKENS,
  EXPECTED_DEEP_TOKENS,
  EXPECTED_NOTES_TOKENS,
  NOTES_ANSWER_TOKENS,
  QUESTION_ANSWER_TOKENS,
  SECTION_ANSWER_TOKENS,
} from './prompt.ts';

/**
 * The context assumed for a model the catalogue does not know (another provider's, a local one):
 * small enough for most servers, so a long paper is read in parts rather than cut off unseen.
 */
export const DEFAULT_CONTEXT_TOKENS = 32_000;

/** `html-v2` (arXiv's HTML of version 2), `html` (version not said), `pdf`. */
export function textVersionOf(fullText: PaperFullText): string {
  const source = fullText.source === 'pdf' ? 'pdf' : 'html';
  return fullText.version ? `${source}-${fullText.version}` : source;
}

export interface DeepBudget {
  contextTokens: number;
  /** The request's output cap with any thinking room: kept free of text in every request. */
  answerTokens: number;
}

/** The context and output room a request of this kind has with the settings' model. */
export function budgetFor(settings: Settings, answerTokens: number): DeepBudget {
  const model = describeModel(settings.model);
  const plan = firstGuess(model, effectiveProvider(settings.provider, settings.baseURL), answerTokens);
  return {
    contextTokens: model.contextWindow ?? DEFAULT_CONTEXT_TOKENS,
    answerTokens: plan.outputTokenLimit,
  };
}

const promptTokens = (messages: { content: string }[]) =>
  estimateTokens(messages.map((message) => message.content).join('\n'));

export interface HfLinks {
  githubRepo?: string | null;
  projectPage?: string | null;
}

/** Hugging Face's links first (the authors put them there), then the paper's own, once each. */
export function codeLinks(fullText: PaperFullText, hf: HfLinks): CodeLink[] {
  const links: CodeLink[] = [];
  const add = (url: string | null | undefined, from: CodeLink['from']) => {
    const checked = url ? (from === 'paper' ? codeOrDataLink(url) : safeHttpsUrl(url)) : null;
    if (checked && !links.some((link) => sameAddress(link.url, checked))) links.push({ url: checked, from });
  };
  add(hf.githubRepo, 'github');
  add(hf.projectPage, 'project');
  for (const link of fullText.links.slice(0, 30)) add(link, 'paper');
  return links;
}

function safeHttpsUrl(value: string): string | null {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' && !/["'<>\s]/.test(url.href) ? url.href : null;
  } catch {
    return null;
  }
}

const sameAddress = (a: string, b: string) =>
  a.replace(/\/+$/, '').toLowerCase() === b.replace(/\/+$/, '').toLowerCase();

/** The deep summary's reading plan: the whole paper in one request when it fits, else parts. */
export function planDeepReading(fullText: PaperFullText, settings: Settings, links: CodeLink[]): ReadingPlan {
  const budget = budgetFor(settings, DEEP_ANSWER_TOKENS);
  const overhead = promptTokens(
    buildDeepSummaryPrompt({
      title: fullText.title,
      text: '',
      figures: figureLines(fullText.figures),
      links,
    }),
  );
  return planReading(fullText, {
    contextTokens: budget.contextTokens,
    answerTokens: budget.answerTokens,
    promptTokens: overhead,
    partAnswerTokens: NOTES_ANSWER_TOKENS,
  });
}

/** Tokens, requests and price of a deep summary, from the same plan the summary will follow. */
export function estimateDeepReading(
  fullText: PaperFullText,
  settings: Settings,
  links: CodeLink[],
): DeepEstimate {
  const plan = planDeepReading(fullText, settings, links);
  const deepOverhead = promptTokens(
    buildDeepSummaryPrompt({
      title: fullText.title,
      text: '',
      figures: figureLines(fullText.figures),
      links,
    }),
  );
  const notesOverhead = promptTokens(buildPartNotesPrompt({ title: fullText.title, label: '', text: '' }));
  let inputTokens = 0;
  let outputTokens = 0;
  let requests = 0;
  if (plan.whole) {
    inputTokens = deepOverhead + plan.whole.tokens;
    outputTokens = EXPECTED_DEEP_TOKENS;
    requests = 1;
  } else {
    for (const chunk of plan.chunks) {
      inputTokens += notesOverhead + chunk.tokens;
      outputTokens += EXPECTED_NOTES_TOKENS;
      requests++;
    }
    const abstractTokens = estimateTokens(fullText.abstract);
    plan.combineRounds.forEach((round, r) => {
      const last = r === plan.combineRounds.length - 1;
      for (const group of round) {
        inputTokens +=
          (last ? deepOverhead : notesOverhead) + abstractTokens + group.length * EXPECTED_NOTES_TOKENS;
        outputTokens += last ? EXPECTED_DEEP_TOKENS : EXPECTED_NOTES_TOKENS;
        requests++;
      }
    });
  }
  const { contextTokens } = budgetFor(settings, DEEP_ANSWER_TOKENS);
  return {
    model: settings.model,
    source: fullText.source,
    textVersion: textVersionOf(fullText),
    textTokens: estimateTokens(paperAsText(fullText)),
    inputTokens,
    outputTokens,
    tokens: inputTokens + outputTokens,
    cost: costOf(
      { promptTokens: inputTokens, completionTokens: outputTokens },
      priceOf(settings.model, settings.prices),
    ),
    requests,
    chunks: plan.whole ? 1 : plan.chunks.length,
    contextTokens,
  };
}

// ---- Sections ----------------------------------------------------------------------------------

/** Stable within a text version: LaTeXML's id, else the section's place (PDF sections have no id). */
export function sectionKeyOf(section: FullTextSection, index: number): string {
  return section.id || `s${index}`;
}

/** Explained on demand: numbered or titled top-level sections (appendices too), not the preamble. */
export function isExplainable(section: FullTextSection): boolean {
  return section.depth === 1 && (section.title !== '' || section.number !== '');
}

export interface SectionGroup {
  /** The section and its subsections, in order. */
  sections: FullTextSection[];
  /** "§3 Method" */
  label: string;
  figures: FullTextFigure[];
}

/** The top-level section with this key and everything under it; null when there is none. */
export function sectionGroup(fullText: PaperFullText, key: string): SectionGroup | null {
  const start = fullText.sections.findIndex((section, index) => sectionKeyOf(section, index) === key);
  const head = fullText.sections[start];
  if (!head || !isExplainable(head)) return null;
  const sections = [head];
  for (const section of fullText.sections.slice(start + 1)) {
    if (section.depth <= head.depth) break;
    sections.push(section);
  }
  const numbers = new Set(sections.map((section) => section.number).filter(Boolean));
  return {
    sections,
    label: `${head.number ? `§${head.number} ` : ''}${head.title}`.trim(),
    figures: fullText.figures.filter((figure) => numbers.has(figure.sectionNumber)),
  };
}

/** Cuts text to about `limit` tokens at a paragraph boundary, saying that it did. */
function fitText(blocks: string[], limit: number): { text: string; cut: boolean } {
  const kept: string[] = [];
  let used = 0;
  for (const block of blocks) {
    const size = estimateTokens(block) + 1;
    if (used + size > limit) {
      if (kept.length === 0) kept.push(block.slice(0, Math.max(0, limit * 3)));
      return { text: [...kept, '[… 이하 생략: 모델의 맥락 한도]'].join('\n\n'), cut: true };
    }
    kept.push(block);
    used += size;
  }
  return { text: kept.join('\n\n'), cut: false };
}

/** The prompt input of a section's explanation, cut to the model's context if it must be. */
export function sectionPromptInput(fullText: PaperFullText, group: SectionGroup, settings: Settings) {
  const figures = figureLines(group.figures);
  const overhead = promptTokens(
    buildSectionPrompt({
      title: fullText.title,
      abstract: fullText.abstract,
      sectionLabel: group.label,
      text: '',
      figures,
    }),
  );
  const budget = budgetFor(settings, SECTION_ANSWER_TOKENS);
  const limit = textBudget({ ...budget, promptTokens: overhead });
  const blocks = group.sections.flatMap((section) => sectionBlocks(section, fullText.figures));
  return {
    title: fullText.title,
    abstract: fullText.abstract,
    sectionLabel: group.label,
    text: fitText(blocks, limit).text,
    figures,
  };
}

// ---- Questions ---------------------------------------------------------------------------------

/** Question words a Korean reader uses, and the English a paper says them in. */
const KOREAN_HINTS: [RegExp, string[]][] = [
  [/한계|단점|약점/, ['limitation', 'limitations', 'limited', 'future', 'fail', 'failure']],
  [
    /재현|코드|구현|공개/,
    ['code', 'github', 'implementation', 'release', 'available', 'reproduce', 'hyperparameters'],
  ],
  [/데이터/, ['data', 'dataset', 'datasets', 'corpus']],
  [/실험|평가|벤치마크/, ['experiment', 'experiments', 'evaluation', 'benchmark', 'benchmarks']],
  [/결과|성능|정확도/, ['result', 'results', 'performance', 'accuracy', 'outperforms']],
  [/방법|기법|구조|아키텍처/, ['method', 'approach', 'architecture', 'model', 'framework']],
  [/기존|차이|비교|선행/, ['related', 'prior', 'previous', 'baseline', 'baselines', 'compared', 'existing']],
  [/학습|훈련/, ['training', 'train', 'trained', 'optimizer', 'learning']],
  [/비용|자원|gpu|계산|효율/i, ['compute', 'gpu', 'gpus', 'cost', 'flops', 'efficiency', 'hours']],
  [/손실|목적 함수|수식/, ['loss', 'objective', 'equation']],
  [/하이퍼파라미터|설정/, ['hyperparameters', 'learning', 'rate', 'batch', 'setup', 'settings']],
];

const STOPWORDS = new Set(
  'the and for with that this from are was were what how does why which into than then their there our its can using use used paper'.split(
    ' ',
  ),
);

/** The words of a question to look for in the paper: its English words and hints for its Korean ones. */
export function questionTerms(question: string): string[] {
  const english = (question.toLowerCase().match(/[a-z][a-z0-9-]{2,}/g) ?? []).filter(
    (word) => !STOPWORDS.has(word),
  );
  const hinted = KOREAN_HINTS.flatMap(([pattern, words]) => (pattern.test(question) ? words : []));
  return [...new Set([...english, ...hinted])];
}

/**
 * The paper's text for a question: all of it when it fits, else the abstract and the top-level
 * sections that mention the question's words most (in reading order), as many as fit.
 */
export function questionContext(
  fullText: PaperFullText,
  question: string,
  settings: Settings,
  history: { question: string; answer: string }[],
): { context: string; partial: boolean } {
  const budget = budgetFor(settings, QUESTION_ANSWER_TOKENS);
  const overhead = promptTokens(
    buildQuestionPrompt({ title: fullText.title, context: '', partial: true, history, question }),
  );
  const limit = textBudget({ ...budget, promptTokens: overhead });
  const whole = paperAsText(fullText);
  if (estimateTokens(whole) <= limit) return { context: whole, partial: false };

  const units = topLevelUnits(fullText).map((unit, index) => ({
    index,
    text: unit.blocks.join('\n\n'),
    abstract: unit.sections[0] === 'Abstract',
  }));
  const terms = questionTerms(question);
  const scored = units.map((unit) => {
    const words = unit.text.toLowerCase().match(/[a-z][a-z0-9-]{2,}/g) ?? [];
    const hits = words.filter((word) => terms.includes(word)).length;
    // Longer sections mention everything more often: weigh hits by the square root of the length.
    return { ...unit, score: hits / Math.sqrt(Math.max(words.length, 1)), tokens: estimateTokens(unit.text) };
  });
  const chosen = new Set<number>();
  let used = 0;
  const take = (unit: (typeof scored)[number]) => {
    if (used + unit.tokens > limit) return;
    chosen.add(unit.index);
    used += unit.tokens;
  };
  for (const unit of scored) if (unit.abstract) take(unit);
  for (const unit of [...scored].sort((a, b) => b.score - a.score)) if (unit.score > 0) take(unit);
  // Room left (or no word matched): the paper from its beginning.
  for (const unit of scored) take(unit);
  // Every section alone is larger than the room: the beginning of the paper, cut to fit.
  if (chosen.size === 0)
    return {
      context: fitText([`# ${fullText.title}`, ...units.map((u) => u.text)], limit).text,
      partial: true,
    };
  const context = [
    `# ${fullText.title}`,
    ...scored.filter((unit) => chosen.has(unit.index)).map((unit) => unit.text),
  ].join('\n\n');
  return { context, partial: true };
}
