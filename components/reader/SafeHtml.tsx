// HTML from the worker (model output, the paper's text) shown only through the sanitiser: nothing
// here is ever assigned to innerHTML.
import { useLayoutEffect, useRef } from 'preact/hooks';
import { sanitizeSummaryHtml } from '../../lib/shared/summary/render.ts';

export function SafeHtml({
  html,
  class: className,
  lang,
  busy,
  inline,
}: {
  html: string;
  class?: string;
  lang?: string;
  busy?: boolean;
  /** A <span> (captions, titles) rather than a <div>. */
  inline?: boolean;
}) {
  const ref = useRef<HTMLElement>(null);
  useLayoutEffect(() => {
    ref.current?.replaceChildren(sanitizeSummaryHtml(html));
  }, [html]);
  const Tag = inline ? 'span' : 'div';
  return <Tag ref={ref as never} class={className} lang={lang} aria-busy={busy} />;
}
