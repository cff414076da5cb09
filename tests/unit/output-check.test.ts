import { describe, expect, it } from 'vitest';
import { checkSummaryOutput, stripThinking } from '../../lib/worker/summary/output-check.ts';

const GOOD = `**지수적으로 빠른 언어 모델링**

- 대형 언어 모델(Large Language Model, LLM)의 피드포워드 층을 빠른 피드포워드(Fast Feedforward, FFF)로 바꿉니다.
- BERT 크기 모델에서 뉴런의 0.3%만 사용해도 성능이 유지됩니다.
- 추론 속도가 78배 빨라졌습니다.`;

describe('checkSummaryOutput', () => {
  it('accepts a Korean summary with English terms in parentheses', () => {
    expect(checkSummaryOutput(GOOD)).toBeNull();
  });

  it('flags an empty answer', () => {
    expect(checkSummaryOutput('  \n ')).toBe('empty');
  });

  it('flags Chinese characters leaking into Korean', () => {
    expect(checkSummaryOutput(`${GOOD}\n- 이 方法은 효율적입니다.`)).toBe('chinese');
  });

  it('flags an answer written in English', () => {
    expect(
      checkSummaryOutput('- This paper proposes a fast feedforward architecture for language models (FFF).'),
    ).toBe('notKorean');
  });

  it('flags an answer that is mostly English with a few Korean words', () => {
    const mostlyEnglish = `- 요약: ${'The proposed method uses sparse conditional execution of neurons in BERT. '.repeat(4)}`;
    expect(checkSummaryOutput(mostlyEnglish)).toBe('notKorean');
  });
});

describe('stripThinking', () => {
  it('drops closed think blocks', () => {
    expect(stripThinking('<think>let me plan</think>\n\n**제목**')).toBe('**제목**');
  });

  it('hides an unclosed think block while it streams', () => {
    expect(stripThinking('<think>still reasoning about')).toBe('');
  });

  it('holds back a tag that is still arriving', () => {
    expect(stripThinking('**제목**\n<thi')).toBe('**제목**\n');
  });

  it('leaves ordinary text with angle brackets alone', () => {
    expect(stripThinking('정확도 < 90%')).toBe('정확도 < 90%');
  });
});
