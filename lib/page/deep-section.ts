// Deep reading in a card's panel, under its abstract summary: "전문 요약" (the full paper's Korean
// summary, its estimated tokens and price shown first, then streamed), "한국어로 읽기" (the reader
// page), and "질문" / "질문하기" (answers grounded in the paper, kept with it). Plain DOM; everything
// from the model goes through the sanitiser it is given. Loaded with the page-data code, whose
// schemas check the port's events (entrypoints/page-data.ts).
import { formatTokens, formatUsd } from '../shared/cost.ts';
import { type DeepOperationRequest, type DeepSession, startDeepSession } from '../shared/deep-client.ts';
import type { DeepSummaryView, TurnView } from '../shared/deep-domain.ts';
import { starterQuestions } from '../shared/deep-messages.ts';
import {
  IDLE,
  isRunning,
  nextOperationState,
  type OperationState,
  stoppedState,
} from '../shared/deep-operation.ts';
import type { DeepPaper, SummaryError } from '../shared/domain.ts';
import { formatDate } from '../shared/i18n/ui.ts';
import { uiReader } from '../shared/i18n/ui-reader.ts';
import { askBackground } from '../shared/runtime-client.ts';
import { actionButton as button, el } from './dom.ts';

/** What the panel code lends: its sanitiser and its Korean error descriptions. */
export interface DeepSectionEnv {
  sanitize: (html: string) => DocumentFragment;
  describeError: (error: SummaryError) => { message: string; nextStep: string };
  openOptions: () => void;
}

const ARXIV_IMAGE = /^https:\/\/arxiv\.org\//;
const WEB_LINK = /^https?:\/\//;

function resultMeta(result: {
  model: string;
  usage: { promptTokens: number; completionTokens: number } | null;
  cost: number | null;
  fromCache?: boolean;
  createdAt: number;
}): string {
  const tokens = result.usage
    ? formatTokens(result.usage.promptTokens + result.usage.completionTokens)
    : null;
  const cost = result.usage && result.cost !== null ? formatUsd(result.cost) : null;
  const cached = result.fromCache ? uiReader.fromCache(formatDate(result.createdAt)) : null;
  return uiReader.meta(result.model, tokens, cost, cached);
}

/** Where an operation stands, in words; empty when the streamed text says it. */
function progressLine(state: OperationState): string {
  switch (state.phase) {
    case 'queued':
      return uiReader.queued;
    case 'waiting':
      return uiReader.waiting(Math.max(0, Math.ceil((state.untilMs - Date.now()) / 1000)));
    case 'reading':
      if (state.step === 'part' && state.index !== undefined && state.of !== undefined)
        return uiReader.readingPart(state.index, state.of);
      return state.step === 'combine' ? uiReader.combining : uiReader.readingFullText;
    case 'retrying':
      return uiReader.retrying;
    case 'streaming':
      return state.text ? '' : uiReader.streaming;
    case 'stopped':
      return uiReader.stopped;
    default:
      return '';
  }
}

