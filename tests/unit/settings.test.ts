import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  DEFAULT_SETTINGS,
  loadSettings,
  normalizeEndpoint,
  originPermissionPattern,
  parseStoredSettings,
  saveSettings,
} from '../../lib/settings.ts';

describe('settings storage', () => {
  beforeEach(() => fakeBrowser.reset());

  it('starts from the defaults', async () => {
    expect(await loadSettings()).toEqual(DEFAULT_SETTINGS);
  });

  it('keeps the key in local storage and never in sync', async () => {
    await saveSettings({ ...DEFAULT_SETTINGS, apiKey: 'sk-secret-123456' });
    expect(JSON.stringify(await fakeBrowser.storage.local.get(null))).toContain('sk-secret-123456');
    expect(JSON.stringify(await fakeBrowser.storage.sync.get(null))).not.toContain('sk-secret');
    expect((await loadSettings()).apiKey).toBe('sk-secret-123456');
  });

  it('repairs damaged stored settings field by field', () => {
    expect(
      parseStoredSettings({ apiKey: 'k', model: '', summaryStyle: 'poem', requestTimeoutSeconds: -1 }),
    ).toEqual({
      ...DEFAULT_SETTINGS,
      apiKey: 'k',
    });
    expect(parseStoredSettings('garbage')).toEqual(DEFAULT_SETTINGS);
  });
});

describe('normalizeEndpoint', () => {
  it('accepts https and local http endpoints', () => {
    expect(normalizeEndpoint(' https://openrouter.ai/api/v1/ ')).toEqual({
      ok: true,
      baseURL: 'https://openrouter.ai/api/v1',
    });
    expect(normalizeEndpoint('http://localhost:11434/v1')).toEqual({
      ok: true,
      baseURL: 'http://localhost:11434/v1',
    });
  });

  it('refuses to send a key over plain http to another machine', () => {
    expect(normalizeEndpoint('http://example.com/v1')).toEqual({ ok: false, problem: 'insecure' });
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
