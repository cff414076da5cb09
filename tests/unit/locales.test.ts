// The UI in two languages: English has every Korean message with the same placeholders, Chrome's
// rules hold for both, and the same code reads English when the browser is in English.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { PageReading } from '../../lib/shared/page-reading.ts';
import { localeMessages } from '../fixtures/locales.ts';

const ko = await localeMessages('ko');
const en = await localeMessages('en');
const placeholders = (message: string) => [...message.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
const HANGUL = /\p{Script=Hangul}/u;
const READING: PageReading = {
  route: 'list',
  period: 'day',
  island: 'found',
  papersInData: 1,
  cards: 1,
  papersWithCard: 1,
  papersWithoutCard: 0,
  cardsWithoutData: 0,
  staleData: false,
  cardTags: {},
  fallbackOffered: false,
};

describe('locales', () => {
  it('English has exactly the Korean message names', () => {
    expect([...en.keys()].sort()).toEqual([...ko.keys()].sort());
    expect(ko.size).toBeGreaterThan(350);
  });

  it('each English message fills the same placeholders as the Korean one', () => {
    const differ = [...ko].filter(([name, message]) => {
      const english = en.get(name) ?? '';
      return placeholders(english).join() !== placeholders(message).join();
    });
    expect(differ.map(([name]) => name)).toEqual([]);
  });

  it('a dollar sign is written $$ (Chrome drops a lone $ before a non-digit)', () => {
    for (const messages of [ko, en]) {
      for (const [name, message] of messages) {
        if (name.startsWith('@@')) continue;
        expect(message.replace(/\$\$/g, ''), name).not.toContain('$');
      }
    }
  });

  it('the English UI has no Korean in it, and the Korean one is Korean', () => {
    const korean = [...en].filter(([name, message]) => !name.startsWith('@@') && HANGUL.test(message));
    expect(korean).toEqual([]);
    expect(ko.get('cardbutton_label')).toBe('한국어 요약');
    expect(en.get('extension_language')).toBe('en');
    expect(ko.get('extension_language')).toBe('ko');
  });

  it('the manifest names only messages that exist', () => {
    const config = readFileSync(path.resolve(import.meta.dirname, '../../wxt.config.ts'), 'utf8');
    const named = [...config.matchAll(/__MSG_(\w+)__/g)].map((m) => (m[1] ?? '').toLowerCase());
    expect(named.length).toBeGreaterThanOrEqual(3);
    for (const name of named) expect(ko.has(name) && en.has(name), name).toBe(true);
  });
});

describe('the UI in English', () => {
  const korean = fakeBrowser.i18n.getMessage;
  afterEach(() => {
    fakeBrowser.i18n.getMessage = korean;
    vi.resetModules();
  });

  it('the same surfaces read English when the browser is in English', async () => {
    fakeBrowser.i18n.getMessage = (name: string) => en.get(name.toLowerCase()) ?? '';
    vi.resetModules();
    const ui = await import('../../lib/shared/i18n/ui.ts');
    const { describeRoute } = await import('../../lib/shared/page-reading.ts');
    expect(ui.uiCardButton.label).toBe(en.get('cardbutton_label'));
    expect(ui.uiToolbar.summarizeAll).toBe(en.get('toolbar_summarizeall'));
    expect(ui.uiToolbar.status(30, 4)).toMatch(/30/);
    expect(ui.uiToolbar.status(30, 4)).not.toMatch(HANGUL);
    expect(ui.uiErrors.rateLimited(12)).toContain('12');
    expect(ui.uiErrors.rateLimited(12)).not.toMatch(HANGUL);
    expect(ui.formatDate(new Date(2026, 10, 23).getTime())).toBe('11/23/2026');
    expect(describeRoute({ ...READING, route: 'list', period: 'day' })).toBe(`${en.get('route_list')} (day)`);
  });

  it('and in Korean by default', async () => {
    const ui = await import('../../lib/shared/i18n/ui.ts');
    expect(ui.uiCardButton.label).toBe('한국어 요약');
    expect(ui.formatDate(new Date(2026, 10, 23).getTime())).toBe('2026년 11월 23일');
    expect(ui.uiToolbar.runReport({ done: 3, failed: 1, stopped: 0, skipped: 2, cost: '$0.01' })).toBe(
      '모두 요약 끝: 완료 3편 · 실패 1편 · 건너뜀 2편(이미 요약됨) · 비용 약 $0.01',
    );
  });
});