/** Mounts the deep reading part of one card's panel in `container`; returns what takes it down. */
export function mountDeepSection(container: HTMLElement, paper: DeepPaper, env: DeepSectionEnv): () => void {
  const sessions = new Set<DeepSession>();
  let disposed = false;

  // ---- "전문 요약" ----
  const deepHeading = el('h4', 'dpk-deep-heading', uiReader.deepTitle);
  const deepStatus = el('p', 'dpk-note');
  deepStatus.setAttribute('role', 'status');
  const deepBody = el('div', 'dpk-rich dpk-deep-body');
  deepBody.lang = 'ko';
  const deepExtras = el('div', 'dpk-deep-extras');
  const deepAlert = el('div', 'dpk-error');
  deepAlert.setAttribute('role', 'alert');
  deepAlert.hidden = true;
  const deepActions = el('div', 'dpk-toolbar');
  const deepMeta = el('span', 'dpk-meta');
  // Groups, not regions: the panel is the card's one region (landmarks stay few for screen readers).
  const deep = el('div', 'dpk-deep', deepHeading, deepStatus, deepBody, deepExtras, deepAlert, deepActions);
  deep.setAttribute('role', 'group');
  deep.setAttribute('aria-label', uiReader.deepTitle);
  let deepState: OperationState = IDLE;
  let cached: DeepSummaryView | null = null;
  let estimate: string | null = null;
  let estimating = false;

  const openReader = () => void askBackground({ type: 'openReader', paper });

  const showError = (target: HTMLElement, error: SummaryError, retry: () => void): HTMLElement[] => {
    const description = env.describeError(error);
    target.replaceChildren(el('p', '', description.message));
    if (error.detail) target.append(el('p', 'dpk-detail', error.detail));
    target.hidden = false;
    const next: HTMLElement[] = [button(uiReader.retry, retry, true)];
    if (description.nextStep === 'openOptions') next.push(button(uiReader.openOptions, env.openOptions));
    if (description.nextStep === 'openReader' || error.kind === 'arxivPermission')
      next.push(button(uiReader.openReader, openReader));
    return next;
  };

  const drawDeep = () => {
    if (disposed) return;
    const state = deepState;
    deepAlert.hidden = true;
    const summary = state.phase === 'done' && state.result.kind === 'summary' ? state.result.summary : cached;
    const streaming = state.phase === 'streaming' || state.phase === 'stopped' ? state : null;
    if (streaming) {
      deepBody.replaceChildren(env.sanitize(streaming.html));
      deepBody.setAttribute('aria-busy', String(state.phase === 'streaming'));
    } else if (summary && !isRunning(state)) {
      deepBody.replaceChildren(env.sanitize(summary.html));
      deepBody.setAttribute('aria-busy', 'false');
    } else {
      deepBody.replaceChildren();
    }
    deepBody.hidden = deepBody.childNodes.length === 0;
    deepExtras.replaceChildren(...(summary && !isRunning(state) && !streaming ? extrasOf(summary) : []));
    deepStatus.textContent = estimating ? uiReader.estimating : progressLine(state) || (estimate ?? '');
    deepStatus.hidden = !deepStatus.textContent;

    const actions: HTMLElement[] = [];
    if (isRunning(state)) {
      actions.push(button(uiReader.stop, stop));
    } else if (state.phase === 'error') {
      actions.push(...showError(deepAlert, state.error, () => void startDeep(summary !== null)));
    } else if (estimate !== null && !summary) {
      actions.push(
        button(uiReader.startDeep, () => void startDeep(false), true),
        button(uiReader.cancel, cancelEstimate),
      );
    } else if (!estimating) {
      actions.push(
        summary
          ? button(uiReader.deepAgain, () => void askEstimate(true))
          : button(uiReader.deepButton, () => void askEstimate(false), true),
      );
    }
    actions.push(button(uiReader.openReader, openReader));
    if (summary && !isRunning(state)) {
      deepMeta.textContent = resultMeta(summary);
      actions.push(deepMeta);
    }
    deepActions.replaceChildren(...actions);
  };

  const extrasOf = (summary: DeepSummaryView): HTMLElement[] => {
    const parts: HTMLElement[] = [];
    const figure = summary.keyFigure;
    if (figure) {
      const label = `${figure.kind === 'table' ? 'Table' : 'Figure'} ${figure.number}`.trim();
      const children: HTMLElement[] = [el('p', 'dpk-figure-heading', `${uiReader.keyFigure} · ${label}`)];
      if (figure.imageUrl && ARXIV_IMAGE.test(figure.imageUrl)) {
        const image = el('img');
        image.src = figure.imageUrl;
        image.alt = figure.captionKo || label;
        image.loading = 'lazy';
        image.referrerPolicy = 'no-referrer';
        // The page's own rules may refuse images from arXiv: then the caption stands alone.
        image.addEventListener('error', () => image.remove(), { once: true });
        children.push(image);
      }
      const caption = el('figcaption');
      if (figure.captionKo) caption.append(el('p', 'dpk-caption-ko', figure.captionKo));
      const english = el('div', 'dpk-caption-en');
      english.lang = 'en';
      english.append(env.sanitize(figure.captionHtml));
      caption.append(english);
      parts.push(el('figure', 'dpk-key-figure', ...children, caption));
    }
    const links = summary.links.filter((link) => WEB_LINK.test(link.url));
    if (links.length > 0) {
      const list = el('ul', 'dpk-links');
      for (const link of links) {
        const anchor = el('a', '', link.url);
        anchor.href = link.url;
        anchor.target = '_blank';
        anchor.rel = 'noopener noreferrer';
        list.append(el('li', '', anchor, ` (${uiReader.linkFrom[link.from]})`));
      }
      parts.push(el('p', 'dpk-figure-heading', uiReader.codeAndData), list);
    }
    if (summary.chunks > 1) parts.push(el('p', 'dpk-meta', uiReader.partsNote(summary.chunks)));
    return parts;
  };

  let forceNext = false;
  const askEstimate = async (force: boolean) => {
    forceNext = force;
    estimating = true;
    deepState = IDLE;
    drawDeep();
    try {
      const result = await askBackground({ type: 'estimateDeep', paper });
      estimating = false;
      if (result.ok) {
        const { estimate: e } = result;
        estimate = uiReader.estimate(formatTokens(e.tokens), formatUsd(e.cost), e.requests, e.model);
        if (e.chunks > 1) estimate += ` ${uiReader.estimateParts(e.chunks)}`;
        if (force) cached = null;
      } else {
        deepState = { phase: 'error', error: result.error };
      }
    } catch (error) {
      estimating = false;
      deepState = { phase: 'error', error: { kind: 'network', message: String(error) } as SummaryError };
    }
    drawDeep();
  };

  const cancelEstimate = () => {
    estimate = null;
    drawDeep();
  };

  /** Runs one operation over its own port; `onState` hears each state, `onEnd` the last one. */
  const run = (request: DeepOperationRequest, onState: (state: OperationState) => void): DeepSession => {
    let state: OperationState = IDLE;
    const session = startDeepSession(
      request,
      (event) => {
        state = nextOperationState(state, event);
        if (event.type === 'done' || event.type === 'error') sessions.delete(session);
        onState(state);
      },
      () => {
        sessions.delete(session);
        onState({
          phase: 'error',
          error: { kind: 'network', message: 'The background stopped answering.' } as SummaryError,
        });
      },
    );
    sessions.add(session);
    (session as DeepSession & { current?: () => OperationState }).current = () => state;
    return session;
  };

  let deepSession: DeepSession | null = null;
  const startDeep = async (force: boolean) => {
    estimate = null;
    deepState = { phase: 'queued' };
    drawDeep();
    deepSession = run({ type: 'summarize', paper, force: force || forceNext }, (state) => {
      deepState = state;
      if (state.phase === 'done' && state.result.kind === 'summary') cached = state.result.summary;
      drawDeep();
    });
  };

  const stop = () => {
    deepSession?.stop();
    deepSession = null;
    deepState = stoppedState(deepState);
    drawDeep();
  };

  // ---- "질문" ----
  const thread = el('ol', 'dpk-thread');
  const questionId = `dpk-question-${paper.id}`;
  const label = el('label', 'dpk-question-label', uiReader.questionLabel);
  label.htmlFor = questionId;
  const input = el('textarea', 'dpk-question');
  input.id = questionId;
  input.rows = 2;
  input.placeholder = uiReader.questionPlaceholder;
  input.maxLength = 2000;
  const askButton = button(uiReader.ask, () => ask(input.value), true);
  const questionAlert = el('p', 'dpk-error');
  questionAlert.setAttribute('role', 'alert');
  questionAlert.hidden = true;
  const suggestions = el('div', 'dpk-suggestions');
  suggestions.setAttribute('aria-label', uiReader.suggestions);
  const questions = el(
    'div',
    'dpk-questions',
    el('h4', 'dpk-deep-heading', uiReader.questionsTitle),
    thread,
    label,
    input,
    el('div', 'dpk-toolbar', askButton, suggestions),
    questionAlert,
  );
  questions.setAttribute('role', 'group');
  questions.setAttribute('aria-label', uiReader.questionsTitle);

  const showSuggestions = (offered: string[]) => {
    suggestions.replaceChildren(
      ...offered.slice(0, 3).map((question) =>
        button(question, () => {
          input.value = question;
          ask(question);
        }),
      ),
    );
  };

  const turnItem = (question: string): { item: HTMLLIElement; answer: HTMLElement; meta: HTMLElement } => {
    const answer = el('div', 'dpk-rich dpk-answer');
    answer.lang = 'ko';
    const meta = el('p', 'dpk-meta');
    const item = el('li', 'dpk-turn', el('p', 'dpk-asked', `${uiReader.you}: ${question}`), answer, meta);
    thread.append(item);
    return { item, answer, meta };
  };

  const showTurn = (turn: TurnView) => {
    const { answer, meta } = turnItem(turn.question);
    answer.append(env.sanitize(turn.html));
    meta.textContent = resultMeta({ ...turn, fromCache: false });
  };

  const ask = (raw: string) => {
    const question = raw.trim();
    if (!question) {
      questionAlert.textContent = uiReader.emptyQuestion;
      questionAlert.hidden = false;
      return;
    }
    questionAlert.hidden = true;
    input.value = '';
    askButton.disabled = true;
    const { answer, meta } = turnItem(question);
    answer.setAttribute('aria-busy', 'true');
    run({ type: 'ask', paper, question }, (state) => {
      if (disposed) return;
      if (state.phase === 'streaming') {
        answer.replaceChildren(env.sanitize(state.html));
      } else if (state.phase === 'done' && state.result.kind === 'answer') {
        answer.replaceChildren(env.sanitize(state.result.turn.html));
        meta.textContent = resultMeta({ ...state.result.turn, fromCache: false });
      } else if (state.phase === 'error') {
        answer.replaceChildren();
        const description = env.describeError(state.error);
        meta.textContent = description.message;
        meta.setAttribute('role', 'alert');
      } else {
        meta.textContent = progressLine(state);
      }
      if (!isRunning(state)) {
        answer.setAttribute('aria-busy', 'false');
        askButton.disabled = false;
      }
    });
  };

  container.append(deep, questions);
  drawDeep();
  showSuggestions(starterQuestions());

  // What is already cached for this paper: its deep summary, its questions and answers.
  askBackground({ type: 'getReaderState', paperId: paper.id }).then(
    (state) => {
      if (disposed) return;
      if (state.deep && !cached && !isRunning(deepState)) {
        cached = state.deep;
        drawDeep();
      }
      for (const turn of state.thread) showTurn(turn);
      showSuggestions(state.deep?.questions.length ? state.deep.questions : starterQuestions());
    },
    (error: unknown) => console.warn('[Daily Papers KO] could not read the paper’s deep reading', error),
  );

  return () => {
    disposed = true;
    // The work goes on for a while without us: a card the page re-renders rejoins nothing, but the
    // result is cached for the next look.
    for (const session of sessions) session.detach();
    sessions.clear();
    deep.remove();
    questions.remove();
  };
}
