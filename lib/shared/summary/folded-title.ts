// The one line a folded panel keeps beside its button: the summary's Korean title (the prompt asks
// for "**논문 제목의 한국어 번역**" first), or, when a model left it out, the summary's first sentence.

/** Longest line shown; the element also ellipsises, this only spares the DOM a whole paragraph. */
const MAX_LENGTH = 160;

function plain(line: string): string {
  return line
    .replace(/^\s*(?:#{1,6}\s+|[-*+]\s+|\d+[.)]\s+|>\s*)/, '')
    .replace(/\*\*\*|\*\*|__|`/g, '')
    .replace(/\$([^$]*)\$/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

/** A line the prompt's format makes a title: bold on its own, or a Markdown heading. */
function isTitleLine(line: string): boolean {
  const trimmed = line.trim();
  return /^\*\*[^*].*\*\*$/.test(trimmed) || /^#{1,6}\s+\S/.test(trimmed);
}

function firstSentence(text: string): string {
  const match = /^.*?(?:[.!?。](?=\s|$)|다\.)/.exec(text);
  return (match?.[0] ?? text).trim();
}

export function foldedTitleOf(summary: string): string {
  const lines = summary.split('\n').filter((line) => line.trim() !== '');
  const first = lines[0];
  if (first === undefined) return '';
  const line = isTitleLine(first) ? plain(first) : firstSentence(plain(first));
  return line.length > MAX_LENGTH ? `${line.slice(0, MAX_LENGTH - 1)}…` : line;
}
