// The one glossary every prompt uses (summaries, one-liners, and later deep summaries and answers):
// the shipped entries merged with the user's edits, what a given text needs of it, and the check
// of an answer against the entries that went into its prompt. Runs in the background worker.
import { checkGlossaryRendering, type GlossaryFinding } from '../shared/glossary/after-check.ts';
import type { GlossaryEntry } from '../shared/glossary/entry.ts';
import {
  compiledGlossaryFor,
  DEFAULT_GLOSSARY_LIMIT,
  selectGlossaryEntries,
} from '../shared/glossary/match.ts';
import { formatGlossaryBlock } from '../shared/glossary/prompt-block.ts';
import {
  EMPTY_GLOSSARY_EDITS,
  type GlossaryEdits,
  mergeGlossary,
  parseGlossaryEdits,
} from '../shared/glossary/user-edits.ts';

export type { GlossaryFinding };

/** What a prompt about one text carries of the glossary. */
export interface GlossaryForText {
  /** The entries whose English term appears in the text: check the answer against these. */
  entries: GlossaryEntry[];
  /** formatGlossaryBlock() of them for the system prompt; '' when none appears. */
  block: string;
}

/**
 * The glossary lines for a prompt about `text` (a paper's title and abstract, a batch of papers, a
 * question): only the entries whose English term appears in it, at most `limit` of them.
 */
export function glossaryForText(
  glossary: readonly GlossaryEntry[],
  text: string,
  limit = DEFAULT_GLOSSARY_LIMIT,
): GlossaryForText {
  const entries = selectGlossaryEntries(compiledGlossaryFor(glossary), text, limit);
  return { entries, block: formatGlossaryBlock(entries) };
}

/** The terms an answer rendered differently from the glossary entries that went into its prompt. */
export function checkAgainstGlossary(selected: readonly GlossaryEntry[], answer: string): GlossaryFinding[] {
  return checkGlossaryRendering(selected, answer);
}

/** Where the user's edits live (`storage.local`, key `glossaryEdits`): only the differences from the shipped list. */
export interface GlossaryEditsStorage {
  get(): Promise<unknown>;
  set(edits: GlossaryEdits): Promise<void>;
}

/**
 * The merged glossary, kept while the edits stay the same: the same array each time, so its
 * compiled matcher (built on first use, ~10 ms) is reused across prompts.
 */
export class GlossaryStore {
  private current: Promise<{ edits: GlossaryEdits; entries: readonly GlossaryEntry[] }> | null = null;
  private shippedList: Promise<readonly GlossaryEntry[]> | null = null;
  private writes: Promise<unknown> = Promise.resolve();

  /** `loadShipped`: the shipped list (SHIPPED_GLOSSARY, or its JSON asset in the extension). */
  constructor(
    private readonly storage: GlossaryEditsStorage,
    private readonly loadShipped: () => Promise<readonly GlossaryEntry[]>,
  ) {}

  /** The shipped entries, read once; a list that cannot be read is none (summaries go on without it). */
  shipped(): Promise<readonly GlossaryEntry[]> {
    this.shippedList ??= this.loadShipped().catch((error: unknown) => {
      this.shippedList = null;
      console.warn('[Daily Papers KO] could not read the shipped glossary', error);
      return [];
    });
    return this.shippedList;
  }

  private load() {
    this.current ??= Promise.all([this.shipped(), this.storage.get()]).then(
      ([shipped, stored]) => {
        const { edits, dropped } = parseGlossaryEdits(stored);
        if (dropped.length > 0) console.warn('[Daily Papers KO] glossary edits dropped:', dropped.join('; '));
        return { edits, entries: mergeGlossary(shipped, edits) };
      },
      async (error: unknown) => {
        this.current = null;
        console.warn('[Daily Papers KO] could not read the glossary edits', error);
        return { edits: EMPTY_GLOSSARY_EDITS, entries: await this.shipped() };
      },
    );
    return this.current;
  }

  /** The glossary in use: shipped entries, then the user's. */
  async entries(): Promise<readonly GlossaryEntry[]> {
    return (await this.load()).entries;
  }

  async edits(): Promise<GlossaryEdits> {
    return (await this.load()).edits;
  }

  /** The stored edits changed (another page, an import): read them again on next use. */
  changed(): void {
    this.current = null;
  }

  /** Applies a change to the edits and stores them; changes run one at a time. */
  update(
    change: (edits: GlossaryEdits, shipped: readonly GlossaryEntry[]) => GlossaryEdits,
  ): Promise<GlossaryEdits> {
    const run = this.writes.then(async () => {
      const [shipped, edits] = await Promise.all([this.shipped(), this.edits()]);
      const next = change(edits, shipped);
      await this.storage.set(next);
      this.current = Promise.resolve({ edits: next, entries: mergeGlossary(shipped, next) });
      return next;
    });
    this.writes = run.catch(() => undefined);
    return run;
  }
}
