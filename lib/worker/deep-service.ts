// The background's deep reading service: deep summaries ("전문 요약"), sections' Korean explanations
// and answers to questions, from the paper's full text. Cache first (keyed like summaries plus the
// full text's version); otherwise one job per key shared by every page that asks, run through the
// summaries' scheduler (so 429 waits and concurrency are shared), paid for in the summaries' ledger,
// and refused when the monthly budget (or a deep summary's estimate) would pass it.
import type OpenAI from 'openai';
import { costOf } from '../shared/cost.ts';
import type { DeepSummaryView, ReaderState, SectionView, TurnView } from '../shared/deep-domain.ts';
import { type DeepPortEvent, type DeepPortRequest, starterQuestions } from '../shared/deep-messages.ts';
import type { DeepPaper, SummaryError, Usage } from '../shared/domain.ts';
import type { Settings } from '../shared/settings.ts';
import {
  type CacheEntry,
  type DeepSummaryEntry,
  MAX_THREAD_TURNS,
  type SectionEntry,
  type SummaryCache,
  type ThreadEntry,
} from './cache.ts';
import { deepKeyPrefix, deepSummaryKey, sectionCacheKey, threadKey } from './deep/cache-keys.ts';
import { arxivImageUrl } from './deep/figures.ts';
import { answerQuestion, explainSection, generateDeepSummary } from './deep/generate.ts';
import { deepSummaryAsNewsletter } from './deep/output.ts';
import { buildPaperView } from './deep/paper-view.ts';
import { DEEP_PROMPT_VERSION } from './deep/prompt.ts';
import { codeLinks, estimateDeepReading, textVersionOf } from './deep/reading.ts';
import type { FullTextLibrary } from './full-text-library.ts';
import { priceOf } from './models/catalogue.ts';
import { isAbortError, SummaryFailure, toSummaryError } from './openai/errors.ts';
import type { AttemptResult } from './queue.ts';
import type { CorrectionStore } from './request-plan.ts';
import { SharedJobs, type Unsubscribe } from './shared-jobs.ts';
import { endpointFor } from './stream-answer.ts';
import { paperTextToHtml, summaryMarkdownToHtml } from './summary/markdown.ts';
import type { SummaryService } from './summary-service.ts';

export type DeepListener = (event: DeepPortEvent) => void;
type DeepOperation = Exclude<DeepPortRequest, { type: 'stop' }>;

export interface DeepServiceDeps {
  /** Settings as last seen: for cache look-ups. */
  loadSettings: () => Promise<Settings>;
  /** Settings read now: for a request about to spend money. */
  loadFreshSettings?: () => Promise<Settings>;
  fullTexts: Pick<FullTextLibrary, 'load'>;
  cache: SummaryCache;
  /** The summaries' budget check, ledger and scheduler, shared. */
  summaries: Pick<SummaryService, 'spendingProblem' | 'recordUsage' | 'scheduler'>;
  corrections?: CorrectionStore;
  /** Injected for tests; the settings' endpoint otherwise. */
  client?: OpenAI;
  now?: () => number;
}

/** The newest entry of a kind among these, by createdAt. */
function newest<T extends CacheEntry>(
  entries: Iterable<CacheEntry>,
  kind: 'deep' | 'section' | 'thread',
): T | null {
  let best: T | null = null;
  for (const entry of entries) {
    if (!('kind' in entry) || entry.kind !== kind) continue;
    if (!best || entry.createdAt > best.createdAt) best = entry as T;
  }
  return best;
}

export class DeepService {
  private readonly jobs: SharedJobs<DeepPortEvent>;
  /** A long paper's notes by part, per job key and text version, until its summary is done. */
  private readonly notes = new Map<string, Map<number, string>>();
  /** Thread writes per paper are read-modify-write: one at a time. */
  private threadWrites = new Map<string, Promise<unknown>>();
  private readonly now: () => number;

  constructor(private readonly deps: DeepServiceDeps) {
    this.now = deps.now ?? Date.now;
    this.jobs = new SharedJobs<DeepPortEvent>(deps.summaries.scheduler, (event) => event);
  }

  private costOf(settings: Settings, model: string, usage: Usage | null): number | null {
    return usage ? costOf(usage, priceOf(model, settings.prices)) : null;
  }

  // ---- Views of cached entries ------------------------------------------------------------------

