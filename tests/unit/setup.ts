// Every unit test gets an in-memory IndexedDB, where the extension keeps the API key, and the
// browser's i18n API answering from assets/locales in Korean (the extension's default locale).
import 'fake-indexeddb/auto';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { localeMessages } from '../fixtures/locales.ts';

const messages = await localeMessages(process.env.DPK_TEST_LOCALE ?? 'ko');

fakeBrowser.i18n.getUILanguage = () => process.env.DPK_TEST_LOCALE ?? 'ko';
fakeBrowser.i18n.getMessage = (name: string, substitutions?: string | (string | number)[]) => {
  const message = messages.get(name.toLowerCase());
  if (message === undefined) return '';
  const subs = substitutions === undefined ? [] : [substitutions].flat();
  // Chrome's rules: $1–$9 are the substitutions, $$ is a dollar sign.
  return message.replace(/\$(\$|[1-9])/g, (_, what: string) =>
    what === '$' ? '$' : String(subs[Number(what) - 1] ?? ''),
  );
};
