// Where a card's title ends: the element after which our one-liner line may go, right under the English
// title, without joining a link, a heading or a paragraph (nothing of ours may land inside HF's links).

/** Elements a title link sits in as part of the title itself: we go after the outermost of them. */
const TITLE_PART_TAGS = new Set([
  'a',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'p',
  'span',
  'strong',
  'em',
  'b',
  'i',
  'small',
  'label',
  'button',
  'summary',
]);
/** Parents whose children must be rows, items or phrasing content: our block can't be one of them. */
const NO_BLOCK_PARENT_TAGS = new Set(['ul', 'ol', 'dl', 'table', 'thead', 'tbody', 'tfoot', 'tr', 'select']);
const INSIDE_TITLE_OR_LINK = 'a, button, label, summary, h1, h2, h3, h4, h5, h6, p';

/**
 * The outermost title element around `titleLink` within `card`, when a block may follow it there;
 * undefined when it may not (the caller then places the line elsewhere in the card).
 */
export function titleElementOf(
  titleLink: Element | null | undefined,
  card: Element,
): HTMLElement | undefined {
  if (!titleLink || titleLink === card || !card.contains(titleLink)) return undefined;
  let block: Element = titleLink;
  while (
    block.parentElement &&
    block.parentElement !== card &&
    TITLE_PART_TAGS.has(block.parentElement.localName)
  )
    block = block.parentElement;
  const parent = block.parentElement;
  if (!parent || !(block instanceof HTMLElement)) return undefined;
  if (NO_BLOCK_PARENT_TAGS.has(parent.localName) || parent.closest(INSIDE_TITLE_OR_LINK)) return undefined;
  return block;
}
