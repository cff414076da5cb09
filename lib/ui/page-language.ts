// An extension page in the UI's language: <html lang> follows the messages the browser chose
// (Korean or English), so screen readers read it in the right voice.
import { t } from '../shared/i18n/t.ts';

export function setPageLanguage(title?: string): void {
  document.documentElement.lang = t('extension.language');
  if (title) document.title = title;
}
