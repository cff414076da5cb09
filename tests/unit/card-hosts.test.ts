import { describe, expect, it } from 'vitest';
import { CardHosts, type CardTarget } from '../../lib/page/card-hosts.ts';

function card(paperId: string): CardTarget {
  const element = document.createElement('article');
  document.body.append(element);
  return { paperId, title: paperId, element };
}

describe('CardHosts', () => {
  it('one host per card; a card the page re-rendered is taken down before its successor goes up', () => {
    const events: string[] = [];
    const hosts = new CardHosts((target, shadow) => {
      events.push(`mount ${target.paperId}`);
      expect(shadow.adoptedStyleSheets.length + shadow.querySelectorAll('style').length).toBe(1);
      return () => events.push(`unmount ${target.paperId}`);
    }, '.dpk{color:red}');
    const a = card('2611.00001');
    const b = card('2611.00002');
    hosts.sync([a, b]);
    hosts.sync([a, b]);
    expect(events).toEqual(['mount 2611.00001', 'mount 2611.00002']);
    expect(a.element.querySelectorAll('daily-papers-ko')).toHaveLength(1);

    // The page swaps b's article for a new one showing the same paper.
    const bAgain = card('2611.00002');
    b.element.remove();
    hosts.sync([a, bAgain]);
    expect(events.slice(2)).toEqual(['unmount 2611.00002', 'mount 2611.00002']);

    hosts.clear();
    expect(document.querySelectorAll('daily-papers-ko')).toHaveLength(0);
  });
});
