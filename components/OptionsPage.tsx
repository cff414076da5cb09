// The options page: API key, endpoint, model and summary style, with a connection test.
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { koOptions } from '../lib/i18n/ko.ts';
import type { SummaryError } from '../lib/messages.ts';
import { listModels, testConnection } from '../lib/options/connection.ts';
import {
  DEFAULT_SETTINGS,
  loadSettings,
  normalizeEndpoint,
  originPermissionPattern,
  type Settings,
  SUMMARY_STYLES,
  saveSettings,
} from '../lib/settings.ts';
import { describeSummaryError } from '../lib/summary/error-messages.ts';
import { NumberField } from './NumberField.tsx';
import { PriceTable } from './PriceTable.tsx';
import { UsageAndCache } from './UsageAndCache.tsx';

type Status = { tone: 'info' | 'success' | 'error'; text: string } | null;

type Checked = { ok: true; settings: Settings } | { ok: false; message: string };

/** Validates the form; the result is what would be saved. */
function checkForm(form: Settings): Checked {
  const endpoint = normalizeEndpoint(form.baseURL);
  if (!endpoint.ok) {
    return {
      ok: false,
      message: endpoint.problem === 'insecure' ? koOptions.endpointInsecure : koOptions.endpointInvalid,
    };
  }
  if (!form.model.trim()) return { ok: false, message: koOptions.modelRequired };
  const timeout = form.requestTimeoutSeconds;
  if (!Number.isInteger(timeout) || timeout < 1 || timeout > 600) {
    return { ok: false, message: koOptions.timeoutInvalid };
  }
  const { concurrency, monthlyBudgetUsd, cacheMaxMegabytes } = form;
  if (
    !Number.isInteger(concurrency) ||
    concurrency < 1 ||
    concurrency > 10 ||
    !(monthlyBudgetUsd >= 0) ||
    !(cacheMaxMegabytes >= 1 && cacheMaxMegabytes <= 8)
  ) {
    return { ok: false, message: koOptions.numbersInvalid };
  }
  return {
    ok: true,
    settings: { ...form, apiKey: form.apiKey.trim(), baseURL: endpoint.baseURL, model: form.model.trim() },
  };
}

/** Must be the first await of a click handler: the browser only asks the user during a gesture. */
function requestEndpointPermission(baseURL: string): Promise<boolean> {
  return browser.permissions.request({ origins: [originPermissionPattern(baseURL)] });
}

function errorText(error: SummaryError): string {
  const { message } = describeSummaryError(error);
  return error.detail ? `${message} (${error.detail})` : message;
}

