// The full texts the worker has read, a few kept in memory: the reader, a deep summary, a section's
// explanation and a question about the same paper fetch it from arXiv once. Failures become error
// kinds the user reads (lib/shared/summary/error-messages.ts), and are not kept: the next ask tries again.
import type { SummaryError } from '../shared/domain.ts';
import { fetchFullText, type PdfReader } from './fulltext/fetch.ts';
import type { FullTextResult, PaperFullText } from './fulltext/types.ts';

export type LoadedFullText =
  | { ok: true; fullText: PaperFullText; url: string }
  | { ok: false; error: SummaryError };

export interface FullTextLibraryDeps {
  fetch: typeof fetch;
  /** Whether the optional arXiv host permission is granted. */
  hasArxivPermission: () => Promise<boolean>;
  /** Reads a PDF's text where pdf.js can run; without one, a paper with no HTML ends without text. */
  readPdf?: PdfReader;
  /** How many papers stay in memory. */
  keep?: number;
}

/**
 * Why there is no full text, as the user is told. Without the host permission the browser refuses
 * the extension arXiv's answers (no CORS headers), which looks like a network failure: that is the
 * permission missing, and the reader page asks for it.
 */
export function fullTextError(
  result: Extract<FullTextResult, { ok: false }>,
  permitted: boolean,
): SummaryError {
  const detail = result.attempts
    .map((attempt) => `${attempt.source} ${attempt.status ?? ''} ${attempt.detail}`.trim())
    .join('; ')
    .slice(0, 300);
  switch (result.kind) {
    case 'network':
      return { kind: permitted ? 'fullTextNetwork' : 'arxivPermission', detail };
    case 'notFound':
      return { kind: 'fullTextMissing', detail };
    case 'unparseable':
      return { kind: 'fullTextUnreadable', detail };
    case 'aborted':
      return { kind: 'unknown', detail: 'aborted' };
  }
}

export class FullTextLibrary {
  private readonly kept = new Map<string, Promise<LoadedFullText>>();

  constructor(private readonly deps: FullTextLibraryDeps) {}

  /**
   * The paper's full text. Callers asking at once share one download; it is not aborted when one
   * of them stops (the others, or the next ask, still want it).
   */
  load(paperId: string): Promise<LoadedFullText> {
    const kept = this.kept.get(paperId);
    if (kept) {
      this.kept.delete(paperId);
      this.kept.set(paperId, kept);
      return kept;
    }
    const loading = this.download(paperId);
    this.kept.set(paperId, loading);
    void loading.then((loaded) => {
      if (!loaded.ok && this.kept.get(paperId) === loading) this.kept.delete(paperId);
    });
    while (this.kept.size > (this.deps.keep ?? 4)) {
      const oldest = this.kept.keys().next().value;
      if (oldest === undefined) break;
      this.kept.delete(oldest);
    }
    return loading;
  }

  private async download(paperId: string): Promise<LoadedFullText> {
    try {
      const result = await fetchFullText(paperId, this.deps.fetch, { readPdf: this.deps.readPdf });
      if (result.ok) return { ok: true, fullText: result.fullText, url: result.url };
      return { ok: false, error: fullTextError(result, await this.deps.hasArxivPermission()) };
    } catch (error) {
      return {
        ok: false,
        error: { kind: 'unknown', detail: error instanceof Error ? error.message : String(error) },
      };
    }
  }
}