  private deepView(entry: DeepSummaryEntry, settings: Settings, fromCache: boolean): DeepSummaryView {
    return {
      paperId: entry.paperId,
      text: entry.text,
      html: summaryMarkdownToHtml(entry.text),
      keyFigure: entry.keyFigure && {
        id: entry.keyFigure.id,
        number: entry.keyFigure.number,
        kind: entry.keyFigure.kind,
        imageUrl: entry.keyFigure.imageUrl,
        captionHtml: paperTextToHtml(entry.keyFigure.caption, { inline: true }),
        captionKo: entry.keyFigure.captionKo,
      },
      questions: entry.questions.length > 0 ? entry.questions : starterQuestions(),
      links: entry.links,
      source: entry.source,
      chunks: entry.chunks,
      digest: { text: deepSummaryAsNewsletter(entry.text), style: 'newsletter' },
      model: entry.model,
      usage: entry.usage,
      cost: this.costOf(settings, entry.model, entry.usage),
      createdAt: entry.createdAt,
      fromCache,
      textVersion: entry.textVersion,
    };
  }

  private sectionView(entry: SectionEntry, settings: Settings, fromCache: boolean): SectionView {
    return {
      sectionKey: entry.sectionId,
      text: entry.text,
      html: summaryMarkdownToHtml(entry.text),
      captions: entry.captions,
      model: entry.model,
      usage: entry.usage,
      cost: this.costOf(settings, entry.model, entry.usage),
      createdAt: entry.createdAt,
      fromCache,
      textVersion: entry.textVersion,
    };
  }

  private turnView(turn: ThreadEntry['turns'][number], settings: Settings): TurnView {
    return {
      question: turn.question,
      answer: turn.answer,
      html: summaryMarkdownToHtml(turn.answer),
      model: turn.model,
      usage: turn.usage,
      cost: this.costOf(settings, turn.model, turn.usage),
      createdAt: turn.createdAt,
    };
  }

  /** Cached entries of one kind for these papers under the settings' model, whatever the text version. */
  private async cachedOfKind(
    kind: 'deep' | 'section' | 'thread',
    paperIds: string[],
    model: string,
  ): Promise<CacheEntry[]> {
    const prefixes = paperIds.map((paperId) => deepKeyPrefix(kind, { paperId, model }));
    const keys = await this.deps.cache.keysWhere((key) => prefixes.some((prefix) => key.startsWith(prefix)));
    return [...(await this.deps.cache.getEntries(keys)).values()];
  }

  /** The newest cached deep summary of each paper under the current model (cards and the digest). */
  async cachedSummaries(paperIds: string[]): Promise<Record<string, DeepSummaryView>> {
    const settings = await this.deps.loadSettings();
    const entries = await this.cachedOfKind('deep', paperIds, settings.model);
    const result: Record<string, DeepSummaryView> = {};
    for (const paperId of paperIds) {
      const entry = newest<DeepSummaryEntry>(
        entries.filter((e) => e.paperId === paperId),
        'deep',
      );
      if (entry) result[paperId] = this.deepView(entry, settings, true);
    }
    return result;
  }

  /** Everything cached for one paper: the reader shows it before anything is fetched. */
  async readerState(paperId: string): Promise<ReaderState> {
    const settings = await this.deps.loadSettings();
    const [deep, sections, threads] = await Promise.all([
      this.cachedOfKind('deep', [paperId], settings.model),
      this.cachedOfKind('section', [paperId], settings.model),
      this.cachedOfKind('thread', [paperId], settings.model),
    ]);
    const deepEntry = newest<DeepSummaryEntry>(deep, 'deep');
    const sectionViews: Record<string, SectionView> = {};
    for (const entry of [...sections].sort((a, b) => a.createdAt - b.createdAt)) {
      if ('kind' in entry && entry.kind === 'section')
        sectionViews[entry.sectionId] = this.sectionView(entry, settings, true);
    }
    const thread = newest<ThreadEntry>(threads, 'thread');
    return {
      deep: deepEntry && this.deepView(deepEntry, settings, true),
      sections: sectionViews,
      thread: thread ? thread.turns.map((turn) => this.turnView(turn, settings)) : [],
      starterQuestions: starterQuestions(),
    };
  }

  // ---- Full text: the reader's view and the estimate ---------------------------------------------

  async paperView(paper: DeepPaper) {
    const loaded = await this.deps.fullTexts.load(paper.id);
    if (!loaded.ok) return { ok: false as const, error: loaded.error };
    const links = codeLinks(loaded.fullText, paper);
    return { ok: true as const, view: buildPaperView(paper.id, loaded.fullText, loaded.url, links) };
  }

