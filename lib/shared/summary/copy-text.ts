// What "복사" puts on the clipboard: the Korean summary, then the paper's English title and its arXiv
// page, so a pasted summary still says which paper it is about.

export function arxivAbsUrl(paperId: string): string {
  return `https://arxiv.org/abs/${paperId}`;
}

export function copyTextOf(summary: string, englishTitle: string, paperId: string): string {
  const title = englishTitle.replace(/\s+/g, ' ').trim();
  return [summary.trim(), '', ...(title ? [title] : []), arxivAbsUrl(paperId)].join('\n');
}
