// Markdown → HTML for summaries, done in the background worker so the content script stays small.
// The HTML is not trusted by anyone: the content script sanitises it before it touches the page.
import { Marked } from 'marked';

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
      return block ? `<p>${escapeHtml(text.trim())}</p>\n` : escapeHtml(text);
    },
    // No language class: the HTML carries no attributes at all.
    code({ text }) {
      return `<pre><code>${escapeHtml(text.replace(/\n$/, ''))}\n</code></pre>\n`;
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
  return markdown.parse(text, { async: false });
}
