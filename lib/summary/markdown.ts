// Markdown → HTML for summaries, done in the background worker so the content script stays small.
// The HTML is not trusted by anyone: the content script sanitises it before it touches the page.
import { Marked } from 'marked';

const markdown = new Marked({ gfm: true, breaks: false, async: false });

export function summaryMarkdownToHtml(text: string): string {
  return markdown.parse(text, { async: false });
}
