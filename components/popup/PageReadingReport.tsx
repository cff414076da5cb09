// The popup's drift report: what the page reader saw on this tab (data island, papers, cards, route),
// and "문제 보고용 정보 복사", an anonymised diagnostic to paste into an issue report.
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { uiFallback, uiReading } from '../../lib/shared/i18n/ui.ts';
import {
  browserOf,
  describeIsland,
  describeRoute,
  layoutUnknown,
  type PageReading,
  papersAreLost,
  readingReport,
} from '../../lib/shared/page-reading.ts';
import { askPage } from '../../lib/ui/popup/active-page.ts';

export function PageReadingReport({ tabId }: { tabId: number }) {
  const [reading, setReading] = useState<PageReading | null>(null);
  const [note, setNote] = useState('');
  useEffect(() => {
    void askPage(tabId, { type: 'pageReading' }).then(setReading);
  }, [tabId]);
  if (!reading) return null;

  const lost = papersAreLost(reading);
  const unknown = layoutUnknown(reading);
  const copy = async () => {
    const report = readingReport(reading, {
      version: browser.runtime.getManifest().version,
      browser: browserOf(navigator.userAgent),
      date: new Date().toISOString().slice(0, 10),
    });
    try {
      await navigator.clipboard.writeText(report);
      setNote(uiReading.copied);
    } catch {
      setNote(uiReading.copyFailed);
    }
  };

  return (
    <details class="reading" open={lost || unknown}>
      <summary>{uiReading.title}</summary>
      {lost && (
        <p class="warning">
          {uiFallback.notice(reading.papersInData, reading.papersWithCard)}. {uiReading.useList}
        </p>
      )}
      {unknown && <p class="warning">{uiReading.unknownLayout}</p>}
      <dl>
        <dt>{uiReading.route}</dt>
        <dd>{describeRoute(reading)}</dd>
        <dt>{uiReading.island}</dt>
        <dd>{describeIsland(reading.island)}</dd>
        <dt>{uiReading.papersInData}</dt>
        <dd>{uiReading.count(reading.papersInData)}</dd>
        <dt>{uiReading.cards}</dt>
        <dd>{uiReading.cardsFound(reading.cards, reading.papersWithCard)}</dd>
        <dt>{uiReading.withoutCard}</dt>
        <dd>{uiReading.count(reading.papersWithoutCard)}</dd>
      </dl>
      <button type="button" onClick={copy}>
        {uiReading.copy}
      </button>
      <p class="hint" role="status">
        {note}
      </p>
    </details>
  );
}
