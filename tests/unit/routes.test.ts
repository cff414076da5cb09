import { describe, expect, it } from 'vitest';
import { paperIdFromHref, parsePapersRoute } from '../../lib/hf/routes.ts';

describe('parsePapersRoute', () => {
  it.each([
    ['https://huggingface.co/papers', { kind: 'list', period: 'latest' }],
    ['https://huggingface.co/papers/', { kind: 'list', period: 'latest' }],
    ['https://huggingface.co/papers?date=2024-08-01', { kind: 'list', period: 'day', value: '2024-08-01' }],
    ['https://huggingface.co/papers/date/2026-11-20', { kind: 'list', period: 'day', value: '2026-11-20' }],
    ['https://huggingface.co/papers/week/2026-W47', { kind: 'list', period: 'week', value: '2026-W47' }],
    ['https://huggingface.co/papers/month/2026-10', { kind: 'list', period: 'month', value: '2026-10' }],
    ['https://huggingface.co/papers/trending', { kind: 'list', period: 'trending' }],
    ['https://huggingface.co/papers/2311.10770', { kind: 'paper', paperId: '2311.10770' }],
    ['https://huggingface.co/papers/2511.01234#community', { kind: 'paper', paperId: '2511.01234' }],
  ])('understands %s', (url, route) => {
    expect(parsePapersRoute(url)).toEqual(route);
  });

  it.each([
    'https://huggingface.co/',
    'https://huggingface.co/models',
    'https://huggingface.co/papers?date=yesterday',
    'https://huggingface.co/papers/submit',
    'https://huggingface.co/papers/2311.10770/discussion',
    'https://huggingface.co/papers/date/2026-11',
    'https://huggingface.co/papers/week/2026-47',
    'https://huggingface.co.evil.example/papers',
    'http://huggingface.co/papers',
    'not a url',
  ])('leaves %s alone', (url) => {
    expect(parsePapersRoute(url)).toBeNull();
  });
});

describe('paperIdFromHref', () => {
  it('reads relative, absolute and versioned links', () => {
    expect(paperIdFromHref('/papers/2407.21783')).toBe('2407.21783');
    expect(paperIdFromHref('https://huggingface.co/papers/2407.21783')).toBe('2407.21783');
    expect(paperIdFromHref('/papers/2407.21783v2')).toBe('2407.21783');
  });

  it('rejects links that are not a paper', () => {
    expect(paperIdFromHref('/papers/trending')).toBeNull();
    expect(paperIdFromHref('https://evil.example/papers/2407.21783')).toBeNull();
    expect(paperIdFromHref('/login?next=%2Fpapers%2F2407.21783')).toBeNull();
    expect(paperIdFromHref(null)).toBeNull();
  });
});
