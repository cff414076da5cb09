// The options form's "at a glance" part: interests for 추천순, learning from reading, and one-liners
// when a page opens, with what a day of them costs shown right there.
import { useEffect, useState } from 'preact/hooks';
import { formatTokens, formatUsd } from '../../lib/shared/cost.ts';
import type { OneLinerEstimate } from '../../lib/shared/domain.ts';
import { uiGlanceOptions } from '../../lib/shared/i18n/ui-glance.ts';
import { MAX_INTERESTS_CHARS } from '../../lib/shared/limits.ts';
import { askBackground } from '../../lib/shared/runtime-client.ts';
import type { Settings } from '../../lib/shared/settings.ts';
import { CheckboxField } from './CheckboxField.tsx';

type Update = <K extends keyof Settings>(key: K, value: Settings[K]) => void;

/** What a typical 30-paper day of one-liners costs with the saved model, beside full summaries. */
function useDayEstimate(savedAt: number): OneLinerEstimate | null {
  const [estimate, setEstimate] = useState<OneLinerEstimate | null>(null);
  useEffect(() => {
    askBackground({ type: 'estimateOneLiners' }).then(setEstimate, () => setEstimate(null));
  }, [savedAt]);
  return estimate;
}

function DayCost({ savedAt }: { savedAt: number }) {
  const estimate = useDayEstimate(savedAt);
  if (!estimate) return null;
  return (
    <p class="note" id="oneliner-cost" data-testid="oneliner-cost">
      {uiGlanceOptions.cost(
        formatTokens(estimate.tokens),
        formatUsd(estimate.cost),
        estimate.requests,
        formatTokens(estimate.fullSummaries.tokens),
        formatUsd(estimate.fullSummaries.cost),
      )}{' '}
      {uiGlanceOptions.costModel(estimate.model)}
    </p>
  );
}

export function GlanceSettings({
  form,
  update,
  savedAt,
}: {
  form: Settings;
  update: Update;
  savedAt: number;
}) {
  return (
    <section class="card" aria-labelledby="glance-heading">
      <h2 id="glance-heading">{uiGlanceOptions.section}</h2>
      <p class="hint">{uiGlanceOptions.intro}</p>
      <div class="field">
        <label for="interests">{uiGlanceOptions.interests}</label>
        <textarea
          id="interests"
          rows={3}
          maxLength={MAX_INTERESTS_CHARS}
          value={form.interests}
          onInput={(e) => update('interests', e.currentTarget.value)}
          aria-describedby="interests-hint"
        />
        <p id="interests-hint" class="hint">
          {uiGlanceOptions.interestsHint}
        </p>
      </div>
      <CheckboxField
        id="learn-from-reading"
        label={uiGlanceOptions.learnFromReading}
        hint={uiGlanceOptions.learnFromReadingHint}
        checked={form.learnFromReading}
        onChange={(checked) => update('learnFromReading', checked)}
      />
      <CheckboxField
        id="auto-oneliners"
        label={uiGlanceOptions.autoOneLiners}
        hint={uiGlanceOptions.autoOneLinersHint}
        describedBy="oneliner-cost"
        checked={form.autoOneLiners}
        onChange={(checked) => update('autoOneLiners', checked)}
      />
      {/* The cost is what turning it on means: shown as soon as the box is ticked. */}
      {form.autoOneLiners && <DayCost savedAt={savedAt} />}
    </section>
  );
}
