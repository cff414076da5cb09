// Turns summary HTML into safe DOM with DOMPurify and a tight allowlist: formatting, tables, MathML.
import DOMPurify from 'dompurify';
import { MATHML_ATTRIBUTES, MATHML_TAGS, SUMMARY_TAGS } from './allowed-tags.ts';

const MATHML_TAG_SET = new Set<string>(MATHML_TAGS);
const MATHML_ATTRIBUTE_SET = new Set<string>(MATHML_ATTRIBUTES);

// Built once: sanitising runs for every streamed chunk and every cached panel.
const CONFIG = {
  ALLOWED_TAGS: [...SUMMARY_TAGS],
  // No attributes on HTML elements: no links, styles or handlers can survive.
  ALLOWED_ATTR: [] as string[],
  // MathML keeps its layout attributes (display, stretchy, …), checked per element.
  ADD_ATTR: (attribute: string, tag: string) =>
    MATHML_TAG_SET.has(tag) && MATHML_ATTRIBUTE_SET.has(attribute),
  KEEP_CONTENT: true,
  RETURN_DOM_FRAGMENT: true as const,
};

/** A fragment ready to insert: nothing from the model is ever assigned to innerHTML. */
export function sanitizeSummaryHtml(html: string): DocumentFragment {
  return DOMPurify.sanitize(html, CONFIG);
}
