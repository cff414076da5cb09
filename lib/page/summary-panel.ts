// One card's summary panel under its "한국어 요약" button, drawn with plain DOM from the controller's
// state: the streamed or cached summary (through DOMPurify), what went wrong and the next step, and
// the actions. Each part is rebuilt only when its shape changes, so a focused button survives a
// streamed chunk; within a shape, texts are updated in place.

import panelCss from '../../assets/styles/summary-panel.css?inline';
import { formatUsd } from '../shared/cost.ts';
import { formatDate, uiPanel } from '../shared/i18n/ui.ts';
import { copyTextOf } from '../shared/summary/copy-text.ts';
import { describeSummaryError, type ErrorDescription } from '../shared/summary/error-messages.ts';
import { sanitizeSummaryHtml } from '../shared/summary/render.ts';
import { actionButton as button, el } from './dom.ts';
import type { PanelProps } from './lazy-code.ts';
import { isBusy, type PanelState } from './panel-state.ts';
import { adoptStyles } from './shadow-styles.ts';

const BILLING_URL = 'https://platform.openai.com/settings/organization/billing/overview';

interface Panel {
  props: PanelProps;
  /** What a screen reader hears about the state (outside the section, so it speaks while folded). */
  status: HTMLElement;
  section: HTMLElement;
  body: HTMLElement;
  summary: HTMLElement | null;
  /** The HTML the summary element shows, so an unchanged chunk is not sanitised again. */
  html: string;
  note: HTMLElement;
  alert: HTMLElement;
  actions: HTMLElement;
  /** What each part was built for; a part is rebuilt when this changes. */
  shapes: { body: string; alert: string; actions: string };
  /** Live parts of the current shapes, updated in place. */
  waitingDetail: HTMLElement | null;
  retryButton: HTMLButtonElement | null;
  /** Beside the retry button while the endpoint's wait runs: its name stays "다시 시도". */
  retryCountdown: HTMLElement | null;
  meta: HTMLElement | null;
  copyNote: HTMLElement | null;
  /** A wait the endpoint asked for, counting down. */
  wait: { state: PanelState; endsAt: number; timer: ReturnType<typeof setInterval> | null } | null;
  /** Where deep reading goes, under the first finished summary; and what takes it down. */
  deep: HTMLElement;
  unmountDeep: (() => void) | null;
}

const panels = new WeakMap<HTMLElement, Panel>();

/** Draws (or, with null, takes down) the panel in `container`. */
export function drawPanel(container: HTMLElement, props: PanelProps | null): void {
  let panel = panels.get(container);
  if (!props || props.state.phase === 'idle') {
    if (panel) {
      stopCountdown(panel);
      panel.unmountDeep?.();
      panel.section.remove();
      panel.status.remove();
      panels.delete(container);
    }
    return;
  }
  const previous = panel?.props.state ?? { phase: 'idle' };
  if (!panel) {
    panel = createPanel(container, props);
    panels.set(container, panel);
  }
  panel.props = props;
  const announcement = announcementFor(props.state, previous);
  // Said once: setting the same words again could make a screen reader repeat them.
  if (props.state !== previous && panel.status.textContent !== announcement) {
    panel.status.textContent = announcement;
  }
  update(panel);
}

/** What a screen reader hears when the state changes; nothing for a summary shown from the cache. */
function announcementFor(state: PanelState, previous: PanelState): string {
  switch (state.phase) {
    case 'queued':
      return uiPanel.loading;
    case 'waiting':
      return uiPanel.waiting(secondsLeft(state.untilMs));
    case 'streaming':
      return uiPanel.streaming;
    case 'retrying':
      return uiPanel.retryingBadOutput;
    case 'done':
      return isBusy(previous) ? uiPanel.done : '';
    case 'stopped':
      return uiPanel.stopped;
    default:
      return '';
  }
}

function createPanel(container: HTMLElement, props: PanelProps): Panel {
  const root = container.getRootNode();
  if (root instanceof ShadowRoot) adoptStyles(root, panelCss);
  const body = el('div', 'dpk-body');
  const note = el('p', 'dpk-note');
  const alert = el('div', 'dpk-error');
  alert.setAttribute('role', 'alert');
  alert.hidden = true;
  const actions = el('div', 'dpk-toolbar');
  const deep = el('div', 'dpk-deep-area');
  const section = el('section', 'dpk-panel', body, note, alert, actions, deep);
  const status = el('p', 'dpk-sr');
  status.setAttribute('role', 'status');
  status.setAttribute('aria-live', 'polite');
  container.append(section, status);
  return {
    props,
    status,
    section,
    body,
    summary: null,
    html: '',
    note,
    alert,
    actions,
    shapes: { body: '', alert: '', actions: '' },
    waitingDetail: null,
    retryButton: null,
    retryCountdown: null,
    meta: null,
    copyNote: null,
    wait: null,
    deep,
    unmountDeep: null,
  };
}

