import { describe, expect, it } from 'vitest';
import { renderDigest } from '../../lib/shared/digest.ts';
import { arxivImageUrl, figureKey, pickKeyFigure } from '../../lib/worker/deep/figures.ts';
import {
  checkAnswer,
  checkDeepSummary,
  deepSummaryAsNewsletter,
  figureMention,
  parseDeepSummary,
  parseSectionExplanation,
} from '../../lib/worker/deep/output.ts';
import type { FullTextFigure } from '../../lib/worker/fulltext/types.ts';
import { SAMPLE_DEEP_SUMMARY, SECTION_EXPLANATION } from '../fixtures/deep/answers.ts';

describe('reading a deep summary', () => {
  const parsed = parseDeepSummary(SAMPLE_DEEP_SUMMARY);

  it('finds the five sections, the key figure with its Korean caption, and three questions', () => {
    expect(parsed.sections).toEqual([0, 1, 2, 3, 4]);
    expect(parsed.keyFigure).toEqual({
      kind: 'figure',
      number: '1',
      captionKo: '입력이 왼쪽에서 오른쪽으로 흐르는 리더의 전체 구조입니다.',
    });
    expect(parsed.questions).toEqual([
      '손실 함수는 어떻게 정의되나요?',
      'GPU 몇 개로 재현할 수 있나요?',
      '기존 방법과 차이는?',
    ]);
    expect(checkDeepSummary(parsed)).toBeNull();
  });

  it('shows the sections without the key figure and question blocks', () => {
    expect(parsed.text).toMatch(/^\*\*파이 정책으로 깊이 읽기\*\*/);
    expect(parsed.text).toContain('### 재현 (Reproducibility)');
    expect(parsed.text).not.toContain('핵심 그림');
    expect(parsed.text).not.toContain('추천 질문');
  });

  it('takes bold lines for headings, as some models write them, and "Fig." or 표 for figures', () => {
    const bold = parseDeepSummary(
      "**제목**\n\n**What's New**\n- 새 방법 (§1)\n**Technical Details**\n- 방법 (§2)\n**Performance Highlights**\n- 결과 (§4)\n**핵심 그림**\n- 표 3: 주요 결과 표입니다.",
    );
    expect(bold.sections).toEqual([0, 1, 2]);
    expect(bold.keyFigure).toEqual({ kind: 'table', number: '3', captionKo: '주요 결과 표입니다.' });
    expect(figureMention('Fig. 2 — 구조')).toMatchObject({ kind: 'figure', number: '2', rest: '구조' });
    expect(figureMention('Figure A.1: 부록')).toMatchObject({ number: 'A.1' });
    expect(figureMention('그림이 없습니다')).toBeNull();
  });

  it('asks again for an answer without its sections, or not in Korean', () => {
    expect(
      checkDeepSummary(
        parseDeepSummary('**제목**\n\n- 한국어로 쓴 요약이지만 섹션 제목이 하나도 없는 답변입니다 (§1).'),
      ),
    ).toBe('noSections');
    expect(
      checkDeepSummary(
        parseDeepSummary(
          "### What's New\n- This is English only.\n### Technical Details\n- x\n### Performance Highlights\n- y",
        ),
      ),
    ).toBe('notKorean');
  });

  it('turns a deep summary into the 2024 newsletter entry the digest renders', () => {
    const body = deepSummaryAsNewsletter(SAMPLE_DEEP_SUMMARY);
    expect(body.split('\n')[0]).toBe('**파이 정책으로 깊이 읽기**');
    expect(body).toContain("- ***What's New***: LaTeXML 페이지를 읽는 리더(reader)와");
    expect(body).toContain(
      '- ***Performance Highlights***: 테스트 정확도가 71.2에서 78.9로 올랐습니다 (§3, Table 1).',
    );
    expect(body).not.toContain('한계');
    const digest = renderDigest(
      [
        {
          id: '2611.01234',
          title: 'Deep Reading',
          upvotes: 3,
          authors: ['Ada Lovelace'],
          thumbnailUrl: null,
          videoUrl: null,
          summary: { text: body, style: 'newsletter' },
        },
      ],
      { period: '2026-11-20', order: 'page', headerAndFooter: false },
    );
    expect(digest).toContain(
      "### [Deep Reading](https://arxiv.org/abs/2611.01234)\n\nVote: 3\n\nAuthors: Ada Lovelace\n\n- ***What's New***:",
    );
  });
});

describe('reading other answers', () => {
  it('takes a section explanation apart from its Korean captions', () => {
    const parsed = parseSectionExplanation(SECTION_EXPLANATION);
    expect(parsed.text).not.toContain('그림 캡션');
    expect(parsed.captions).toEqual([
      { kind: 'figure', number: '1', captionKo: '리더의 구조를 한눈에 보여 주는 그림입니다.' },
    ]);
  });

  it('accepts a short Korean answer and "논문에 없음", refuses Chinese, English and nothing', () => {
    expect(checkAnswer('논문에 없음.')).toBeNull();
    expect(checkAnswer('네, 맞습니다 (§2).')).toBeNull();
    expect(checkAnswer('这是中文 답변')).toBe('chinese');
    expect(checkAnswer('Yes, it is (§2).')).toBe('notKorean');
    expect(checkAnswer('  ')).toBe('empty');
  });
});

describe('the key figure', () => {
  const figure = (over: Partial<FullTextFigure>): FullTextFigure => ({
    id: '',
    number: '1',
    kind: 'figure',
    caption: 'Caption.',
    imageUrl: null,
    sectionNumber: '1',
    ...over,
  });
  const figures = [
    figure({ id: 'S1.F1', number: '1', imageUrl: null }),
    figure({ id: 'S2.F2', number: '2', imageUrl: 'https://arxiv.org/html/2611.01234v2/x2.png' }),
    figure({ id: 'S3.T1', number: '1', kind: 'table' }),
  ];

  it("is the model's pick when the paper has that figure or table, with the model's Korean caption", () => {
    expect(pickKeyFigure(figures, { kind: 'figure', number: '2', captionKo: '구조' })).toMatchObject({
      key: 'S2.F2',
      captionKo: '구조',
    });
    expect(pickKeyFigure(figures, { kind: 'table', number: '1', captionKo: '결과' })).toMatchObject({
      key: 'S3.T1',
    });
  });

  it('falls back to the first figure with an image, without a caption the model wrote for another one', () => {
    expect(pickKeyFigure(figures, { kind: 'figure', number: '9', captionKo: '없는 그림' })).toMatchObject({
      key: 'S2.F2',
      captionKo: '',
    });
    expect(pickKeyFigure(figures, null)?.key).toBe('S2.F2');
    expect(pickKeyFigure([figures[0] as FullTextFigure], null)?.key).toBe('S1.F1');
    expect(pickKeyFigure([], null)).toBeNull();
  });

  it('has a key even without an id (PDF), and shows images from arxiv.org over https only', () => {
    expect(figureKey(figure({ number: '3' }), 5)).toBe('figure-3');
    expect(figureKey(figure({ number: '' }), 5)).toBe('figure-at-5');
    expect(arxivImageUrl('http://arxiv.org/html/1/x.png')).toBe('https://arxiv.org/html/1/x.png');
    expect(arxivImageUrl('https://evil.example/x.png')).toBeNull();
    expect(arxivImageUrl('https://arxiv.org.evil.example/x.png')).toBeNull();
    expect(arxivImageUrl('javascript:alert(1)')).toBeNull();
  });
});
