// One card's Korean summary: the "한국어 요약" button and the panel under it.
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { CardRegistry } from '../lib/content/card-registry.ts';
import { INITIAL_PANEL, isBusy, type PanelState } from '../lib/content/panel-state.ts';
import { useCardSummary } from '../lib/content/use-card-summary.ts';
import { koPanel } from '../lib/i18n/ko.ts';
import type { DoneEvent, PaperForSummary } from '../lib/messages.ts';
import { describeSummaryError, type NextStep } from '../lib/summary/error-messages.ts';
import { sanitizeSummaryHtml } from '../lib/summary/render.ts';
import { SummaryMeta } from './SummaryMeta.tsx';

/** What made a dormant card mount its panel: a click, a whole-page run, or a cached summary. */
export type CardAction =
  | { type: 'summarize'; options: { force: boolean; batch: boolean } }
  | { type: 'restore'; done: DoneEvent };

export interface CardSummaryProps {
  paperId: string;
  title: string;
  loadPaper: () => Promise<PaperForSummary | null>;
  openOptions: () => void;
  registry: CardRegistry;
  /** Done once, right after mounting. */
  initial?: CardAction;
  /** The dormant button had focus: the real one takes it over. */
  focusOnMount?: boolean;
}

const BILLING_URL = 'https://platform.openai.com/settings/organization/billing/overview';

function announcementFor(state: PanelState): string {
  switch (state.phase) {
    case 'queued':
      return koPanel.loading;
    case 'waiting':
      return koPanel.waiting(Math.max(0, Math.ceil((state.untilMs - Date.now()) / 1000)));
    case 'streaming':
      return koPanel.streaming;
    case 'retrying':
      return koPanel.retryingBadOutput;
    case 'done':
      return koPanel.done;
    case 'stopped':
      return koPanel.stopped;
    default:
      return '';
  }
}

/** Seconds left of a wait the endpoint asked for; 0 when there is none or it is over. */
function useCountdown(seconds: number | null): number {
  const [left, setLeft] = useState(seconds ?? 0);
  useEffect(() => {
    setLeft(seconds ?? 0);
    if (!seconds) return;
    const endsAt = Date.now() + seconds * 1000;
    const timer = setInterval(() => {
      const remaining = Math.max(0, Math.ceil((endsAt - Date.now()) / 1000));
      setLeft(remaining);
      if (remaining === 0) clearInterval(timer);
    }, 250);
    return () => clearInterval(timer);
  }, [seconds]);
  return left;
}

function SummaryText({ html, busy }: { html: string; busy: boolean }) {
  const ref = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    ref.current?.replaceChildren(sanitizeSummaryHtml(html));
  }, [html]);
  return <div ref={ref} class="dpk-summary" aria-busy={busy} lang="ko" />;
}

function NextStepButton({
  step,
  waitLeft,
  onRetry,
  onOpenOptions,
}: {
  step: NextStep;
  waitLeft: number;
  onRetry: () => void;
  onOpenOptions: () => void;
}) {
  switch (step) {
    case 'openOptions':
      return (
        <button type="button" class="dpk-action primary" onClick={onOpenOptions}>
          {koPanel.openOptions}
        </button>
      );
    case 'billing':
      return (
        <a class="dpk-action primary" href={BILLING_URL} target="_blank" rel="noopener noreferrer">
          {koPanel.billing}
        </a>
      );
    case 'reload':
      return (
        <button type="button" class="dpk-action primary" onClick={() => location.reload()}>
          {koPanel.reload}
        </button>
      );
    case 'retry':
      return (
        <button type="button" class="dpk-action primary" disabled={waitLeft > 0} onClick={onRetry}>
          {waitLeft > 0 ? koPanel.waitThenRetry(waitLeft) : koPanel.retry}
        </button>
      );
  }
}