export function OptionsPage() {
  const [form, setForm] = useState<Settings>(DEFAULT_SETTINGS);
  const [showKey, setShowKey] = useState(false);
  const [models, setModels] = useState<string[]>([]);
  const [status, setStatus] = useState<Status>(null);
  const [busy, setBusy] = useState(false);
  // The form only appears once the stored settings are in it: typing into a form that the load
  // then overwrote would silently lose the key.
  const [loaded, setLoaded] = useState(false);

  useEffect(() => {
    loadSettings().then(
      (settings) => {
        setForm(settings);
        setLoaded(true);
      },
      (error: unknown) => setStatus({ tone: 'error', text: koOptions.loadFailed(String(error)) }),
    );
  }, []);

  const update = <K extends keyof Settings>(key: K, value: Settings[K]) =>
    setForm((old) => ({ ...old, [key]: value }));

  /** Validates, asks for the endpoint's permission, then runs `action` with the checked settings. */
  const withCheckedForm = async (action: (settings: Settings) => Promise<void>) => {
    const checked = checkForm(form);
    if (!checked.ok) {
      setStatus({ tone: 'error', text: checked.message });
      return;
    }
    if (!(await requestEndpointPermission(checked.settings.baseURL))) {
      setStatus({ tone: 'error', text: koOptions.permissionDenied });
      return;
    }
    setBusy(true);
    try {
      await action(checked.settings);
    } finally {
      setBusy(false);
    }
  };

  const onSave = (event: Event) => {
    event.preventDefault();
    void withCheckedForm(async (settings) => {
      await saveSettings(settings);
      setForm(settings);
      setStatus({ tone: 'success', text: koOptions.saved });
    });
  };

  const onTest = () =>
    void withCheckedForm(async (settings) => {
      setStatus({ tone: 'info', text: koOptions.testing });
      const result = await testConnection(settings);
      setStatus(
        result.ok
          ? { tone: 'success', text: koOptions.connectionOk(result.model) }
          : { tone: 'error', text: koOptions.connectionFailed(errorText(result.error)) },
      );
    });

  const onLoadModels = () =>
    void withCheckedForm(async (settings) => {
      const result = await listModels(settings);
      if (result.ok) {
        setModels(result.models);
        setStatus({ tone: 'info', text: koOptions.modelsLoaded(result.models.length) });
      } else {
        setStatus({ tone: 'error', text: koOptions.modelsFailed(errorText(result.error)) });
      }
    });

  return (
    <main class="options">
      <h1>{koOptions.title}</h1>
      <p class="intro">{koOptions.intro}</p>
      {!loaded && (
        <p class={`status ${status?.tone ?? ''}`} aria-live="polite">
          {status?.text ?? koOptions.loading}
        </p>
      )}
      <form onSubmit={onSave} noValidate hidden={!loaded}>
        <div class="field">
          <label for="api-key">{koOptions.apiKey}</label>
          <div class="row">
            <input
              id="api-key"
              type={showKey ? 'text' : 'password'}
              autocomplete="off"
              spellcheck={false}
              value={form.apiKey}
              onInput={(e) => update('apiKey', e.currentTarget.value)}
              aria-describedby="api-key-hint"
            />
            <button type="button" aria-pressed={showKey} onClick={() => setShowKey(!showKey)}>
              {showKey ? koOptions.hideKey : koOptions.showKey}
            </button>
          </div>
          <p id="api-key-hint" class="hint">
            {koOptions.apiKeyHint}
          </p>
        </div>
        <div class="field">
          <label for="endpoint">{koOptions.endpoint}</label>
          <input
            id="endpoint"
            type="url"
            spellcheck={false}
            value={form.baseURL}
            onInput={(e) => update('baseURL', e.currentTarget.value)}
            aria-describedby="endpoint-hint"
          />
          <p id="endpoint-hint" class="hint">
            {koOptions.endpointHint}
          </p>
        </div>
        <div class="field">
          <label for="model">{koOptions.model}</label>
          <div class="row">
            <input
              id="model"
              list="model-list"
              spellcheck={false}
              value={form.model}
              onInput={(e) => update('model', e.currentTarget.value)}
              aria-describedby="model-hint"
            />
            <button type="button" onClick={onLoadModels} disabled={busy}>
              {koOptions.loadModels}
            </button>
          </div>
          <datalist id="model-list">
            {models.map((model) => (
              <option key={model} value={model} />
            ))}
          </datalist>
          <p id="model-hint" class="hint">
            {koOptions.modelHint}
          </p>
        </div>
        <div class="field">
          <label for="style">{koOptions.summaryStyle}</label>
          <select
            id="style"
            value={form.summaryStyle}
            onChange={(e) => {
              const value = SUMMARY_STYLES.find((style) => style === e.currentTarget.value);
              if (value) update('summaryStyle', value);
            }}
          >
            <option value="bullets">{koOptions.styleBullets}</option>
            <option value="newsletter">{koOptions.styleNewsletter}</option>
          </select>
        </div>
        <NumberField
          id="timeout"
          label={koOptions.timeout}
          hint={koOptions.timeoutHint}
          value={form.requestTimeoutSeconds}
          min={1}
          max={600}
          step={1}
          onChange={(value) => update('requestTimeoutSeconds', value)}
        />
        <h2>{koOptions.runSection}</h2>
        <NumberField
          id="concurrency"
          label={koOptions.concurrency}
          hint={koOptions.concurrencyHint}
          value={form.concurrency}
          min={1}
          max={10}
          step={1}
          onChange={(value) => update('concurrency', value)}
        />
        <NumberField
          id="budget"
          label={koOptions.budget}
          hint={koOptions.budgetHint}
          value={form.monthlyBudgetUsd}
          min={0}
          step={0.01}
          onChange={(value) => update('monthlyBudgetUsd', value)}
        />
        <div class="field checkbox">
          <input
            id="auto-summarize"
            type="checkbox"
            checked={form.autoSummarize}
            onChange={(e) => update('autoSummarize', e.currentTarget.checked)}
            aria-describedby="auto-hint"
          />
          <label for="auto-summarize">{koOptions.autoSummarize}</label>
          <p id="auto-hint" class="hint">
            {koOptions.autoSummarizeHint}
          </p>
        </div>
        <NumberField
          id="cache-size"
          label={koOptions.cacheSize}
          value={form.cacheMaxMegabytes}
          min={1}
          max={8}
          step={1}
          onChange={(value) => update('cacheMaxMegabytes', value)}
        />
        <PriceTable
          prices={form.prices}
          currentModel={form.model}
          onChange={(prices) => update('prices', prices)}
        />
        <div class="actions">
          <button type="button" onClick={onTest} disabled={busy}>
            {koOptions.testConnection}
          </button>
          <button type="submit" class="primary" disabled={busy}>
            {koOptions.save}
          </button>
        </div>
        <p role="status" aria-live="polite" class={`status ${status?.tone ?? ''}`}>
          {status?.text}
        </p>
      </form>
      <UsageAndCache />
    </main>
  );
}
