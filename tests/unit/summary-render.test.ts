// The worker's half of summary rendering. DOMPurify, the content script's half, is proven in real
// Chromium by tests/e2e/security.spec.ts (happy-dom is not a browser DOMPurify can vouch for).
import { describe, expect, it } from 'vitest';
import { SUMMARY_TAGS } from '../../lib/summary/allowed-tags.ts';
import { summaryMarkdownToHtml } from '../../lib/summary/markdown.ts';
import { endMarker, hostileSummary, startMarker, XSS_PAYLOADS } from '../fixtures/xss-payloads.ts';

const FORMATTING = new Set<string>(SUMMARY_TAGS);

/** Every tag in the HTML, and whether any of them has an attribute. */
function tagsOf(html: string): { names: string[]; withAttributes: string[] } {
  const tags = [...html.matchAll(/<\/?([a-zA-Z][\w-]*)([^>]*)>/g)];
  return {
    names: tags.map((t) => (t[1] ?? '').toLowerCase()),
    withAttributes: tags.filter((t) => (t[2] ?? '').trim() !== '').map((t) => t[0]),
  };
}

function textOf(html: string): string {
  const container = document.createElement('div');
  container.innerHTML = html;
  return (container.textContent ?? '').replace(/\s+/g, ' ').trim();
}

describe('summary Markdown → HTML', () => {
  it('keeps the formatting a summary uses', () => {
    expect(summaryMarkdownToHtml('**제목**\n\n- 첫째 `code`\n- *둘째*')).toBe(
      '<p><strong>제목</strong></p>\n<ul>\n<li>첫째 <code>code</code></li>\n<li><em>둘째</em></li>\n</ul>\n',
    );
  });

  it('shows raw HTML from the model as the text it is', () => {
    const html = summaryMarkdownToHtml('요약 <b onclick="x()">굵게</b> 끝\n\n<div>블록</div>');
    expect(tagsOf(html).names).toEqual(['p', 'p', 'p', 'p']);
    expect(textOf(html)).toBe('요약 <b onclick="x()">굵게</b> 끝 <div>블록</div>');
  });

  it('keeps the text inside a <script> or <pre> the model opened', () => {
    const html = summaryMarkdownToHtml("<scr<script>ipt>alert('x')</scr</script>ipt>");
    expect(textOf(html)).toBe("<scr<script>ipt>alert('x')</scr</script>ipt>");
  });

  it('drops the addresses of links and images, keeping their words', () => {
    const html = summaryMarkdownToHtml(
      '[누르기](https://example.com) ![그림 설명](https://example.com/a.png) <https://example.com/x> [참조][r]\n\n[r]: javascript:alert(1)',
    );
    expect(tagsOf(html).names).toEqual(['p', 'p']);
    expect(textOf(html)).toBe('누르기 그림 설명 https://example.com/x 참조');
  });

  it.each(XSS_PAYLOADS)('payload $n ($kind) gives only formatting tags, without attributes', (hostile) => {
    const html = summaryMarkdownToHtml(hostileSummary(hostile));
    const { names, withAttributes } = tagsOf(html);
    expect(names.filter((name) => !FORMATTING.has(name))).toEqual([]);
    expect(withAttributes).toEqual([]);
    expect(textOf(html)).toContain(startMarker(hostile.n));
    expect(textOf(html)).toContain(endMarker(hostile.n));
  });
});
