// How titles and abstracts from Hugging Face's data are cleaned for display; no schemas, so the boot
// content script can use it.

export function normalizeTitle(title: string): string {
  return title.replace(/\s+/g, ' ').trim();
}

/** Joins arXiv's hard-wrapped lines but keeps paragraph breaks. */
export function normalizeAbstract(abstract: string): string {
  return abstract
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.replace(/\s+/g, ' ').trim())
    .filter((paragraph) => paragraph.length > 0)
    .join('\n\n');
}
