// Where a paper lives outside Hugging Face, and where the extension's reader for it lives: addresses
// and the arXiv host permission, shared by the worker, the reader page and the card panel.

/** The only arXiv addresses the extension fetches: the HTML rendering and the PDF. Optional, asked for on a click. */
export const ARXIV_PERMISSION_ORIGINS = ['https://arxiv.org/html/*', 'https://arxiv.org/pdf/*'];

/** New-style arXiv ids as Hugging Face uses them (2411.01234), without a version. */
export const ARXIV_PAPER_ID = /^\d{4}\.\d{4,5}$/;
/** The same with arXiv's version suffix (`v2`, which names the same paper) allowed; group 1 is the id. */
export const VERSIONED_ARXIV_ID = /^(\d{4}\.\d{4,5})(?:v\d+)?$/;

export const arxivAbsUrl = (paperId: string) => `https://arxiv.org/abs/${paperId}`;
export const hfPaperUrl = (paperId: string) => `https://huggingface.co/papers/${paperId}`;

/** What the reader needs to know of a paper besides its id: Hugging Face's code and project links. */
export interface ReaderPaperRef {
  id: string;
  githubRepo?: string | null;
  projectPage?: string | null;
}

/** A plain https address, or null: links from page data end up in the reader's anchors. */
function httpsLink(value: string | null | undefined): string | null {
  if (!value) return null;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' && !url.username && !url.password ? url.href : null;
  } catch {
    return null;
  }
}

/**
 * The reader's address for a paper, relative to the extension's root: `/reader.html?paper=2411.01234`
 * (with `&github=…&project=…` when Hugging Face lists them). Open it with
 * `browser.runtime.getURL(readerPath(paper))`, or from a content script with the `openReader` request.
 */
export function readerPath(paper: ReaderPaperRef): string {
  const query = new URLSearchParams({ paper: paper.id });
  const github = httpsLink(paper.githubRepo);
  const project = httpsLink(paper.projectPage);
  if (github) query.set('github', github);
  if (project) query.set('project', project);
  return `/reader.html?${query}`;
}

/** The paper a reader address names, or null when it names none (or not an arXiv id). */
export function parseReaderQuery(search: string): ReaderPaperRef | null {
  const query = new URLSearchParams(search);
  const id = query.get('paper')?.trim() ?? '';
  if (!ARXIV_PAPER_ID.test(id)) return null;
  return { id, githubRepo: httpsLink(query.get('github')), projectPage: httpsLink(query.get('project')) };
}
