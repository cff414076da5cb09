// One card's view of its paper's controller: the "한국어 요약" button (plain DOM, painted by the boot
// script) and, once there is something to show, the panel under it (drawn by the lazily loaded code).
import { uiCardButton } from '../shared/i18n/ui.ts';
import { foldedTitleOf } from '../shared/summary/folded-title.ts';
import type { CardController } from './card-controller.ts';
import { onFoldAll } from './fold-all.ts';
import type { PanelPlacement, PlacePanelOptions } from './lazy-code.ts';
import type { PanelPainter } from './panel-painter.ts';
import { isBusy, type PanelState } from './panel-state.ts';

/** The markup every card starts with, built once and cloned: cheaper than building it per card. */
let template: HTMLElement | null = null;

function cardTemplate(): HTMLElement {
  if (template) return template;
  const element = (tag: string, className: string, ...children: (Node | string)[]) => {
    const node = document.createElement(tag);
    node.className = className;
    node.append(...children);
    return node;
  };
  const icon = element('span', 'dpk-icon', '가');
  icon.setAttribute('aria-hidden', 'true');
  const button = element('button', 'dpk-button', icon, uiCardButton.label);
  button.setAttribute('type', 'button');
  // Shown while the panel is folded away and its summary is still coming.
  const hint = element('span', 'dpk-hint', uiCardButton.streaming);
  hint.setAttribute('aria-hidden', 'true');
  hint.hidden = true;
  // While the panel is folded: the summary's Korean title on one line, so a folded page reads as a list.
  const foldedTitle = element('span', 'dpk-folded-title');
  foldedTitle.lang = 'ko';
  foldedTitle.hidden = true;
  template = element('div', 'dpk', element('div', 'dpk-bar', button, hint, foldedTitle), element('div', ''));
  return template;
}

/** The parts of a card's view its panel placement needs; the caller adds where the card is. */
export type PlacePanel = (
  parts: Pick<PlacePanelOptions, 'container' | 'root' | 'button' | 'panelId'>,
) => PanelPlacement | null;

/**
 * Shows the card's button in `parent` (a card's shadow root, or a row of the fallback list) and keeps it (and, once drawn, the panel) in step with the
 * controller. Returns the function that takes the view down; the controller carries on without it.
 * `place`, for a card on Hugging Face's page: puts the open panel where it leaves no hole in the page's
 * layout (below the card's row); without it the panel stays under the button.
 */
export function showCard(
  parent: ParentNode,
  controller: CardController,
  title: string,
  painter: PanelPainter,
  openOptions: () => void,
  mountDeep: (container: HTMLElement, paperId: string) => () => void,
  place?: PlacePanel,
): () => void {
  const root = cardTemplate().cloneNode(true) as HTMLElement;
  const bar = root.firstChild as HTMLElement;
  const button = bar.firstChild as HTMLButtonElement;
  const hint = button.nextSibling as HTMLElement;
  const foldedTitle = bar.lastChild as HTMLElement;
  const panel = root.lastChild as HTMLElement;
  const panelId = `dpk-panel-${controller.paperId}`;
  parent.append(root);
  let open = false;
  /** The panel has been drawn at least once (the lazily loaded code is in). */
  let drawn = false;
  /** The first drawing, while it waits its turn. */
  let pending: { cancel: () => void; urgent: boolean } | null = null;
  let placement: PanelPlacement | null = null;

  const draw = () => {
    drawn = true;
    pending = null;
    // Placed before it is drawn, so the panel's first frame is already where it belongs.
    placement ??= place?.({ container: panel, root, button, panelId }) ?? null;
    placement?.update(open);
    painter.draw(panel, {
      panelId,
      paperId: controller.paperId,
      title,
      state: controller.state,
      open,
      retry: () => controller.summarize({ force: true, batch: false }),
      stop: () => controller.stop(),
      openOptions,
      mountDeep: (container) => mountDeep(container, controller.paperId),
    });
  };

  /** `userWaits`: the user just acted on this card, so its panel may not wait for idle time. */
  const update = (userWaits = false) => {
    const state = controller.state;
    if (state.phase === 'idle') {
      button.removeAttribute('aria-expanded');
      button.removeAttribute('aria-controls');
    } else {
      button.setAttribute('aria-expanded', String(open));
      // Once placed, the placement points the button at wherever the panel is (maybe another shadow root).
      if (!placement) button.setAttribute('aria-controls', panelId);
    }
    hint.hidden = open || !isBusy(state);
    showFoldedTitle(state);
    if (drawn) return draw();
    if (state.phase === 'idle') return;
    // The first drawing waits for the panel code; a summary from the cache may wait its turn too.
    const urgent = userWaits || isBusy(state);
    if (pending && (pending.urgent || !urgent)) return;
    pending?.cancel();
    const waiting = { urgent, cancel: () => {} };
    pending = waiting;
    // Keyed and watched for nearness by the card's own part: the panel may live outside the card.
    waiting.cancel = painter.schedule(root, draw, { urgent });
  };

  let foldedText = '';
  const showFoldedTitle = (state: PanelState) => {
    const text = open || state.phase === 'idle' ? '' : state.text;
    if (text !== foldedText) {
      foldedText = text;
      foldedTitle.textContent = text ? foldedTitleOf(text) : '';
    }
    foldedTitle.hidden = !foldedTitle.textContent;
  };

  const onState = (state: PanelState, previous: PanelState) => {
    // A new request, or a summary appearing, opens the panel; the user may fold it again.
    if (previous.phase === 'idle' || (isBusy(state) && !isBusy(previous))) open = true;
    update();
  };

  button.addEventListener('click', () => {
    if (controller.state.phase === 'idle') {
      controller.summarize({ force: false, batch: false });
    } else {
      open = !open;
      update(true);
    }
  });
  const unsubscribe = controller.subscribe(onState);
  const stopFoldAll = onFoldAll((value) => {
    if (controller.state.phase === 'idle' || open === value) return;
    open = value;
    update();
  });
  if (controller.state.phase !== 'idle') onState(controller.state, { phase: 'idle' });

  return () => {
    unsubscribe();
    stopFoldAll();
    pending?.cancel();
    if (drawn) painter.clear(panel);
    placement?.remove();
  };
}
