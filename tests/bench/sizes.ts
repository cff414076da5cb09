// Gzipped sizes of what the built extension ships, per part: the content script's boot file and all
// content code (boot plus the chunks it may load from web_accessible_resources), the background
// worker, and each page with every file it loads (its scripts, their static imports, its styles).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

export interface PartSize {
  part:
    | 'contentBoot'
    | 'contentAll'
    | 'background'
    | 'optionsPage'
    | 'popupPage'
    | 'readerPage'
    | 'pdfReader';
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

/** Chunks a page's scripts import() on demand (not loaded with the page). */
function lazyImports(buildDir: string, files: string[]): string[] {
  return files
    .filter((file) => file.endsWith('.js'))
    .flatMap((file) =>
      [
        ...readFileSync(path.join(buildDir, file), 'utf8').matchAll(/import\(\s*["`](\.\/[^"`]+)["`]\s*\)/g),
      ].map((m) => path.posix.join(path.posix.dirname(file), m[1] as string)),
    )
    .filter((file) => existsSync(path.join(buildDir, file)));
}

interface Manifest {
  content_scripts?: { js?: string[] }[];
  web_accessible_resources?: ({ resources?: string[] } | string)[];
}

/** The content scripts' own files, and every script they may load from web_accessible_resources. */
function contentFiles(buildDir: string): { boot: string[]; all: string[] } {
  const manifest = JSON.parse(readFileSync(path.join(buildDir, 'manifest.json'), 'utf8')) as Manifest;
  const boot = (manifest.content_scripts ?? []).flatMap((script) => script.js ?? []);
  const accessible = (manifest.web_accessible_resources ?? [])
    .flatMap((entry) => (typeof entry === 'string' ? [entry] : (entry.resources ?? [])))
    .map((resource) => resource.replace(/^\//, ''))
    .filter((resource) => resource.endsWith('.js') && existsSync(path.join(buildDir, resource)));
  return { boot, all: [...new Set([...boot, ...accessible])].sort() };
}

function sizeOf(buildDir: string, part: PartSize['part'], files: string[]): PartSize {
  return {
    part,
    files,
    // Each file compressed on its own, as each is loaded on its own.
    gzipKB:
      Math.round(files.reduce((sum, file) => sum + gzipBytes(path.join(buildDir, file)), 0) / 102.4) / 10,
  };
}

export function measureSizes(buildDir: string): PartSize[] {
  if (!existsSync(path.join(buildDir, 'manifest.json'))) {
    throw new Error(`No built extension at ${buildDir}. Run \`npm run build\` first.`);
  }
  const content = contentFiles(buildDir);
  return [
    sizeOf(buildDir, 'contentBoot', content.boot),
    sizeOf(buildDir, 'contentAll', content.all),
    sizeOf(buildDir, 'background', ['background.js']),
    sizeOf(buildDir, 'optionsPage', pageFiles(buildDir, 'options.html')),
    sizeOf(buildDir, 'popupPage', pageFiles(buildDir, 'popup.html')),
    sizeOf(buildDir, 'readerPage', pageFiles(buildDir, 'reader.html')),
    // The PDF reader page with pdf.js, which it imports on the first PDF (only papers without HTML).
    sizeOf(buildDir, 'pdfReader', [
      ...pageFiles(buildDir, 'pdf-reader.html'),
      ...lazyImports(buildDir, pageFiles(buildDir, 'pdf-reader.html')),
    ]),
  ];
}
