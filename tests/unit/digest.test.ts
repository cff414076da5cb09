import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  type DigestPaper,
  digestFileName,
  escapeMarkdownText,
  renderDigest,
  summaryBody,
} from '../../lib/digest.ts';
import { readPapersFromPage } from '../../lib/hf/page.ts';
import { BULLETS_SUMMARY, NEWSLETTER_SUMMARY } from '../fixtures/digest/summaries.ts';
import { fixturePages } from '../fixtures/pages.ts';

/** The fixture day as digest input: its first four papers (an image paper, a tricky title, a video paper). */
function digestPapers(style: 'bullets' | 'newsletter'): DigestPaper[] {
  const fixture = fixturePages.day2024;
  const papers = readPapersFromPage(new DOMParser().parseFromString(fixture.html, 'text/html'));
  return fixture.expectedPaperIds.slice(0, 4).map((id, index) => {
    const paper = papers.get(id);
    if (!paper) throw new Error(`fixture paper ${id} missing`);
    return {
      id,
      title: paper.title,
      upvotes: paper.upvotes,
      authors: index === 0 ? paper.authors.slice(0, 3) : paper.authors,
      thumbnailUrl: paper.thumbnailUrl,
      videoUrl: paper.videoUrl,
      summary:
        index === 1 ? null : { text: style === 'bullets' ? BULLETS_SUMMARY : NEWSLETTER_SUMMARY, style },
    };
  });
}

function expected(name: string): string[] {
  return readFileSync(path.join(import.meta.dirname, '../fixtures/digest', name), 'utf8').split('\n');
}

describe('renderDigest', () => {
  it.each([
    ['bullets', 'day2024-bullets.md'],
    ['newsletter', 'day2024-newsletter.md'],
  ] as const)('renders the fixture day in the seed format (%s), line by line', (style, file) => {
    const lines = renderDigest(digestPapers(style), {
      period: '2024-08-01',
      order: 'upvotes',
      headerAndFooter: false,
    }).split('\n');
    const want = expected(file);
    for (let i = 0; i < Math.max(lines.length, want.length); i++) {
      expect(`${i + 1}: ${lines[i]}`).toBe(`${i + 1}: ${want[i]}`);
    }
  });

  it('keeps page order when asked', () => {
    const markdown = renderDigest(digestPapers('bullets'), {
      period: '2024-08-01',
      order: 'page',
      headerAndFooter: false,
    });
    const ids = [...markdown.matchAll(/arxiv\.org\/abs\/([\d.]+)/g)].map((m) => m[1]);
    const [first, , third, fourth] = fixturePages.day2024.expectedPaperIds;
    expect(ids).toEqual([first, third, fourth]);
  });

  it('adds the project line and the license and citation note when asked', () => {
    const markdown = renderDigest(digestPapers('bullets'), {
      period: '2024-08-01',
      order: 'upvotes',
      headerAndFooter: true,
    });
    expect(markdown).toContain('Daily Papers KO로 만들었습니다');
    expect(markdown.trimEnd().split('\n').at(-1)).toContain('arXiv와 Hugging Face에서 가져왔습니다');
  });

  it('names the file after the period', () => {
    expect(digestFileName('2024-08-01')).toBe('daily-papers-2024-08-01.md');
  });
});

describe('digest pieces', () => {
  it('leaves out papers that have no summary yet', () => {
    const markdown = renderDigest(digestPapers('bullets'), {
      period: '2024-08-01',
      order: 'upvotes',
      headerAndFooter: false,
    });
    expect(markdown).not.toContain(fixturePages.day2024.expectedPaperIds[1]);
  });

  it('escapes Markdown in titles so they render as written', () => {
    expect(escapeMarkdownText('Fast *and* _Exact_ [Sparse] <b>x</b> & `y`')).toBe(
      'Fast \\*and\\* \\_Exact\\_ \\[Sparse\\] \\<b\\>x\\</b\\> &amp; \\`y\\`',
    );
  });

  it('drops the Korean title line the panel shows, keeping the bullets', () => {
    expect(summaryBody(BULLETS_SUMMARY).split('\n')[0]).toMatch(/^- 대형 언어 모델/);
    expect(summaryBody('- 한 줄')).toBe('- 한 줄');
  });
});
