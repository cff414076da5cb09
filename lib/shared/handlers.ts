// One handler per request type, typed by a response map: `RuntimeHandlers` (the worker) and
// `PageHandlers` (the content script) in lib/shared/messages.ts. No schemas here, so the page's boot
// bundle can dispatch without carrying valibot.

/**
 * For each request type K: a function of that request (narrowed to K) and the context (the sender,
 * the page's registry) that resolves to `Responses[K]`. A handler answering the wrong shape, or a
 * missing handler, is a type error.
 */
export type RequestHandlers<
  Request extends { type: string },
  Responses extends { [K in Request['type']]: unknown },
  Context,
> = {
  [K in Request['type']]: (request: Extract<Request, { type: K }>, context: Context) => Promise<Responses[K]>;
};

/** Calls the request's own handler; resolves to that handler's response. */
export function dispatch<
  Request extends { type: string },
  Context,
  Handlers extends {
    [K in Request['type']]: (request: Extract<Request, { type: K }>, context: Context) => Promise<unknown>;
  },
>(handlers: Handlers, request: Request, context: Context): ReturnType<Handlers[Request['type']]> {
  // TypeScript cannot correlate `request` with `handlers[request.type]` across a union; the map's
  // type has already checked each handler against its own request and response.
  const handler = handlers[request.type as Request['type']] as unknown as (
    request: Request,
    context: Context,
  ) => ReturnType<Handlers[Request['type']]>;
  return handler(request, context);
}
