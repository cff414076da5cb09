// Cleans model output for display and checks a finished answer before it is accepted.

export type OutputProblem = 'empty' | 'chinese' | 'notKorean';

/**
 * Removes reasoning blocks some models (DeepSeek-R1, Qwen, local reasoning models) put in the
 * content. While streaming, an unclosed `<think>` hides everything after it until it closes, and a
 * trailing fragment that may be the start of `<think>` is held back.
 */
export function stripThinking(raw: string): string {
  let text = raw.replace(/<think(?:ing)?>[\s\S]*?<\/think(?:ing)?>/gi, '');
  const open = text.search(/<think(?:ing)?>/i);
  if (open !== -1) text = text.slice(0, open);
  const partialTag = /<(?:t(?:h(?:i(?:n(?:k(?:i(?:n(?:g)?)?)?)?)?)?)?)?$/i.exec(text);
  if (partialTag) text = text.slice(0, partialTag.index);
  return text.replace(/^\s+/, '');
}

const HAN = /\p{Script=Han}/u;
const HANGUL = /\p{Script=Hangul}/gu;
const LATIN = /\p{Script=Latin}/gu;

/** Korean summaries keep English terms in parentheses, so Latin letters are expected; Hangul must lead. */
const MIN_HANGUL_CHARS = 20;
const MIN_HANGUL_SHARE = 0.35;

export function checkSummaryOutput(text: string): OutputProblem | null {
  const trimmed = text.trim();
  if (trimmed === '') return 'empty';
  if (HAN.test(trimmed)) return 'chinese';
  const hangul = trimmed.match(HANGUL)?.length ?? 0;
  const latin = trimmed.match(LATIN)?.length ?? 0;
  if (hangul < MIN_HANGUL_CHARS || hangul / (hangul + latin) < MIN_HANGUL_SHARE) return 'notKorean';
  return null;
}
