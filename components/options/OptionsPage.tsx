// The options page, laid out for the task: the connection first (provider, key, endpoint, model)
// with its test and save beside it and each error by its field; everything else folded below.
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { ModelPrice } from '../../lib/shared/cost.ts';
import type { SummaryError } from '../../lib/shared/domain.ts';
import { uiOptions, uiProviders } from '../../lib/shared/i18n/ui.ts';
import { uiGlanceOptions } from '../../lib/shared/i18n/ui-glance.ts';
import type { RuntimeResponses } from '../../lib/shared/messages.ts';
import {
  defaultEmbeddingModel,
  PROVIDER_PRESETS,
  type ProviderId,
  presetById,
} from '../../lib/shared/providers.ts';
import {
  cleanApiKey,
  DEFAULT_SETTINGS,
  loadSettings,
  normalizeEndpoint,
  originPermissionPattern,
  type Settings,
  SUMMARY_STYLES,
  saveSettings,
} from '../../lib/shared/settings.ts';
import { describeSummaryError } from '../../lib/shared/summary/error-messages.ts';
import { listModels, modelInfo, testConnection } from '../../lib/ui/options/connection.ts';
import { CheckboxField } from './CheckboxField.tsx';
import { GlanceSettings } from './GlanceSettings.tsx';
import { GlossaryEditor } from './GlossaryEditor.tsx';
import { NumberField } from './NumberField.tsx';
import { PriceTable } from './PriceTable.tsx';
import { UsageAndCache } from './UsageAndCache.tsx';

type Status = { tone: 'info' | 'success' | 'error'; text: string } | null;
type Field = 'apiKey' | 'baseURL' | 'model' | 'numbers';
type FieldErrors = Partial<Record<Field, string>>;

type Checked = { ok: true; settings: Settings; privateHttp: boolean } | { ok: false; errors: FieldErrors };