  async estimate(paper: DeepPaper) {
    const [loaded, settings] = await Promise.all([
      this.deps.fullTexts.load(paper.id),
      this.deps.loadSettings(),
    ]);
    if (!loaded.ok) return { ok: false as const, error: loaded.error };
    return {
      ok: true as const,
      estimate: estimateDeepReading(loaded.fullText, settings, codeLinks(loaded.fullText, paper)),
    };
  }

  // ---- Streaming operations -----------------------------------------------------------------------

  private jobKey(operation: DeepOperation, settings: Settings): string {
    const parts = { paperId: operation.paper.id, model: settings.model };
    switch (operation.type) {
      case 'summarize':
        return deepKeyPrefix('deep', parts);
      case 'explainSection':
        return `${deepKeyPrefix('section', parts)}|${operation.sectionKey}`;
      case 'ask':
        // Every question is its own request: two pages asking the same words get two answers.
        return `${deepKeyPrefix('thread', parts)}|${this.now()}|${Math.random()}`;
    }
  }

  /** A cached result for the operation, unless it must be made anew. */
  private async cachedResult(operation: DeepOperation, settings: Settings): Promise<DeepPortEvent | null> {
    if (operation.type === 'summarize' && !operation.force) {
      const entry = newest<DeepSummaryEntry>(
        await this.cachedOfKind('deep', [operation.paper.id], settings.model),
        'deep',
      );
      if (entry)
        return { type: 'done', result: { kind: 'summary', summary: this.deepView(entry, settings, true) } };
    }
    if (operation.type === 'explainSection' && !operation.force) {
      const entries = await this.cachedOfKind('section', [operation.paper.id], settings.model);
      const entry = newest<SectionEntry>(
        entries.filter((e) => 'kind' in e && e.kind === 'section' && e.sectionId === operation.sectionKey),
        'section',
      );
      if (entry)
        return {
          type: 'done',
          result: { kind: 'section', section: this.sectionView(entry, settings, true) },
        };
    }
    return null;
  }

  /**
   * Streams one operation's events to `listener`. Returns the unsubscribe function: when the last
   * listener leaves, the work is cancelled (queued) or aborted (running), at once or, when it
   * lingers (a page went without saying stop), after REJOIN_GRACE_MS unless someone joins again.
   */
  async subscribe(operation: DeepOperation, listener: DeepListener): Promise<Unsubscribe> {
    const settings = await this.deps.loadSettings();
    const cached = await this.cachedResult(operation, settings);
    if (cached) {
      listener(cached);
      return () => {};
    }
    const key = this.jobKey(operation, settings);
    // Already under way (asked by another page, or "다시 요약" pressed twice): join it.
    return (
      this.jobs.join(key, listener) ??
      this.jobs.start(key, listener, {
        urgent: true,
        attempt: (signal, broadcast) => this.attempt(key, operation, signal, broadcast),
      })
    );
  }

