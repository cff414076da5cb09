import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const BUILD = path.resolve(import.meta.dirname, '../../.output/chrome-mv3');
const MANIFEST = path.join(BUILD, 'manifest.json');

describe('the built manifest', () => {
  it('asks for exactly these permissions: any new one must be a deliberate change here', (context) => {
    if (!existsSync(MANIFEST)) return context.skip('no build at .output/chrome-mv3 (npm test builds first)');
    const manifest = JSON.parse(readFileSync(MANIFEST, 'utf8'));
    expect(manifest.manifest_version).toBe(3);
    // offscreen: the PDF reader for papers without an HTML rendering (no install warning).
    expect(manifest.permissions).toEqual(['storage', 'declarativeNetRequestWithHostAccess', 'offscreen']);
    expect(manifest.host_permissions).toEqual([
      'https://api.openai.com/*',
      'http://127.0.0.1/*',
      'http://localhost/*',
    ]);
    // Required hosts never change (a new one would disable the extension on update); arXiv is asked
    // for on the reader page, named on its own so the prompt says arxiv.org.
    expect(manifest.optional_host_permissions).toEqual([
      'https://arxiv.org/html/*',
      'https://arxiv.org/pdf/*',
      'https://*/*',
      'http://*/*',
    ]);
    expect(manifest.content_scripts).toEqual([
      {
        // Every papers listing and paper page, on both domains (WXT writes them sorted).
        matches: [
          'https://hf.co/*/papers*',
          'https://hf.co/collections/*',
          'https://hf.co/papers*',
          'https://huggingface.co/*/papers*',
          'https://huggingface.co/collections/*',
          'https://huggingface.co/papers*',
        ],
        run_at: 'document_start',
        js: ['content-scripts/papers.js'],
      },
    ]);
    expect(manifest.externally_connectable).toBeUndefined();
    // The content code loaded on demand, for Hugging Face's pages only.
    expect(manifest.web_accessible_resources).toEqual([
      { matches: ['https://huggingface.co/*'], resources: ['card-panel.js', 'page-data.js'] },
    ]);
    expect(manifest.content_security_policy).toEqual({
      extension_pages:
        "script-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    });
    expect(Object.keys(manifest.commands)).toEqual(['summarize-all']);
    // Toolbar, store and options icons, drawn from assets/icon.svg.
    expect(manifest.icons).toEqual({
      16: 'icons/16.png',
      32: 'icons/32.png',
      48: 'icons/48.png',
      128: 'icons/128.png',
    });
    for (const file of Object.values(manifest.icons as Record<string, string>)) {
      expect(existsSync(path.join(BUILD, file)), file).toBe(true);
    }
  });

  it('ships no remote code: every script is a bundled file, and none evaluates strings', (context) => {
    if (!existsSync(MANIFEST)) return context.skip('no build at .output/chrome-mv3 (npm test builds first)');
    const files = readdirSync(BUILD, { recursive: true, encoding: 'utf8' });
    const scripts = files.filter((file) => file.endsWith('.js'));
    expect(scripts.length).toBeGreaterThanOrEqual(4);
    for (const file of scripts) {
      const code = readFileSync(path.join(BUILD, file), 'utf8');
      expect(code, file).not.toMatch(/\beval\(|new Function\(|importScripts\(|import\(\s*["'`]https?:/);
    }
    for (const file of files.filter((f) => f.endsWith('.html'))) {
      const html = readFileSync(path.join(BUILD, file), 'utf8');
      const sources = [...html.matchAll(/<script[^>]*\bsrc="([^"]+)"/g)].map((m) => m[1]);
      expect(sources.length, file).toBeGreaterThan(0);
      for (const source of sources) expect(source, file).toMatch(/^\/[\w/.-]+\.js$/);
      expect(html, file).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    }
  });

  it('the script that loads with the page carries no sanitiser and no schemas: those load when needed', (context) => {
    if (!existsSync(MANIFEST)) return context.skip('no build at .output/chrome-mv3 (npm test builds first)');
    const read = (file: string) => readFileSync(path.join(BUILD, file), 'utf8');
    const boot = read('content-scripts/papers.js');
    // DOMPurify's configuration keys, and valibot's schema objects, survive minification.
    const SANITISER = /SAFE_FOR_TEMPLATES/;
    const SCHEMAS = /kind:\s*[`'"]schema[`'"]/;
    expect(boot).not.toMatch(SANITISER);
    expect(boot).not.toMatch(SCHEMAS);
    expect(read('card-panel.js')).toMatch(SANITISER);
    expect(read('page-data.js')).toMatch(SCHEMAS);
  });
});
