// "한국어로 읽기": one paper in the extension's reader page. What is cached shows at once; the full
// text comes from arXiv (asking for the arxiv.org permission with a click when the browser needs
// it); everything that costs money waits for a click and says what it will cost first.
import { useEffect, useMemo, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import {
  ARXIV_PERMISSION_ORIGINS,
  arxivAbsUrl,
  hfPaperUrl,
  type ReaderPaperRef,
} from '../../lib/shared/arxiv.ts';
import type {
  DeepEstimate,
  DeepSummaryView,
  PaperView,
  ReaderState,
  SectionView,
  TurnView,
} from '../../lib/shared/deep-domain.ts';
import type { DeepPaper, SummaryError } from '../../lib/shared/domain.ts';
import { uiReader } from '../../lib/shared/i18n/ui-reader.ts';
import { askBackground } from '../../lib/shared/runtime-client.ts';
import { describeSummaryError } from '../../lib/shared/summary/error-messages.ts';
import { DeepSummaryCard } from './DeepSummaryCard.tsx';
import { PaperSections } from './PaperSections.tsx';
import { QuestionsCard } from './QuestionsCard.tsx';
import { SafeHtml } from './SafeHtml.tsx';

type Loading<T> =
  | { status: 'loading' }
  | { status: 'ok'; value: T }
  | { status: 'error'; error: SummaryError };

const openOptions = () => void askBackground({ type: 'openOptions' });

function PermissionCard({ onGranted }: { onGranted: () => void }) {
  const [denied, setDenied] = useState(false);
  const ask = async () => {
    // Must run in the click's own task: the browser asks the user only in answer to a gesture.
    const granted = await browser.permissions.request({ origins: ARXIV_PERMISSION_ORIGINS });
    if (granted) onGranted();
    else setDenied(true);
  };
  return (
    <section class="card permission" aria-labelledby="permission-title">
      <h2 id="permission-title">{uiReader.permissionTitle}</h2>
      <p>{uiReader.permissionBody}</p>
      <button type="button" class="primary" onClick={() => void ask()}>
        {uiReader.permissionButton}
      </button>
      {denied && <p class="hint">{uiReader.permissionDenied}</p>}
    </section>
  );
}

function Outline({ view }: { view: PaperView }) {
  return (
    <nav class="outline" aria-label={uiReader.outline}>
      <h2>{uiReader.outline}</h2>
      <ol>
        <li>
          <a href="#abstract">{uiReader.abstract}</a>
        </li>
        {view.sections
          .filter((section) => (section.title || section.number) && section.depth <= 3)
          .map((section) => (
            <li key={section.key} class={`depth-${section.depth}`}>
              <a href={`#section-${section.key}`} lang="en">
                {[section.number, section.title].filter(Boolean).join(' ')}
              </a>
            </li>
          ))}
      </ol>
    </nav>
  );
}

export function ReaderPage({ paper: ref }: { paper: ReaderPaperRef }) {
  const paper: DeepPaper = useMemo(
    () => ({ id: ref.id, githubRepo: ref.githubRepo ?? null, projectPage: ref.projectPage ?? null }),
    [ref],
  );
  const [cached, setCached] = useState<ReaderState | null>(null);
  const [view, setView] = useState<Loading<PaperView>>({ status: 'loading' });
  const [estimate, setEstimate] = useState<DeepEstimate | null>(null);
  const [summary, setSummary] = useState<DeepSummaryView | null>(null);
  const [explained, setExplained] = useState<Record<string, SectionView>>({});
  const [thread, setThread] = useState<TurnView[]>([]);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    void askBackground({ type: 'getReaderState', paperId: paper.id }).then((state) => {
      setCached(state);
      setSummary((current) => current ?? state.deep);
      setExplained((current) => ({ ...state.sections, ...current }));
      setThread((current) => (current.length > 0 ? current : state.thread));
    });
  }, [paper.id]);

  useEffect(() => {
    setView({ status: 'loading' });
    void askBackground({ type: 'loadPaperView', paper }).then((loaded) => {
      setView(loaded.ok ? { status: 'ok', value: loaded.view } : { status: 'error', error: loaded.error });
      if (!loaded.ok) return;
      void askBackground({ type: 'estimateDeep', paper }).then((estimated) => {
        if (estimated.ok) setEstimate(estimated.estimate);
      });
    });
  }, [paper, attempt]);

  const title = view.status === 'ok' ? view.value.title : paper.id;
  useEffect(() => {
    document.title = uiReader.pageTitle(title);
  }, [title]);

  const canRun = view.status === 'ok';
  const captions = useMemo(() => {
    const known: Record<string, string> = {};
    for (const section of Object.values(explained)) Object.assign(known, section.captions);
    if (summary?.keyFigure?.captionKo) known[summary.keyFigure.id] = summary.keyFigure.captionKo;
    return known;
  }, [explained, summary]);
  const suggestions = summary?.questions ?? cached?.starterQuestions ?? [];

  return (
    <div class="reader">
      <header class="reader-header">
        <p class="eyebrow">{uiReader.eyebrow}</p>
        {view.status === 'ok' ? (
          <h1 lang="en">
            <SafeHtml html={view.value.titleHtml} inline />
          </h1>
        ) : (
          <h1 lang="en">{paper.id}</h1>
        )}
        <p class="paper-links">
          <a href={hfPaperUrl(paper.id)} target="_blank" rel="noopener noreferrer">
            {uiReader.openOnHf}
          </a>
          <a href={arxivAbsUrl(paper.id)} target="_blank" rel="noopener noreferrer">
            {uiReader.openOnArxiv}
          </a>
          {view.status === 'ok' && /^https:\/\/arxiv\.org\//.test(view.value.url) && (
            <a href={view.value.url} target="_blank" rel="noopener noreferrer">
              {uiReader.openSource(view.value.source)}
            </a>
          )}
        </p>
        {view.status === 'ok' && (
          <p class="hint">
            {uiReader.sourceLine(view.value.source, view.value.textVersion.replace(/^html-?/, ''))}
          </p>
        )}
      </header>
      <div class="reader-layout">
        {view.status === 'ok' && <Outline view={view.value} />}
        <main>
          {view.status === 'loading' && (
            <p role="status" class="hint">
              {uiReader.loadingPaper}
            </p>
          )}
          {view.status === 'error' &&
            (view.error.kind === 'arxivPermission' ? (
              <PermissionCard onGranted={() => setAttempt((n) => n + 1)} />
            ) : (
              <div class="card op-error" role="alert">
                <p>{describeSummaryError(view.error).message}</p>
                <button type="button" onClick={() => setAttempt((n) => n + 1)}>
                  {uiReader.retry}
                </button>
              </div>
            ))}
          <DeepSummaryCard
            paper={paper}
            summary={summary}
            estimate={estimate}
            canRun={canRun}
            onDone={setSummary}
            onOpenOptions={openOptions}
          />
          <QuestionsCard
            paper={paper}
            thread={thread}
            suggestions={suggestions}
            canRun={canRun}
            onAnswered={(turn) => setThread((current) => [...current, turn])}
            onOpenOptions={openOptions}
          />
          {view.status === 'ok' && (
            <PaperSections
              paper={paper}
              view={view.value}
              explained={explained}
              captions={captions}
              canRun={canRun}
              onExplained={(section) =>
                setExplained((current) => ({ ...current, [section.sectionKey]: section }))
              }
              onOpenOptions={openOptions}
            />
          )}
        </main>
      </div>
    </div>
  );
}
