// The popup's drift report: what the page reader saw on this tab (data island, papers, cards, route),
// and "문제 보고용 정보 복사", an anonymised diagnostic to paste into an issue report.
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { koFallback, koReading } from '../../lib/shared/i18n/ko.ts';
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
      setNote(koReading.copied);
    } catch {
      setNote(koReading.copyFailed);
    }
  };

  return (
    <details class="reading" open={lost || unknown}>
      <summary>{koReading.title}</summary>
      {lost && (
        <p class="warning">
          {koFallback.notice(reading.papersInData, reading.papersWithCard)}. {koReading.useList}
        </p>
      )}
      {unknown && <p class="warning">{koReading.unknownLayout}</p>}
      <dl>
        <dt>{koReading.route}</dt>
        <dd>{describeRoute(reading)}</dd>
        <dt>{koReading.island}</dt>
        <dd>{describeIsland(reading.island)}</dd>
        <dt>{koReading.papersInData}</dt>
        <dd>{koReading.count(reading.papersInData)}</dd>
        <dt>{koReading.cards}</dt>
        <dd>{koReading.cardsFound(reading.cards, reading.papersWithCard)}</dd>
        <dt>{koReading.withoutCard}</dt>
        <dd>{koReading.count(reading.papersWithoutCard)}</dd>
      </dl>
      <button type="button" onClick={copy}>
        {koReading.copy}
      </button>
      <p class="hint" role="status">
        {note}
      </p>
    </details>
  );
}
