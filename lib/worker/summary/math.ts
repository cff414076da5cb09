// TeX → MathML with temml, in the worker (temml needs no DOM). The output is rebuilt tag by tag so
// it carries only the allowlisted MathML elements and attributes the content script lets through.
import temml from 'temml';
import { MATHML_ATTRIBUTES, MATHML_TAGS } from '../../shared/summary/allowed-tags.ts';

const ALLOWED_TAGS = new Set<string>(MATHML_TAGS);
const ALLOWED_ATTRIBUTES = new Set<string>(MATHML_ATTRIBUTES);

const TEMML_OPTIONS = {
  throwOnError: true,
  // \href, \url, \class, \style, \data, \includegraphics and the like stay errors, never markup.
  trust: false,
  strict: false,
  // A hostile \rule{9999em}{9999em} or \hspace must not push the panel off the page.
  maxSize: [20, 200] as [number, number],
  // Recursive \def loops stop early instead of burning the worker.
  maxExpand: 200,
};

/** Longer TeX than this is shown as source: no summary or caption needs it, and it bounds the work. */
const MAX_TEX_LENGTH = 4000;

// temml escapes text and attribute values (&<>"'), so its markup splits cleanly into tags and text.
const TAG = /<(\/?)([a-z]+)((?:\s+[a-z-]+="[^"<>]*")*)\s*>/g;
const ATTRIBUTE = /\s+([a-z-]+)="([^"<>]*)"/g;

/** temml's markup with every attribute outside the allowlist removed; null if it used any other tag. */
function keepAllowedMarkup(markup: string): string | null {
  let out = '';
  let last = 0;
  for (const match of markup.matchAll(TAG)) {
    const [whole, closing, name = '', attributes = ''] = match;
    const text = markup.slice(last, match.index);
    if (/[<>]/.test(text) || !ALLOWED_TAGS.has(name)) return null;
    out += text;
    if (closing) out += `</${name}>`;
    else {
      let kept = '';
      for (const [, attribute = '', value = ''] of attributes.matchAll(ATTRIBUTE)) {
        if (ALLOWED_ATTRIBUTES.has(attribute)) kept += ` ${attribute}="${value}"`;
      }
      out += `<${name}${kept}>`;
    }
    last = match.index + whole.length;
  }
  const rest = markup.slice(last);
  return /[<>]/.test(rest) ? null : out + rest;
}

const cache = new Map<string, string | null>();
const CACHE_LIMIT = 500;

/**
 * MathML for a TeX formula, or null when temml cannot render it safely (unknown or untrusted
 * command, syntax error, too long): the caller then shows the source as text.
 * Streaming re-renders the whole summary on every chunk, so results are cached.
 */
export function texToMathml(tex: string, display: boolean): string | null {
  const key = `${display ? 'D' : 'I'}${tex}`;
  const cached = cache.get(key);
  if (cached !== undefined) return cached;
  let result: string | null = null;
  if (tex.trim() !== '' && tex.length <= MAX_TEX_LENGTH) {
    try {
      result = keepAllowedMarkup(temml.renderToString(tex, { ...TEMML_OPTIONS, displayMode: display }));
    } catch {
      // A ParseError is the expected answer for TeX temml does not support or trust: show the source.
      result = null;
    }
  }
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  cache.set(key, result);
  return result;
}
