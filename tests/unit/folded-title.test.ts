import { describe, expect, it } from 'vitest';
import { foldedTitleOf } from '../../lib/shared/summary/folded-title.ts';

describe('the line a folded panel keeps', () => {
  it('is the Korean title the prompt asks for first', () => {
    expect(foldedTitleOf('**희소 라우팅 증류를 통한 효율적인 장문 맥락 추론**\n\n- 이 논문은 …')).toBe(
      '희소 라우팅 증류를 통한 효율적인 장문 맥락 추론',
    );
    expect(foldedTitleOf('## 장문 맥락 추론\n- 항목')).toBe('장문 맥락 추론');
  });

  it('is the first sentence when the summary has no title', () => {
    expect(foldedTitleOf('- 이 논문은 **SRD**를 제안합니다. 추론 비용을 줄입니다.\n- 둘째')).toBe(
      '이 논문은 SRD를 제안합니다.',
    );
    expect(foldedTitleOf('A model that reads. Then more.')).toBe('A model that reads.');
  });

  it('is cut short when the first line runs on, and empty for an empty summary', () => {
    expect(foldedTitleOf(`**${'가'.repeat(300)}**`)).toHaveLength(160);
    expect(foldedTitleOf('\n\n')).toBe('');
  });
});