  private async attempt(
    key: string,
    operation: DeepOperation,
    signal: AbortSignal,
    broadcast: (event: DeepPortEvent) => void,
  ): Promise<AttemptResult> {
    const settings = await (this.deps.loadFreshSettings ?? this.deps.loadSettings)();
    const failed = (error: SummaryError): AttemptResult => ({ kind: 'failed', error });
    broadcast({ type: 'reading', step: 'fullText' });
    const loaded = await this.deps.fullTexts.load(operation.paper.id);
    if (!loaded.ok) return failed(loaded.error);
    if (signal.aborted) return failed({ kind: 'unknown', detail: 'aborted' });
    const { fullText } = loaded;
    const links = codeLinks(fullText, operation.paper);
    const planned =
      operation.type === 'summarize' ? (estimateDeepReading(fullText, settings, links).cost ?? 0) : 0;
    const problem = await this.deps.summaries.spendingProblem(settings, planned);
    if (problem) return failed(problem);

    const keyParts = {
      paperId: operation.paper.id,
      model: settings.model,
      textVersion: textVersionOf(fullText),
    };
    try {
      const common = {
        settings,
        fullText,
        endpoint: endpointFor(settings, this.deps.client),
        signal,
        corrections: this.deps.corrections,
        onEvent: broadcast,
        // Every answer billed is counted, also those thrown away (a failed check, a cut answer).
        onUsage: (usage: Usage, model: string) => {
          this.deps.summaries
            .recordUsage(usage, this.costOf(settings, model, usage))
            .catch((error: unknown) => console.warn('[Daily Papers KO] could not record usage', error));
        },
      };
      let done: DeepPortEvent;
      if (operation.type === 'summarize') {
        // Parts already read are not paid for twice when the job is tried again (a rate limit, a
        // cut stream, the page asking again after an error); a finished summary lets them go.
        const notesKey = `${key}|${keyParts.textVersion}`;
        const notes = this.notes.get(notesKey) ?? new Map<number, string>();
        this.notes.delete(notesKey);
        this.notes.set(notesKey, notes);
        while (this.notes.size > 8) this.notes.delete(this.notes.keys().next().value as string);
        const made = await generateDeepSummary({ ...common, links, notes });
        this.notes.delete(notesKey);
        const pick = made.keyFigure;
        const entry: DeepSummaryEntry = {
          kind: 'deep',
          key: deepSummaryKey(keyParts),
          ...keyParts,
          promptVersion: DEEP_PROMPT_VERSION,
          text: made.text,
          keyFigure: pick && {
            id: pick.key,
            number: pick.figure.number,
            kind: pick.figure.kind,
            imageUrl: arxivImageUrl(pick.figure.imageUrl),
            caption: pick.figure.caption.slice(0, 4_000),
            captionKo: pick.captionKo,
          },
          questions: made.questions,
          links: links.slice(0, 40),
          source: fullText.source,
          chunks: made.chunks,
          model: made.model,
          usage: made.usage,
          createdAt: this.now(),
        };
        await this.store(entry);
        done = { type: 'done', result: { kind: 'summary', summary: this.deepView(entry, settings, false) } };
      } else if (operation.type === 'explainSection') {
        const made = await explainSection({ ...common, sectionKey: operation.sectionKey });
        const entry: SectionEntry = {
          kind: 'section',
          key: sectionCacheKey({ ...keyParts, sectionKey: operation.sectionKey }),
          ...keyParts,
          promptVersion: DEEP_PROMPT_VERSION,
          sectionId: operation.sectionKey,
          text: made.text,
          captions: made.captions,
          model: made.model,
          usage: made.usage,
          createdAt: this.now(),
        };
        await this.store(entry);
        done = {
          type: 'done',
          result: { kind: 'section', section: this.sectionView(entry, settings, false) },
        };
      } else {
        const history = await this.history(operation.paper.id, settings);
        const made = await answerQuestion({ ...common, question: operation.question, history });
        const turn = {
          question: operation.question,
          answer: made.text,
          model: made.model,
          usage: made.usage,
          createdAt: this.now(),
        };
        await this.appendTurn(keyParts, turn);
        done = { type: 'done', result: { kind: 'answer', turn: this.turnView(turn, settings) } };
      }
      broadcast(done);
      return { kind: 'done' };
    } catch (error) {
      if (signal.aborted || isAbortError(error)) return failed({ kind: 'unknown', detail: 'aborted' });
      if (error instanceof SummaryFailure) return failed(error.summaryError);
      return failed(toSummaryError(error, { apiKey: settings.apiKey }));
    }
  }

  /** Stores a finished entry; a failed write leaves it shown but uncached (asked for again next time). */
  private async store(entry: CacheEntry): Promise<void> {
    await this.deps.cache.put(entry).catch((error: unknown) => {
      console.warn('[Daily Papers KO] could not store a deep reading result', error);
    });
  }

  private async history(
    paperId: string,
    settings: Settings,
  ): Promise<{ question: string; answer: string }[]> {
    const thread = newest<ThreadEntry>(
      await this.cachedOfKind('thread', [paperId], settings.model),
      'thread',
    );
    return thread ? thread.turns.map(({ question, answer }) => ({ question, answer })) : [];
  }

  /**
   * Adds a turn to the paper's thread for this text version. A thread about an earlier version is
   * carried over, so the conversation continues whatever arXiv published meanwhile.
   */
  private appendTurn(
    keyParts: { paperId: string; model: string; textVersion: string },
    turn: ThreadEntry['turns'][number],
  ): Promise<void> {
    const previous = this.threadWrites.get(keyParts.paperId) ?? Promise.resolve();
    const write = previous.then(async () => {
      const key = threadKey(keyParts);
      const entries = await this.cachedOfKind('thread', [keyParts.paperId], keyParts.model);
      const current = newest<ThreadEntry>(entries, 'thread');
      const turns = [...(current?.turns ?? []), turn].slice(-MAX_THREAD_TURNS);
      await this.store({
        kind: 'thread',
        key,
        ...keyParts,
        promptVersion: DEEP_PROMPT_VERSION,
        turns,
        usage: turn.usage,
        createdAt: turn.createdAt,
      });
    });
    const settled = write.catch(() => undefined);
    this.threadWrites.set(keyParts.paperId, settled);
    void settled.then(() => {
      if (this.threadWrites.get(keyParts.paperId) === settled) this.threadWrites.delete(keyParts.paperId);
    });
    return write;
  }
}
