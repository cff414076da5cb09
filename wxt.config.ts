import { defineConfig } from 'wxt';
import { ARXIV_PERMISSION_ORIGINS } from './lib/shared/arxiv.ts';
import { SHIPPED_GLOSSARY_ASSET } from './lib/shared/glossary/asset.ts';
import { SHIPPED_GLOSSARY } from './lib/shared/glossary/entries.ts';

/** The endpoints that work without asking: OpenAI, and local model servers (Ollama, LM Studio). */
const ENDPOINT_HOSTS = ['https://api.openai.com/*', 'http://127.0.0.1/*', 'http://localhost/*'];
/** Any other OpenAI-compatible endpoint is asked for, origin by origin, when the user saves it. */
const OPTIONAL_ENDPOINT_HOSTS = ['https://*/*', 'http://*/*'];
/**
 * arXiv's HTML renderings and PDFs, for reading papers in full: asked for with a click on the reader
 * page. Listed on their own (https://*\/* would cover them) so the prompt names arxiv.org alone.
 */
const OPTIONAL_HOSTS = [...ARXIV_PERMISSION_ORIGINS, ...OPTIONAL_ENDPOINT_HOSTS];
/**
 * Stricter than the MV3 default: the extension's pages run only their own bundled scripts, embed
 * nothing, cannot be framed, and have no <base> or form target to hijack. connect-src stays open
 * because the endpoint is the user's choice (host permissions decide where requests may go).
 */
const EXTENSION_PAGES_CSP =
  "script-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/**
 * Content code loaded on demand (lib/page/lazy-code.ts): entrypoints/card-panel.ts and
 * page-data.ts, built as ES modules so the content script can import() them.
 */
const LAZY_CONTENT_ENTRYPOINTS = ['card-panel', 'page-data'];

// Extension manifest and build settings. Permissions are kept to what the features need;
// tests/unit/manifest.test.ts pins them so any new one is a deliberate change.
export default defineConfig({
  srcDir: '.',
  // Toolbar, store and options icons (16/32/48/128) drawn from one SVG source; the UI's messages
  // (assets/locales/*.yml, Korean by default, English) built into _locales for the browser's i18n API.
  modules: ['@wxt-dev/auto-icons', '@wxt-dev/i18n/module'],
  i18n: { localesDir: 'assets/locales' },
  autoIcons: { baseIconPath: 'assets/icon.svg', developmentIndicator: false },
  hooks: {
    // WXT builds unlisted scripts as IIFEs; these are import()ed, and their default export is the API.
    // Vite leaves an ES library's whitespace in place unless told: minify it like the IIFEs.
    'vite:build:extendConfig': (entrypoints, config) => {
      const output = config.build?.rollupOptions?.output;
      if (!entrypoints.some((entrypoint) => LAZY_CONTENT_ENTRYPOINTS.includes(entrypoint.name))) return;
      if (!config.build?.lib || !output || Array.isArray(output))
        throw new Error('unexpected WXT build config');
      config.build.lib.formats = ['es'];
      Object.assign(output, { minify: true });
    },
    // The shipped glossary as data the worker reads on first use (lib/shared/glossary/asset.ts).
    'build:publicAssets': (_wxt, files) => {
      files.push({ relativeDest: SHIPPED_GLOSSARY_ASSET, contents: JSON.stringify(SHIPPED_GLOSSARY) });
    },
  },
  manifest: ({ browser, manifestVersion }) => ({
    name: '__MSG_extension_name__',
    description: '__MSG_extension_description__',
    // Korean unless the browser asks for a language we have (English).
    default_locale: 'ko',
    // declarativeNetRequestWithHostAccess: one session rule removes the extension's Origin from its
    // own requests to a model server on the user's machine (Ollama refuses extension origins); it
    // acts only where host access is already granted, and shows no install warning.
    // offscreen (Chrome only, no install warning): a document that reads a PDF with pdf.js when a
    // paper has no HTML rendering; the service worker cannot load pdf.js (lib/worker/pdf-reader-host.ts).
    permissions: [
      'storage',
      'declarativeNetRequestWithHostAccess',
      ...(browser === 'firefox' ? [] : ['offscreen']),
    ],
    action: { default_title: '__MSG_extension_name__' },
    commands: {
      'summarize-all': {
        suggested_key: { default: 'Alt+Shift+S' },
        description: '__MSG_extension_summarizeAllCommand__',
      },
    },
    host_permissions: ENDPOINT_HOSTS,
    // The content code loaded on demand; only Hugging Face's pages may load it.
    web_accessible_resources: [
      {
        matches: ['https://huggingface.co/*'],
        resources: LAZY_CONTENT_ENTRYPOINTS.map((name) => `${name}.js`),
      },
    ],
    ...(manifestVersion === 3
      ? {
          optional_host_permissions: OPTIONAL_HOSTS,
          content_security_policy: { extension_pages: EXTENSION_PAGES_CSP },
        }
      : { optional_permissions: OPTIONAL_HOSTS, content_security_policy: EXTENSION_PAGES_CSP }),
    ...(browser === 'firefox' && {
      browser_specific_settings: {
        gecko: {
          id: 'daily-papers-ko@daily-papers-ko.github.io',
          // data_collection_permissions needs Firefox 140 (the current ESR); on Android, 142.
          strict_min_version: '140.0',
          // Nothing is collected by the extension's authors; requests go only to the user's own endpoint.
          data_collection_permissions: { required: ['none'] },
        },
        gecko_android: { strict_min_version: '142.0' },
      },
    }),
  }),
});
