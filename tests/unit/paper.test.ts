import { describe, expect, it } from 'vitest';
import { parseListingProps } from '../../lib/page/hf/page.ts';
import { normalizeAbstract, parseDailyPaperItem, parsePaperFields } from '../../lib/page/hf/paper.ts';

const apiPaper = {
  id: '2407.21783',
  title: 'The Llama 3\n  Herd of Models',
  summary:
    'Modern artificial intelligence (AI) systems are powered by foundation models.\nThis paper presents a new set.',
  authors: [
    { _id: 'a', name: 'Abhimanyu Dubey', hidden: false },
    { _id: 'b', name: 'Hidden Person', hidden: true },
    { _id: 'c', name: 'Abhinav Jauhri', hidden: false },
  ],
  upvotes: 94,
  ai_summary: 'Llama 3 is a herd of models.',
  ai_keywords: ['Llama 3', 'foundation models', 42],
  publishedAt: '2024-07-31T17:54:27.000Z',
};

describe('parsePaperFields', () => {
  it('reads the API shape into a paper', () => {
    expect(parsePaperFields(apiPaper)).toEqual({
      id: '2407.21783',
      title: 'The Llama 3 Herd of Models',
      abstract:
        'Modern artificial intelligence (AI) systems are powered by foundation models. This paper presents a new set.',
      authors: ['Abhimanyu Dubey', 'Abhinav Jauhri'],
      upvotes: 94,
      numComments: null,
      thumbnailUrl: 'https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/2407.21783.png',
      videoUrl: null,
      aiSummary: 'Llama 3 is a herd of models.',
      aiKeywords: ['Llama 3', 'foundation models'],
      publishedAt: '2024-07-31T17:54:27.000Z',
    });
  });

  it.each([
    ['no id', { ...apiPaper, id: undefined }],
    ['an id that is not arXiv', { ...apiPaper, id: '../../etc' }],
    ['an empty title', { ...apiPaper, title: '  \n ' }],
    ['a string', 'paper'],
    ['null', null],
  ])('invents nothing from %s', (_, input) => {
    expect(parsePaperFields(input)).toBeNull();
  });
});

describe('reading degrades per field, never per paper', () => {
  it.each([
    ['upvotes as a string', { upvotes: '94' }, { upvotes: null }],
    ['authors as an object', { authors: { 0: 'x' } }, { authors: [] }],
    [
      'one author without a name',
      { authors: [{ hidden: false }, { name: 'Abhinav Jauhri' }] },
      { authors: ['Abhinav Jauhri'] },
    ],
    ['the abstract as a number', { summary: 42 }, { abstract: '' }],
    ['keywords as a string', { ai_keywords: 'Llama' }, { aiKeywords: [] }],
    ['the AI summary as an object', { ai_summary: { text: 'x' } }, { aiSummary: null }],
    ['a NaN-like count', { upvotes: Number.POSITIVE_INFINITY }, { upvotes: null }],
    ['a versioned id', { id: '2407.21783v3' }, { id: '2407.21783' }],
  ])('%s costs that field only', (_, change, expected) => {
    const paper = parsePaperFields({ ...apiPaper, ...change });
    expect(paper).toMatchObject({ title: 'The Llama 3 Herd of Models', ...expected });
  });

  it('an entry whose paper lost its title keeps the entry’s own title', () => {
    const paper = parseDailyPaperItem({ paper: { ...apiPaper, title: null }, title: 'Entry Title' });
    expect(paper).toMatchObject({ id: '2407.21783', title: 'Entry Title' });
  });

  it('reads a search result that is the paper itself, with no `paper` key', () => {
    expect(parseDailyPaperItem(apiPaper)).toMatchObject({ id: '2407.21783', upvotes: 94 });
  });
});

describe('parseListingProps', () => {
  const item = { paper: apiPaper, title: 'The Llama 3 Herd of Models' };

  it('reads a period it does not know as unknown, and still reads the papers', () => {
    const listing = parseListingProps({ dailyPapers: [item], periodType: 'year', dateString: '2026' });
    expect(listing).toMatchObject({ periodType: null, periodValue: '2026', isSearch: false });
    expect(listing?.papers.map((p) => p.id)).toEqual(['2407.21783']);
  });

  it('reads the papers whatever the other keys hold', () => {
    const listing = parseListingProps({ dailyPapers: [item, 'junk', null], isTrending: 'yes', date: 7 });
    expect(listing).toMatchObject({ isTrending: false, periodType: null, periodValue: null });
    expect(listing?.papers).toHaveLength(1);
  });

  it('reads search results under `searchResults`, as search, even beside a period’s list', () => {
    const other = { paper: { ...apiPaper, id: '2407.00001' } };
    const listing = parseListingProps({
      dailyPapers: [other],
      searchResults: [item],
      dateString: '2026-11-20',
    });
    expect(listing).toMatchObject({ isSearch: true, periodValue: null, periodType: null });
    expect(listing?.papers.map((p) => p.id)).toEqual(['2407.21783']);
  });

  it('reads a separate search island’s `results`, flat papers included', () => {
    expect(parseListingProps({ results: [apiPaper] })?.papers.map((p) => p.id)).toEqual(['2407.21783']);
  });

  it('reads a period’s list with an empty `searchResults` beside it as that period', () => {
    const listing = parseListingProps({ dailyPapers: [item], searchResults: [], periodType: 'day' });
    expect(listing).toMatchObject({ isSearch: false, periodType: 'day' });
  });

  it.each([[null], ['props'], [[]], [{ dailyPapers: 'x' }]])('finds no listing in %j', (props) => {
    expect(parseListingProps(props)).toBeNull();
  });
});

describe('parseDailyPaperItem', () => {
  it('prefers the list item title, thumbnail and video', () => {
    const paper = parseDailyPaperItem({
      paper: apiPaper,
      title: 'Item Title',
      thumbnail: 'https://cdn-thumbnails.huggingface.co/x.png',
      mediaUrls: ['javascript:alert(1)', 'https://cdn-uploads.huggingface.co/v.webm'],
      numComments: 5,
    });
    expect(paper).toMatchObject({
      title: 'Item Title',
      thumbnailUrl: 'https://cdn-thumbnails.huggingface.co/x.png',
      videoUrl: 'https://cdn-uploads.huggingface.co/v.webm',
      numComments: 5,
    });
  });

  it('drops thumbnails that are not https', () => {
    const paper = parseDailyPaperItem({ paper: apiPaper, thumbnail: 'javascript:alert(1)' });
    expect(paper?.thumbnailUrl).toBe(
      'https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/2407.21783.png',
    );
  });
});

describe('normalizeAbstract', () => {
  it('joins hard line breaks and keeps paragraphs', () => {
    expect(normalizeAbstract('one\ntwo\r\n\r\nthree  \n four')).toBe('one two\n\nthree four');
  });
});
