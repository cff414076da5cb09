// Gzipped sizes of what the built extension ships, per part: the content script, the background
// worker, and each page with every file it loads (its scripts, their static imports, its styles).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

export interface PartSize {
  part: 'contentScript' | 'background' | 'optionsPage' | 'popupPage';
  files: string[];
  gzipKB: number;
}

const gzipBytes = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length;

/** A page's HTML plus every local file it references, following static imports between chunks. */
function pageFiles(buildDir: string, page: string): string[] {
  const files = new Set<string>([page]);
  const queue = [page];
  while (queue.length > 0) {
    const file = queue.shift() as string;
    const text = readFileSync(path.join(buildDir, file), 'utf8');
    const references = file.endsWith('.html')
      ? [...text.matchAll(/(?:src|href)="\/([^"]+)"/g)].map((m) => m[1] as string)
      : [...text.matchAll(/(?:from|import)\s*"(\.\/[^"]+)"/g)].map((m) =>
          path.posix.join(path.posix.dirname(file), m[1] as string),
        );
    for (const reference of references) {
      if (files.has(reference) || !existsSync(path.join(buildDir, reference))) continue;
      files.add(reference);
      if (reference.endsWith('.js')) queue.push(reference);
    }
  }
  return [...files].sort();
}

export function measureSizes(buildDir: string): PartSize[] {
  if (!existsSync(path.join(buildDir, 'manifest.json'))) {
    throw new Error(`No built extension at ${buildDir}. Run \`npm run build\` first.`);
  }
  const parts: [PartSize['part'], string[]][] = [
    ['contentScript', ['content-scripts/papers.js']],
    ['background', ['background.js']],
    ['optionsPage', pageFiles(buildDir, 'options.html')],
    ['popupPage', pageFiles(buildDir, 'popup.html')],
  ];
  return parts.map(([part, files]) => ({
    part,
    files,
    // Each file compressed on its own, as each is loaded on its own.
    gzipKB:
      Math.round(files.reduce((sum, file) => sum + gzipBytes(path.join(buildDir, file)), 0) / 102.4) / 10,
  }));
}
