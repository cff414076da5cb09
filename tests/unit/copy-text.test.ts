import { describe, expect, it } from 'vitest';
import { copyTextOf } from '../../lib/shared/summary/copy-text.ts';

describe('what "복사" copies', () => {
  it('the summary, then the English title and the arXiv abstract page', () => {
    expect(copyTextOf('**제목**\n\n- 항목\n', '  Sparse   Routing\nDistillation ', '2611.01234')).toBe(
      '**제목**\n\n- 항목\n\nSparse Routing Distillation\nhttps://arxiv.org/abs/2611.01234',
    );
  });

  it('still names the paper by its link when the card had no title', () => {
    expect(copyTextOf('요약', '', '2611.01234')).toBe('요약\n\nhttps://arxiv.org/abs/2611.01234');
  });
});
