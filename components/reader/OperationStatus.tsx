// Where a deep reading operation stands, in words, with its stop button and, after a failure, the
// Korean message and its next step.
import { useEffect, useState } from 'preact/hooks';
import { isRunning, type OperationState } from '../../lib/shared/deep-operation.ts';
import { uiReader } from '../../lib/shared/i18n/ui-reader.ts';
import { describeSummaryError } from '../../lib/shared/summary/error-messages.ts';

function statusText(state: OperationState, now: number): string {
  switch (state.phase) {
    case 'queued':
      return uiReader.queued;
    case 'waiting':
      return uiReader.waiting(Math.max(0, Math.ceil((state.untilMs - now) / 1000)));
    case 'reading':
      if (state.step === 'part' && state.index !== undefined && state.of !== undefined)
        return uiReader.readingPart(state.index, state.of);
      return state.step === 'combine' ? uiReader.combining : uiReader.readingFullText;
    case 'streaming':
      return uiReader.streaming;
    case 'retrying':
      return uiReader.retrying;
    case 'stopped':
      return uiReader.stopped;
    case 'done':
      return uiReader.done;
    default:
      return '';
  }
}

export function OperationStatus({
  state,
  onStop,
  onRetry,
  onOpenOptions,
}: {
  state: OperationState;
  onStop: () => void;
  onRetry?: () => void;
  onOpenOptions: () => void;
}) {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    if (state.phase !== 'waiting') return;
    const timer = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(timer);
  }, [state.phase]);
  const running = isRunning(state);
  if (state.phase === 'error') {
    const described = describeSummaryError(state.error);
    return (
      <div class="op-error" role="alert">
        <p>{described.message}</p>
        {state.error.detail && <p class="hint">{state.error.detail}</p>}
        {described.nextStep === 'openOptions' && (
          <button type="button" onClick={onOpenOptions}>
            {uiReader.openOptions}
          </button>
        )}
        {/* Every error can be tried again once its cause is fixed. */}
        {onRetry && (
          <button type="button" onClick={onRetry}>
            {uiReader.retry}
          </button>
        )}
      </div>
    );
  }
  return (
    <div class="op-status">
      <span role="status" aria-live="polite">
        {statusText(state, now)}
      </span>
      {running && (
        <button type="button" class="small" onClick={onStop}>
          {uiReader.stop}
        </button>
      )}
    </div>
  );
}
