// Who the background answers: this extension's own pages and its content script on Hugging Face papers.
import { parsePapersRoute } from '../hf/routes.ts';

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
  // A content script: it lives in a tab, on a page the content script's match pattern covers.
  return (
    sender.tab !== undefined &&
    sender.url.startsWith('https://huggingface.co/papers') &&
    isPapersUrl(sender.url)
  );
}

function isPapersUrl(url: string): boolean {
  try {
    return new URL(url).origin === 'https://huggingface.co' && parsePapersRoute(url) !== null;
  } catch {
    return false;
  }
}
