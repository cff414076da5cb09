// The daily digest: a page's papers and their Korean summaries as one Markdown document in the
// daily_papers_ko format (../shared/notes/seed-digest-format.md). Pure: data in, Markdown out.
import type { SummaryStyle } from './summary/styles.ts';

export interface DigestPaper {
  id: string;
  title: string;
  upvotes: number | null;
  authors: string[];
  thumbnailUrl: string | null;
  videoUrl: string | null;
  summary: { text: string; style: SummaryStyle } | null;
}

export type DigestOrder = 'upvotes' | 'page';

export interface DigestOptions {
  /** What the heading names: `2026-11-20`, `2026-W47`, `2026-10`. */
  period: string;
  order: DigestOrder;
  /** The seed's project line at the top and license/citation at the bottom. */
  headerAndFooter: boolean;
}

/** Escapes what would change a title's meaning inside `[...]`: emphasis, code, brackets, HTML. */
export function escapeMarkdownText(text: string): string {
  return text.replace(/[\\`*_[\]<>#|~]/g, (char) => `\\${char}`).replace(/&/g, '&amp;');
}

/** Link targets come from data: only plain https URLs with nothing that ends a Markdown link. */
function safeUrl(url: string | null): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' ? parsed.href.replace(/[()<> ]/g, encodeURIComponent) : null;
  } catch {
    return null;
  }
}

/**
 * The body of a summary for the digest: the heading already names the paper in English, so the
 * model's bold Korean title line is dropped; bullets (or the newsletter sections) stay as written.
 */
export function summaryBody(text: string): string {
  const lines = text.trim().split('\n');
  if (/^\*\*[^*].*\*\*\s*$/.test(lines[0] ?? '')) lines.shift();
  return lines.join('\n').trim();
}

function media(paper: DigestPaper): string[] {
  const video = safeUrl(paper.videoUrl);
  if (video) {
    return [`[Watch Video](${video})`, `<div><video controls src="${video}"></video></div>`];
  }
  const image = safeUrl(paper.thumbnailUrl);
  return image ? [`![](${image})`] : [];
}

function section(paper: DigestPaper): string {
  const lines = [
    `### [${escapeMarkdownText(paper.title)}](https://arxiv.org/abs/${paper.id})`,
    '',
    ...media(paper),
  ];
  if (paper.upvotes !== null) lines.push(`Vote: ${paper.upvotes}`);
  lines.push('', `Authors: ${paper.authors.join(', ')}`, '');
  if (paper.summary) lines.push(summaryBody(paper.summary.text), '');
  return lines.join('\n');
}

export function orderPapers(papers: DigestPaper[], order: DigestOrder): DigestPaper[] {
  if (order === 'page') return papers;
  // Stable: equal votes keep the page's order.
  return papers
    .map((paper, index) => ({ paper, index }))
    .sort((a, b) => (b.paper.upvotes ?? -1) - (a.paper.upvotes ?? -1) || a.index - b.index)
    .map(({ paper }) => paper);
}

const HEADER = [
  '> Hugging Face [Daily Papers](https://huggingface.co/papers)를 한국어로 요약했습니다. Daily Papers KO로 만들었습니다.',
  '',
].join('\n');

const FOOTER = [
  '---',
  '',
  '요약은 언어 모델이 논문 초록으로 만든 것이라 틀릴 수 있습니다. 인용할 때는 원 논문(arXiv)을 확인하세요.',
  '논문의 저작권은 각 저자에게 있으며, 제목·저자·초록은 arXiv와 Hugging Face에서 가져왔습니다.',
  '',
].join('\n');

/** Papers without a summary are left out: the caller summarises them first if the user chose so. */
export function renderDigest(papers: DigestPaper[], options: DigestOptions): string {
  const parts = [`## Daily Papers (${options.period})`, ''];
  if (options.headerAndFooter) parts.push(HEADER);
  for (const paper of orderPapers(papers, options.order)) if (paper.summary) parts.push(section(paper));
  if (options.headerAndFooter) parts.push(FOOTER);
  return `${parts.join('\n').trimEnd()}\n`;
}

export function digestFileName(period: string): string {
  return `daily-papers-${period}.md`;
}
