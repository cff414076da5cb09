// The daily digest: a page's papers and their Korean summaries as one Markdown document in the
// daily_papers_ko format (../shared/notes/seed-digest-format.md). Pure: data in, Markdown out.
import type { RunOrder } from './domain.ts';
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

export interface DigestOptions {
  /** What the heading names: `2026-11-20`, `2026-W47`, `2026-10`. */
  period: string;
  order: RunOrder;
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

/** The seed lists every author up to this many; a longer list ends in "외 N명". */
const MAX_AUTHORS = 10;

export function authorLine(authors: string[]): string {
  if (authors.length <= MAX_AUTHORS) return `Authors: ${authors.join(', ')}`;
  const shown = authors.slice(0, MAX_AUTHORS - 1);
  return `Authors: ${shown.join(', ')} 외 ${authors.length - shown.length}명`;
}

/** The seed's videos were all mp4; Hugging Face also hosts webm. */
function videoType(url: string): string {
  return /\.webm(?:$|[?#])/i.test(url) ? 'video/webm' : 'video/mp4';
}

/** 2023 (bullets): the image right under the heading; a video as an iframe and a video block. */
function bulletsEntry(paper: DigestPaper, heading: string, body: string): string[] {
  const video = safeUrl(paper.videoUrl);
  const image = safeUrl(paper.thumbnailUrl);
  const media = video
    ? [
        '',
        `<iframe src="${video}" ></iframe>`,
        '',
        `<video width="320" height="240" controls><source src="${video}" type="${videoType(video)}"></video>`,
        '',
      ]
    : image
      ? [`![](${image})`]
      : [];
  return [heading, ...media, authorLine(paper.authors), '', body, ''];
}

/** 2024 (newsletter): a blank line, the image (or the video link and block), the votes, the authors. */
function newsletterEntry(paper: DigestPaper, heading: string, body: string): string[] {
  const video = safeUrl(paper.videoUrl);
  const image = safeUrl(paper.thumbnailUrl);
  const media = video
    ? [`[Watch Video](${video})`, `<div><video controls src="${video}"></video></div>`]
    : image
      ? [`![](${image})`]
      : [];
  const votes = paper.upvotes === null ? [] : [`Vote: ${paper.upvotes}`];
  return [heading, '', ...media, ...votes, '', authorLine(paper.authors), '', body, ''];
}

function section(paper: DigestPaper, summary: NonNullable<DigestPaper['summary']>): string {
  const heading = `### [${escapeMarkdownText(paper.title)}](https://arxiv.org/abs/${paper.id})`;
  const body = summaryBody(summary.text);
  return (summary.style === 'bullets' ? bulletsEntry : newsletterEntry)(paper, heading, body).join('\n');
}

function orderPapers(papers: DigestPaper[], order: RunOrder): DigestPaper[] {
  // 추천순: the page sent them ranked already (the ranking needs the worker).
  if (order !== 'upvotes') return papers;
  // Stable: equal votes keep the page's order.
  return papers
    .map((paper, index) => ({ paper, index }))
    .sort((a, b) => (b.paper.upvotes ?? -1) - (a.paper.upvotes ?? -1) || a.index - b.index)
    .map(({ paper }) => paper);
}

/** The seed's frame: title, project description and thanks before the day; license and citation after. */
const HEADER = [
  '# Daily Papers',
  '',
  '## Project Description',
  '',
  '[Hugging Face Daily Papers](https://huggingface.co/papers)에 올라온 논문을 한국어로 요약한 페이지입니다. 영어 논문 제목과 arXiv 링크, 썸네일, 저자를 그대로 두고, 요약은 브라우저 확장 Daily Papers KO가 사용자의 API 키로 언어 모델에 요청해 만들었습니다. 기술 용어는 괄호 안에 영어를 함께 적었습니다.',
  '',
  'Daily Papers를 고르고 정리해 주시는 [AK(@_akhaliq)](https://huggingface.co/akhaliq)님께 감사드립니다.',
  '',
].join('\n');

const FOOTER = [
  '## License',
  '',
  '요약문은 [CC BY-NC 4.0](https://creativecommons.org/licenses/by-nc/4.0/)으로 씁니다. 논문의 저작권은 각 저자에게 있고, 제목·저자·초록은 arXiv와 Hugging Face에서 가져왔습니다. 요약은 언어 모델이 만든 것이라 틀릴 수 있으니 인용할 때는 원 논문을 확인하세요.',
  '',
  '## Citation',
  '',
  '```bibtex',
  '@misc{huggingface_daily_papers,',
  '  title        = {Daily Papers},',
  '  author       = {{Hugging Face}},',
  '  howpublished = {\\url{https://huggingface.co/papers}}',
  '}',
  '',
  '@misc{daily_papers_ko,',
  '  title        = {Daily Papers KO: Korean summaries of Hugging Face Daily Papers},',
  '  howpublished = {Browser extension digest export}',
  '}',
  '```',
  '',
].join('\n');

/** The papers a digest leaves out for want of a summary, named so none vanishes unnoticed. */
function leftOutNote(papers: DigestPaper[]): string | null {
  const missing = papers.filter((paper) => !paper.summary);
  if (missing.length === 0) return null;
  const links = missing.map(
    (paper) => `[${escapeMarkdownText(paper.title)}](https://arxiv.org/abs/${paper.id})`,
  );
  return `> 요약이 없어 ${missing.length}편을 뺐습니다: ${links.join(', ')}\n`;
}

/** Every paper with a summary, in order; those without one are listed in a note at the end of the day. */
export function renderDigest(papers: DigestPaper[], options: DigestOptions): string {
  const parts: string[] = [];
  if (options.headerAndFooter) parts.push(HEADER);
  parts.push(`## Daily Papers (${options.period})`, '');
  for (const paper of orderPapers(papers, options.order))
    if (paper.summary) parts.push(section(paper, paper.summary));
  const note = leftOutNote(papers);
  if (note) parts.push(note);
  if (options.headerAndFooter) parts.push(FOOTER);
  return `${parts.join('\n').trimEnd()}\n`;
}

/**
 * Papers with a deep summary ("전문 요약") take it as their entry, in the seed's 2024 newsletter format;
 * the others keep their abstract summary (or none).
 */
export function withDeepSummaries(
  papers: DigestPaper[],
  deep: Readonly<Record<string, { digest: { text: string; style: SummaryStyle } }>>,
): DigestPaper[] {
  return papers.map((paper) => {
    const entry = deep[paper.id];
    return entry ? { ...paper, summary: entry.digest } : paper;
  });
}

export function digestFileName(period: string): string {
  return `daily-papers-${period}.md`;
}
