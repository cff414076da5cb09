// The glossary lines added to a prompt: only the selected entries, one short line each.
import type { GlossaryEntry } from './entry.ts';

const KEEP_ENGLISH = '영어 그대로';

const HEADER =
  '용어집: 이 논문에 나오는 아래 용어는 이 번역어를 쓰고, 처음 나올 때 한국어 뒤 괄호에 영어를 적습니다. "영어 그대로"인 용어는 번역하지 않습니다.';

/** One line per entry: `- knowledge distillation: 지식 증류`, `- LoRA: 영어 그대로`. */
function formatGlossaryLine(entry: GlossaryEntry): string {
  return `- ${entry.en}: ${entry.keepEnglish ? KEEP_ENGLISH : entry.ko}`;
}

/** The block for the system prompt, or '' when no entry was selected (nothing is added then). */
export function formatGlossaryBlock(entries: readonly GlossaryEntry[]): string {
  if (entries.length === 0) return '';
  return [HEADER, ...entries.map(formatGlossaryLine)].join('\n');
}
