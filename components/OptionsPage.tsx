// The options page: API key, endpoint, model and summary style.
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { ko } from '../lib/i18n/ko.ts';
import {
  DEFAULT_SETTINGS,
  loadSettings,
  normalizeEndpoint,
  originPermissionPattern,
  type Settings,
  type SummaryStyle,
  saveSettings,
} from '../lib/settings.ts';

type Status = { tone: 'info' | 'success' | 'error'; text: string } | null;

export function OptionsPage() {
  const [form, setForm] = useState<Settings>(DEFAULT_SETTINGS);
  const [showKey, setShowKey] = useState(false);
  const [status, setStatus] = useState<Status>(null);

  useEffect(() => {
    loadSettings().then(setForm, (error: unknown) => setStatus({ tone: 'error', text: String(error) }));
  }, []);

  const update = <K extends keyof Settings>(key: K, value: Settings[K]) =>
    setForm((old) => ({ ...old, [key]: value }));

  const onSave = async (event: Event) => {
    event.preventDefault();
    const endpoint = normalizeEndpoint(form.baseURL);
    if (!endpoint.ok) {
      setStatus({
        tone: 'error',
        text: endpoint.problem === 'insecure' ? ko.options.endpointInsecure : ko.options.endpointInvalid,
      });
      return;
    }
    if (!form.model.trim()) {
      setStatus({ tone: 'error', text: ko.options.modelRequired });
      return;
    }
    // First await in the click handler, so the browser still sees the user's gesture.
    const granted = await browser.permissions.request({
      origins: [originPermissionPattern(endpoint.baseURL)],
    });
    if (!granted) {
      setStatus({ tone: 'error', text: ko.options.permissionDenied });
      return;
    }
    const next = { ...form, apiKey: form.apiKey.trim(), baseURL: endpoint.baseURL, model: form.model.trim() };
    await saveSettings(next);
    setForm(next);
    setStatus({ tone: 'success', text: ko.options.saved });
  };

  return (
    <main class="options">
      <h1>{ko.options.title}</h1>
      <p class="intro">{ko.options.intro}</p>
      <form onSubmit={onSave}>
        <div class="field">
          <label for="api-key">{ko.options.apiKey}</label>
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
              {showKey ? ko.options.hideKey : ko.options.showKey}
            </button>
          </div>
          <p id="api-key-hint" class="hint">
            {ko.options.apiKeyHint}
          </p>
        </div>
        <div class="field">
          <label for="endpoint">{ko.options.endpoint}</label>
          <input
            id="endpoint"
            type="url"
            value={form.baseURL}
            onInput={(e) => update('baseURL', e.currentTarget.value)}
            aria-describedby="endpoint-hint"
          />
          <p id="endpoint-hint" class="hint">
            {ko.options.endpointHint}
          </p>
        </div>
        <div class="field">
          <label for="model">{ko.options.model}</label>
          <input
            id="model"
            value={form.model}
            onInput={(e) => update('model', e.currentTarget.value)}
            aria-describedby="model-hint"
          />
          <p id="model-hint" class="hint">
            {ko.options.modelHint}
          </p>
        </div>
        <div class="field">
          <label for="style">{ko.options.summaryStyle}</label>
          <select
            id="style"
            value={form.summaryStyle}
            onChange={(e) => update('summaryStyle', e.currentTarget.value as SummaryStyle)}
          >
            <option value="bullets">{ko.options.styleBullets}</option>
            <option value="newsletter">{ko.options.styleNewsletter}</option>
          </select>
        </div>
        <div class="actions">
          <button type="submit" class="primary">
            {ko.options.save}
          </button>
        </div>
        <p role="status" aria-live="polite" class={`status ${status?.tone ?? ''}`}>
          {status?.text}
        </p>
      </form>
    </main>
  );
}
