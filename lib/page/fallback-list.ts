// "목록으로 보기": when Hugging Face's markup hides some papers' cards from us (a redesign, a layout
// we don't know), every paper of the page's data is listed here, in our own toolbar, with its title,
// its link and the same button and streaming panel as a card. Each row is a view of the paper's
// controller, so the cache, a whole-page run and the digest see these papers as they see cards.
// Loaded with the panel code (entrypoints/card-panel.ts): only pages that need it pay for it.
import { uiFallback } from '../shared/i18n/ui.ts';
import { el } from './dom.ts';

export interface FallbackPaper {
  id: string;
  title: string;
}

/** Shows a paper's "한국어 요약" button and panel in `parent`; returns the function that takes them down. */
export type ShowPaper = (parent: HTMLElement, paperId: string, title: string) => () => void;

export interface FallbackList {
  /** The page's papers in its data's order, and how many of them have a card of their own. */
  update(papers: readonly FallbackPaper[], papersWithCard: number): void;
  /** Takes the view and its rows down (their controllers carry on while cards show them). */
  destroy(): void;
}

interface Row {
  item: HTMLLIElement;
  link: HTMLAnchorElement;
  title: string;
  hide: () => void;
}

const LIST_ID = 'dpk-fallback-list';

/** Mounts the folded view at the end of `container` (the toolbar's shadow root). */
export function mountFallbackList(container: HTMLElement, showPaper: ShowPaper): FallbackList {
  const notice = el('span', 'dpk-drift-notice');
  notice.setAttribute('role', 'status');
  const hint = el('span', 'dpk-meta', uiFallback.hint);
  const chevron = el('span', 'dpk-chevron', '▸');
  chevron.setAttribute('aria-hidden', 'true');
  const toggle = el('button', 'dpk-action', chevron, uiFallback.open);
  toggle.type = 'button';
  toggle.setAttribute('aria-expanded', 'false');
  toggle.setAttribute('aria-controls', LIST_ID);
  const list = el('ol', 'dpk-fallback-list');
  list.id = LIST_ID;
  list.hidden = true;
  list.setAttribute('aria-label', uiFallback.listLabel);
  const section = el('section', 'dpk-drift', el('div', 'dpk-drift-bar', notice, toggle, hint), list);
  section.setAttribute('aria-label', uiFallback.label);
  container.append(section);

  toggle.addEventListener('click', () => {
    list.hidden = !list.hidden;
    toggle.setAttribute('aria-expanded', String(!list.hidden));
    chevron.textContent = list.hidden ? '▸' : '▾';
  });

  const rows = new Map<string, Row>();

  const createRow = (paper: FallbackPaper): Row => {
    const link = el('a', 'dpk-fallback-title', paper.title);
    link.href = `/papers/${paper.id}`;
    const item = el('li', 'dpk-fallback-item', el('div', 'dpk-fallback-head', link));
    item.dataset.paperId = paper.id;
    const body = el('div', 'dpk-fallback-body');
    item.append(body);
    return { item, link, title: paper.title, hide: showPaper(body, paper.id, paper.title) };
  };

  return {
    update(papers, papersWithCard) {
      notice.textContent = uiFallback.notice(papers.length, papersWithCard);
      const wanted = new Set(papers.map((paper) => paper.id));
      for (const [id, row] of rows) {
        if (wanted.has(id)) continue;
        row.hide();
        row.item.remove();
        rows.delete(id);
      }
      // In the data's order; a row that is already in place is not moved (its focus survives).
      let previous: Element | null = null;
      for (const paper of papers) {
        let row = rows.get(paper.id);
        if (!row) {
          row = createRow(paper);
          rows.set(paper.id, row);
        } else if (row.title !== paper.title) {
          row.title = paper.title;
          row.link.textContent = paper.title;
        }
        const expectedPlace: Element | null = previous ? previous.nextElementSibling : list.firstElementChild;
        if (expectedPlace !== row.item) {
          if (previous) previous.after(row.item);
          else list.prepend(row.item);
        }
        previous = row.item;
      }
    },
    destroy() {
      for (const row of rows.values()) row.hide();
      rows.clear();
      section.remove();
    },
  };
}
