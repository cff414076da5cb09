// "API 키를 설정하세요" in the page toolbar before any click, while summaries need a key that is not
// saved; it goes away when the worker says a key was saved (no reload).
import { browser } from 'wxt/browser';
import { uiKeyNotice } from '../shared/i18n/ui.ts';
import { parseKeyStatusChanged } from '../shared/messages.ts';
import { askBackground } from '../shared/runtime-client.ts';

export function mountKeyNotice(parent: HTMLElement): () => void {
  const notice = document.createElement('p');
  notice.className = 'dpk-key-notice';
  notice.setAttribute('role', 'status');
  notice.hidden = true;
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'dpk-action primary';
  button.textContent = uiKeyNotice.openOptions;
  button.addEventListener('click', () => void askBackground({ type: 'openOptions' }));
  notice.append(uiKeyNotice.message, button);
  parent.prepend(notice);

  let heard = false;
  const show = (needsKey: boolean) => {
    notice.hidden = !needsKey;
  };
  const onMessage = (message: unknown, sender: { id?: string; tab?: unknown }) => {
    if (sender.id !== browser.runtime.id || sender.tab) return undefined;
    const changed = parseKeyStatusChanged(message);
    if (changed) {
      heard = true;
      show(changed.needsKey);
    }
    return undefined;
  };
  browser.runtime.onMessage.addListener(onMessage);
  // Asked at idle: the cards and their cached summaries come first.
  const idle = requestIdleCallback(
    () =>
      void askBackground({ type: 'getKeyStatus' }).then(
        // A change heard meanwhile is newer than this answer.
        (status) => heard || show(status.needsKey),
        (error: unknown) => console.warn('[Daily Papers KO] could not ask whether a key is set', error),
      ),
    { timeout: 1000 },
  );
  return () => {
    cancelIdleCallback(idle);
    browser.runtime.onMessage.removeListener(onMessage);
    notice.remove();
  };
}