/** Validates the form; the result is what would be saved, or each field's problem. */
function checkForm(form: Settings, privateHttpConfirmed: boolean): Checked {
  const errors: FieldErrors = {};
  const key = cleanApiKey(form.apiKey);
  if (!key.ok) errors.apiKey = uiOptions.keyInvalidCharacters;
  const endpoint = normalizeEndpoint(form.baseURL);
  if (!endpoint.ok) {
    errors.baseURL = endpoint.problem === 'insecure' ? uiOptions.endpointInsecure : uiOptions.endpointInvalid;
  } else if (endpoint.privateHttp && !privateHttpConfirmed) {
    errors.baseURL = uiOptions.privateHttpConfirmFirst;
  }
  if (!form.model.trim()) errors.model = uiOptions.modelRequired;
  const { requestTimeoutSeconds: timeout, concurrency, monthlyBudgetUsd, cacheMaxMegabytes } = form;
  if (!Number.isInteger(timeout) || timeout < 1 || timeout > 600) errors.numbers = uiOptions.timeoutInvalid;
  else if (
    !Number.isInteger(concurrency) ||
    concurrency < 1 ||
    concurrency > 10 ||
    !(monthlyBudgetUsd >= 0) ||
    !(cacheMaxMegabytes >= 1 && cacheMaxMegabytes <= 8)
  ) {
    errors.numbers = uiOptions.numbersInvalid;
  }
  if (!key.ok || !endpoint.ok || Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    privateHttp: endpoint.privateHttp,
    settings: {
      ...form,
      apiKey: key.apiKey,
      baseURL: endpoint.baseURL,
      model: form.model.trim(),
      embeddingModel: form.embeddingModel.trim(),
    },
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

function FieldError({ id, text }: { id: string; text: string | undefined }) {
  return text ? (
    <p id={id} class="field-error" role="alert">
      {text}
    </p>
  ) : null;
}

/** Under the model field: a shutdown coming or past, and a missing price (with inputs to give it). */
function ModelNotes({
  info,
  model,
  budget,
  price,
  onPrice,
  onUseModel,
}: {
  info: RuntimeResponses['modelInfo'] | null;
  model: string;
  budget: number;
  price: ModelPrice | undefined;
  onPrice: (price: ModelPrice) => void;
  onUseModel: (model: string) => void;
}) {
  if (!info || !model) return null;
  const { shutdown } = info;
  return (
    <>
      {shutdown && (
        <p class="warning" id="model-warning">
          {shutdown.past
            ? uiOptions.modelShutDown(model, shutdown.date)
            : uiOptions.modelDeprecated(model, shutdown.date)}{' '}
          <button type="button" class="link" onClick={() => onUseModel(shutdown.successor)}>
            {uiOptions.useSuccessor(shutdown.successor)}
          </button>
        </p>
      )}
      {info.price === null && (
        <div class={price ? 'note' : 'warning'} id="price-warning">
          <p>
            {price
              ? uiOptions.ownPriceUsed(model)
              : budget > 0
                ? uiOptions.priceNeededForBudget(model)
                : uiOptions.priceUnknown(model)}
          </p>
          <div class="row prices-inline">
            {(['input', 'output'] as const).map((side) => (
              <label key={side} class="inline">
                {side === 'input' ? uiOptions.priceInputPerMillion : uiOptions.priceOutputPerMillion}
                <input
                  type="number"
                  min={0}
                  step={0.01}
                  value={price?.[side] ?? ''}
                  onInput={(e) => {
                    const value = e.currentTarget.valueAsNumber;
                    const next = { input: price?.input ?? 0, output: price?.output ?? 0 };
                    next[side] = Number.isFinite(value) && value >= 0 ? value : 0;
                    onPrice(next);
                  }}
                />
              </label>
            ))}
          </div>
        </div>
      )}
    </>
  );
}

export function OptionsPage() {
  const [form, setForm] = useState<Settings>(DEFAULT_SETTINGS);
  const [showKey, setShowKey] = useState(false);
  const [models, setModels] = useState<string[]>([]);
  const [status, setStatus] = useState<Status>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const [privateHttpConfirmed, setPrivateHttpConfirmed] = useState(false);
  const [info, setInfo] = useState<RuntimeResponses['modelInfo'] | null>(null);
  // The form only appears once the stored settings are in it: typing into a form that the load
  // then overwrote would silently lose the key.
  const [loaded, setLoaded] = useState(false);
  /** Bumped on every save: what depends on the saved settings (the cost of a day) asks again. */
  const [savedAt, setSavedAt] = useState(0);

  useEffect(() => {
    loadSettings().then(
      (settings) => {
        setForm(settings);
        setPrivateHttpConfirmed(normalizeEndpoint(settings.baseURL).ok);
        setLoaded(true);
      },
      (error: unknown) => setStatus({ tone: 'error', text: uiOptions.loadFailed(String(error)) }),
    );
  }, []);

  // What the catalogue says of the model, and of the user's own price for it, as they type.
  const model = form.model.trim();
  const ownPrice = form.prices[model];
  useEffect(() => {
    if (!model) return setInfo(null);
    let current = true;
    const timer = setTimeout(() => {
      modelInfo(model).then(
        (answer) => current && setInfo(answer),
        () => current && setInfo(null),
      );
    }, 150);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [model]);

  const update = <K extends keyof Settings>(key: K, value: Settings[K]) =>
    setForm((old) => ({ ...old, [key]: value }));

  const choosePreset = (id: ProviderId) => {
    const preset = presetById(id);
    setForm((old) => ({
      ...old,
      provider: id,
      baseURL: preset.baseURL || old.baseURL,
      model: preset.suggestedModel || old.model,
    }));
    setModels([]);
    setErrors({});
    setStatus(null);
  };

  /** Validates, asks for the endpoint's permission, then runs `action` with the checked settings. */
  const withCheckedForm = async (action: (settings: Settings) => Promise<void>) => {
    const checked = checkForm(form, privateHttpConfirmed);
    if (!checked.ok) {
      setErrors(checked.errors);
      setStatus({ tone: 'error', text: uiOptions.fixFields });
      return;
    }
    setErrors({});
    if (!(await requestEndpointPermission(checked.settings.baseURL))) {
      setErrors({ baseURL: uiOptions.permissionDenied });
      setStatus({ tone: 'error', text: uiOptions.permissionDenied });
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
      setSavedAt(Date.now());
      setStatus({ tone: 'success', text: uiOptions.saved });
    });
  };

  const onTest = () =>
    void withCheckedForm(async (settings) => {
      setStatus({ tone: 'info', text: uiOptions.testing });
      const result = await testConnection(settings);
      if (result.ok) {
        setStatus({
          tone: 'success',
          text: result.keyless
            ? uiOptions.connectionOkKeyless(result.model)
            : uiOptions.connectionOk(result.model),
        });
        return;
      }
      const text = uiOptions.connectionFailed(errorText(result.error));
      const field: Field | null =
        result.error.kind === 'auth' || result.error.kind === 'badKey' || result.error.kind === 'noKey'
          ? 'apiKey'
          : result.error.kind === 'modelNotFound'
            ? 'model'
            : result.error.kind === 'notCompatible' || result.error.kind === 'network'
              ? 'baseURL'
              : null;
      setErrors(field ? { [field]: errorText(result.error) } : {});
      setStatus({ tone: 'error', text });
    });

  const onLoadModels = () =>
    void withCheckedForm(async (settings) => {
      const result = await listModels(settings);
      if (result.ok) {
        setModels(result.models);
        setStatus({ tone: 'info', text: uiOptions.modelsLoaded(result.models.length) });
      } else {
        setStatus({ tone: 'error', text: uiOptions.modelsFailed(errorText(result.error)) });
      }
    });

  const preset = presetById(form.provider);
  const endpoint = normalizeEndpoint(form.baseURL);
  const describedBy = (field: Field, hint: string) => (errors[field] ? `${hint} ${field}-error` : hint);

  return (
    <main class="options">
      <h1>{uiOptions.title}</h1>
      {location.hash === '#welcome' ? (
        <section class="welcome" aria-labelledby="welcome-heading">
          <h2 id="welcome-heading">{uiOptions.welcomeTitle}</h2>
          <ol>
            {uiOptions.welcomeSteps.map((step) => (
              <li key={step}>{step}</li>
            ))}
          </ol>
        </section>
      ) : (
        <p class="intro">{uiOptions.intro}</p>
      )}
      {!loaded && (
        <p class={`status ${status?.tone ?? ''}`} aria-live="polite">
          {status?.text ?? uiOptions.loading}
        </p>
      )}
      <form onSubmit={onSave} noValidate hidden={!loaded}>
        <section class="card" aria-labelledby="connection-heading">
          <h2 id="connection-heading">{uiOptions.connectionSection}</h2>
          <div class="field">
            <label for="provider">{uiOptions.provider}</label>
            <select
              id="provider"
              value={form.provider}
              onChange={(e) => choosePreset(e.currentTarget.value as ProviderId)}
              aria-describedby="provider-note"
            >
              {PROVIDER_PRESETS.map((option) => (
                <option key={option.id} value={option.id}>
                  {uiProviders.names[option.id] ?? option.label}
                </option>
              ))}
            </select>
            <p id="provider-note" class="hint">
              {uiProviders.notes[preset.id]}
              {preset.keyPage && (
                <>
                  {uiProviders.notes[preset.id] ? ' ' : ''}
                  <a href={preset.keyPage} target="_blank" rel="noreferrer noopener">
                    {uiOptions.keyPage(preset.label)}
                  </a>
                </>
              )}
            </p>
          </div>
          <div class="field">
            <label for="api-key">{uiOptions.apiKey}</label>
            <div class="row">
              <input
                id="api-key"
                type={showKey ? 'text' : 'password'}
                autocomplete="off"
                spellcheck={false}
                value={form.apiKey}
                onInput={(e) => update('apiKey', e.currentTarget.value)}
                aria-invalid={errors.apiKey ? true : undefined}
                aria-describedby={describedBy('apiKey', 'api-key-hint')}
              />
              <button type="button" aria-pressed={showKey} onClick={() => setShowKey(!showKey)}>
                {showKey ? uiOptions.hideKey : uiOptions.showKey}
              </button>
            </div>
            <FieldError id="apiKey-error" text={errors.apiKey} />
            <p id="api-key-hint" class="hint">
              {preset.needsKey ? uiOptions.apiKeyHint : uiOptions.apiKeyOptional}
            </p>
          </div>
          <div class="field">
            <label for="endpoint">{uiOptions.endpoint}</label>
            <input
              id="endpoint"
              type="url"
              spellcheck={false}
              value={form.baseURL}
              onInput={(e) => {
                update('baseURL', e.currentTarget.value);
                setPrivateHttpConfirmed(false);
              }}
              aria-invalid={errors.baseURL ? true : undefined}
              aria-describedby={describedBy('baseURL', 'endpoint-hint')}
            />
            <FieldError id="baseURL-error" text={errors.baseURL} />
            <p id="endpoint-hint" class="hint">
              {uiOptions.endpointHint}
            </p>
            {endpoint.ok && endpoint.privateHttp && (
              <CheckboxField
                id="private-http"
                label={uiOptions.privateHttpConfirm}
                checked={privateHttpConfirmed}
                onChange={setPrivateHttpConfirmed}
              />
            )}
          </div>
          <div class="field">
            <label for="model">{uiOptions.model}</label>
            <div class="row">
              <input
                id="model"
                list="model-list"
                spellcheck={false}
                value={form.model}
                onInput={(e) => update('model', e.currentTarget.value)}
                aria-invalid={errors.model ? true : undefined}
                aria-describedby={describedBy('model', 'model-hint')}
              />
              <button type="button" onClick={onLoadModels} disabled={busy}>
                {uiOptions.loadModels}
              </button>
            </div>
            <datalist id="model-list">
              {models.map((name) => (
                <option key={name} value={name} />
              ))}
            </datalist>
            <FieldError id="model-error" text={errors.model} />
            <ModelNotes
              info={info}
              model={model}
              budget={form.monthlyBudgetUsd}
              price={ownPrice}
              onPrice={(price) => update('prices', { ...form.prices, [model]: price })}
              onUseModel={(next) => update('model', next)}
            />
            <p id="model-hint" class="hint">
              {uiOptions.modelHint}
            </p>
          </div>
        </section>
        <GlanceSettings form={form} update={update} savedAt={savedAt} />
        <details class="advanced" open={Boolean(errors.numbers)}>
          <summary>{uiOptions.advancedSection}</summary>
          <FieldError id="numbers-error" text={errors.numbers} />
          <div class="field">
            <label for="style">{uiOptions.summaryStyle}</label>
            <select
              id="style"
              value={form.summaryStyle}
              onChange={(e) => {
                const value = SUMMARY_STYLES.find((style) => style === e.currentTarget.value);
                if (value) update('summaryStyle', value);
              }}
            >
              <option value="bullets">{uiOptions.styleBullets}</option>
              <option value="newsletter">{uiOptions.styleNewsletter}</option>
            </select>
          </div>
          <NumberField
            id="timeout"
            label={uiOptions.timeout}
            hint={uiOptions.timeoutHint}
            value={form.requestTimeoutSeconds}
            min={1}
            max={600}
            step={1}
            onChange={(value) => update('requestTimeoutSeconds', value)}
          />
          <h3>{uiOptions.runSection}</h3>
          <NumberField
            id="concurrency"
            label={uiOptions.concurrency}
            hint={uiOptions.concurrencyHint}
            value={form.concurrency}
            min={1}
            max={10}
            step={1}
            onChange={(value) => update('concurrency', value)}
          />
          <NumberField
            id="budget"
            label={uiOptions.budget}
            hint={uiOptions.budgetHint}
            value={form.monthlyBudgetUsd}
            min={0}
            step={0.01}
            onChange={(value) => update('monthlyBudgetUsd', value)}
          />
          <CheckboxField
            id="auto-summarize"
            label={uiOptions.autoSummarize}
            hint={uiOptions.autoSummarizeHint}
            checked={form.autoSummarize}
            onChange={(checked) => update('autoSummarize', checked)}
          />
          <NumberField
            id="cache-size"
            label={uiOptions.cacheSize}
            value={form.cacheMaxMegabytes}
            min={1}
            max={8}
            step={1}
            onChange={(value) => update('cacheMaxMegabytes', value)}
          />
          <div class="field">
            <label for="embedding-model">{uiGlanceOptions.embeddingModel}</label>
            <input
              id="embedding-model"
              spellcheck={false}
              value={form.embeddingModel}
              placeholder={defaultEmbeddingModel(form.provider, form.baseURL) ?? ''}
              onInput={(e) => update('embeddingModel', e.currentTarget.value)}
              aria-describedby="embedding-model-hint"
            />
            <p id="embedding-model-hint" class="hint">
              {uiGlanceOptions.embeddingModelHint(defaultEmbeddingModel(form.provider, form.baseURL))}
            </p>
          </div>
          <PriceTable
            prices={form.prices}
            currentModel={form.model}
            onChange={(prices) => update('prices', prices)}
          />
        </details>
        {/* Right under the connection while the advanced part is folded; kept in view while it is open. */}
        <div class="action-bar">
          <div class="actions">
            <button type="button" onClick={onTest} disabled={busy}>
              {uiOptions.testConnection}
            </button>
            <button type="submit" class="primary" disabled={busy}>
              {uiOptions.save}
            </button>
          </div>
          <p role="status" aria-live="polite" class={`status ${status?.tone ?? ''}`}>
            {status?.text}
          </p>
        </div>
      </form>
      {loaded && <GlossaryEditor />}
      <UsageAndCache />
    </main>
  );
}
