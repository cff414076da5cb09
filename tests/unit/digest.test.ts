import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readPapersFromPage } from '../../lib/page/hf/page.ts';
import {
  authorLine,
  type DigestPaper,
  digestFileName,
  escapeMarkdownText,
  renderDigest,
  summaryBody,
  withDeepSummaries,
} from '../../lib/shared/digest.ts';
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
    const ids = [...markdown.matchAll(/^### \[.*\]\(https:\/\/arxiv\.org\/abs\/([\d.]+)\)$/gm)].map(
      (m) => m[1],
    );
    const [first, , third, fourth] = fixturePages.day2024.expectedPaperIds;
    expect(ids).toEqual([first, third, fourth]);
  });

  it('frames the day as the seed files do: title, project description, thanks; license and citation', () => {
    const markdown = renderDigest(digestPapers('bullets'), {
      period: '2024-08-01',
      order: 'upvotes',
      headerAndFooter: true,
    });
    const headings = markdown.split('\n').filter((line) => /^#{1,2} /.test(line));
    expect(headings).toEqual([
      '# Daily Papers',
      '## Project Description',
      '## Daily Papers (2024-08-01)',
      '## License',
      '## Citation',
    ]);
    expect(markdown).toContain('[Hugging Face Daily Papers](https://huggingface.co/papers)');
    expect(markdown).toContain('[CC BY-NC 4.0](https://creativecommons.org/licenses/by-nc/4.0/)');
    expect(markdown.trimEnd().endsWith('```')).toBe(true);
  });

  it('names the file after the period', () => {
    expect(digestFileName('2024-08-01')).toBe('daily-papers-2024-08-01.md');
  });
});

describe('digest pieces', () => {
  it('leaves out papers that have no summary yet, and says which and why', () => {
    const markdown = renderDigest(digestPapers('bullets'), {
      period: '2024-08-01',
      order: 'upvotes',
      headerAndFooter: false,
    });
    const missing = fixturePages.day2024.expectedPaperIds[1];
    expect(markdown).not.toContain(`### [`.concat('') + `](https://arxiv.org/abs/${missing})`);
    const note = markdown.split('\n').find((line) => line.startsWith('> 요약이 없어'));
    expect(note).toMatch(
      new RegExp(`^> 요약이 없어 1편을 뺐습니다: \\[.+\\]\\(https://arxiv\\.org/abs/${missing}\\)$`),
    );
  });

  it('shortens a long author list with "외 N명"', () => {
    const authors = Array.from({ length: 14 }, (_, i) => `Author ${i + 1}`);
    expect(authorLine(authors)).toBe(`Authors: ${authors.slice(0, 9).join(', ')} 외 5명`);
    expect(authorLine(authors.slice(0, 10))).toBe(`Authors: ${authors.slice(0, 10).join(', ')}`);
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

describe('deep summaries in the digest', () => {
  const paper = (id: string, summary: DigestPaper['summary']): DigestPaper => ({
    id,
    title: `Paper ${id}`,
    upvotes: 3,
    authors: ['A. Author'],
    thumbnailUrl: null,
    videoUrl: null,
    summary,
  });
  const deepEntry = {
    digest: {
      text: "**깊이 읽기**\n\n- ***What's New***: 새 리더를 제안합니다 (§1).",
      style: 'newsletter' as const,
    },
  };

  it('take the place of the abstract summary, as 2024 newsletter entries, and bring back a paper that had none', () => {
    const papers = withDeepSummaries(
      [
        paper('2611.00001', { text: '- 초록 요약입니다.', style: 'bullets' }),
        paper('2611.00002', { text: '- 다른 초록 요약입니다.', style: 'bullets' }),
        paper('2611.00003', null),
      ],
      { '2611.00001': deepEntry, '2611.00003': deepEntry },
    );
    const markdown = renderDigest(papers, { period: '2026-11-20', order: 'page', headerAndFooter: false });
    expect(markdown).toContain("- ***What's New***: 새 리더를 제안합니다 (§1).");
    expect(markdown).toContain('- 다른 초록 요약입니다.');
    expect(markdown).not.toContain('- 초록 요약입니다.');
    expect(markdown.match(/^### /gm)).toHaveLength(3);
    expect(markdown).not.toContain('요약이 없어');
    // The 2024 entry shape: a blank line after the heading, then the votes.
    expect(markdown).toContain('### [Paper 2611.00001](https://arxiv.org/abs/2611.00001)\n\nVote: 3');
  });
});
