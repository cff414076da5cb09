// The panel's behaviour; its sanitiser is proven in real Chromium by tests/e2e/security.spec.ts.
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { PanelProps } from '../../lib/page/lazy-code.ts';
import type { PanelState } from '../../lib/page/panel-state.ts';
import { drawPanel } from '../../lib/page/summary-panel.ts';
import { ERROR_KINDS, type SummaryError } from '../../lib/shared/domain.ts';
import { describeSummaryError, type NextStep } from '../../lib/shared/summary/error-messages.ts';

// happy-dom has no idle callbacks: the panel mounts deep reading at idle time, here on a timer.
beforeAll(() => {
  globalThis.requestIdleCallback ??= (run) =>
    setTimeout(() => run({ didTimeout: false, timeRemaining: () => 50 }), 0) as unknown as number;
  globalThis.cancelIdleCallback ??= (handle) => clearTimeout(handle);
});

function mount() {
  const host = document.createElement('div');
  document.body.append(host);
  const shadow = host.attachShadow({ mode: 'open' });
  const container = document.createElement('div');
  shadow.append(container);
  const actions = { retry: vi.fn(), stop: vi.fn(), openOptions: vi.fn(), mountDeep: vi.fn(() => () => {}) };
  const draw = (state: PanelState, open = true) => {
    const props: PanelProps = {
      panelId: 'dpk-panel-1',
      paperId: '2611.00001',
      title: 'A Paper',
      state,
      open,
      ...actions,
    };
    drawPanel(container, props);
  };
  const buttons = () => [...shadow.querySelectorAll('button')].map((b) => b.textContent);
  return { shadow, container, actions, draw, buttons };
}

const streaming = (text: string): PanelState => ({
  phase: 'streaming',
  model: 'gpt-4o-mini',
  text,
  html: `<p>${text}</p>`,
});

afterEach(() => {
  vi.useRealTimers();
  document.body.replaceChildren();
});

describe('the summary panel', () => {
  it('shows streamed text as it comes, and the stop button keeps focus through every chunk', () => {
    const { shadow, draw, actions } = mount();
    draw({ phase: 'queued', text: '', html: '' });
    expect(shadow.querySelector('.dpk-skeleton')).not.toBeNull();
    draw(streaming('첫 조각'));
    const stop = shadow.querySelector('button') as HTMLButtonElement;
    expect(stop.textContent).toBe('중단');
    stop.focus();
    draw(streaming('첫 조각 둘째 조각'));
    expect(shadow.querySelector('.dpk-summary')?.textContent).toBe('첫 조각 둘째 조각');
    expect(shadow.activeElement).toBe(stop);
    stop.click();
    expect(actions.stop).toHaveBeenCalledOnce();
  });

  it('a finished summary offers retry and copy, and says where it came from', () => {
    const { shadow, draw, buttons } = mount();
    draw({
      phase: 'done',
      text: '요약',
      html: '<p>요약</p>',
      model: 'gpt-4o-mini',
      style: 'bullets',
      usage: { promptTokens: 1000, completionTokens: 500 },
      cost: 0.5,
      createdAt: new Date(2026, 10, 20).getTime(),
      fromCache: true,
    });
    expect(buttons()).toEqual(['다시 요약', '복사']);
    expect(shadow.querySelector('.dpk-summary')?.textContent).toBe('요약');
    expect(shadow.querySelector('.dpk-toolbar')?.textContent).toContain(
      '저장된 요약(2026년 11월 20일) · 모델: gpt-4o-mini · 1,500 토큰 · 약 $0.50',
    );
  });

  it('after a rate limit, "다시 시도" waits out the time the endpoint asked for', () => {
    vi.useFakeTimers();
    const { shadow, draw, actions } = mount();
    draw({ phase: 'error', error: { kind: 'rateLimited', retryAfterMs: 2_000 }, text: '', html: '' });
    const retry = () => shadow.querySelector('button') as HTMLButtonElement;
    expect(shadow.querySelector('[role="alert"]')?.textContent).toContain('2초 후 다시 시도하세요');
    expect(retry().textContent).toBe('다시 시도');
    expect(retry().disabled).toBe(true);
    expect(shadow.querySelector('.dpk-toolbar')?.textContent).toContain('2초 후에 다시 시도할 수 있습니다');
    vi.advanceTimersByTime(2_100);
    expect(retry().textContent).toBe('다시 시도');
    expect(retry().disabled).toBe(false);
    expect(shadow.querySelector('.dpk-toolbar')?.textContent).not.toContain('할 수 있습니다');
    retry().click();
    expect(actions.retry).toHaveBeenCalledOnce();
  });

  it('every error kind offers "다시 시도", beside the step that fixes its cause', () => {
    const nextStepNames: Record<NextStep, string[]> = {
      openOptions: ['설정 열기', '다시 시도'],
      billing: ['OpenAI 결제 페이지 열기', '다시 시도'],
      reload: ['페이지 새로 고침', '다시 시도'],
      openReader: ['다시 시도'],
      retry: ['다시 시도'],
      none: ['다시 시도'],
    };
    for (const kind of ERROR_KINDS) {
      const { shadow, draw } = mount();
      const error: SummaryError = { kind };
      draw({ phase: 'error', error, text: '', html: '' });
      const names = [...shadow.querySelectorAll('.dpk-toolbar :is(button, a)')].map((b) => b.textContent);
      expect(names, kind).toEqual(nextStepNames[describeSummaryError(error).nextStep]);
      document.body.replaceChildren();
    }
  });

  it('a deep-reading error with the reader at hand offers it too', () => {
    const { shadow, container, actions } = mount();
    const openReader = vi.fn();
    drawPanel(container, {
      panelId: 'dpk-panel-1',
      paperId: '2611.00001',
      title: 'A Paper',
      state: { phase: 'error', error: { kind: 'arxivPermission' }, text: '', html: '' },
      open: true,
      ...actions,
      openReader,
    });
    const names = [...shadow.querySelectorAll('button')].map((b) => b.textContent);
    expect(names).toEqual(['한국어로 읽기', '다시 시도']);
    (shadow.querySelector('button') as HTMLButtonElement).click();
    expect(openReader).toHaveBeenCalledOnce();
  });

  it('folds away under its button, and is taken down without a trace', () => {
    const { shadow, container, draw } = mount();
    draw(streaming('요약'), false);
    expect(shadow.querySelector('section')?.hidden).toBe(true);
    drawPanel(container, null);
    expect(container.childElementCount).toBe(0);
  });
});
