// Turns summary HTML into safe DOM with DOMPurify and a tight allowlist: formatting only.
import DOMPurify from 'dompurify';
import { SUMMARY_TAGS } from './allowed-tags.ts';

// Built once: sanitising runs for every streamed chunk and every cached panel.
const CONFIG = {
  ALLOWED_TAGS: [...SUMMARY_TAGS],
  // No attributes of any kind: no links, styles or handlers can survive.
  ALLOWED_ATTR: [] as string[],
  KEEP_CONTENT: true,
  RETURN_DOM_FRAGMENT: true as const,
};

/** A fragment ready to insert: nothing from the model is ever assigned to innerHTML. */
export function sanitizeSummaryHtml(html: string): DocumentFragment {
  return DOMPurify.sanitize(html, CONFIG);
}
