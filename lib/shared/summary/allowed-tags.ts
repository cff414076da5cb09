/**
 * What a rendered summary may contain: formatting, GFM tables and MathML; no links, images, media,
 * forms or styles. Shared by the worker (which only emits these) and the content script (which
 * lets only these through), so every name here costs content-script bytes: keep it to what is used.
 */

/** The MathML elements temml writes (lib/worker/summary/math.ts), minus those DOMPurify refuses. */
export const MATHML_TAGS = [
  'math',
  'mrow',
  'mi',
  'mn',
  'mo',
  'ms',
  'mtext',
  'mspace',
  'msub',
  'msup',
  'msubsup',
  'mfrac',
  'msqrt',
  'mroot',
  'mover',
  'munder',
  'munderover',
  'mtable',
  'mtr',
  'mtd',
  'mstyle',
  'mpadded',
  'mphantom',
  'menclose',
] as const;

export const SUMMARY_TAGS = [
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
  'hr',
  'h1',
  'h2',
  'h3',
  'h4',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
  ...MATHML_TAGS,
] as const;

/**
 * Layout attributes allowed on MathML elements, and only there (HTML elements keep none). No href,
 * id, class, style, colours (mathcolor, mathbackground) or sizes of text: nothing that links, styles
 * or names an element. Lengths (width, height, depth, voffset) are capped by the worker's temml options.
 */
export const MATHML_ATTRIBUTES = [
  'display',
  'displaystyle',
  'scriptlevel',
  'mathvariant',
  'form',
  'fence',
  'separator',
  'stretchy',
  'symmetric',
  'largeop',
  'movablelimits',
  'accent',
  'lspace',
  'rspace',
  'minsize',
  'maxsize',
  'linethickness',
  'notation',
  'columnalign',
  'rowspacing',
  'width',
  'height',
  'depth',
  'voffset',
] as const;
