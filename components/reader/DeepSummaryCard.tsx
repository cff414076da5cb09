// "전문 요약": the estimate first (tokens and price of this paper's full text), then the streamed
// deep summary, its key figure with a Korean caption, and the code and data links.
import { formatTokens, formatUsd } from '../../lib/shared/cost.ts';
import type { DeepEstimate, DeepSummaryView } from '../../lib/shared/deep-domain.ts';
import { isRunning, streamedSoFar } from '../../lib/shared/deep-operation.ts';
import type { DeepPaper } from '../../lib/shared/domain.ts';
import { uiReader } from '../../lib/shared/i18n/ui-reader.ts';
import { useDeepOperation } from '../../lib/ui/reader/use-deep-operation.ts';
import { OperationStatus } from './OperationStatus.tsx';
import { ResultMeta } from './ResultMeta.tsx';
import { SafeHtml } from './SafeHtml.tsx';

const ARXIV_IMAGE = /^https:\/\/arxiv\.org\//;
const WEB_LINK = /^https?:\/\//;

function EstimateLine({ estimate }: { estimate: DeepEstimate | null }) {
  if (!estimate) return <p class="hint">{uiReader.estimating}</p>;
  return (
    <p class="estimate" data-testid="deep-estimate">
      {uiReader.estimate(
        formatTokens(estimate.tokens),
        formatUsd(estimate.cost),
        estimate.requests,
        estimate.model,
      )}
      {estimate.chunks > 1 && <> {uiReader.estimateParts(estimate.chunks)}</>}
    </p>
  );
}

function KeyFigure({ figure }: { figure: NonNullable<DeepSummaryView['keyFigure']> }) {
  const label = `${figure.kind === 'table' ? 'Table' : 'Figure'} ${figure.number}`.trim();
  return (
    <figure class="key-figure">
      <p class="figure-heading">
        {uiReader.keyFigure} · {label}
      </p>
      {figure.imageUrl && ARXIV_IMAGE.test(figure.imageUrl) && (
        <img
          src={figure.imageUrl}
          alt={figure.captionKo || label}
          loading="lazy"
          referrerpolicy="no-referrer"
        />
      )}
      <figcaption>
        {figure.captionKo && (
          <p class="caption-ko" lang="ko">
            {figure.captionKo}
          </p>
        )}
        <SafeHtml html={figure.captionHtml} class="caption-en" lang="en" />
      </figcaption>
    </figure>
  );
}

function CodeLinks({ links }: { links: DeepSummaryView['links'] }) {
  const safe = links.filter((link) => WEB_LINK.test(link.url));
  if (safe.length === 0) return null;
  return (
    <div class="code-links">
      <h3>{uiReader.codeAndData}</h3>
      <ul>
        {safe.map((link) => (
          <li key={link.url}>
            <a href={link.url} target="_blank" rel="noopener noreferrer">
              {link.url}
            </a>{' '}
            <span class="hint">({uiReader.linkFrom[link.from]})</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function DeepSummaryCard({
  paper,
  summary,
  estimate,
  canRun,
  onDone,
  onOpenOptions,
}: {
  paper: DeepPaper;
  summary: DeepSummaryView | null;
  estimate: DeepEstimate | null;
  /** False until the full text is there (no permission yet, or arXiv has none). */
  canRun: boolean;
  onDone: (summary: DeepSummaryView) => void;
  onOpenOptions: () => void;
}) {
  const operation = useDeepOperation((result) => {
    if (result.kind === 'summary') onDone(result.summary);
  });
  const { state } = operation;
  const running = isRunning(state);
  const run = (force: boolean) => operation.start({ type: 'summarize', paper, force });
  const streaming = streamedSoFar(state);
  return (
    <section class="card deep" aria-labelledby="deep-title">
      <h2 id="deep-title">{uiReader.deepTitle}</h2>
      {canRun && !summary && <EstimateLine estimate={estimate} />}
      <div class="actions start">
        {!summary && (
          <button type="button" class="primary" disabled={!canRun || running} onClick={() => run(false)}>
            {uiReader.deepButton}
          </button>
        )}
        {summary && (
          <button type="button" disabled={!canRun || running} onClick={() => run(true)}>
            {uiReader.deepAgain}
          </button>
        )}
      </div>
      <OperationStatus
        state={state}
        onStop={operation.stop}
        onRetry={() => run(true)}
        onOpenOptions={onOpenOptions}
      />
      {streaming && <SafeHtml html={streaming.html} class="summary" lang="ko" busy={streaming.busy} />}
      {summary && !streaming && (
        <div class="deep-result">
          <SafeHtml html={summary.html} class="summary" lang="ko" />
          {summary.keyFigure && <KeyFigure figure={summary.keyFigure} />}
          <CodeLinks links={summary.links} />
          {summary.chunks > 1 && <p class="hint">{uiReader.partsNote(summary.chunks)}</p>}
          <ResultMeta {...summary} />
        </div>
      )}
    </section>
  );
}
