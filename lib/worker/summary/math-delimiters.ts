// Finds the TeX in Markdown (`$…$`, `$$…$$`, `\(…\)`, `\[…\]`) before Markdown reads it, so that
// `*`, `_` and `|` inside a formula are never taken for emphasis or table cells. Pure; no rendering.

export interface MathSpan {
  /** Offsets in the source, delimiters included. */
  start: number;
  end: number;
  tex: string;
  display: boolean;
}

const WHITESPACE = /\s/;
const DIGIT = /[0-9]/;

/** Index just past a fenced code block that opens at `lineStart`, or -1 if no fence opens there. */
function skipFence(source: string, lineStart: number): number {
  const opener = /^ {0,3}(`{3,}|~{3,})/.exec(source.slice(lineStart, lineStart + 64));
  if (!opener?.[1]) return -1;
  const fence = opener[1];
  const closer = new RegExp(
    `\\n {0,3}${fence[0] === '`' ? '`' : '~'}{${fence.length},}[ \\t]*(?=\\n|$)`,
    'g',
  );
  closer.lastIndex = lineStart + opener[0].length;
  const found = closer.exec(source);
  return found ? found.index + found[0].length : source.length;
}

/** Index just past an inline code span opening at `at` (a run of backticks), or past the run itself. */
function skipCodeSpan(source: string, at: number): number {
  let run = 0;
  while (source[at + run] === '`') run++;
  const ticks = '`'.repeat(run);
  let search = at + run;
  while (true) {
    const next = source.indexOf(ticks, search);
    if (next === -1) return at + run;
    let after = next + run;
    if (source[after] !== '`') return after;
    while (source[after] === '`') after++;
    search = after;
  }
}

/**
 * Where the formula opened at `from` ends: the index of `closer`, skipping backslash pairs
 * (`\\`, `\$`); -1 if it does not close before a blank line (or any newline when `inline`).
 */
function findCloser(source: string, from: number, closer: string, inline: boolean): number {
  for (let i = from; i < source.length; i++) {
    const char = source[i];
    if (source.startsWith(closer, i)) return i;
    if (char === '\\') i++;
    else if (char === '\n' && (inline || /^\n[ \t]*\n/.test(source.slice(i, i + 64)))) return -1;
  }
  return -1;
}

/**
 * Pandoc's rule for `$`: the opener has a non-space on its right, the closer a non-space on its left
 * and no digit after it. So "$5 and $10" and "$5-$10" are prices, `$\pi^*$` is math.
 */
function closeDollar(source: string, from: number): number {
  for (let i = from; i < source.length; i++) {
    const char = source[i] as string;
    if (char === '\\') i++;
    else if (char === '\n') return -1;
    else if (char === '$') {
      const before = source[i - 1] ?? ' ';
      const after = source[i + 1] ?? '';
      return i > from && !WHITESPACE.test(before) && !DIGIT.test(after) ? i : -1;
    }
  }
  return -1;
}

/** Every formula in the source, in order, outside code blocks and code spans. */
export function findMathSpans(source: string): MathSpan[] {
  const spans: MathSpan[] = [];
  let i = 0;
  while (i < source.length) {
    if (i === 0 || source[i - 1] === '\n') {
      const pastFence = skipFence(source, i);
      if (pastFence !== -1) {
        i = pastFence;
        continue;
      }
    }
    const char = source[i];
    const next = source[i + 1];
    if (char === '`') {
      i = skipCodeSpan(source, i);
    } else if (char === '\\' && (next === '(' || next === '[')) {
      const display = next === '[';
      const end = findCloser(source, i + 2, display ? '\\]' : '\\)', !display);
      const tex = end === -1 ? '' : source.slice(i + 2, end);
      if (tex.trim() !== '') {
        spans.push({ start: i, end: end + 2, tex: tex.trim(), display });
        i = end + 2;
      } else i += 2;
    } else if (char === '\\') {
      i += 2;
    } else if (char === '$' && next === '$') {
      const end = findCloser(source, i + 2, '$$', false);
      const tex = end === -1 ? '' : source.slice(i + 2, end);
      if (tex.trim() !== '') {
        spans.push({ start: i, end: end + 2, tex: tex.trim(), display: true });
        i = end + 2;
      } else i += 2;
    } else if (char === '$' && next !== undefined && !WHITESPACE.test(next)) {
      const end = closeDollar(source, i + 1);
      if (end !== -1) {
        spans.push({ start: i, end: end + 1, tex: source.slice(i + 1, end), display: false });
        i = end + 1;
      } else i++;
    } else {
      i++;
    }
  }
  return spans;
}
