// Launching Debian's Firefox ESR over WebDriver BiDi (puppeteer-core) with the built extension installed
// as a temporary add-on, in a throwaway profile that can reach nothing outside this machine.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import puppeteer, { type Browser } from 'puppeteer-core';

/** The build under test. `FIREFOX_EXTENSION=.output/firefox-mv3` runs the same flows on an MV3 build. */
export const EXTENSION_PATH = path.resolve(
  import.meta.dirname,
  '../..',
  process.env.FIREFOX_EXTENSION ?? '.output/firefox-mv2',
);
/** `browser_specific_settings.gecko.id` in wxt.config.ts. */
export const ADDON_ID = 'daily-papers-ko@daily-papers-ko.github.io';
/**
 * Firefox gives each add-on a random moz-extension:// host per profile; the pref
 * `extensions.webextensions.uuids` fixes it in advance, so tests know where the options page is.
 */
export const EXTENSION_UUID = '4f0b6c1e-2d7a-4e3b-9c55-d5a0b7c1e0f1';
export const EXTENSION_ORIGIN = `moz-extension://${EXTENSION_UUID}`;
/**
 * A non-persistent background (an MV3 event page) is stopped after this long without incoming events;
 * Firefox's default is 30 s. Shortened so a test can show, quickly, that a slow answer survives it.
 */
export const BACKGROUND_IDLE_TIMEOUT_MS = 1_500;

/** The Firefox the tests drive: `FIREFOX_PATH` when set, else Debian's `/usr/bin/firefox-esr`. */
export function firefoxExecutable(): string {
  const executable = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
  if (!existsSync(executable)) {
    throw new Error(
      `Firefox not found at ${executable}. Install it (sudo apt-get install -y firefox-esr) or set FIREFOX_PATH.`,
    );
  }
  return executable;
}

/**
 * A proxy that answers nothing: every request Firefox would send off this machine (its own services,
 * the extension's background, anything a page's interception did not answer) ends here, refused.
 * Loopback is never proxied, so the mock OpenAI server is reached directly.
 */
export interface Blackhole {
  port: number;
  /** The first line of each refused request, e.g. `CONNECT example.com:443 HTTP/1.1`. */
  attempts: string[];
  close(): Promise<void>;
}

async function startBlackhole(): Promise<Blackhole> {
  const attempts: string[] = [];
  const server: Server = createServer((socket) => {
    socket.once('data', (data) => {
      attempts.push(data.toString('latin1').split('\r\n', 1)[0] ?? '');
      socket.destroy();
    });
    socket.on('error', () => socket.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the blackhole proxy has no port');
  return {
    port: address.port,
    attempts,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function profilePreferences(proxyPort: number): Record<string, unknown> {
  return {
    'extensions.webextensions.uuids': JSON.stringify({ [ADDON_ID]: EXTENSION_UUID }),
    'extensions.background.idle.timeout': BACKGROUND_IDLE_TIMEOUT_MS,
    // Nothing to set for host permissions. An MV2 build has them from its manifest; an MV3 build
    // (optional "origin controls") gets its host_permissions and content-script origins at install,
    // temporary installs included, because Firefox 140 desktop ships
    // extensions.originControls.grantByDefault = true. See README, "Firefox: MV2".
    'network.proxy.type': 1,
    'network.proxy.http': '127.0.0.1',
    'network.proxy.http_port': proxyPort,
    'network.proxy.ssl': '127.0.0.1',
    'network.proxy.ssl_port': proxyPort,
    // Firefox's own checks for a network it will never have.
    'network.captive-portal-service.enabled': false,
    'network.connectivity-service.enabled': false,
    'dom.push.connection.enabled': false,
    'intl.accept_languages': 'ko-KR, ko',
    // Firefox in Korean (Debian's firefox-esr-l10n-ko language pack), so the extension's UI is too:
    // extensions get the messages of Firefox's own language, not of the pages'.
    'intl.locale.requested': 'ko',
  };
}

export interface FirefoxWithExtension {
  browser: Browser;
  blackhole: Blackhole;
  close(): Promise<void>;
}

/** Firefox ESR, headless, with the built extension installed as a temporary add-on. */
export async function launchFirefoxWithExtension(): Promise<FirefoxWithExtension> {
  if (!existsSync(path.join(EXTENSION_PATH, 'manifest.json'))) {
    throw new Error(
      `No built extension at ${EXTENSION_PATH}. Run \`npm run build:firefox\` first (npm run test:firefox does).`,
    );
  }
  const executablePath = firefoxExecutable();
  const blackhole = await startBlackhole();
  // Firefox writes caches under $HOME even with a profile given; a throwaway one keeps runs apart
  // (and works as root, whose real HOME may not be ours to touch).
  const home = await mkdtemp(path.join(tmpdir(), 'dpk-firefox-home-'));
  const cleanUp = async () => {
    await blackhole.close();
    await rm(home, { recursive: true, force: true });
  };
  let browser: Browser;
  try {
    browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath,
      headless: true,
      extraPrefsFirefox: profilePreferences(blackhole.port),
      env: {
        ...process.env,
        HOME: home,
        MOZ_CRASHREPORTER_DISABLE: '1',
        // Firefox's own test switch. Without it a release build ignores the profile's dummy
        // remote-settings server (services-settings/Utils.sys.mjs) and keeps asking
        // firefox.settings.services.mozilla.com: 130 refused CONNECTs in one run of these flows.
        MOZ_DISABLE_NONLOCAL_CONNECTIONS: '1',
      },
    });
  } catch (error) {
    await cleanUp();
    throw error;
  }
  const close = async () => {
    await browser.close();
    await cleanUp();
  };
  try {
    const installedId = await browser.installExtension(EXTENSION_PATH);
    if (installedId !== ADDON_ID)
      throw new Error(`installed add-on has id ${installedId}, expected ${ADDON_ID}`);
  } catch (error) {
    await close();
    throw error;
  }
  return { browser, blackhole, close };
}
