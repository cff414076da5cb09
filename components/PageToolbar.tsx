// The page-wide bar above the cards: summarise every paper on the page, with an estimate and progress.
import { useEffect, useState } from 'preact/hooks';
import type { CardRegistry } from '../lib/content/card-registry.ts';
import { formatTokens, formatUsd } from '../lib/cost.ts';
import { ko } from '../lib/i18n/ko.ts';

export type RunOrder = 'page' | 'upvotes';

export interface PageToolbarProps {
  registry: CardRegistry;
  /** Ids in the chosen order. */
  orderedIds: (order: RunOrder) => string[];
  estimate: (paperIds: string[]) => Promise<{ papers: number; tokens: number; cost: number | null } | null>;
}

function useRegistryProgress(registry: CardRegistry) {
  const [progress, setProgress] = useState(registry.progress());
  useEffect(() => registry.subscribe(() => setProgress(registry.progress())), [registry]);
  return progress;
}

export function PageToolbar({ registry, orderedIds, estimate }: PageToolbarProps) {
  const progress = useRegistryProgress(registry);
  const [order, setOrder] = useState<RunOrder>('page');
  const [runTotal, setRunTotal] = useState<number | null>(null);
  const [estimateText, setEstimateText] = useState('');
  const remaining = progress.total - progress.done;

  // A fresh estimate whenever the set of unsummarised papers changes.
  useEffect(() => {
    let current = true;
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
            ko.toolbar.estimate(result.papers, formatTokens(result.tokens), formatUsd(result.cost)),
          );
        }
      },
      () => current && setEstimateText(''),
    );
    return () => {
      current = false;
    };
  }, [registry, estimate, remaining]);

  const running = runTotal !== null && progress.busy > 0;
  const start = () => {
    const queued = registry.summarizeAll(orderedIds(order));
    setRunTotal(queued > 0 ? progress.done + queued : null);
  };

  return (
    <section class="dpk-toolbar-bar" aria-label={ko.toolbar.label}>
      <span class="dpk-meta">{ko.toolbar.status(progress.total, progress.done)}</span>
      {running ? (
        <>
          <progress
            max={runTotal ?? progress.total}
            value={progress.done}
            aria-label={ko.toolbar.summarizeAll}
          />
          <span role="status" aria-live="polite">
            {ko.toolbar.progress(progress.done, runTotal ?? progress.total)}
          </span>
          <button type="button" class="dpk-action" onClick={() => registry.cancelAll()}>
            {ko.toolbar.cancel}
          </button>
        </>
      ) : remaining === 0 && progress.total > 0 ? (
        <span role="status">{ko.toolbar.nothingLeft}</span>
      ) : (
        <>
          <label class="dpk-meta">
            {ko.toolbar.order}{' '}
            <select
              value={order}
              onChange={(e) => setOrder(e.currentTarget.value === 'upvotes' ? 'upvotes' : 'page')}
            >
              <option value="page">{ko.toolbar.orderPage}</option>
              <option value="upvotes">{ko.toolbar.orderUpvotes}</option>
            </select>
          </label>
          <button type="button" class="dpk-action primary" onClick={start} disabled={progress.total === 0}>
            {ko.toolbar.summarizeAll}
          </button>
          {estimateText && <span class="dpk-meta">{estimateText}</span>}
        </>
      )}
    </section>
  );
}
