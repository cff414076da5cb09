// The page-wide bar above the cards: summarise every paper on the page, with an estimate and progress.
// Plain DOM, painted by the boot script; it follows the registry and redraws what changed.
import { formatTokens, formatUsd } from '../shared/cost.ts';
import type { RunOrder } from '../shared/domain.ts';
import { uiToolbar } from '../shared/i18n/ui.ts';
import type { CardRegistry } from './card-registry.ts';
import { el } from './dom.ts';
import { mountFoldButtons } from './fold-all.ts';
import { mountKeyNotice } from './key-notice.ts';
import { type RunTally, startRunTally } from './run-tally.ts';

export interface PageToolbarDeps {
  registry: CardRegistry;
  /** Ids in the chosen order. */
  orderedIds: (order: RunOrder) => Promise<string[]>;
  estimate: (paperIds: string[]) => Promise<{ papers: number; tokens: number; cost: number | null } | null>;
  /** The order chosen (추천순 badges the page: lib/page/glance-tools.ts). */
  onOrderChange?: (order: RunOrder) => void;
  /** Filled later by the "한 줄 요약" tools; placed after the run's controls. */
  extra?: HTMLElement;
}

function actionButton(label: string, className: string, onClick: () => void): HTMLButtonElement {
  const button = el('button', className, label);
  button.type = 'button';
  button.addEventListener('click', onClick);
  return button;
}

/** Paints the bar into `container`; returns the function that takes it down. */
export function mountPageToolbar(container: HTMLElement, deps: PageToolbarDeps): () => void {
  const { registry } = deps;
  let order: RunOrder = 'page';
  /** How many papers the running whole-page run covers; null when none runs. */
  let runTotal: number | null = null;
  /** The running (or last) run's papers, for the report when it ends. */
  let run: ReturnType<typeof startRunTally> | null = null;
  let estimateText = '';
  let estimatedFor = -1;
  let idle: number | undefined;

  // "Ready": choose the order and start, with the estimate.
  const select = el(
    'select',
    '',
    new Option(uiToolbar.orderPage, 'page'),
    new Option(uiToolbar.orderUpvotes, 'upvotes'),
    new Option(uiToolbar.orderRecommended, 'recommended'),
  );
  select.addEventListener('change', () => {
    order = select.value === 'upvotes' || select.value === 'recommended' ? select.value : 'page';
    deps.onOrderChange?.(order);
  });
  const start = actionButton(uiToolbar.summarizeAll, 'dpk-action primary', async () => {
    const ids = await deps.orderedIds(order);
    const { done } = registry.progress();
    const queuedIds = registry.summarizeAll(ids);
    const queued = queuedIds.length;
    runTotal = queued > 0 ? done + queued : null;
    run = queued > 0 ? startRunTally(registry, ids, queuedIds) : null;
    runReport.hidden = true;
    update();
  });
  const estimate = el('span', 'dpk-meta');
  const ready = [el('label', 'dpk-meta', `${uiToolbar.order} `, select), start, estimate];
  // "Running": progress and cancel.
  const progressBar = el('progress', '');
  progressBar.setAttribute('aria-label', uiToolbar.summarizeAll);
  const progressText = el('span', '');
  progressText.setAttribute('role', 'status');
  progressText.setAttribute('aria-live', 'polite');
  const running = [
    progressBar,
    progressText,
    actionButton(uiToolbar.cancel, 'dpk-action', () => registry.cancelAll()),
  ];
  // "Finished": nothing left to summarise.
  const finishedText = el('span', '', uiToolbar.nothingLeft);
  finishedText.setAttribute('role', 'status');
  const finished = [finishedText];

  const status = el('span', 'dpk-meta');
  const body = el('span', 'dpk-toolbar-body');
  // What the last run came to: done, failed, skipped and its cost.
  const runReport = el('p', 'dpk-run-report');
  runReport.setAttribute('role', 'status');
  runReport.hidden = true;
  const section = el(
    'section',
    'dpk-toolbar-bar',
    status,
    body,
    ...(deps.extra ? [deps.extra] : []),
    runReport,
  );
  section.setAttribute('aria-label', uiToolbar.label);
  container.append(section);
  const unmountFoldButtons = mountFoldButtons(section, registry);
  const unmountKeyNotice = mountKeyNotice(section);
  let shown: Node[] = [];

  /**
   * A fresh estimate whenever the number of unsummarised papers changes, once the page is idle:
   * reading every abstract must not hold up the buttons or the cached summaries.
   */
  const refreshEstimate = (remaining: number) => {
    estimatedFor = remaining;
    if (idle !== undefined) cancelIdleCallback(idle);
    idle = requestIdleCallback(
      () => {
        const show = (text: string) => {
          if (estimatedFor !== remaining) return;
          estimateText = text;
          update();
        };
        const ids = registry
          .all()
          .filter((controller) => controller.state.phase !== 'done')
          .map((controller) => controller.paperId);
        if (ids.length === 0) return show('');
        deps.estimate(ids).then(
          (result) =>
            show(
              result
                ? uiToolbar.estimate(result.papers, formatTokens(result.tokens), formatUsd(result.cost))
                : '',
            ),
          () => show(''),
        );
      },
      { timeout: 1000 },
    );
  };

  function update(): void {
    const progress = registry.progress();
    const remaining = progress.total - progress.done;
    if (runTotal !== null && progress.busy === 0) {
      runTotal = null;
      if (run) showRunReport(runReport, run.tally());
      run = null;
    }
    const parts = runTotal !== null ? running : remaining === 0 && progress.total > 0 ? finished : ready;
    status.textContent = uiToolbar.status(progress.total, progress.done);
    if (parts !== shown) {
      shown = parts;
      body.replaceChildren(...parts);
    }
    progressBar.max = runTotal ?? progress.total;
    progressBar.value = progress.done;
    progressText.textContent = uiToolbar.progress(progress.done, runTotal ?? progress.total);
    start.disabled = progress.total === 0;
    estimate.textContent = estimateText;
    if (parts === ready && remaining !== estimatedFor) refreshEstimate(remaining);
  }

  const unsubscribe = registry.subscribe(update);
  update();
  return () => {
    unsubscribe();
    unmountFoldButtons();
    unmountKeyNotice();
    if (idle !== undefined) cancelIdleCallback(idle);
    section.remove();
  };
}

function showRunReport(report: HTMLElement, tally: RunTally): void {
  report.textContent = uiToolbar.runReport({
    ...tally,
    cost: tally.cost === null ? null : formatUsd(tally.cost),
  });
  report.hidden = false;
}
