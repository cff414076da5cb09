// "API 키를 설정하세요" at the top of the popup while summaries need a key that is not saved; it goes
// away as soon as one is (the settings' change in storage says so).
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { uiKeyNotice } from '../../lib/shared/i18n/ui.ts';
import { askBackground } from '../../lib/shared/runtime-client.ts';

export function KeyNotice() {
  const [needsKey, setNeedsKey] = useState(false);
  useEffect(() => {
    const ask = () =>
      askBackground({ type: 'getKeyStatus' }).then(
        (status) => setNeedsKey(status.needsKey),
        () => setNeedsKey(false),
      );
    void ask();
    // Saving the settings bumps `local:settings` (its keyRevision changes with the key).
    const onChanged = (changes: Record<string, unknown>, area: string) => {
      if (area === 'local' && 'settings' in changes) void ask();
    };
    browser.storage.onChanged.addListener(onChanged);
    return () => browser.storage.onChanged.removeListener(onChanged);
  }, []);
  if (!needsKey) return null;
  return (
    <p class="key-notice" role="status">
      {uiKeyNotice.message}
      <button type="button" class="primary" onClick={() => void browser.runtime.openOptionsPage()}>
        {uiKeyNotice.openOptions}
      </button>
    </p>
  );
}
