// The worker's half of summary rendering. DOMPurify, the content script's half, is proven in real
// Chromium by tests/e2e/security.spec.ts (happy-dom is not a browser DOMPurify can vouch for).
import { describe, expect, it } from 'vitest';
import { MATHML_ATTRIBUTES, MATHML_TAGS, SUMMARY_TAGS } from '../../lib/shared/summary/allowed-tags.ts';
import { summaryMarkdownToHtml } from '../../lib/worker/summary/markdown.ts';
import { findMathSpans } from '../../lib/worker/summary/math-delimiters.ts';
import { MATH_XSS_PAYLOADS } from '../fixtures/math-xss-payloads.ts';
import { endMarker, hostileSummary, startMarker, XSS_PAYLOADS } from '../fixtures/xss-payloads.ts';

const FORMATTING = new Set<string>(SUMMARY_TAGS);
const MATHML = new Set<string>(MATHML_TAGS);
const MATHML_LAYOUT = new Set<string>(MATHML_ATTRIBUTES);

/** Every tag in the HTML, and every attribute the allowlist would not keep. */
function tagsOf(html: string): { names: string[]; forbiddenAttributes: string[] } {
  const tags = [...html.matchAll(/<\/?([a-zA-Z][\w-]*)([^>]*)>/g)];
  const forbiddenAttributes: string[] = [];
  for (const [, rawName = '', attributes = ''] of tags) {
    const name = rawName.toLowerCase();
    for (const [attribute = ''] of attributes.matchAll(/[^\s=]+(?==|\s|$)/g)) {
      if (!attribute.startsWith('"') && !(MATHML.has(name) && MATHML_LAYOUT.has(attribute)))
        forbiddenAttributes.push(`${name}[${attribute}]`);
    }
    if (!MATHML.has(name) && attributes.trim() !== '')
      forbiddenAttributes.push(`${name}[${attributes.trim()}]`);
  }
  return { names: tags.map((t) => (t[1] ?? '').toLowerCase()), forbiddenAttributes };
}

function textOf(html: string): string {
  const container = document.createElement('div');
  container.innerHTML = html;
  return (container.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** The elements of the first <math> in the HTML, by name. */
function mathElements(html: string): string[] {
  const math = /<math[^>]*>([\s\S]*?)<\/math>/.exec(html)?.[0] ?? '';
  return [...math.matchAll(/<([a-z]+)/g)].map((m) => m[1] as string);
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
    const { names, forbiddenAttributes } = tagsOf(html);
    expect(names.filter((name) => !FORMATTING.has(name))).toEqual([]);
    expect(forbiddenAttributes).toEqual([]);
    expect(textOf(html)).toContain(startMarker(hostile.n));
    expect(textOf(html)).toContain(endMarker(hostile.n));
  });
});

describe('math in summaries', () => {
  it('renders $\\pi^*$ as MathML instead of reading * as emphasis', () => {
    const html = summaryMarkdownToHtml('최적 정책 $\\pi^*$ 와 *강조* 그리고 $\\pi^*$');
    expect(html).not.toContain('<em>π');
    expect(html.match(/<math>/g)).toHaveLength(2);
    expect(mathElements(html)).toEqual(['math', 'msup', 'mi', 'mo']);
    expect(html).toContain('<em>강조</em>');
    expect(textOf(html)).toBe('최적 정책 π∗ 와 강조 그리고 π∗');
  });

  it('renders $\\mathcal{L}_{\\text{KL}}$ without reading _ as emphasis', () => {
    const html = summaryMarkdownToHtml(
      '손실 $\\mathcal{L}_{\\text{KL}}$ 과 $\\mathcal{L}_{\\text{RL}}$ 의 합',
    );
    expect(html).not.toContain('<em>');
    expect(mathElements(html)).toEqual(['math', 'msub', 'mi', 'mtext']);
    expect(textOf(html)).toBe('손실 ℒKL 과 ℒRL 의 합');
  });

  it('renders display math from $$…$$ and \\[…\\] as block MathML, inline from \\(…\\)', () => {
    const display = summaryMarkdownToHtml('목표:\n\n$$\n\\max_\\theta \\mathbb{E}[r]\n$$\n\n끝');
    expect(display).toContain('<math display="block">');
    expect(summaryMarkdownToHtml('\\[ a^2 + b^2 = c^2 \\]')).toContain('<math display="block">');
    const inline = summaryMarkdownToHtml('값 \\(x_i^2\\) 입니다');
    expect(inline).toContain('<math><msubsup><mi>x</mi><mi>i</mi><mn>2</mn></msubsup></math>');
  });

  it('keeps block structure inside display math from being read as a list or heading', () => {
    const html = summaryMarkdownToHtml('$$\n- x + y\n1. z\n$$');
    expect(tagsOf(html).names).not.toContain('ul');
    expect(tagsOf(html).names).not.toContain('ol');
    expect(html).toContain('<math display="block">');
  });

  it('does not mistake prices for math', () => {
    for (const text of [
      '가격은 $5 and $10 입니다',
      '범위 $5-$10 정도',
      '요금 $0.15 / $0.60 per 1M tokens',
      '달러 기호 $ 하나와 $ 둘',
      'US$5 와 US$10',
    ]) {
      const html = summaryMarkdownToHtml(text);
      expect(html, text).not.toContain('<math');
      expect(textOf(html), text).toBe(text);
    }
  });

  it('leaves escaped dollars, code spans and code blocks alone', () => {
    expect(textOf(summaryMarkdownToHtml('비용 \\$5 와 \\$x\\$'))).toBe('비용 $5 와 $x$');
    expect(summaryMarkdownToHtml('코드 `$x^*$` 끝')).toBe('<p>코드 <code>$x^*$</code> 끝</p>\n');
    expect(summaryMarkdownToHtml('```\n$a_b$ and $$c$$\n```')).toBe(
      '<pre><code>$a_b$ and $$c$$\n</code></pre>\n',
    );
    expect(summaryMarkdownToHtml('문단\n\n    $a_b$ 들여쓴 코드')).toContain('<pre><code>$a_b$ 들여쓴 코드');
  });

  it('shows TeX that cannot be rendered as its source, as code', () => {
    const html = summaryMarkdownToHtml('미지원 $\\unknownmacro{x}$ 와 $\\frac{1}{$ 끝');
    expect(html).toContain('<code>$\\unknownmacro{x}$</code>');
    expect(html).not.toContain('<math');
  });

  it('shows an unclosed formula as text while the answer is still streaming', () => {
    expect(textOf(summaryMarkdownToHtml('보상 $\\pi^'))).toBe('보상 $\\pi^');
  });

  it('keeps emphasis working around a formula', () => {
    const html = summaryMarkdownToHtml('**$\\pi^*$ 정책**이 *$x_1$ 보다* 낫다');
    expect(html).toMatch(
      /^<p><strong><math>.*<\/math> 정책<\/strong>이 <em><math>.*<\/math> 보다<\/em> 낫다<\/p>\n$/,
    );
  });

  it('keeps a placeholder the model wrote itself from standing in for a formula', () => {
    const html = summaryMarkdownToHtml('가짜 \uE0000\uE001 와 진짜 $x$');
    expect(html.match(/<math>/g)).toHaveLength(1);
    expect(textOf(html)).toBe('가짜 \uFFFD0\uFFFD 와 진짜 x');
  });
});

