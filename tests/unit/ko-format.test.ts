import { describe, expect, it } from 'vitest';
import { formatCount, formatDate, uiPanel } from '../../lib/shared/i18n/ui.ts';

describe('Korean number and date formats (written out, without Intl)', () => {
  it('groups thousands as ko-KR does', () => {
    for (const n of [0, 7, 999, 1000, 12_345, 1_234_567, 1_000_000_000]) {
      expect(formatCount(n)).toBe(n.toLocaleString('ko-KR'));
    }
    expect(uiPanel.tokens(24_310)).toBe('24,310 토큰');
  });

  it('writes dates as ko-KR short dates do', () => {
    for (const iso of ['2026-11-23T09:00:00', '2024-01-05T23:59:00', '2025-12-31T00:00:01']) {
      const time = new Date(iso).getTime();
      expect(formatDate(time)).toBe(
        new Date(time).toLocaleDateString('ko-KR', { year: 'numeric', month: 'short', day: 'numeric' }),
      );
    }
    expect(formatDate(new Date('2026-03-07T12:00:00').getTime())).toBe('2026년 3월 7일');
  });
});
