// How to ask a model: which API and which parameters. A first guess comes from the model catalogue;
// when an endpoint rejects a parameter (400 unsupported_parameter / unsupported_value, naming it in
// `param`), the plan is corrected and the correction remembered per endpoint + model, so the next
// paper pays no failed round trip. Name lists rot; the endpoint's own answers don't.
import type { ProviderId } from '../shared/providers.ts';
import type { ModelInfo } from './models/catalogue.ts';

export type ReasoningEffort = 'none' | 'minimal' | 'low' | 'medium' | 'high';

export interface RequestPlan {
  api: 'chat' | 'responses';
  /** The name the output cap goes under; null when the endpoint takes none. */
  tokenLimitParam: 'max_tokens' | 'max_completion_tokens' | null;
  outputTokenLimit: number;
  temperature: number | null;
  reasoningEffort: ReasoningEffort | null;
  /** `stream_options: { include_usage: true }` (chat API only). */
  streamUsage: boolean;
  /**
   * How an answer that must be JSON is asked for (one-liners; prose never sends it): a strict JSON
   * schema, any JSON object, or only the prompt's words for an endpoint that takes neither.
   */
  structuredOutput: 'json_schema' | 'json_object' | null;
}

/** What was learnt about one endpoint + model: the fields of the plan that differ from the guess. */
export type PlanCorrection = Partial<RequestPlan>;

/** Room for a summary (~450 tokens) and a generous margin. */
const ANSWER_TOKENS = 1_500;
/** OpenAI reasoning at low effort rarely spends more than a few thousand tokens before a summary. */
const REASONING_TOKENS = 6_000;
/** Gemini's and DeepSeek's thinking alone can pass 1,500 tokens (hindsight #3365: 1,232 of 1,500). */
const THINKING_TOKENS = 8_000;
const MAX_OUTPUT_TOKENS = 32_000;

/**
 * The catalogue describes OpenAI's own API: another provider serving a model of the same name
 * (gpt-oss on Groq, say) speaks chat completions; if it does not, its 404 says so and we learn.
 * `answerTokens` is the room the visible answer needs (a summary's by default; a deep summary
 * asks for more): reasoning and thinking models get their thinking room on top of it.
 */
export function firstGuess(
  model: ModelInfo,
  provider: ProviderId = 'openai',
  answerTokens: number = ANSWER_TOKENS,
): RequestPlan {
  const extra = Math.max(0, answerTokens - ANSWER_TOKENS);
  const cap = (tokens: number) => Math.min(tokens, model.maxOutputTokens ?? tokens);
  const api =
    model.api === 'responses' && (provider === 'openai' || provider === 'azure') ? 'responses' : 'chat';
  if (model.reasoning === 'openai') {
    return {
      api,
      tokenLimitParam: 'max_completion_tokens',
      outputTokenLimit: cap(REASONING_TOKENS + extra),
      temperature: null,
      reasoningEffort: 'low',
      streamUsage: true,
      structuredOutput: 'json_schema',
    };
  }
  if (model.reasoning === 'thinking') {
    return {
      api,
      tokenLimitParam: 'max_tokens',
      outputTokenLimit: cap(THINKING_TOKENS + extra),
      temperature: 0.3,
      // Gemini and OpenRouter take it (less thinking, same answer); others reject it once and learn.
      reasoningEffort: 'low',
      streamUsage: true,
      structuredOutput: 'json_schema',
    };
  }
  return {
    api: model.api,
    tokenLimitParam: 'max_tokens',
    outputTokenLimit: cap(answerTokens),
    temperature: 0.3,
    reasoningEffort: null,
    streamUsage: true,
    structuredOutput: 'json_schema',
  };
}

/**
 * The guess with what was learnt applied. A learnt output cap only ever widens: it was learnt by a
 * thinking model running out of room, and must not shrink a request that asks for more to begin with.
 */
function applyCorrection(plan: RequestPlan, correction: PlanCorrection | undefined): RequestPlan {
  if (!correction) return plan;
  const corrected = { ...plan, ...correction };
  if (correction.outputTokenLimit !== undefined)
    corrected.outputTokenLimit = Math.max(plan.outputTokenLimit, correction.outputTokenLimit);
  return corrected;
}

/** What a rejected request tells us: the parameter and the kind of complaint. */
export interface Rejection {
  status: number;
  param: string | null;
  code: string | null;
  message: string;
}

const RESPONSES_ONLY =
  /only supported in v1\/responses|use the responses api|not supported (?:in|with) (?:the )?(?:v1\/)?chat\/completions/i;
const MENTIONS = (name: string) => new RegExp(`['"\`]?${name.replace('.', '\\.')}['"\`]?`, 'i');

/** The parameter a 400 is about: its `param`, or the first one of ours its message names. */
function rejectedParam(rejection: Rejection): string | null {
  if (rejection.param) return rejection.param.replace(/^body\./, '');
  const candidates = [
    'max_completion_tokens',
    'max_output_tokens',
    'max_tokens',
    'temperature',
    'reasoning_effort',
    'reasoning.effort',
    'stream_options',
    'response_format',
    'text.format',
  ];
  const unsupported =
    /unsupported|not supported|unrecognized|unknown (?:parameter|field|name)|extra (?:inputs|fields)|not allowed|does not support|invalid/i;
  if (!unsupported.test(rejection.message)) return null;
  return candidates.find((name) => MENTIONS(name).test(rejection.message)) ?? null;
}

