// Our hosts follow the page's theme live: Hugging Face's `dark` class on <html> (a MutationObserver),
// or, on a page that declares it renders both schemes, the system's preference (matchMedia).
import { GLANCE_TAG, HOST_TAG, PANEL_TAG, TOOLBAR_TAG } from './card-hosts.ts';
import { memoForTask } from './task-memo.ts';

export type PageTheme = 'light' | 'dark';

const DARK_QUERY = '(prefers-color-scheme: dark)';

/** The theme the page shows now. */
export function pageTheme(root: HTMLElement = document.documentElement): PageTheme {
  if (root.classList.contains('dark')) return 'dark';
  // Without the class, only a page that says it follows the system (color-scheme: light dark) does.
  const scheme = getComputedStyle(root).colorScheme;
  if (!scheme.includes('dark')) return 'light';
  return !scheme.includes('light') || matchMedia(DARK_QUERY).matches ? 'dark' : 'light';
}

/**
 * pageTheme() for a new host, read once per task: a page makes its hosts in batches, and reading
 * the computed style after each one went in made the browser recompute styles for every host
 * (17 ms for a page of 50 cached panels). followPageTheme restyles every host when it changes.
 */
const themeThisTask = memoForTask(pageTheme);

export function themeForNewHost(): PageTheme {
  return themeThisTask(document.documentElement);
}

export function applyTheme(host: HTMLElement, theme: PageTheme): void {
  if (theme === 'dark') host.dataset.theme = 'dark';
  else delete host.dataset.theme;
}

/** Restyles every host of ours whenever the page's theme changes; returns the function that stops. */
export function followPageTheme(): () => void {
  let current = themeForNewHost();
  const restyle = () => {
    const theme = pageTheme();
    if (theme === current) return;
    current = theme;
    for (const host of document.querySelectorAll<HTMLElement>(
      `${HOST_TAG}, ${TOOLBAR_TAG}, ${GLANCE_TAG}, ${PANEL_TAG}`,
    )) {
      applyTheme(host, theme);
    }
  };
  const observer = new MutationObserver(restyle);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['class', 'style'] });
  const media = matchMedia(DARK_QUERY);
  media.addEventListener('change', restyle);
  return () => {
    observer.disconnect();
    media.removeEventListener('change', restyle);
  };
}
