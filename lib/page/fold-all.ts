// "모두 접기" / "모두 펼치기": one page-wide signal every card's view listens to, and the two toolbar
// buttons that send it (shown once some card has a panel to fold).
import { uiToolbar } from '../shared/i18n/ui.ts';
import type { CardRegistry } from './card-registry.ts';

type FoldListener = (open: boolean) => void;
const listeners = new Set<FoldListener>();

/** Hears every "fold all" (false) and "unfold all" (true); returns the function that stops it. */
export function onFoldAll(listener: FoldListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function foldAll(open: boolean): void {
  for (const listener of listeners) listener(open);
}

/** The two buttons, in a group that stays hidden while no card has a panel. */
export function mountFoldButtons(parent: HTMLElement, registry: CardRegistry): () => void {
  const group = document.createElement('span');
  group.className = 'dpk-fold-all';
  group.setAttribute('role', 'group');
  group.setAttribute('aria-label', uiToolbar.foldGroup);
  for (const [label, open] of [
    [uiToolbar.foldAll, false],
    [uiToolbar.unfoldAll, true],
  ] as const) {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'dpk-action';
    button.textContent = label;
    button.addEventListener('click', () => foldAll(open));
    group.append(button);
  }
  const update = () => {
    group.hidden = !registry.all().some((controller) => controller.state.phase !== 'idle');
  };
  const unsubscribe = registry.subscribe(update);
  update();
  parent.append(group);
  return () => {
    unsubscribe();
    group.remove();
  };
}