/**
 * The corrected plan for a rejected request, or null when the rejection is not one we can fix
 * (then its message is shown as is). One correction may change two fields: a model that refuses
 * `max_tokens` for `max_completion_tokens` is an OpenAI reasoning model, which refuses temperature too.
 */
export function correctPlan(plan: RequestPlan, rejection: Rejection): PlanCorrection | null {
  if (rejection.status === 404 || rejection.status === 400) {
    if (plan.api === 'chat' && RESPONSES_ONLY.test(rejection.message)) return { api: 'responses' };
  }
  if (rejection.status !== 400 && rejection.status !== 422) return null;
  const param = rejectedParam(rejection);
  switch (param) {
    case 'max_tokens':
      if (plan.tokenLimitParam !== 'max_tokens') return null;
      return /max_completion_tokens/.test(rejection.message) || rejection.code === 'unsupported_parameter'
        ? { tokenLimitParam: 'max_completion_tokens', temperature: null }
        : { tokenLimitParam: null };
    case 'max_completion_tokens':
    case 'max_output_tokens':
      if (plan.tokenLimitParam === null) return null;
      return plan.tokenLimitParam === 'max_completion_tokens' && /max_tokens/.test(rejection.message)
        ? { tokenLimitParam: 'max_tokens' }
        : { tokenLimitParam: null };
    case 'temperature':
      return plan.temperature === null ? null : { temperature: null };
    case 'reasoning_effort':
    case 'reasoning':
    case 'reasoning.effort':
      return plan.reasoningEffort === null ? null : { reasoningEffort: null };
    case 'stream_options':
    case 'stream_options.include_usage':
      return plan.streamUsage ? { streamUsage: false } : null;
    case 'response_format':
    case 'response_format.type':
    case 'response_format.json_schema':
    case 'text':
    case 'text.format':
    case 'text.format.type':
      // A strict schema first gives way to any JSON object, then to the prompt's own instructions.
      if (plan.structuredOutput === null) return null;
      return { structuredOutput: plan.structuredOutput === 'json_schema' ? 'json_object' : null };
    default:
      return null;
  }
}

/**
 * The correction for an error thrown by the SDK (an `APIError` carries `status`, `param`, `code`
 * and `message`), or null when it is no rejection we can fix.
 */
export function correctionForError(plan: RequestPlan, error: unknown): PlanCorrection | null {
  if (typeof error !== 'object' || error === null) return null;
  const { status, param, code, message } = error as Record<string, unknown>;
  if (typeof status !== 'number') return null;
  return correctPlan(plan, {
    status,
    param: typeof param === 'string' ? param : null,
    code: typeof code === 'string' ? code : null,
    message: typeof message === 'string' ? message : '',
  });
}

/** The plan for an endpoint + model: the first guess with what earlier requests learnt. */
export function rememberedPlan(
  model: ModelInfo,
  provider: ProviderId,
  corrections: CorrectionStore | undefined,
  key: string,
  answerTokens: number = ANSWER_TOKENS,
): RequestPlan {
  return applyCorrection(firstGuess(model, provider, answerTokens), corrections?.get(key));
}

/**
 * A thinking model that spent its cap before the answer was done: ask again with room to answer.
 * Null when the cap is already as large as we go.
 */
export function widenForThinking(plan: RequestPlan, model: ModelInfo): PlanCorrection | null {
  const ceiling = Math.min(MAX_OUTPUT_TOKENS, model.maxOutputTokens ?? MAX_OUTPUT_TOKENS);
  if (plan.outputTokenLimit >= ceiling) return null;
  return { outputTokenLimit: Math.min(ceiling, Math.max(THINKING_TOKENS, plan.outputTokenLimit * 4)) };
}

/** At most this many corrections per request: a third rejection is shown to the user. */
export const MAX_CORRECTIONS_PER_REQUEST = 2;

/** What was learnt per endpoint + model: plan corrections here, embedding facts elsewhere. */
export interface CorrectionStore<T extends object = PlanCorrection> {
  get(key: string): T | undefined;
  set(key: string, correction: T): void;
}

export function correctionKey(baseURL: string, model: string): string {
  return `${baseURL}\n${model}`;
}

/** Corrections kept in memory and in `storage.local` (they hold no secret), newest last, bounded. */
export class RememberedCorrections<T extends object = PlanCorrection> implements CorrectionStore<T> {
  private readonly entries = new Map<string, T>();

  constructor(
    private readonly persist: (entries: Record<string, T>) => void,
    private readonly limit = 200,
  ) {}

  /** Adds what was stored earlier; anything learnt since wins. */
  restore(stored: Record<string, T>): void {
    const learnt = new Map(this.entries);
    this.entries.clear();
    for (const [key, value] of Object.entries(stored)) this.entries.set(key, value);
    for (const [key, value] of learnt) this.entries.set(key, { ...this.entries.get(key), ...value });
  }

  get(key: string): T | undefined {
    return this.entries.get(key);
  }

  set(key: string, correction: T): void {
    const merged = { ...this.entries.get(key), ...correction };
    this.entries.delete(key);
    this.entries.set(key, merged);
    while (this.entries.size > this.limit) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
    this.persist(Object.fromEntries(this.entries));
  }
}
