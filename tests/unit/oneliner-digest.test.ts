import { describe, expect, it } from 'vitest';
import {
  type OneLinerDigestPaper,
  oneLinerDigestFileName,
  renderOneLinerDigest,
} from '../../lib/shared/oneliner-digest.ts';

const paper = (index: number, extra: Partial<OneLinerDigestPaper> = {}): OneLinerDigestPaper => ({
  id: `2511.0000${index}`,
  title: `Paper ${index}`,
  titleKo: `논문 ${index}`,
  tldrKo: `${index}번 논문은 새 방법을 제안한다.`,
  recommended: false,
  ...extra,
});

describe('renderOneLinerDigest', () => {
  it('lists each paper as its Korean title linked to arXiv and its one line, in page order', () => {
    const markdown = renderOneLinerDigest(
      [paper(1), paper(2, { recommended: true, reasonKo: 'RLHF와 가까움' })],
      {
        period: '2026-11-20',
        order: 'page',
      },
    );
    expect(markdown).toBe(
      [
        '## Daily Papers 한 줄 요약 (2026-11-20)',
        '',
        '- [논문 1](https://arxiv.org/abs/2511.00001): 1번 논문은 새 방법을 제안한다.',
        '- [논문 2](https://arxiv.org/abs/2511.00002): 2번 논문은 새 방법을 제안한다. **추천** (RLHF와 가까움)',
        '',
      ].join('\n'),
    );
  });

  it('puts the recommended papers first, apart, when ordered by recommendation', () => {
    const markdown = renderOneLinerDigest(
      [
        paper(1),
        paper(2, { recommended: true }),
        paper(3),
        paper(4, { recommended: true, reasonKo: '멀티모달' }),
      ],
      { period: '2026-W47', order: 'recommended' },
    );
    expect(markdown.split('\n')).toEqual([
      '## Daily Papers 한 줄 요약 (2026-W47)',
      '',
      '### 추천',
      '',
      '- [논문 2](https://arxiv.org/abs/2511.00002): 2번 논문은 새 방법을 제안한다.',
      '- [논문 4](https://arxiv.org/abs/2511.00004): 4번 논문은 새 방법을 제안한다. (멀티모달)',
      '',
      '### 그 밖의 논문',
      '',
      '- [논문 1](https://arxiv.org/abs/2511.00001): 1번 논문은 새 방법을 제안한다.',
      '- [논문 3](https://arxiv.org/abs/2511.00003): 3번 논문은 새 방법을 제안한다.',
      '',
    ]);
  });

  it('keeps one list when nothing is recommended, even ordered by recommendation', () => {
    const markdown = renderOneLinerDigest([paper(1)], { period: '2026-11-20', order: 'recommended' });
    expect(markdown).not.toContain('###');
  });

  it('names the papers left out for want of a one-liner', () => {
    const markdown = renderOneLinerDigest([paper(1), paper(2, { titleKo: null, tldrKo: null })], {
      period: '2026-11-20',
      order: 'page',
    });
    expect(markdown.trimEnd().split('\n').at(-1)).toBe(
      '> 한 줄 요약이 없어 1편을 뺐습니다: [Paper 2](https://arxiv.org/abs/2511.00002)',
    );
  });

  it('keeps model output from changing the Markdown: links, HTML and line breaks stay text', () => {
    const markdown = renderOneLinerDigest(
      [
        paper(1, {
          titleKo: '제목](https://evil.example) <img src=x onerror=alert(1)>',
          tldrKo: '한 줄\n\n# 머리글',
        }),
      ],
      { period: '2026-11-20', order: 'page' },
    );
    const line = markdown.split('\n')[2] ?? '';
    expect(line).toBe(
      '- [제목\\](https://evil.example) \\<img src=x onerror=alert(1)\\>](https://arxiv.org/abs/2511.00001): 한 줄 \\# 머리글',
    );
    expect(markdown.split('\n')).toHaveLength(4);
  });

  it('names the file after the period', () => {
    expect(oneLinerDigestFileName('2026-11-20')).toBe('daily-papers-2026-11-20-oneliners.md');
  });
});