function update(panel: Panel): void {
  const { props, section } = panel;
  const state = props.state;
  if (state.phase === 'idle') return;
  const busy = isBusy(state);
  const error = state.phase === 'error' ? describeSummaryError(state.error) : null;
  section.id = props.panelId;
  section.setAttribute('aria-label', uiPanel.regionLabel(props.title));
  section.dataset.phase = state.phase;
  section.hidden = !props.open;
  trackWait(panel, state, error);

  // Body: a skeleton until the first words, then the summary.
  const text = state.text;
  const bodyShape = text ? 'text' : busy ? 'skeleton' : 'empty';
  panel.body.className = busy ? 'dpk-body reserving' : 'dpk-body';
  if (bodyShape !== panel.shapes.body) {
    panel.shapes.body = bodyShape;
    panel.summary = null;
    panel.html = '';
    if (bodyShape === 'skeleton') {
      const skeleton = el('div', 'dpk-skeleton');
      skeleton.setAttribute('aria-hidden', 'true');
      panel.body.replaceChildren(skeleton);
    } else if (bodyShape === 'text') {
      panel.summary = el('div', 'dpk-summary');
      panel.summary.lang = 'ko';
      panel.body.replaceChildren(panel.summary);
    } else {
      panel.body.replaceChildren();
    }
  }
  if (panel.summary) {
    panel.summary.setAttribute('aria-busy', String(busy));
    if (state.html !== panel.html) {
      panel.html = state.html;
      panel.summary.replaceChildren(sanitizeSummaryHtml(state.html));
    }
  }

  const noteText =
    state.phase === 'queued' ? uiPanel.queued : state.phase === 'stopped' ? uiPanel.stopped : '';
  panel.note.textContent = noteText;
  panel.note.hidden = !noteText;

  // The alert: a wait the endpoint asked for, or the error and its detail.
  const alertMessage =
    state.phase === 'waiting' ? describeSummaryError(state.error).message : (error?.message ?? '');
  const alertDetail = state.phase === 'error' ? (state.error.detail ?? '') : '';
  const alertShape = alertMessage ? `${state.phase}\n${alertMessage}\n${alertDetail}` : '';
  if (alertShape !== panel.shapes.alert) {
    panel.shapes.alert = alertShape;
    panel.waitingDetail = null;
    const parts: HTMLElement[] = alertMessage ? [el('p', '', alertMessage)] : [];
    if (state.phase === 'waiting') {
      panel.waitingDetail = el('p', 'dpk-detail');
      parts.push(panel.waitingDetail);
    } else if (alertDetail) {
      parts.push(el('p', 'dpk-detail', alertDetail));
    }
    panel.alert.replaceChildren(...parts);
    panel.alert.hidden = parts.length === 0;
  }

  const actionsShape = busy
    ? 'busy'
    : `${error ? `error:${error.nextStep}` : 'again'}\n${text ? 'copy' : ''}`;
  if (actionsShape !== panel.shapes.actions) {
    panel.shapes.actions = actionsShape;
    buildActions(panel, busy, error, text);
  }
  if (panel.meta) {
    panel.meta.textContent = state.phase === 'done' ? metaText(state) : '';
    panel.meta.hidden = state.phase !== 'done';
  }
  showWait(panel);
  // Deep reading joins the panel once there is a summary to go deeper from, and stays. It joins when
  // the panel comes within a screen of the viewport, at idle time: a page restoring fifty cached
  // panels fills them all first, and builds deep reading only for those the reader scrolls to
  // (it was 190 ms of the 50-panel page's main thread when every panel built it).
  if (state.phase === 'done' && !panel.unmountDeep) {
    const mounting = panel;
    let idle = 0;
    const stopWatching = whenNear(panel.section, () => {
      idle = requestIdleCallback(
        () => {
          mounting.unmountDeep = mounting.props.mountDeep(mounting.deep);
        },
        { timeout: 2000 },
      );
    });
    panel.unmountDeep = () => {
      stopWatching();
      cancelIdleCallback(idle);
    };
  }
}

const nearWaiting = new Map<Element, () => void>();
let nearObserver: IntersectionObserver | null = null;

/** Runs `then` once `element` is within a screen of the viewport; returns the function that stops waiting. */
function whenNear(element: HTMLElement, then: () => void): () => void {
  nearObserver ??= new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        if (!entry.isIntersecting) continue;
        const run = nearWaiting.get(entry.target);
        nearWaiting.delete(entry.target);
        nearObserver?.unobserve(entry.target);
        run?.();
      }
    },
    { rootMargin: '100% 0px' },
  );
  nearWaiting.set(element, then);
  nearObserver.observe(element);
  return () => {
    nearWaiting.delete(element);
    nearObserver?.unobserve(element);
  };
}

