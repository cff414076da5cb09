import { describe, expect, it } from 'vitest';
import { normalizeAbstract, parseDailyPaperItem, parsePaperFields } from '../../lib/hf/paper.ts';

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
