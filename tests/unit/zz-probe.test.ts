// @vitest-environment node

import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import { it } from 'vitest';
import { fullTextFromPdf } from '../../lib/worker/fulltext/pdf-layout.ts';
import { readPdfText } from '../../lib/worker/fulltext/pdf-text.ts';
import { samplePaperPdf } from '../fixtures/arxiv/pdf.ts';

it('probe', async () => {
  const t = await readPdfText(await samplePaperPdf(), pdfjs);
  console.log(JSON.stringify(fullTextFromPdf(t), null, 1));
});
