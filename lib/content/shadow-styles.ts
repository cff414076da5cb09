// One stylesheet shared by every shadow root we add: parsed once, not once per card.

const sheets = new Map<string, CSSStyleSheet>();

/** Gives the shadow root these styles: a shared constructed sheet, or a <style> where that fails. */
export function adoptStyles(shadow: ShadowRoot, css: string): void {
  try {
    let sheet = sheets.get(css);
    if (!sheet) {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(css);
      sheets.set(css, sheet);
    }
    shadow.adoptedStyleSheets = [sheet];
  } catch {
    // Firefox refuses sheets constructed in a content script's own world: fall back to markup.
    const style = document.createElement('style');
    style.textContent = css;
    shadow.prepend(style);
  }
}
