// Stylesheets for the shadow roots we add: each parsed once and shared, not once per card.

const sheets = new Map<string, CSSStyleSheet>();
/** Where constructed sheets cannot be used, the <style> elements already given to a root. */
const styled = new WeakMap<ShadowRoot, Set<string>>();

/**
 * Adds these styles to the shadow root (after any it has): a shared constructed sheet, or a <style>
 * where that fails. Adding the same styles twice does nothing.
 */
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
    const adopted = shadow.adoptedStyleSheets;
    if (adopted.length === 0) shadow.adoptedStyleSheets = [sheet];
    else if (!adopted.includes(sheet)) shadow.adoptedStyleSheets = [...adopted, sheet];
  } catch {
    appendStyle(shadow, css);
  }
}

function appendStyle(shadow: ShadowRoot, css: string): void {
  const given = styled.get(shadow) ?? new Set<string>();
  if (given.has(css)) return;
  given.add(css);
  styled.set(shadow, given);
  const style = document.createElement('style');
  style.textContent = css;
  // The first styles go first, so a root's later styles (its panel's) come after its own.
  if (given.size === 1) shadow.prepend(style);
  else shadow.append(style);
}
