// One stylesheet shared by every shadow root we add: parsed once, not once per card.

const sheets = new Map<string, CSSStyleSheet>();

/** Gives the shadow root these styles: a shared constructed sheet, or a <style> where that fails. */
export function adoptStyles(shadow: ShadowRoot, css: string): void {
  // Firefox does not apply sheets constructed in a content script's own world to the page's nodes.
  if (import.meta.env.FIREFOX) {
    appendStyle(shadow, css);
    return;
  }
  try {
    let sheet = sheets.get(css);
    if (!sheet) {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(css);
      sheets.set(css, sheet);
    }
    shadow.adoptedStyleSheets = [sheet];
  } catch {
    appendStyle(shadow, css);
  }
}

function appendStyle(shadow: ShadowRoot, css: string): void {
  const style = document.createElement('style');
  style.textContent = css;
  shadow.prepend(style);
}
