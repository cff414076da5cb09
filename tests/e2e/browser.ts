// Launching Chromium with the built extension, shared by the end-to-end harness and the benchmark.
import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type BrowserContext, chromium } from '@playwright/test';

export const EXTENSION_PATH = path.resolve(import.meta.dirname, '../../.output/chrome-mv3');

/** The Chromium the tests drive: `CHROMIUM_PATH` when set, else Debian's `/usr/bin/chromium`. */
export function chromiumExecutable(): string {
  const executable = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(executable)) {
    throw new Error(
      `Chromium not found at ${executable}. Install it (sudo apt-get install -y chromium) or set CHROMIUM_PATH.`,
    );
  }
  return executable;
}

/** Loopback (the mock) and the extension's own pages are the only places a test may reach. */
function isAllowedUrl(url: URL): boolean {
  return url.protocol === 'chrome-extension:' || url.hostname === '127.0.0.1' || url.hostname === 'localhost';
}

/**
 * A persistent Chromium profile with the built extension (and any `extraExtensions`) loaded, that
 * can reach nothing but loopback and extension pages. `locale` is the browser's language, which
 * picks the extension's UI messages (Korean unless told otherwise, whatever the machine's LANG).
 */
export async function launchWithExtension(
  extraExtensions: string[] = [],
  locale = 'ko-KR',
): Promise<{ context: BrowserContext; profileDir: string }> {
  if (!existsSync(path.join(EXTENSION_PATH, 'manifest.json'))) {
    throw new Error(`No built extension at ${EXTENSION_PATH}. Run \`npm run build\` first (npm test does).`);
  }
  const profileDir = await mkdtemp(path.join(tmpdir(), 'dpk-profile-'));
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: chromiumExecutable(),
    headless: true,
    locale,
    // Extensions get the messages of Chromium's own language, which on Linux comes from the
    // environment (LANGUAGE), and only for a language Chromium ships: Debian's chromium-l10n, which
    // .ci/run installs. Without either, Chromium runs in English and so would the extension's UI.
    env: { ...process.env, LANGUAGE: locale.replace('-', '_') },
    args: [
      `--disable-extensions-except=${[EXTENSION_PATH, ...extraExtensions].join(',')}`,
      `--load-extension=${[EXTENSION_PATH, ...extraExtensions].join(',')}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
  // Registered first, so it runs last: whatever no other route claimed and is not local is aborted.
  await context.route(
    (url) => !isAllowedUrl(url),
    (route) => route.abort('internetdisconnected'),
  );
  return { context, profileDir };
}
