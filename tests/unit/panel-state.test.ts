import { describe, expect, it } from 'vitest';
import {
  INITIAL_PANEL,
  isBusy,
  type PanelAction,
  type PanelState,
  reducePanel,
} from '../../lib/page/panel-state.ts';

function play(...actions: PanelAction[]): PanelState {
  return actions.reduce(reducePanel, INITIAL_PANEL);
}

const started: PanelAction = { type: 'event', event: { type: 'started', model: 'gpt-4.1-mini' } };
const progress = (text: string): PanelAction => ({
  type: 'event',
  event: { type: 'progress', text, html: `<p>${text}</p>` },
});

describe('reducePanel', () => {
  it('shows streamed text as it arrives, then the finished summary', () => {
    const streaming = play({ type: 'request' }, started, progress('요약'), progress('요약 중간'));
    expect(streaming).toMatchObject({ phase: 'streaming', text: '요약 중간', model: 'gpt-4.1-mini' });
    expect(isBusy(streaming)).toBe(true);
    const done = reducePanel(streaming, {
      type: 'event',
      event: {
        type: 'done',
        text: '요약 끝',
        html: '<p>요약 끝</p>',
        model: 'gpt-4.1-mini-2025',
        style: 'bullets',
        usage: { promptTokens: 10, completionTokens: 5 },
        cost: 0.00001,
        createdAt: 1,
        fromCache: false,
      },
    });
    expect(done).toMatchObject({ phase: 'done', text: '요약 끝', model: 'gpt-4.1-mini-2025' });
    expect(isBusy(done)).toBe(false);
  });

  it('keeps the partial text, marked stopped, when the user stops', () => {
    expect(play({ type: 'request' }, started, progress('반쯤'), { type: 'stop' })).toEqual({
      phase: 'stopped',
      text: '반쯤',
      html: '<p>반쯤</p>',
    });
  });

  it('turns a port lost mid-stream into a broken-stream error, keeping the partial text', () => {
    expect(play({ type: 'request' }, started, progress('반쯤'), { type: 'disconnected' })).toMatchObject({
      phase: 'error',
      error: { kind: 'streamBroken' },
      text: '반쯤',
    });
  });

  it('clears the text when the background retries after bad output', () => {
    const state = play({ type: 'request' }, started, progress('這是中文'), {
      type: 'event',
      event: { type: 'retrying', reason: 'chinese' },
    });
    expect(state).toMatchObject({ phase: 'retrying', text: '' });
  });

  it('ignores late events once the panel is no longer busy', () => {
    const stopped = play({ type: 'request' }, started, { type: 'stop' });
    expect(reducePanel(stopped, progress('늦은 조각'))).toBe(stopped);
  });

  it('starts over on a new request', () => {
    const state = play({ type: 'request' }, { type: 'fail', error: { kind: 'noKey' } }, { type: 'request' });
    expect(state).toEqual({ phase: 'queued', text: '', html: '' });
  });
});
