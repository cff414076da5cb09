import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isListingRoute, paperIdFromHref, parsePapersRoute } from '../../lib/shared/hf-routes.ts';

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
    ['https://huggingface.co/papers/2511.01234v2', { kind: 'paper', paperId: '2511.01234' }],
    ['https://huggingface.co/papers?q=diffusion+models', { kind: 'search', query: 'diffusion models' }],
    ['https://huggingface.co/papers?q=%20', { kind: 'list', period: 'latest' }],
    ['https://huggingface.co/nvidia/papers', { kind: 'owner', owner: 'nvidia' }],
    ['https://huggingface.co/seoyeon-park/papers/', { kind: 'owner', owner: 'seoyeon-park' }],
    [
      'https://huggingface.co/collections/akhaliq/daily-picks-6650c1b4f3e7b1a2c3d4e5f6',
      { kind: 'collection', owner: 'akhaliq', slug: 'daily-picks-6650c1b4f3e7b1a2c3d4e5f6' },
    ],
    ['https://hf.co/papers/2311.10770', { kind: 'paper', paperId: '2311.10770' }],
    ['https://hf.co/papers/week/2026-W47', { kind: 'list', period: 'week', value: '2026-W47' }],
    ['https://hf.co/nvidia/papers', { kind: 'owner', owner: 'nvidia' }],
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
    'https://hf.co.evil.example/papers',
    'https://www.hf.co/papers',
    'https://huggingface.co/datasets/someone/papers',
    'https://huggingface.co/spaces/someone/papers-explorer',
    'https://huggingface.co/nvidia/papers-model',
    'https://huggingface.co/nvidia/papers/extra',
    'https://huggingface.co/datasets/papers',
    'https://huggingface.co/models/papers',
    'https://huggingface.co/collections/akhaliq',
    'https://huggingface.co/collections/akhaliq/slug/extra',
    'https://huggingface.co/nvidia',
    'https://huggingface.co/papers/2311.10770v',
    'not a url',
  ])('leaves %s alone', (url) => {
    expect(parsePapersRoute(url)).toBeNull();
  });

  it('counts every route but a paper page as a listing', () => {
    expect(isListingRoute(parsePapersRoute('https://huggingface.co/nvidia/papers'))).toBe(true);
    expect(isListingRoute(parsePapersRoute('https://huggingface.co/papers?q=x'))).toBe(true);
    expect(isListingRoute(parsePapersRoute('https://huggingface.co/papers/2311.10770'))).toBe(false);
    expect(isListingRoute(null)).toBe(false);
  });
});

/** Chrome's match-pattern rule for the path part: `*` is any run of characters, the rest is literal. */
function matchesPattern(pattern: string, url: string): boolean {
  const source = pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replaceAll('*', '.*');
  const parsed = new URL(url);
  return new RegExp(`^${source}$`).test(`${parsed.origin}${parsed.pathname}${parsed.search}`);
}

describe('the content script’s match patterns', () => {
  const source = readFileSync(
    path.resolve(import.meta.dirname, '../../entrypoints/papers.content/index.ts'),
    'utf8',
  );
  const patterns = [...(/matches: \[([^\]]*)\]/.exec(source)?.[1] ?? '').matchAll(/'([^']+)'/g)].map(
    (m) => m[1] ?? '',
  );

  it('are read from the entry point', () => {
    expect(patterns).toHaveLength(6);
  });

  it.each([
    'https://huggingface.co/papers',
    'https://huggingface.co/papers?q=diffusion',
    'https://huggingface.co/papers/date/2026-11-20',
    'https://huggingface.co/papers/2511.01234v2',
    'https://huggingface.co/nvidia/papers',
    'https://huggingface.co/collections/akhaliq/daily-picks-6650c1b4f3e7b1a2c3d4e5f6',
    'https://hf.co/papers/2311.10770',
    'https://hf.co/nvidia/papers',
  ])('inject into every page the routes understand: %s', (url) => {
    expect(parsePapersRoute(url)).not.toBeNull();
    expect(patterns.some((pattern) => matchesPattern(pattern, url))).toBe(true);
  });

  it.each([
    'https://huggingface.co/',
    'https://huggingface.co/models',
    'https://huggingface.co/nvidia',
    'https://huggingface.co/meta-llama/Llama-3.1-8B',
    'https://huggingface.co/datasets/HuggingFaceFW/fineweb',
  ])('do not inject into %s', (url) => {
    expect(patterns.some((pattern) => matchesPattern(pattern, url))).toBe(false);
  });
});

describe('paperIdFromHref', () => {
  it('reads relative, absolute and versioned links', () => {
    expect(paperIdFromHref('/papers/2407.21783')).toBe('2407.21783');
    expect(paperIdFromHref('https://huggingface.co/papers/2407.21783')).toBe('2407.21783');
    expect(paperIdFromHref('/papers/2407.21783v2')).toBe('2407.21783');
    expect(paperIdFromHref('https://hf.co/papers/2407.21783#community')).toBe('2407.21783');
  });

  it('rejects links that are not a paper', () => {
    expect(paperIdFromHref('/papers/trending')).toBeNull();
    expect(paperIdFromHref('https://evil.example/papers/2407.21783')).toBeNull();
    expect(paperIdFromHref('/login?next=%2Fpapers%2F2407.21783')).toBeNull();
    expect(paperIdFromHref(null)).toBeNull();
  });
});
