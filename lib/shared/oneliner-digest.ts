// The day's one-liners as a compact Markdown digest: per paper its Korean title linked to arXiv and
// its one line; with 추천순 the recommended papers first, under their own heading. Pure: data in,
// Markdown out (the full digest with summaries is lib/shared/digest.ts).
import { escapeMarkdownText } from './digest.ts';

export interface OneLinerDigestPaper {
  id: string;
  /** The English title: named in the note when the paper has no one-liner. */
  title: string;
  titleKo: string | null;
  tldrKo: string | null;
  recommended: boolean;
  /** Why it is recommended, shown after its line. */
  reasonKo?: string | null;
}

export interface OneLinerDigestOptions {
  /** What the heading names: `2026-11-20`, `2026-W47`, `2026-10`. */
  period: string;
  /** `page`: as given, recommended ones marked; `recommended`: the recommended first, apart. */
  order: 'page' | 'recommended';
}

const ARXIV = 'https://arxiv.org/abs/';

function oneLine(text: string): string {
  return escapeMarkdownText(text.replace(/\s+/g, ' ').trim());
}

function entry(paper: OneLinerDigestPaper, markRecommended: boolean): string {
  const line = `- [${oneLine(paper.titleKo ?? paper.title)}](${ARXIV}${paper.id}): ${oneLine(paper.tldrKo ?? '')}`;
  if (!paper.recommended) return line;
  const reason = paper.reasonKo ? ` (${oneLine(paper.reasonKo)})` : '';
  return markRecommended ? `${line} **추천**${reason}` : `${line}${reason}`;
}

/** Papers left out for want of a one-liner, named so none vanishes unnoticed. */
function missingNote(papers: OneLinerDigestPaper[]): string[] {
  if (papers.length === 0) return [];
  const links = papers.map((paper) => `[${escapeMarkdownText(paper.title)}](${ARXIV}${paper.id})`);
  return ['', `> 한 줄 요약이 없어 ${papers.length}편을 뺐습니다: ${links.join(', ')}`];
}

export function renderOneLinerDigest(papers: OneLinerDigestPaper[], options: OneLinerDigestOptions): string {
  const ready = papers.filter((paper) => paper.titleKo && paper.tldrKo);
  const missing = papers.filter((paper) => !(paper.titleKo && paper.tldrKo));
  const lines = [`## Daily Papers 한 줄 요약 (${options.period})`, ''];
  const recommended = ready.filter((paper) => paper.recommended);
  if (options.order === 'recommended' && recommended.length > 0) {
    const rest = ready.filter((paper) => !paper.recommended);
    lines.push('### 추천', '', ...recommended.map((paper) => entry(paper, false)));
    if (rest.length > 0) lines.push('', '### 그 밖의 논문', '', ...rest.map((paper) => entry(paper, false)));
  } else {
    lines.push(...ready.map((paper) => entry(paper, true)));
  }
  lines.push(...missingNote(missing));
  return `${lines.join('\n').trimEnd()}\n`;
}

export function oneLinerDigestFileName(period: string): string {
  return `daily-papers-${period}-oneliners.md`;
}