describe('GFM tables in summaries', () => {
  it('renders the header row and each body row as table rows, without alignment attributes', () => {
    const html = summaryMarkdownToHtml(
      '| 모델 | 정확도 |\n|:---|---:|\n| 기준선 | 71.2 |\n| **제안** | 78.9 |\n\n결과 끝',
    );
    expect(html).toBe(
      '<table>\n<thead>\n<tr>\n<th>모델</th>\n<th>정확도</th>\n</tr>\n</thead>\n<tbody><tr>\n<td>기준선</td>\n<td>71.2</td>\n</tr>\n<tr>\n<td><strong>제안</strong></td>\n<td>78.9</td>\n</tr>\n</tbody></table>\n<p>결과 끝</p>\n',
    );
  });

  it('keeps pipes inside a formula from splitting a cell', () => {
    const html = summaryMarkdownToHtml(
      '| 기호 | 뜻 |\n|---|---|\n| $|V|$ | 정점 수 |\n| $\\|x\\|_2$ | 노름 |',
    );
    const cells = [...html.matchAll(/<td>([\s\S]*?)<\/td>/g)].map((m) => textOf(m[1] as string));
    expect(cells).toEqual(['|V|', '정점 수', '‖x‖2', '노름']);
  });
});

describe('finding formulas', () => {
  it('finds each kind of delimiter with its offsets', () => {
    const source = 'a $x$ b $$y$$ c \\(z\\) d \\[w\\]';
    expect(findMathSpans(source).map((s) => [source.slice(s.start, s.end), s.tex, s.display])).toEqual([
      ['$x$', 'x', false],
      ['$$y$$', 'y', true],
      ['\\(z\\)', 'z', false],
      ['\\[w\\]', 'w', true],
    ]);
  });

  it('does not let inline math run across lines or display math across paragraphs', () => {
    expect(findMathSpans('- a $x\n- b$ c')).toEqual([]);
    expect(findMathSpans('$$a\n\nb$$')).toEqual([]);
    expect(findMathSpans('$$a\nb$$')).toHaveLength(1);
  });

  it('skips escaped dollars and backslash pairs inside a formula', () => {
    expect(findMathSpans('$a \\$ b$').map((s) => s.tex)).toEqual(['a \\$ b']);
    expect(findMathSpans('\\(a \\\\ b\\)').map((s) => s.tex)).toEqual(['a \\\\ b']);
  });
});

describe('hostile TeX', () => {
  it.each(MATH_XSS_PAYLOADS)('math payload $n renders inert: allowlisted MathML only', (hostile) => {
    const html = summaryMarkdownToHtml(hostileSummary(hostile));
    const { names, forbiddenAttributes } = tagsOf(html);
    expect(names.filter((name) => !FORMATTING.has(name))).toEqual([]);
    expect(forbiddenAttributes).toEqual([]);
    // Hostile words may be shown as text; inside a tag they would be live.
    expect(html).not.toMatch(
      /<[^>]*(?:javascript:|evil\.example|\sstyle=|href=|class=|mathcolor|mathbackground)/,
    );
    expect(textOf(html)).toContain(startMarker(hostile.n));
    expect(textOf(html)).toContain(endMarker(hostile.n));
  });

  it('caps the size of rules and spaces', () => {
    const html = summaryMarkdownToHtml('$\\rule{99999em}{99999em}$ $$\\hspace{99999em}x$$');
    const lengths = [...html.matchAll(/(?:width|height|depth)="([\d.]+)(em|pt)"/g)].map(
      ([, value, unit]) => Number(value) / (unit === 'pt' ? 10 : 1),
    );
    expect(lengths.length).toBeGreaterThan(0);
    expect(Math.max(...lengths)).toBeLessThanOrEqual(20);
  });
});
