// Whether summaries still need an API key, and telling open pages when that changes (a key saved on
// the options page makes the papers pages' "API 키를 설정하세요" go away without a reload).
import { KEY_STATUS_CHANGED, type KeyStatus, type KeyStatusChanged } from '../shared/messages.ts';
import type { Settings } from '../shared/settings.ts';
import { effectiveApiKey } from './openai/client.ts';

export function keyStatusOf(settings: Pick<Settings, 'apiKey' | 'baseURL'>): KeyStatus {
  return { needsKey: effectiveApiKey(settings.apiKey, settings.baseURL) === null };
}

interface TabsApi {
  query(filter: Record<string, never>): Promise<{ id?: number }[]>;
  sendMessage(tabId: number, message: unknown): Promise<unknown>;
}

/** Every tab hears it; only our papers pages listen (others have no receiver, which is fine). */
export async function broadcastKeyStatus(tabs: TabsApi, status: KeyStatus): Promise<void> {
  const message: KeyStatusChanged = { type: KEY_STATUS_CHANGED, ...status };
  const all = await tabs.query({});
  await Promise.all(
    all.map((tab) =>
      tab.id === undefined ? undefined : tabs.sendMessage(tab.id, message).catch(() => undefined),
    ),
  );
}
