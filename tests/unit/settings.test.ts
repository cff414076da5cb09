import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { readApiKey } from '../../lib/shared/secret-store.ts';
import {
  cleanApiKey,
  DEFAULT_SETTINGS,
  isPrivateNetworkHost,
  loadSettings,
  migrateApiKey,
  normalizeEndpoint,
  originPermissionPattern,
  parseStoredSettings,
  saveSettings,
} from '../../lib/shared/settings.ts';

describe('settings storage', () => {
  beforeEach(async () => {
    fakeBrowser.reset();
    await new Promise((resolve) => {
      const request = indexedDB.deleteDatabase('daily-papers-ko-secrets');
      request.onsuccess = request.onerror = resolve;
    });
  });

  it('starts from the defaults, with a current model', async () => {
    expect(await loadSettings()).toEqual(DEFAULT_SETTINGS);
    expect(DEFAULT_SETTINGS.model).toBe('gpt-6-luna');
  });

  it('keeps the key out of every storage area a content script could read', async () => {
    await saveSettings({ ...DEFAULT_SETTINGS, apiKey: 'sk-secret-123456' });
    for (const area of [fakeBrowser.storage.local, fakeBrowser.storage.sync, fakeBrowser.storage.session]) {
      expect(JSON.stringify(await area.get(null))).not.toContain('sk-secret');
    }
    expect(await readApiKey()).toBe('sk-secret-123456');
    expect((await loadSettings()).apiKey).toBe('sk-secret-123456');
  });

  it('moves a key saved by an earlier version out of storage.local without losing it', async () => {
    await fakeBrowser.storage.local.set({
      settings: { ...DEFAULT_SETTINGS, apiKey: 'sk-old-key-987654', model: 'gpt-4o-mini' },
    });
    expect((await loadSettings()).apiKey).toBe('sk-old-key-987654');
    await migrateApiKey();
    expect(JSON.stringify(await fakeBrowser.storage.local.get(null))).not.toContain('sk-old-key');
    const settings = await loadSettings();
    expect(settings.apiKey).toBe('sk-old-key-987654');
    expect(settings.model).toBe('gpt-4o-mini');
    await migrateApiKey();
    expect((await loadSettings()).apiKey).toBe('sk-old-key-987654');
  });

  it('repairs damaged stored settings field by field', () => {
    const { apiKey: _key, ...defaults } = DEFAULT_SETTINGS;
    expect(parseStoredSettings({ model: '', summaryStyle: 'poem', requestTimeoutSeconds: -1 })).toEqual(
      defaults,
    );
    expect(parseStoredSettings('garbage')).toEqual(defaults);
    expect(parseStoredSettings({ baseURL: 'http://localhost:11434/v1' }).provider).toBe('ollama');
  });
});

describe('cleanApiKey', () => {
  it('drops what a copy picks up: spaces, line breaks, zero-width characters, a Bearer prefix', () => {
    expect(cleanApiKey(' sk-abc\u200b123\n')).toEqual({ ok: true, apiKey: 'sk-abc123' });
    expect(cleanApiKey('\ufeffBearer sk-abc123')).toEqual({ ok: true, apiKey: 'sk-abc123' });
    expect(cleanApiKey('sk-abc 123\u00a0')).toEqual({ ok: true, apiKey: 'sk-abc123' });
  });

  it('refuses a key no HTTP header can carry', () => {
    expect(cleanApiKey('sk-키값')).toEqual({ ok: false });
    expect(cleanApiKey('sk-“quoted”')).toEqual({ ok: false });
  });
});

describe('normalizeEndpoint', () => {
  it('accepts https and local http endpoints', () => {
    expect(normalizeEndpoint(' https://openrouter.ai/api/v1/ ')).toEqual({
      ok: true,
      baseURL: 'https://openrouter.ai/api/v1',
      privateHttp: false,
    });
    expect(normalizeEndpoint('http://localhost:11434/v1')).toEqual({
      ok: true,
      baseURL: 'http://localhost:11434/v1',
      privateHttp: false,
    });
  });

  it('refuses to send a key over plain http to another machine', () => {
    expect(normalizeEndpoint('http://example.com/v1')).toEqual({ ok: false, problem: 'insecure' });
    expect(normalizeEndpoint('http://8.8.8.8:8000/v1')).toEqual({ ok: false, problem: 'insecure' });
  });

  it('allows http on a private network, marked for the user to confirm', () => {
    expect(normalizeEndpoint('http://192.168.0.20:8000/v1/')).toEqual({
      ok: true,
      baseURL: 'http://192.168.0.20:8000/v1',
      privateHttp: true,
    });
    expect(normalizeEndpoint('http://gpu-box:11434/v1')).toMatchObject({ ok: true, privateHttp: true });
    for (const host of ['10.1.2.3', '172.20.0.1', '100.101.1.2', 'lab.internal', 'nas.local', '[fd00::1]']) {
      expect(isPrivateNetworkHost(host), host).toBe(true);
    }
    for (const host of ['172.32.0.1', 'example.com', '11.0.0.1', '[2001:db8::1]']) {
      expect(isPrivateNetworkHost(host), host).toBe(false);
    }
  });

  it("keeps Azure's api-version query", () => {
    expect(
      normalizeEndpoint('https://res.openai.azure.com/openai/deployments/my-gpt/?api-version=2024-10-21#x'),
    ).toEqual({
      ok: true,
      baseURL: 'https://res.openai.azure.com/openai/deployments/my-gpt?api-version=2024-10-21',
      privateHttp: false,
    });
  });

  it('refuses what is not an http endpoint', () => {
    expect(normalizeEndpoint('javascript:alert(1)')).toEqual({ ok: false, problem: 'invalid' });
    expect(normalizeEndpoint('api.openai.com')).toEqual({ ok: false, problem: 'invalid' });
    expect(normalizeEndpoint('https://user:pw@example.com/v1')).toEqual({ ok: false, problem: 'invalid' });
  });

  it('asks for the whole host, any port', () => {
    expect(originPermissionPattern('http://localhost:1234/v1')).toBe('http://localhost/*');
  });
});
