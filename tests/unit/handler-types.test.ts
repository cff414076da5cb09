// The handler maps' types: a handler or a caller with the wrong response shape fails `tsc --noEmit`
// (which checks this file; the `@ts-expect-error` lines fail it if they ever compile). The runtime
// part checks `dispatch` calls the request's own handler.
import * as v from 'valibot';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { PageStatus, Spending, SummaryError } from '../../lib/shared/domain.ts';
import { dispatch } from '../../lib/shared/handlers.ts';
import {
  type PageHandlers,
  type PageRequest,
  type RuntimeHandlers,
  type RuntimeResponses,
  SummaryErrorSchema,
} from '../../lib/shared/messages.ts';
import { askBackground } from '../../lib/shared/runtime-client.ts';
import type { askPage } from '../../lib/ui/popup/active-page.ts';

type Sender = { url?: string };
type AnyRuntimeHandler = RuntimeHandlers<Sender>[keyof RuntimeHandlers<Sender>];

describe('runtime handlers', () => {
  it('take each request narrowed to its type and must answer its response', () => {
    expectTypeOf<Parameters<RuntimeHandlers<Sender>['getCached']>[0]>().toEqualTypeOf<{
      type: 'getCached';
      paperIds: string[];
    }>();
    expectTypeOf<ReturnType<RuntimeHandlers<Sender>['getSpending']>>().toEqualTypeOf<Promise<Spending>>();

    const right: Pick<RuntimeHandlers<Sender>, 'clearCache' | 'cacheStats'> = {
      clearCache: async () => ({ ok: true }),
      cacheStats: async () => ({ count: 1, bytes: 2, maxBytes: 3 }),
    };
    const wrong: Pick<RuntimeHandlers<Sender>, 'clearCache' | 'cacheStats'> = {
      // @ts-expect-error clearCache answers { ok: true }, not a count
      clearCache: async () => ({ cleared: 3 }),
      // @ts-expect-error cacheStats must say maxBytes
      cacheStats: async () => ({ count: 1, bytes: 2 }),
    };
    expect(Object.keys(right)).toEqual(Object.keys(wrong));
  });

  it('must cover every request type', () => {
    // @ts-expect-error a map without most of its handlers is not a RuntimeHandlers
    const partial: RuntimeHandlers<Sender> = { openOptions: async () => ({ ok: true }) };
    expect(partial).toBeDefined();
  });
});

describe('the client', () => {
  it('gets the response type from the same map', () => {
    expectTypeOf<ReturnType<typeof askBackground<'getCached'>>>().toEqualTypeOf<
      Promise<RuntimeResponses['getCached']>
    >();
    expectTypeOf<Awaited<ReturnType<typeof askPage<'pageStatus'>>>>().toEqualTypeOf<PageStatus | null>();
    // A request's type decides its body, and its answer's shape; never called, only type-checked.
    const typeCheckedOnly = () => {
      // @ts-expect-error getCached takes paper ids, not a paper
      void askBackground({ type: 'getCached', paper: { id: '2411.01234' } });
      // @ts-expect-error the answer to getCached has summaries and inFlight, not deep summaries
      void askBackground({ type: 'getCached', paperIds: [] }).then((answer) => answer.deep);
      void askBackground({ type: 'getDeepSummaries', paperIds: [] }).then((answer) => answer.deep);
    };
    expect(typeCheckedOnly).toBeTypeOf('function');
  });
});

describe('dispatch', () => {
  it('calls the handler of the request type with the context', async () => {
    const handlers: PageHandlers<string> = {
      pageStatus: async (_request, context) => ({
        total: context.length,
        done: 0,
        busy: 0,
        failed: 0,
        period: null,
      }),
      summarizeAll: async () => ({ queued: 2 }),
      buildDigest: async () => ({ ok: false, reason: 'empty' }),
      pageReading: async () => null,
      buildOneLinerDigest: async () => ({ ok: false, reason: 'empty' }),
    };
    const status: PageRequest = { type: 'pageStatus' };
    const summarizeAll: PageRequest = { type: 'summarizeAll', order: 'upvotes' };
    expect(await dispatch(handlers, status, 'abc')).toEqual({
      total: 3,
      done: 0,
      busy: 0,
      failed: 0,
      period: null,
    });
    expect(await dispatch(handlers, summarizeAll, '')).toEqual({ queued: 2 });
    const wrongPage: Pick<PageHandlers<string>, 'summarizeAll'> = {
      // @ts-expect-error summarizeAll answers { queued }, not a status
      summarizeAll: async () => ({ total: 1, done: 0, busy: 0, period: null }),
    };
    expect(wrongPage).toBeDefined();
    expectTypeOf<AnyRuntimeHandler>().toBeFunction();
  });
});

describe('wire schemas and domain types', () => {
  it('parse to the domain type', () => {
    expectTypeOf<v.InferOutput<typeof SummaryErrorSchema>>().toEqualTypeOf<SummaryError>();
    expect(v.is(SummaryErrorSchema, { kind: 'budget' })).toBe(true);
    expect(v.is(SummaryErrorSchema, { kind: 'nonsense' })).toBe(false);
  });
});
