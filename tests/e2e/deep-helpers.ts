// What the deep reading tests share: the sample paper served as arxiv.org, and the mock answering
// each deep prompt (summary, notes, merge, section, question) in its format.
import { SAMPLE_ID, samplePaperHtml } from '../fixtures/arxiv/papers.ts';
import { deepAnswerFor, deepPromptKind } from '../fixtures/deep/answers.ts';
import type { FakeArxiv } from './fixtures.ts';
import type { MockOpenAI, MockReply, RecordedRequest } from './mock-openai.ts';

/** A 1×1 PNG, for the figures' images. */
export const PIXEL = Uint8Array.from(
  Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNk+A8AAQUBAScY42YAAAAASUVORK5CYII=',
    'base64',
  ),
);

export function messagesOf(request: RecordedRequest): { role: string; content: string }[] {
  const body = request.body as { messages?: { role: string; content: string }[] };
  return body.messages ?? [];
}

export const systemOf = (request: RecordedRequest) => messagesOf(request)[0]?.content ?? '';
export const kindOf = (request: RecordedRequest) => deepPromptKind(systemOf(request));

/** The mock answers each deep prompt in its format; `overrides` replaces an answer by kind. */
export function answerDeepPrompts(mock: MockOpenAI, overrides: Partial<Record<string, string>> = {}): void {
  mock.reply((request): MockReply => {
    const kind = kindOf(request);
    const text =
      overrides[kind] ?? deepAnswerFor(kind, /Part: (.*)/.exec(messagesOf(request)[1]?.content ?? '')?.[1]);
    // Long answers (the hostile ones) in larger pieces than the mock's default 8 characters.
    const chunks = text === undefined ? undefined : (text.match(/[\s\S]{1,40}/g) ?? []);
    return { kind: 'stream', text, chunks, chunkDelayMs: 2, usage: true };
  });
}

export function serveSample(arxiv: FakeArxiv): void {
  arxiv.serve(`/html/${SAMPLE_ID}`, { body: samplePaperHtml() });
  for (const image of ['x1.png', 'x2a.png', 'x2b.png'])
    arxiv.serve(`/html/${SAMPLE_ID}v2/${image}`, { body: PIXEL, contentType: 'image/png' });
}
