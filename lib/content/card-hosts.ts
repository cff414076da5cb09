// Keeps exactly one shadow-root host per paper card as the page renders, re-renders and navigates.

export const HOST_TAG = 'daily-papers-ko';
export const TOOLBAR_TAG = 'daily-papers-ko-toolbar';

export interface CardTarget {
  paperId: string;
  title: string;
  element: HTMLElement;
}

export interface MountedCard {
  paperId: string;
  host: HTMLElement;
  shadow: ShadowRoot;
  /** Releases whatever was rendered into the shadow root. */
  unmount: () => void;
}

export type RenderCard = (target: CardTarget, shadow: ShadowRoot, host: HTMLElement) => () => void;

/** Styles on the host itself: `!important` inside the shadow tree beats the page's normal rules. */
const HOST_STYLE = `:host{all:initial !important;display:block !important;position:static !important;contain:layout style;}`;

export class CardHosts {
  private readonly mounted = new Map<HTMLElement, MountedCard>();
  private readonly instanceId = Math.random().toString(36).slice(2);

  constructor(
    private readonly render: RenderCard,
    private readonly css: string,
  ) {}

  /** Mounts on new cards, remounts where a card now shows another paper, removes what is gone. */
  sync(targets: readonly CardTarget[]): void {
    const live = new Set<HTMLElement>();
    for (const target of targets) {
      live.add(target.element);
      const existing = this.mounted.get(target.element);
      if (existing && existing.paperId === target.paperId && existing.host.parentElement === target.element)
        continue;
      if (existing) this.unmountCard(target.element, existing);
      this.mountCard(target);
    }
    for (const [element, card] of this.mounted) {
      if (!live.has(element)) this.unmountCard(element, card);
    }
  }

  /** Removes hosts another instance of this script left behind (the extension was reloaded or updated). */
  removeForeignHosts(root: ParentNode): void {
    for (const host of root.querySelectorAll<HTMLElement>(`${HOST_TAG}, ${TOOLBAR_TAG}`)) {
      if (host.dataset.instance !== this.instanceId) host.remove();
    }
  }

  clear(): void {
    for (const [element, card] of this.mounted) this.unmountCard(element, card);
  }

  private mountCard(target: CardTarget): void {
    const host = document.createElement(HOST_TAG);
    host.dataset.paperId = target.paperId;
    host.dataset.instance = this.instanceId;
    // Hugging Face's dark mode is a class on <html>; the panel follows it.
    if (document.documentElement.classList.contains('dark')) host.dataset.theme = 'dark';
    const shadow = host.attachShadow({ mode: 'open' });
    const style = document.createElement('style');
    style.textContent = HOST_STYLE + this.css;
    shadow.append(style);
    target.element.append(host);
    const unmount = this.render(target, shadow, host);
    this.mounted.set(target.element, { paperId: target.paperId, host, shadow, unmount });
  }

  private unmountCard(element: HTMLElement, card: MountedCard): void {
    this.mounted.delete(element);
    card.unmount();
    card.host.remove();
  }
}
