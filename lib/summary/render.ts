// Turns summary HTML into safe DOM with DOMPurify and a tight allowlist: formatting only.
import DOMPurify from 'dompurify';

/** No links, images, media, forms, styles or attributes of any kind. */
const ALLOWED_TAGS = [
  'p',
  'ul',
  'ol',
  'li',
  'strong',
  'em',
  'b',
  'i',
  'code',
  'pre',
  'br',
  'blockquote',
  'del',
  'h1',
  'h2',
  'h3',
  'h4',
];

/** A fragment ready to insert: nothing from the model is ever assigned to innerHTML. */
export function sanitizeSummaryHtml(html: string): DocumentFragment {
  return DOMPurify.sanitize(html, {
    ALLOWED_TAGS,
    ALLOWED_ATTR: [],
    KEEP_CONTENT: true,
    RETURN_DOM_FRAGMENT: true,
  });
}
