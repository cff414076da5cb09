// The shipped glossary travels as a JSON file beside the worker, written at build time from
// entries.ts (wxt.config.ts, `build:publicAssets`) and read on first use: 509 entries are 40 KB of
// script (14 KB gzip) that the worker would otherwise parse at every wake-up, prompt or not.
import type { GlossaryEntry } from './entry.ts';

export const SHIPPED_GLOSSARY_ASSET = 'glossary.json';

/** The file's entries; a file that is not a list of entries (it is our own) reads as none, loudly. */
export async function fetchShippedGlossary(url: string): Promise<GlossaryEntry[]> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${SHIPPED_GLOSSARY_ASSET}: ${response.status}`);
  const entries: unknown = await response.json();
  if (!Array.isArray(entries)) throw new Error(`${SHIPPED_GLOSSARY_ASSET} is not a list`);
  return entries.filter(
    (entry): entry is GlossaryEntry =>
      typeof entry === 'object' &&
      entry !== null &&
      typeof (entry as GlossaryEntry).en === 'string' &&
      typeof (entry as GlossaryEntry).ko === 'string',
  );
}
