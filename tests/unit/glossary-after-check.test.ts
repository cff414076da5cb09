import { describe, expect, it } from 'vitest';
import { checkGlossaryRendering, describeGlossaryFindings } from '../../lib/shared/glossary/after-check.ts';
import { SHIPPED_GLOSSARY } from '../../lib/shared/glossary/entries.ts';
import { compileGlossary, selectGlossaryEntries } from '../../lib/shared/glossary/match.ts';
import { ABSTRACT } from '../fixtures/glossary/paper-text.ts';
import { GOOD_SUMMARIES } from '../fixtures/glossary/summaries.ts';

const selected = selectGlossaryEntries(compileGlossary(SHIPPED_GLOSSARY), ABSTRACT);

/** A summary of ABSTRACT the way a good model writes it, following the glossary. */
const FAITHFUL = `**SpecKV: 추측 디코딩과 KV 캐시 양자화를 결합한 학습 없는 추론 가속**

- 대형 언어 모델(Large Language Model, LLM)은 추론(inference) 중에 커지는 KV 캐시(KV cache)가 긴 컨텍스트(long context)에서 메모리를 대부분 차지합니다.
- SpecKV는 **추측 디코딩(speculative decoding)**과 KV 캐시 양자화(quantization)를 결합합니다. 작은 초안 모델(draft model)이 토큰을 제안하고 대상 모델이 병렬로 검증합니다.
- 대상 모델에서 초안 모델로 지식 증류(knowledge distillation)를 하고, LoRA로 미세 조정(fine-tuning)합니다.
- 사고 연쇄(chain-of-thought) 프롬프트를 쓴 추론(reasoning) 벤치마크(benchmark)에서 처리량(throughput)이 2.4배 늘고 지연 시간(latency)이 38% 줄었으며 정확도(accuracy) 손실은 없었습니다.
- 어블레이션 실험(ablation study) 결과 두 구성 요소가 모두 필요하며, 전문가 혼합(Mixture-of-Experts, MoE) 변형이 가장 큰 이득을 봅니다.`;

/** Same meaning, other wording a model commonly produces: accepted forms, particles, shortenings, modifiers. */
const LOOSE_BUT_FINE = `**SpecKV: 학습 없이 LLM 추론을 빠르게**

- 거대 언어 모델(LLMs)의 추론 단계에서 키-값 캐시(KV cache)가 롱 컨텍스트(long-context) 상황의 메모리를 차지합니다.
- 투기적 디코딩(speculative decoding)과 4비트 양자화를(quantization) 함께 씁니다.
- 대상 모델의 지식을 작은 모델로 옮기는 증류(knowledge distillation) 후 파인튜닝(fine-tuning)합니다.
- LoRA(Low-Rank Adaptation)로 학습하며, 생각의 사슬(Chain-of-Thought, CoT) 추론에서도 성능이 유지됩니다.
- 여러 과제(question answering, summarization)에서 처리량이 늘었고 정확도(accuracy)는 그대로입니다.
- 메모리를 줄이는 기법(quantization)과 주요 구성 요소(e.g., draft model)를 제거한 절제 연구(ablation studies)도 수행했습니다.`;

describe('checkGlossaryRendering', () => {
  it('finds nothing in a summary that follows the glossary', () => {
    expect(checkGlossaryRendering(selected, FAITHFUL)).toEqual([]);
  });

  it('accepts other common wordings, particles, shortenings and example lists', () => {
    expect(checkGlossaryRendering(selected, LOOSE_BUT_FINE)).toEqual([]);
  });

  it.each(GOOD_SUMMARIES)('finds nothing in $name', ({ abstract, summary }) => {
    const entries = selectGlossaryEntries(compileGlossary(SHIPPED_GLOSSARY), abstract);
    expect(entries.length).toBeGreaterThan(8);
    expect(checkGlossaryRendering(entries, summary)).toEqual([]);
  });

  it('flags a different rendering before the English term', () => {
    const output = FAITHFUL.replace('지식 증류(knowledge distillation)', '지식 정제(knowledge distillation)');
    expect(checkGlossaryRendering(selected, output)).toEqual([
      { en: 'knowledge distillation', expected: '지식 증류', found: '지식 정제', kind: 'different' },
    ]);
  });

  it('flags a rendering inside bold and with a particle before the parenthesis', () => {
    const output = FAITHFUL.replace(
      '**추측 디코딩(speculative decoding)**',
      '**예측 복호화를**(speculative decoding)',
    );
    expect(checkGlossaryRendering(selected, output)).toEqual([
      { en: 'speculative decoding', expected: '추측 디코딩', found: '예측 복호화를', kind: 'different' },
    ]);
  });

  it('flags a kept-English term that was translated', () => {
    const output = FAITHFUL.replace('LoRA로', '저랭크 적응(LoRA)으로');
    expect(checkGlossaryRendering(selected, output)).toEqual([
      { en: 'LoRA', expected: 'LoRA', found: '저랭크 적응', kind: 'translated' },
    ]);
  });

  it('accepts a transliteration of a kept-English name', () => {
    const transformer = SHIPPED_GLOSSARY.filter((entry) => entry.en === 'Transformer');
    expect(checkGlossaryRendering(transformer, '- 트랜스포머(Transformer) 구조를 씁니다.')).toEqual([]);
    expect(checkGlossaryRendering(transformer, '- 변환기(Transformer) 구조를 씁니다.')).toEqual([
      { en: 'Transformer', expected: 'Transformer', found: '변환기', kind: 'translated' },
    ]);
  });

  it('flags a Korean gloss written after the English term', () => {
    const output = FAITHFUL.replace('지식 증류(knowledge distillation)', 'knowledge distillation(지식 정제)');
    expect(checkGlossaryRendering(selected, output)).toEqual([
      { en: 'knowledge distillation', expected: '지식 증류', found: '지식 정제', kind: 'different' },
    ]);
  });

  it('reports each different rendering once, in the order of the output', () => {
    const output =
      `${FAITHFUL}\n- 처리량(throughput)은 다시 측정했습니다: 스루풋 아닌 산출률(throughput), 산출률(throughput).`.replace(
        '지연 시간(latency)',
        '대기 시간(latency)',
      );
    expect(checkGlossaryRendering(selected, output).map((finding) => finding.found)).toEqual([
      '대기 시간',
      '산출률',
    ]);
  });

  it('ignores English without a Korean rendering and parentheses that are not glosses', () => {
    const output = `- LLM 추론에서 KV cache가 병목입니다(2.4배 차이, 38% 감소).
- 성능이 향상되었습니다(LoRA 대비 2%p).
- 학습 없는 방법입니다(training-free).`;
    expect(checkGlossaryRendering(selected, output)).toEqual([]);
  });

  it('checks nothing when no entry was selected', () => {
    expect(checkGlossaryRendering([], '지식 정제(knowledge distillation)')).toEqual([]);
  });
});

describe('describeGlossaryFindings', () => {
  it('says in Korean what was written and what the glossary wants', () => {
    expect(
      describeGlossaryFindings([
        { en: 'knowledge distillation', expected: '지식 증류', found: '지식 정제', kind: 'different' },
        { en: 'LoRA', expected: 'LoRA', found: '저랭크 적응', kind: 'translated' },
      ]),
    ).toBe('용어집과 다름: 지식 정제 → 지식 증류(knowledge distillation), 저랭크 적응 → LoRA(영어 그대로)');
    expect(describeGlossaryFindings([])).toBe('');
  });
});
