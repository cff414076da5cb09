// Who the background answers: this extension's own pages and its content script on Hugging Face papers pages.
import { parsePapersRoute } from '../shared/hf-routes.ts';

export interface SenderInfo {
  id?: string;
  url?: string;
  tab?: unknown;
  origin?: string;
}

export function isTrustedSender(
  sender: SenderInfo | undefined,
  extensionId: string,
  extensionOrigin: string,
): boolean {
  if (!sender || sender.id !== extensionId || !sender.url) return false;
  if (sender.url.startsWith(extensionOrigin)) return true;
  // A content script: it lives in a tab, on a papers page it acts on (the route checks the origin too).
  return sender.tab !== undefined && parsePapersRoute(sender.url) !== null;
}
