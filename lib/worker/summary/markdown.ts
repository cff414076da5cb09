// Markdown → HTML for summaries, done in the background worker so the content script stays small.
// The HTML is not trusted by anyone: the content script sanitises it before it touches the page.
// TeX becomes MathML here (lib/worker/summary/math.ts); GFM tables become plain tables.
import { Marked } from 'marked';
import { texToMathml } from './math.ts';
import { findMathSpans } from './math-delimiters.ts';

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

// Formulas are swapped for placeholders made of private-use characters before Markdown runs, so
// Markdown never sees their `*`, `_`, `|` or `\`; the model's own private-use characters are
// replaced first so it cannot forge one.
const OPEN = '\uE000';
const CLOSE = '\uE001';
const PLACEHOLDER = /\uE000(\d+)\uE001/g;
const PRIVATE_USE_MARKS = /[\uE000\uE001]/g;

interface ProtectedMarkdown {
  text: string;
  /** The source of each formula, delimiters included, by placeholder number. */
  sources: string[];
  /** Its MathML, or the source shown as code when temml refuses it. */
  html: string[];
}

function protectMath(markdownText: string): ProtectedMarkdown {
  const source = markdownText.replace(PRIVATE_USE_MARKS, '\uFFFD');
  const sources: string[] = [];
  const html: string[] = [];
  let text = '';
  let last = 0;
  for (const span of findMathSpans(source)) {
    const original = source.slice(span.start, span.end);
    text += `${source.slice(last, span.start)}${OPEN}${sources.length}${CLOSE}`;
    sources.push(original);
    html.push(texToMathml(span.tex, span.display) ?? `<code>${escapeHtml(original)}</code>`);
    last = span.end;
  }
  return { text: text + source.slice(last), sources, html };
}

/** The render in progress: which formulas its placeholders stand for. */
let current: ProtectedMarkdown = { text: '', sources: [], html: [] };

/** Inside code and raw HTML the reader sees the formula exactly as the model wrote it. */
function restoreSource(text: string): string {
  return text.replace(PLACEHOLDER, (whole, n: string) => current.sources[Number(n)] ?? whole);
}

// Raw HTML in the model's answer is shown as the text it is, never parsed as markup: a summary has
// no business containing tags, and the reader should see what the model actually wrote.
const markdown = new Marked({
  gfm: true,
  breaks: false,
  async: false,
  // After a raw <script>/<pre> tag marked passes the text that follows through unescaped, as the
  // inside of that element; with the tags shown as text, that text must be escaped like any other.
  walkTokens(token) {
    if (token.type === 'text' && token.escaped) token.escaped = false;
  },
  renderer: {
    html({ text, block }) {
      const shown = escapeHtml(restoreSource(text));
      return block ? `<p>${shown.trim()}</p>\n` : shown;
    },
    // No language class: the HTML carries no attributes at all.
    code({ text }) {
      return `<pre><code>${escapeHtml(restoreSource(text).replace(/\n$/, ''))}\n</code></pre>\n`;
    },
    codespan({ text }) {
      return `<code>${escapeHtml(restoreSource(text))}</code>`;
    },
    // Column alignment would need an attribute; the table reads the same without it.
    tablecell({ tokens, header }) {
      const tag = header ? 'th' : 'td';
      return `<${tag}>${this.parser.parseInline(tokens)}</${tag}>\n`;
    },
    // A summary links nowhere and shows no images: keep the words, drop the address.
    link({ tokens }) {
      return this.parser.parseInline(tokens);
    },
    image({ text }) {
      return escapeHtml(text);
    },
  },
});

export function summaryMarkdownToHtml(text: string): string {
  current = protectMath(text);
  try {
    const html = markdown.parse(current.text, { async: false });
    return html.replace(PLACEHOLDER, (whole, n: string) => current.html[Number(n)] ?? whole);
  } finally {
    current = { text: '', sources: [], html: [] };
  }
}

/** Plain text for HTML: a literal `\$` of the paper's text is a dollar, and its line breaks stay. */
function plainTextHtml(text: string): string {
  return escapeHtml(text.replace(/\\\$/g, '$')).replace(/\n/g, '<br>');
}

/**
 * A paper's own text (plain text with TeX as `$…$` / `$$…$$`, lines joined by "\n", as
 * lib/worker/fulltext extracts it) as HTML: the TeX as MathML, everything else as text. No
 * Markdown is read: an asterisk in a paper is an asterisk. `inline` leaves out the paragraph.
 */
export function paperTextToHtml(text: string, options: { inline?: boolean } = {}): string {
  const source = text.replace(PRIVATE_USE_MARKS, '\uFFFD');
  let html = '';
  let last = 0;
  for (const span of findMathSpans(source)) {
    const original = source.slice(span.start, span.end);
    html += plainTextHtml(source.slice(last, span.start));
    html += texToMathml(span.tex, span.display) ?? `<code>${escapeHtml(original)}</code>`;
    last = span.end;
  }
  html += plainTextHtml(source.slice(last));
  return options.inline ? html : `<p>${html}</p>`;
}
