// Compares each scan's papers in the page's data with the cards found, and offers the fallback list
// ("목록으로 보기") while some papers have no card. Cards that a page renders with client code arrive
// a moment after its data: drift must last a moment before it is shown, and ends at once.
import type { FallbackList, FallbackPaper } from './fallback-list.ts';
import type { PageScan } from './hf/page-scan.ts';

/** How long papers must stay without a card before the toolbar says so. */
export const DRIFT_GRACE_MS = 1000;

export interface DriftWatchDeps {
  /** Mounts the list (its code loads with the panel's). */
  mountList: () => Promise<FallbackList>;
  /** The drift was shown or ended: the toolbar may need to move (with no card, it has no list to sit above). */
  onChange: (offered: boolean) => void;
}

export class DriftWatch {
  readonly #deps: DriftWatchDeps;
  #scan: PageScan | null = null;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #offered = false;
  #list: Promise<FallbackList> | null = null;

  constructor(deps: DriftWatchDeps) {
    this.#deps = deps;
  }

  /** Whether the fallback list is offered now. */
  get offered(): boolean {
    return this.#offered;
  }

  /** The last scan, for the popup's drift report (lib/page/hf/page-scan.ts readingOf). */
  get lastScan(): PageScan | null {
    return this.#scan;
  }

  update(scan: PageScan): void {
    this.#scan = scan;
    // Papers the data lists without a card; a stale island (the page moved on without it) is not drift.
    const lost = scan.route !== null && scan.papersWithoutCard.length > 0 && !scan.staleData;
    if (!lost) {
      clearTimeout(this.#timer);
      this.#timer = undefined;
      if (this.#offered) this.#withdraw();
      return;
    }
    if (this.#offered) this.#refresh();
    else this.#timer ??= setTimeout(() => this.#offer(), DRIFT_GRACE_MS);
  }

  destroy(): void {
    clearTimeout(this.#timer);
    if (this.#offered) this.#withdraw();
  }

  #offer(): void {
    this.#timer = undefined;
    this.#offered = true;
    this.#deps.onChange(true);
    this.#refresh();
  }

  #refresh(): void {
    const scan = this.#scan;
    if (!scan) return;
    const papers: FallbackPaper[] = scan.papersInData.map((id) => ({
      id,
      title: scan.papers.get(id)?.title || id,
    }));
    const withCard = scan.papersInData.length - scan.papersWithoutCard.length;
    this.#list ??= this.#deps.mountList();
    this.#list.then(
      (list) => {
        if (this.#offered) list.update(papers, withCard);
      },
      (error: unknown) => {
        this.#list = null;
        console.warn('[Daily Papers KO] could not show the list of papers', error);
      },
    );
  }

  #withdraw(): void {
    this.#offered = false;
    const list = this.#list;
    this.#list = null;
    void list?.then(
      (mounted) => mounted.destroy(),
      () => undefined,
    );
    this.#deps.onChange(false);
  }
}