function buildActions(panel: Panel, busy: boolean, error: ErrorDescription | null, text: string): void {
  panel.retryButton = null;
  const parts: HTMLElement[] = [];
  if (busy) {
    parts.push(button(uiPanel.stop, () => panel.props.stop()));
  } else if (error) {
    // Every error offers "다시 시도" (it works once the cause is fixed), beside its own next step.
    const next = nextStepAction(panel, error);
    panel.retryButton = button(uiPanel.retryAfterError, () => panel.props.retry(), next === null);
    parts.push(...(next ? [next] : []), panel.retryButton);
  } else {
    panel.retryButton = button(uiPanel.retry, () => panel.props.retry());
    parts.push(panel.retryButton);
  }
  if (!busy && text) parts.push(button(uiPanel.copy, () => void copy(panel)));
  panel.retryCountdown = el('span', 'dpk-meta');
  panel.retryCountdown.hidden = true;
  panel.meta = el('span', 'dpk-meta');
  panel.copyNote = el('span', 'dpk-meta');
  panel.copyNote.hidden = true;
  parts.push(panel.retryCountdown, panel.meta, panel.copyNote);
  panel.actions.replaceChildren(...parts);
}

/** The step that fixes the cause, when there is one besides trying again. */
function nextStepAction(panel: Panel, error: ErrorDescription): HTMLElement | null {
  switch (error.nextStep) {
    case 'openOptions':
      return button(uiPanel.openOptions, () => panel.props.openOptions(), true);
    case 'billing': {
      const link = el('a', 'dpk-action primary', uiPanel.billing);
      link.href = BILLING_URL;
      link.target = '_blank';
      link.rel = 'noopener noreferrer';
      return link;
    }
    case 'reload':
      return button(uiPanel.reload, () => location.reload(), true);
    case 'openReader': {
      const openReader = panel.props.openReader;
      return openReader ? button(uiPanel.openReader, openReader, true) : null;
    }
    case 'retry':
    case 'none':
      return null;
  }
}

async function copy(panel: Panel): Promise<void> {
  const state = panel.props.state;
  let note: string = uiPanel.copied;
  try {
    const summary = state.phase === 'idle' ? '' : state.text;
    await navigator.clipboard.writeText(copyTextOf(summary, panel.props.title, panel.props.paperId));
  } catch {
    note = uiPanel.copyFailed;
  }
  if (panel.copyNote) {
    panel.copyNote.textContent = note;
    panel.copyNote.hidden = false;
  }
}

/** The small print under a finished summary: where it came from, which model wrote it, what it cost. */
function metaText(state: Extract<PanelState, { phase: 'done' }>): string {
  const { usage, cost } = state;
  return [
    ...(state.fromCache ? [uiPanel.fromCache(formatDate(state.createdAt))] : []),
    uiPanel.modelLine(state.model),
    ...(usage ? [uiPanel.tokens(usage.promptTokens + usage.completionTokens)] : []),
    ...(usage && cost !== null ? [uiPanel.cost(formatUsd(cost))] : []),
  ].join(' · ');
}

// ---- Waits the endpoint asked for ------------------------------------------------------------

/** Starts counting down when a state brings a wait: a retry time, or a rate limit's advice. */
function trackWait(panel: Panel, state: PanelState, error: ErrorDescription | null): void {
  if (panel.wait?.state === state) return;
  const endsAt =
    state.phase === 'waiting'
      ? state.untilMs
      : error?.waitSeconds
        ? Date.now() + error.waitSeconds * 1000
        : null;
  if (endsAt === null) {
    stopCountdown(panel);
    panel.wait = null;
    return;
  }
  // The same wait, announced again, keeps its clock.
  if (state.phase === 'waiting' && panel.wait?.endsAt === endsAt) {
    panel.wait.state = state;
    return;
  }
  stopCountdown(panel);
  const wait: NonNullable<Panel['wait']> = { state, endsAt, timer: null };
  panel.wait = wait;
  if (secondsLeft(endsAt) === 0) return;
  wait.timer = setInterval(() => {
    showWait(panel);
    if (secondsLeft(endsAt) === 0) stopCountdown(panel);
  }, 250);
}

function stopCountdown(panel: Panel): void {
  if (!panel.wait?.timer) return;
  clearInterval(panel.wait.timer);
  panel.wait.timer = null;
}

function secondsLeft(endsAt: number): number {
  return Math.max(0, Math.ceil((endsAt - Date.now()) / 1000));
}

function showWait(panel: Panel): void {
  const left = panel.wait ? secondsLeft(panel.wait.endsAt) : 0;
  if (panel.waitingDetail) panel.waitingDetail.textContent = uiPanel.waiting(left);
  if (panel.retryButton) panel.retryButton.disabled = left > 0;
  if (panel.retryCountdown) {
    panel.retryCountdown.textContent = left > 0 ? uiPanel.waitThenRetry(left) : '';
    panel.retryCountdown.hidden = left === 0;
  }
}
