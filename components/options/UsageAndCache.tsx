// The options page's spending summary and cache tools (size, clear, export, import).
import { useEffect, useState } from 'preact/hooks';
import { formatTokens, formatUsd } from '../../lib/shared/cost.ts';
import type { Spending } from '../../lib/shared/domain.ts';
import { uiOptions } from '../../lib/shared/i18n/ui.ts';
import type { RuntimeResponses } from '../../lib/shared/messages.ts';
import { askBackground } from '../../lib/shared/runtime-client.ts';
import { saveTextFile } from '../../lib/ui/save-file.ts';

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)}MB` : `${Math.ceil(bytes / 1024)}KB`;
}

export function UsageAndCache() {
  const [spending, setSpending] = useState<Spending | null>(null);
  const [stats, setStats] = useState<RuntimeResponses['cacheStats'] | null>(null);
  const [note, setNote] = useState('');

  const refresh = () => {
    askBackground({ type: 'getSpending' }).then(setSpending, () => setSpending(null));
    askBackground({ type: 'cacheStats' }).then(setStats, () => setStats(null));
  };
  useEffect(refresh, []);

  const onExport = async () => {
    const { json } = await askBackground({ type: 'exportCache' });
    saveTextFile(
      `daily-papers-ko-cache-${new Date().toISOString().slice(0, 10)}.json`,
      json,
      'application/json',
    );
  };
  const onImport = async (file: File | undefined) => {
    if (!file) return;
    const result = await askBackground({ type: 'importCache', json: await file.text() });
    setNote(
      result.skipped < 0 ? uiOptions.importFailed : uiOptions.imported(result.imported, result.skipped),
    );
    refresh();
  };
  const onClear = async () => {
    await askBackground({ type: 'clearCache' });
    setNote(uiOptions.cacheCleared);
    refresh();
  };

  return (
    <>
      <section class="section" aria-labelledby="usage-heading">
        <h2 id="usage-heading">{uiOptions.usageSection}</h2>
        {spending && (
          <>
            <p data-testid="usage-today">
              {uiOptions.usageToday(
                spending.today.requests,
                formatTokens(spending.today.tokens),
                formatUsd(spending.today.cost),
              )}
            </p>
            <p data-testid="usage-month">
              {uiOptions.usageMonth(
                formatUsd(spending.month.cost),
                spending.monthlyBudgetUsd > 0 ? formatUsd(spending.monthlyBudgetUsd) : null,
              )}
            </p>
          </>
        )}
      </section>
      <section class="section" aria-labelledby="cache-heading">
        <h2 id="cache-heading">{uiOptions.cacheSection}</h2>
        {stats && (
          <p data-testid="cache-stats">
            {uiOptions.cacheStats(stats.count, formatBytes(stats.bytes), formatBytes(stats.maxBytes))}
          </p>
        )}
        <div class="actions start">
          <button type="button" onClick={onExport}>
            {uiOptions.exportCache}
          </button>
          <label class="button">
            {uiOptions.importCache}
            <input
              type="file"
              accept="application/json,.json"
              class="visually-hidden"
              onChange={(e) => void onImport(e.currentTarget.files?.[0])}
            />
          </label>
          <button type="button" onClick={onClear}>
            {uiOptions.clearCache}
          </button>
        </div>
        <p aria-live="polite" class="status" data-testid="cache-note">
          {note}
        </p>
      </section>
    </>
  );
}
