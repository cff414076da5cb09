// The toolbar popup: the current papers page at a glance, summarise all, export the digest.
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { formatUsd } from '../../lib/shared/cost.ts';
import { digestFileName, renderDigest, withDeepSummaries } from '../../lib/shared/digest.ts';
import type { PageStatus, RunOrder, Spending } from '../../lib/shared/domain.ts';
import { uiPopup } from '../../lib/shared/i18n/ui.ts';
import { oneLinerDigestFileName, renderOneLinerDigest } from '../../lib/shared/oneliner-digest.ts';
import { askBackground } from '../../lib/shared/runtime-client.ts';
import { activeTabId, askPage } from '../../lib/ui/popup/active-page.ts';
import { saveTextFile } from '../../lib/ui/save-file.ts';
import { KeyNotice } from './KeyNotice.tsx';
import { PageReadingReport } from './PageReadingReport.tsx';

type Missing = 'summarize' | 'skip';
/** The digest with full summaries (the seed's format), or the day's one-liners only. */
type Format = 'full' | 'oneLiners';

const orderOf = (value: string): RunOrder =>
  value === 'page' || value === 'recommended' ? value : 'upvotes';

export function Popup() {
  const [tabId, setTabId] = useState<number | null>(null);
  const [status, setStatus] = useState<PageStatus | null | undefined>(undefined);
  const [spending, setSpending] = useState<Spending | null>(null);
  const [order, setOrder] = useState<RunOrder>('upvotes');
  const [format, setFormat] = useState<Format>('full');
  const [missing, setMissing] = useState<Missing>('skip');
  const [headerAndFooter, setHeaderAndFooter] = useState(false);
  const [useDeep, setUseDeep] = useState(true);
  const [note, setNote] = useState('');
  const [working, setWorking] = useState(false);

  const refresh = async (id: number | null) => {
    setStatus(id === null ? null : await askPage(id, { type: 'pageStatus' }));
  };
  useEffect(() => {
    activeTabId().then((id) => {
      setTabId(id);
      void refresh(id);
    });
    askBackground({ type: 'getSpending' }).then(setSpending, () => setSpending(null));
  }, []);

  const summarizeAll = async () => {
    if (tabId === null) return;
    const result = await askPage(tabId, { type: 'summarizeAll', order });
    setNote(uiPopup.queued(result?.queued ?? 0));
    void refresh(tabId);
  };

  /** The page collects its papers and one-liners (in the order chosen); rendered here. */
  const buildOneLinerDigest = async (
    id: number,
  ): Promise<{ markdown: string; fileName: string; papers: number } | null> => {
    const result = await askPage(id, { type: 'buildOneLinerDigest', order, missing });
    if (!result?.ok) {
      setNote(uiPopup.emptyOneLiners);
      return null;
    }
    return {
      markdown: renderOneLinerDigest(result.papers, {
        period: result.period,
        order: result.recommendedFirst ? 'recommended' : 'page',
      }),
      fileName: oneLinerDigestFileName(result.period),
      papers: result.papers.filter((paper) => paper.titleKo && paper.tldrKo).length,
    };
  };

  /** The page collects its papers and summaries; the digest is rendered here, where it is shown. */
  const buildDigest = async (): Promise<{ markdown: string; fileName: string; papers: number } | null> => {
    if (tabId === null) return null;
    setWorking(missing === 'summarize');
    if (missing === 'summarize') setNote(format === 'full' ? uiPopup.working : uiPopup.workingOneLiners);
    try {
      if (format === 'oneLiners') return await buildOneLinerDigest(tabId);
      const result = await askPage(tabId, { type: 'buildDigest', order, missing });
      if (!result?.ok) {
        setNote(uiPopup.empty);
        return null;
      }
      // Deep summaries, where the user made them, replace the abstract summaries (2024 newsletter entries).
      const deep = useDeep
        ? (
            await askBackground({
              type: 'getDeepSummaries',
              paperIds: result.papers.map((paper) => paper.id),
            })
          ).deep
        : {};
      const papers = withDeepSummaries(result.papers, deep);
      return {
        markdown: renderDigest(papers, { period: result.period, order, headerAndFooter }),
        fileName: digestFileName(result.period),
        papers: papers.filter((paper) => paper.summary).length,
      };
    } finally {
      setWorking(false);
      void refresh(tabId);
    }
  };

  const copy = async () => {
    const digest = await buildDigest();
    if (!digest) return;
    try {
      await navigator.clipboard.writeText(digest.markdown);
      setNote(uiPopup.copied(digest.papers));
    } catch {
      setNote(uiPopup.copyFailed);
    }
  };
  const download = async () => {
    const digest = await buildDigest();
    if (!digest) return;
    saveTextFile(digest.fileName, digest.markdown, 'text/markdown;charset=utf-8');
    setNote(uiPopup.downloaded(digest.fileName));
  };
  const openOptions = () => void browser.runtime.openOptionsPage();

  return (
    <main class="popup">
      <h1>{uiPopup.title}</h1>
      <KeyNotice />
      {status === undefined ? null : status === null ? (
        <>
          <p>{uiPopup.notPapersPage}</p>
          <p>
            <a href="https://huggingface.co/papers" target="_blank" rel="noopener noreferrer">
              {uiPopup.openPapers}
            </a>
          </p>
        </>
      ) : (
        <>
          <p data-testid="popup-status">{uiPopup.pageStatus(status.total, status.done)}</p>
          {status.failed > 0 && (
            <p class="failed" data-testid="popup-failed">
              {uiPopup.failed(status.failed)}
            </p>
          )}
          <div class="row">
            <button type="button" class="primary" onClick={summarizeAll} disabled={status.total === 0}>
              {uiPopup.summarizeAll}
            </button>
          </div>
          <fieldset>
            <legend>{uiPopup.digest}</legend>
            <label>
              {uiPopup.order}
              <select value={order} onChange={(e) => setOrder(orderOf(e.currentTarget.value))}>
                <option value="upvotes">{uiPopup.orderUpvotes}</option>
                <option value="page">{uiPopup.orderPage}</option>
                <option value="recommended">{uiPopup.orderRecommended}</option>
              </select>
            </label>
            <label>
              {uiPopup.format}
              <select
                value={format}
                onChange={(e) => setFormat(e.currentTarget.value === 'oneLiners' ? 'oneLiners' : 'full')}
              >
                <option value="full">{uiPopup.formatFull}</option>
                <option value="oneLiners">{uiPopup.formatOneLiners}</option>
              </select>
            </label>
            <p class="hint">{format === 'full' ? uiPopup.missing : uiPopup.missingOneLiners}</p>
            <label>
              <input
                type="radio"
                name="missing"
                checked={missing === 'skip'}
                onChange={() => setMissing('skip')}
              />
              {uiPopup.missingSkip}
            </label>
            <label>
              <input
                type="radio"
                name="missing"
                checked={missing === 'summarize'}
                onChange={() => setMissing('summarize')}
              />
              {format === 'full'
                ? uiPopup.missingSummarize(status.total - status.done)
                : uiPopup.missingOneLinersRun}
            </label>
            {format === 'full' && (
              <label>
                <input
                  type="checkbox"
                  checked={headerAndFooter}
                  onChange={(e) => setHeaderAndFooter(e.currentTarget.checked)}
                />
                {uiPopup.headerFooter}
              </label>
            )}
            {format === 'full' && (
              <label>
                <input
                  type="checkbox"
                  checked={useDeep}
                  onChange={(e) => setUseDeep(e.currentTarget.checked)}
                />
                {uiPopup.useDeep}
              </label>
            )}
            <div class="row">
              <button type="button" onClick={copy} disabled={working}>
                {uiPopup.copy}
              </button>
              <button type="button" onClick={download} disabled={working}>
                {uiPopup.download}
              </button>
            </div>
          </fieldset>
          <p class="hint">{uiPopup.shortcut}</p>
          {tabId !== null && <PageReadingReport tabId={tabId} />}
        </>
      )}
      <p role="status" aria-live="polite">
        {note}
      </p>
      {spending && (
        <p class="hint" data-testid="popup-spend">
          {uiPopup.spendToday(formatUsd(spending.today.cost), spending.today.requests)}
        </p>
      )}
      <p>
        <button type="button" onClick={openOptions}>
          {uiPopup.openOptions}
        </button>
      </p>
    </main>
  );
}
