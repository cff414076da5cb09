// The paper itself: abstract, then every section with its text and equations rendered, its figures
// and tables with Korean captions once known, and, for top-level sections, a Korean explanation on
// demand ("한국어 설명").
import type { FigureView, PaperView, SectionOutline, SectionView } from '../../lib/shared/deep-domain.ts';
import { isRunning, streamedSoFar } from '../../lib/shared/deep-operation.ts';
import type { DeepPaper } from '../../lib/shared/domain.ts';
import { uiReader } from '../../lib/shared/i18n/ui-reader.ts';
import { useDeepOperation } from '../../lib/ui/reader/use-deep-operation.ts';
import { OperationStatus } from './OperationStatus.tsx';
import { ResultMeta } from './ResultMeta.tsx';
import { SafeHtml } from './SafeHtml.tsx';

const ARXIV_IMAGE = /^https:\/\/arxiv\.org\//;

function Figure({ figure, captionKo }: { figure: FigureView; captionKo: string | undefined }) {
  const label = `${figure.kind === 'table' ? 'Table' : 'Figure'} ${figure.number}`.trim();
  return (
    <figure class="paper-figure" id={`figure-${figure.key}`}>
      {figure.imageUrl && ARXIV_IMAGE.test(figure.imageUrl) && (
        <img src={figure.imageUrl} alt={captionKo || label} loading="lazy" referrerpolicy="no-referrer" />
      )}
      {figure.tableHtml && <SafeHtml html={figure.tableHtml} class="paper-table" lang="en" />}
      <figcaption>
        <strong>{label}</strong>
        {captionKo && (
          <span class="caption-ko" lang="ko">
            {' '}
            {uiReader.koreanCaption}: {captionKo}
          </span>
        )}
        <SafeHtml html={figure.captionHtml} class="caption-en" lang="en" />
      </figcaption>
    </figure>
  );
}

function Heading({ section }: { section: SectionOutline }) {
  const text = [section.number, section.title].filter(Boolean).join(' ');
  if (section.depth <= 1) return <h2 lang="en">{text}</h2>;
  if (section.depth === 2) return <h3 lang="en">{text}</h3>;
  return <h4 lang="en">{text}</h4>;
}

function Explanation({
  paper,
  section,
  explained,
  canRun,
  onExplained,
  onOpenOptions,
}: {
  paper: DeepPaper;
  section: SectionOutline;
  explained: SectionView | undefined;
  canRun: boolean;
  onExplained: (view: SectionView) => void;
  onOpenOptions: () => void;
}) {
  const operation = useDeepOperation((result) => {
    if (result.kind === 'section') onExplained(result.section);
  });
  const { state } = operation;
  const running = isRunning(state);
  const run = (force: boolean) =>
    operation.start({ type: 'explainSection', paper, sectionKey: section.key, force });
  const streaming = streamedSoFar(state);
  return (
    <div class="explanation">
      <div class="actions start">
        <button
          type="button"
          class="small"
          disabled={!canRun || running}
          onClick={() => run(explained !== undefined)}
        >
          {explained ? uiReader.explainAgain : uiReader.explain}
        </button>
      </div>
      <OperationStatus
        state={state.phase === 'done' ? { phase: 'idle' } : state}
        onStop={operation.stop}
        onRetry={() => run(true)}
        onOpenOptions={onOpenOptions}
      />
      {streaming && <SafeHtml html={streaming.html} class="summary" lang="ko" busy={streaming.busy} />}
      {explained && !streaming && (
        <div class="explained">
          <SafeHtml html={explained.html} class="summary" lang="ko" />
          <ResultMeta {...explained} />
        </div>
      )}
    </div>
  );
}

export function PaperSections({
  paper,
  view,
  explained,
  captions,
  canRun,
  onExplained,
  onOpenOptions,
}: {
  paper: DeepPaper;
  view: PaperView;
  explained: Record<string, SectionView>;
  /** Korean captions known so far, by figure key. */
  captions: Record<string, string>;
  canRun: boolean;
  onExplained: (view: SectionView) => void;
  onOpenOptions: () => void;
}) {
  const figuresOf = (key: string) => view.figures.filter((figure) => figure.sectionKey === key);
  return (
    <article class="paper" lang="en">
      <section class="card abstract" id="abstract">
        <h2 lang="ko">{uiReader.abstract}</h2>
        <SafeHtml html={view.abstractHtml} class="paper-text" />
        {figuresOf('').map((figure) => (
          <Figure key={figure.key} figure={figure} captionKo={captions[figure.key]} />
        ))}
      </section>
      {view.sections.map((section) => (
        <section
          class={`paper-section depth-${section.depth}`}
          id={`section-${section.key}`}
          key={section.key}
        >
          {(section.title || section.number) && <Heading section={section} />}
          {section.explainable && (
            <Explanation
              paper={paper}
              section={section}
              explained={explained[section.key]}
              canRun={canRun}
              onExplained={onExplained}
              onOpenOptions={onOpenOptions}
            />
          )}
          {section.html && <SafeHtml html={section.html} class="paper-text" />}
          {figuresOf(section.key).map((figure) => (
            <Figure key={figure.key} figure={figure} captionKo={captions[figure.key]} />
          ))}
        </section>
      ))}
    </article>
  );
}
