// The content code the boot script loads only when needed, and what each part offers. The two
// parts are ES modules listed in web_accessible_resources (wxt.config.ts), import()ed into the
// content script's own world; the boot script sees them only through the types below.
import { browser } from 'wxt/browser';
import type { PaperForSummary, RunOrder } from '../shared/domain.ts';
import type { PageRequestType, PageResponses, SummaryPortEvent } from '../shared/messages.ts';
import type { CardTarget } from './card-hosts.ts';
import type { CardRegistry } from './card-registry.ts';
import type { DeepSectionEnv } from './deep-section.ts';
import type { FallbackList, ShowPaper } from './fallback-list.ts';
import type { CardFinder, PageScan } from './hf/page-scan.ts';
import type { PanelState } from './panel-state.ts';

export interface PanelActions {
  /** Asks again, past the cache ("다시 요약"). */
  retry: () => void;
  stop: () => void;
  openOptions: () => void;
  /** Mounts the deep reading part ("전문 요약", "한국어로 읽기", "질문") under a finished summary. */
  mountDeep: (container: HTMLElement) => () => void;
  /** Opens the reader page, where arXiv's permission is asked for (deep-reading errors). */
  openReader?: () => void;
}

export interface PanelProps extends PanelActions {
  /** The id the card's button points its aria-controls at. */
  panelId: string;
  paperId: string;
  /** The paper's English title, as the card shows it. */
  title: string;
  state: PanelState;
  /** The user may fold the panel away under its button. */
  open: boolean;
}

/** What `placePanel` needs to put a card's panel where it leaves no hole in the page's layout. */
export interface PlacePanelOptions {
  /** The element the panel is drawn in; it starts in `root`, under the button. */
  container: HTMLElement;
  /** The card's own part (in its shadow root): the button bar, and the panel while it stays inside. */
  root: HTMLElement;
  /** Hugging Face's card element. */
  card: HTMLElement;
  button: HTMLButtonElement;
  panelId: string;
  paperId: string;
  /** The tag of the card hosts, to tell one card's wrapper from the list holding several. */
  cardHost: string;
  /** Makes the panel's own host (outside the card), with our styles and the page's theme. */
  makeHost: () => { host: HTMLElement; shadow: ShadowRoot };
}

export interface PanelPlacement {
  /** The panel was opened or folded: place it (open), or give its space back (folded). */
  update(open: boolean): void;
  remove(): void;
}

/** entrypoints/card-panel.ts: the summary panel and its sanitiser (DOMPurify). */
export interface PanelCode {
  /** Draws (or, with null, takes down) one card's panel in this container. */
  drawPanel(container: HTMLElement, props: PanelProps | null): void;
  /** Keeps a card's panel below its row (lib/page/panel-placement.ts). */
  placePanel(options: PlacePanelOptions): PanelPlacement;
  /** "목록으로 보기": the page's papers listed in our toolbar, for when cards can't be found. */
  mountFallbackList(container: HTMLElement, showPaper: ShowPaper): FallbackList;
  /** The panel's sanitiser and error descriptions, lent to the deep reading part. */
  deepEnv: Omit<DeepSectionEnv, 'openOptions'>;
}

export type DescribeError = DeepSectionEnv['describeError'];

/** What the "한 줄 요약" session needs from the boot script. */
export interface GlanceEnv {
  /** The errors' Korean messages and next steps, from the panel's code (loaded on the first error). */
  describeError: () => Promise<DescribeError>;
  /** Where its tools go: an element in the page toolbar's shadow root. */
  slot: HTMLElement;
  openOptions: () => void;
  /** The option to ask for the page's one-liners when it opens (once a key is set). */
  autoOneLiners: boolean;
}

/** The page's "한 줄 요약" and 추천순 (lib/page/glance-tools.ts), as the boot script drives it. */
export interface GlanceTools {
  /** The cards of the last scan: lines under their titles follow them, new papers are looked up. */
  sync(cards: readonly CardTarget[]): void;
  /** The toolbar's order: 추천순 ranks and badges the page. */
  setOrder(order: RunOrder): void;
  destroy(): void;
}

/** What the boot script knows of the page reader's last look, for the drift report. */
export interface PageReadingSource {
  scan: PageScan | null;
  fallbackOffered: boolean;
}

/** entrypoints/page-data.ts: what reads the page's data or checks messages with schemas (valibot). */
export interface PageDataCode {
  /** The paper as the page's data (or the same-origin API) describes it, ready to send. */
  paperForSummary(paperId: string): Promise<PaperForSummary | null>;
  /** Checks an event that arrived on a summary port. */
  parsePortEvent(message: unknown): SummaryPortEvent | null;
  /** Titles and abstracts of these papers, for the run's estimate. */
  papersForEstimate(paperIds: string[]): { title: string; abstract: string }[];
  /** The ids in `order`; 추천순 asks the worker to rank them (and badges the page). */
  orderIds(paperIds: string[], order: RunOrder): Promise<string[]>;
  /** Starts the page's "한 줄 요약" session (one per page; a second call replaces the first). */
  startGlance(env: GlanceEnv): GlanceTools;
  /** The full card finder, for pages the boot script's fast path can't read. */
  cardFinder: CardFinder;
  /** The deep reading part of a card's panel (lib/page/deep-section.ts); returns what takes it down. */
  mountDeepSection(container: HTMLElement, paperId: string, env: DeepSectionEnv): () => void;
  /** Answers the popup and the keyboard shortcut; undefined for anything that is not a page request. */
  answerPageRequest(
    message: unknown,
    registry: CardRegistry,
    reading: PageReadingSource,
  ): Promise<PageResponses[PageRequestType]> | undefined;
}

/** The built files, as wxt.config.ts lists them in web_accessible_resources. */
const LAZY_CODE_FILES = { panel: 'card-panel.js', pageData: 'page-data.js' } as const;

/** Loads one part once; a failed load (the extension was reloaded) may be tried again. */
function loader<T>(file: string): () => Promise<T> {
  let loading: Promise<T> | null = null;
  return () => {
    loading ??= import(/* @vite-ignore */ browser.runtime.getURL(`/${file}` as '/')).then(
      (module: { default: T }) => module.default,
      (error: unknown) => {
        loading = null;
        throw error;
      },
    );
    return loading;
  };
}

export const loadPanelCode = loader<PanelCode>(LAZY_CODE_FILES.panel);
export const loadPageData = loader<PageDataCode>(LAZY_CODE_FILES.pageData);