export function CardSummary({
  paperId,
  title,
  loadPaper,
  openOptions,
  registry,
  initial,
  focusOnMount,
}: CardSummaryProps) {
  // A panel mounted to show a cached summary shows it from its first render: no extra frame.
  const controls = useCardSummary(loadPaper, initial?.type === 'restore' ? initial.done : undefined);
  const { state, stop } = controls;
  const [open, setOpen] = useState(initial?.type === 'restore');
  const busy = isBusy(state);
  const error = state.phase === 'error' ? describeSummaryError(state.error) : null;
  const waitLeft = useCountdown(
    state.phase === 'waiting' ? Math.ceil((state.untilMs - Date.now()) / 1000) : (error?.waitSeconds ?? null),
  );
  const summarize = (options: { force: boolean; batch: boolean }) => {
    setOpen(true);
    controls.summarize(options);
  };
  const restore = (done: DoneEvent) => {
    setOpen(true);
    controls.restore(done);
  };

  // The page-wide run and the cache lookup reach this card through the registry.
  const latest = useRef({ summarize, stop, restore });
  latest.current = { summarize, stop, restore };
  useEffect(
    () =>
      registry.register(
        {
          paperId,
          state: INITIAL_PANEL,
          summarize: (options) => latest.current.summarize(options),
          stop: () => latest.current.stop(),
          restore: (done) => latest.current.restore(done),
        },
        { checkCache: false },
      ),
    [registry, paperId],
  );
  useEffect(() => registry.report(paperId, state), [registry, paperId, state]);
  const mainButton = useRef<HTMLButtonElement>(null);
  // The click that mounted this panel is acted on at once, before the browser paints.
  useLayoutEffect(() => {
    if (initial?.type === 'summarize') latest.current.summarize(initial.options);
    if (focusOnMount) mainButton.current?.focus();
  }, []);
  const panelId = `dpk-panel-${paperId}`;
  const text = state.phase === 'idle' ? '' : state.text;

  const onMainButton = () => {
    if (state.phase === 'idle') {
      summarize({ force: false, batch: false });
    } else {
      setOpen(!open);
    }
  };
  const [copyNote, setCopyNote] = useState('');
  const retry = () => summarize({ force: true, batch: false });
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setCopyNote(koPanel.copied);
    } catch {
      setCopyNote(koPanel.copyFailed);
    }
  };

  return (
    <div class="dpk">
      <div class="dpk-bar">
        <button
          ref={mainButton}
          type="button"
          class="dpk-button"
          aria-expanded={state.phase === 'idle' ? undefined : open}
          aria-controls={state.phase === 'idle' ? undefined : panelId}
          onClick={onMainButton}
        >
          <span class="dpk-icon" aria-hidden="true">
            가
          </span>
          {koPanel.summarizeButton}
        </button>
        {!open && busy && (
          <span class="dpk-hint" aria-hidden="true">
            {koPanel.streaming}
          </span>
        )}
      </div>
      {state.phase !== 'idle' && (
        <section
          id={panelId}
          class="dpk-panel"
          aria-label={koPanel.regionLabel(title)}
          data-phase={state.phase}
          hidden={!open}
        >
          <div class={`dpk-body${busy ? ' reserving' : ''}`}>
            {busy && !text && <div class="dpk-skeleton" aria-hidden="true" />}
            {text && <SummaryText html={state.html} busy={busy} />}
          </div>
          {state.phase === 'queued' && <p class="dpk-note">{koPanel.queued}</p>}
          {state.phase === 'waiting' && (
            <div class="dpk-error" role="alert">
              <p>{describeSummaryError(state.error).message}</p>
              <p class="dpk-detail">{koPanel.waiting(waitLeft)}</p>
            </div>
          )}
          {state.phase === 'stopped' && <p class="dpk-note">{koPanel.stopped}</p>}
          {error && (
            <div class="dpk-error" role="alert">
              <p>{error.message}</p>
              {state.phase === 'error' && state.error.detail && (
                <p class="dpk-detail">{state.error.detail}</p>
              )}
            </div>
          )}
          <div class="dpk-toolbar">
            {busy ? (
              <button type="button" class="dpk-action" onClick={stop}>
                {koPanel.stop}
              </button>
            ) : (
              <>
                {error ? (
                  <NextStepButton
                    step={error.nextStep}
                    waitLeft={waitLeft}
                    onRetry={retry}
                    onOpenOptions={openOptions}
                  />
                ) : (
                  <button type="button" class="dpk-action" onClick={retry}>
                    {koPanel.retry}
                  </button>
                )}
                {text && (
                  <button type="button" class="dpk-action" onClick={copy}>
                    {koPanel.copy}
                  </button>
                )}
              </>
            )}
            {state.phase === 'done' && (
              <SummaryMeta
                model={state.model}
                usage={state.usage}
                cost={state.cost}
                fromCache={state.fromCache}
                createdAt={state.createdAt}
              />
            )}
            {copyNote && <span class="dpk-meta">{copyNote}</span>}
          </div>
        </section>
      )}
      <p class="dpk-sr" role="status" aria-live="polite">
        {announcementFor(state)}
      </p>
    </div>
  );
}
