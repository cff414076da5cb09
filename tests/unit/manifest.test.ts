import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const MANIFEST = path.resolve(import.meta.dirname, '../../.output/chrome-mv3/manifest.json');

describe('the built manifest', () => {
  it('asks for exactly these permissions: any new one must be a deliberate change here', (context) => {
    if (!existsSync(MANIFEST)) return context.skip('no build at .output/chrome-mv3 (npm test builds first)');
    const manifest = JSON.parse(readFileSync(MANIFEST, 'utf8'));
    expect(manifest.manifest_version).toBe(3);
    expect(manifest.permissions).toEqual(['storage']);
    expect(manifest.host_permissions).toEqual([
      'https://api.openai.com/*',
      'http://127.0.0.1/*',
      'http://localhost/*',
    ]);
    expect(manifest.optional_host_permissions).toEqual(['https://*/*', 'http://*/*']);
    expect(manifest.content_scripts).toEqual([
      {
        matches: ['https://huggingface.co/papers*'],
        run_at: 'document_idle',
        js: ['content-scripts/papers.js'],
      },
    ]);
    expect(manifest.externally_connectable).toBeUndefined();
    expect(manifest.web_accessible_resources).toBeUndefined();
    expect(manifest.content_security_policy).toBeUndefined();
    expect(Object.keys(manifest.commands)).toEqual(['summarize-all']);
  });
});
