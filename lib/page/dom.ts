// The two DOM helpers every piece of our page UI builds with (toolbar, panels, lists): text goes in
// as text nodes, never as markup.

/** An element with a class (none for "") and its children; strings become text nodes. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className = '',
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  node.append(...children);
  return node;
}

/** One of our action buttons: "primary" draws it in the accent colour. */
export function actionButton(label: string, onClick: () => void, primary = false): HTMLButtonElement {
  const node = el('button', primary ? 'dpk-action primary' : 'dpk-action', label);
  node.type = 'button';
  node.addEventListener('click', onClick);
  return node;
}
