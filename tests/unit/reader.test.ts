import { describe, expect, it, vi } from 'vitest';
import { parseReaderQuery, readerPath } from '../../lib/shared/arxiv.ts';
import {
  IDLE,
  isRunning,
  nextOperationState,
  stoppedState,
  streamedSoFar,
} from '../../lib/shared/deep-operation.ts';
import { FullTextLibrary } from '../../lib/worker/full-text-library.ts';
import { fixtureFetch } from '../fixtures/arxiv/fetch.ts';
import { SAMPLE_ID, samplePaperHtml } from '../fixtures/arxiv/papers.ts';

describe('the reader address', () => {
  it('names the paper and, when Hugging Face has them, its code and project pages', () => {
    const path = readerPath({ id: '2611.01234', githubRepo: 'https://github.com/a/b', projectPage: null });
    expect(path).toBe('/reader.html?paper=2611.01234&github=https%3A%2F%2Fgithub.com%2Fa%2Fb');
    expect(parseReaderQuery(path.slice(path.indexOf('?')))).toEqual({
      id: '2611.01234',
      githubRepo: 'https://github.com/a/b',
      projectPage: null,
    });
  });

  it('reads no paper from a bad id, and drops links that are not https', () => {
    expect(parseReaderQuery('?paper=../../options')).toBeNull();
    expect(parseReaderQuery('?paper=2611.01234&github=javascript:alert(1)&project=http://x.example')).toEqual(
      {
        id: '2611.01234',
        githubRepo: null,
        projectPage: null,
      },
    );
  });
});

describe('an operation as the reader shows it', () => {
  it('goes from queued through reading and streaming to done', () => {
    let state = nextOperationState(IDLE, { type: 'queued' });
    state = nextOperationState(state, { type: 'reading', step: 'part', index: 2, of: 3 });
    expect(state).toEqual({ phase: 'reading', step: 'part', index: 2, of: 3 });
    state = nextOperationState(state, { type: 'started', model: 'm' });
    state = nextOperationState(state, { type: 'progress', text: 'a', html: '<p>a</p>' });
    expect(isRunning(state)).toBe(true);
    expect(streamedSoFar(state)).toEqual({ html: '<p>a</p>', busy: true });
    expect(streamedSoFar(stoppedState(state))).toEqual({ html: '<p>a</p>', busy: false });
    state = nextOperationState(state, { type: 'error', error: { kind: 'timeout' } });
    expect(isRunning(state)).toBe(false);
  });
});

describe('FullTextLibrary', () => {
  it('fetches a paper once for everyone asking at once, and keeps it', async () => {
    const { fetch, requested } = fixtureFetch({
      [`https://arxiv.org/html/${SAMPLE_ID}`]: { status: 200, body: samplePaperHtml() },
    });
    const library = new FullTextLibrary({ fetch, hasArxivPermission: async () => true });
    const [a, b] = await Promise.all([library.load(SAMPLE_ID), library.load(SAMPLE_ID)]);
    expect(a.ok && b.ok && a.fullText === b.fullText).toBe(true);
    await library.load(SAMPLE_ID);
    expect(requested).toHaveLength(1);
  });

  it('does not keep a failure: the next ask tries again', async () => {
    const { fetch, requested } = fixtureFetch({ [`https://arxiv.org/html/${SAMPLE_ID}`]: 'network-error' });
    const hasArxivPermission = vi.fn(async () => false);
    const library = new FullTextLibrary({ fetch, hasArxivPermission });
    expect(await library.load(SAMPLE_ID)).toMatchObject({ ok: false, error: { kind: 'arxivPermission' } });
    await library.load(SAMPLE_ID);
    expect(requested).toHaveLength(2);
  });
});
