// A card nobody has asked about yet: just the "한국어 요약" button, built with plain DOM in the
// same markup CardSummary renders for an idle card. The Preact panel is mounted on first use, so a
// page of 200 cards costs 200 buttons, not 200 component trees.
import { koPanel } from '../i18n/ko.ts';

export function renderDormantCard(container: HTMLElement, onActivate: (hadFocus: boolean) => void): void {
  const root = document.createElement('div');
  root.className = 'dpk';
  const bar = document.createElement('div');
  bar.className = 'dpk-bar';
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'dpk-button';
  const icon = document.createElement('span');
  icon.className = 'dpk-icon';
  icon.setAttribute('aria-hidden', 'true');
  icon.textContent = '가';
  button.append(icon, koPanel.summarizeButton);
  button.addEventListener('click', () =>
    onActivate((button.getRootNode() as ShadowRoot).activeElement === button),
  );
  const status = document.createElement('p');
  status.className = 'dpk-sr';
  status.setAttribute('role', 'status');
  status.setAttribute('aria-live', 'polite');
  bar.append(button);
  root.append(bar, status);
  container.append(root);
}
