// Code and data addresses in a paper's text: where the authors put their repository or data set.

/** Hosts whose links are code or data. Subdomains count (user.github.io is a project page). */
const CODE_AND_DATA_HOSTS = [
  'github.com',
  'github.io',
  'gitlab.com',
  'bitbucket.org',
  'codeberg.org',
  'huggingface.co',
  'zenodo.org',
  'figshare.com',
  'kaggle.com',
  'osf.io',
  'sourceforge.net',
  'anonymous.4open.science',
];

const URL_IN_TEXT = /https?:\/\/[^\s<>"'`{}|\\^)\]]+/g;

/** The address as an absolute http(s) URL on a code or data host, or null. Trailing punctuation is dropped. */
export function codeOrDataLink(candidate: string): string | null {
  let url: URL;
  try {
    url = new URL(candidate.replace(/[.,;:!?]+$/, ''));
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  const host = url.hostname.toLowerCase();
  const known = CODE_AND_DATA_HOSTS.some((known) => host === known || host.endsWith(`.${known}`));
  return known ? url.href : null;
}

/** Every code or data address written out in the text. */
export function codeOrDataLinksInText(text: string): string[] {
  return [...text.matchAll(URL_IN_TEXT)].flatMap(([candidate]) => codeOrDataLink(candidate) ?? []);
}

/** Adds links in order, once each. */
export function addLinks(into: string[], links: string[]): void {
  for (const link of links) if (!into.includes(link)) into.push(link);
}
