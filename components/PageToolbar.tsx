// The page-wide bar above the cards: summarise every paper on the page, with an estimate and progress.
import { useEffect, useState } from 'preact/hooks';
import type { CardRegistry } from '../lib/content/card-registry.ts';
import { formatTokens, formatUsd } from '../lib/cost.ts';
import { koToolbar } from '../lib/i18n/ko.ts';

export type RunOrder = 'page' | 'upvotes';

export interface PageToolbarProps {
  registry: CardRegistry;
  /** Ids in the chosen order. */
  orderedIds: (order: RunOrder) => string[];
  estimate: (paperIds: string[]) => Promise<{ papers: number; tokens: number; cost: number | null } | null>;
}

function useRegistryProgress(registry: CardRegistry) {
  const [progress, setProgress] = useState(registry.progress());
  useEffect(() => {
    const update = () => setProgress(registry.progress());
    // Cards may have registered between the first render and this subscription.
    update();
    return registry.subscribe(update);
  }, [registry]);
  return progress;
}

export function PageToolbar({ registry, orderedIds, estimate }: PageToolbarProps) {
  const progress = useRegistryProgress(registry);
  const [order, setOrder] = useState<RunOrder>('page');
  const [runTotal, setRunTotal] = useState<number | null>(null);
  const [estimateText, setEstimateText] = useState('');
  const remaining = progress.total - progress.done;

  // A fresh estimate whenever the set of unsummarised papers changes, once the page is idle: reading
  // every abstract must not hold up the buttons or the cached summaries.
  useEffect(() => {
    let current = true;
    const run = () => {
      const ids = registry
        .all()
        .filter((card) => card.state.phase !== 'done')
        .map((card) => card.paperId);
      if (ids.length === 0) {
        setEstimateText('');
        return;
      }
      estimate(ids).then(
        (result) => {
          if (current && result) {
            setEstimateText(
              koToolbar.estimate(result.papers, formatTokens(result.tokens), formatUsd(result.cost)),
            );
          }
        },
        () => current && setEstimateText(''),
      );
    };
    const idle = requestIdleCallback(run, { timeout: 1000 });
    return () => {
      current = false;
      cancelIdleCallback(idle);
    };
  }, [registry, estimate, remaining]);

  const running = runTotal !== null && progress.busy > 0;
  const start = () => {
    const queued = registry.summarizeAll(orderedIds(order)).length;
    setRunTotal(queued > 0 ? progress.done + queued : null);
  };

  return (
    <section class="dpk-toolbar-bar" aria-label={koToolbar.label}>
      <span class="dpk-meta">{koToolbar.status(progress.total, progress.done)}</span>
      {running ? (
        <>
          <progress
            max={runTotal ?? progress.total}
            value={progress.done}
            aria-label={koToolbar.summarizeAll}
          />
          <span role="status" aria-live="polite">
            {koToolbar.progress(progress.done, runTotal ?? progress.total)}
          </span>
          <button type="button" class="dpk-action" onClick={() => registry.cancelAll()}>
            {koToolbar.cancel}
          </button>
        </>
      ) : remaining === 0 && progress.total > 0 ? (
        <span role="status">{koToolbar.nothingLeft}</span>
      ) : (
        <>
          <label class="dpk-meta">
            {koToolbar.order}{' '}
            <select
              value={order}
              onChange={(e) => setOrder(e.currentTarget.value === 'upvotes' ? 'upvotes' : 'page')}
            >
              <option value="page">{koToolbar.orderPage}</option>
              <option value="upvotes">{koToolbar.orderUpvotes}</option>
            </select>
          </label>
          <button type="button" class="dpk-action primary" onClick={start} disabled={progress.total === 0}>
            {koToolbar.summarizeAll}
          </button>
          {estimateText && <span class="dpk-meta">{estimateText}</span>}
        </>
      )}
    </section>
  );
}
