// The real saved Hugging Face page in ../shared (not committed to this repo), when it is there.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const REAL_PAGE_PATH = path.resolve(
  import.meta.dirname,
  '../../../shared/fixtures/hf/papers-2024-08-01.html',
);
export const REAL_PAGE_URL = 'https://huggingface.co/papers?date=2024-08-01';
export const REAL_PAGE_SKIP_REASON = `the real saved page is not at ${REAL_PAGE_PATH} (../shared is absent)`;

/** The 13 cards of 2024-08-01 in page order, read off the saved page by hand. */
export const REAL_PAGE_PAPER_IDS = [
  '2407.21783',
  '2407.21705',
  '2407.21770',
  '2407.21646',
  '2407.21772',
  '2407.21630',
  '2407.21721',
  '2407.21530',
  '2407.20229',
  '2407.21781',
  '2407.21686',
  '2407.21475',
  '2404.01300',
];

export function realPageHtml(): string | null {
  return existsSync(REAL_PAGE_PATH) ? readFileSync(REAL_PAGE_PATH, 'utf8') : null;
}
