// The OpenAI-compatible providers the options page offers as presets, and each one's known quirks.
// The worker applies the quirks by endpoint, so a hand-typed URL of a known provider gets them too.

/** A fresh install's model: current, the cheapest GPT-6, on no shutdown list (openai SDK 7.57). */
export const DEFAULT_MODEL = 'gpt-6-luna';

export type ProviderId =
  | 'openai'
  | 'openrouter'
  | 'gemini'
  | 'anthropic'
  | 'azure'
  | 'deepseek'
  | 'groq'
  | 'ollama'
  | 'lmstudio'
  | 'other';

export interface ProviderPreset {
  id: ProviderId;
  /** The provider's own name; the options page shows uiProviders' words for those that need some. */
  label: string;
  /** Filled into the endpoint field; Azure's holds a placeholder resource name to replace. */
  baseURL: string;
  /** Where the user makes a key; null for local servers. */
  keyPage: string | null;
  needsKey: boolean;
  /** A model to start with (the endpoint's own list replaces it once loaded). */
  suggestedModel: string;
  /**
   * The embedding model its OpenAI-compatible API offers, for ranking papers; null where it has none
   * (the one-liners' scores rank instead, without trying). Azure's is a deployment name to replace.
   */
  embeddingModel: string | null;
}

export const PROVIDER_PRESETS: readonly ProviderPreset[] = [
  {
    id: 'openai',
    label: 'OpenAI',
    baseURL: 'https://api.openai.com/v1',
    keyPage: 'https://platform.openai.com/api-keys',
    needsKey: true,
    suggestedModel: DEFAULT_MODEL,
    embeddingModel: 'text-embedding-3-small',
  },
  {
    id: 'openrouter',
    label: 'OpenRouter',
    baseURL: 'https://openrouter.ai/api/v1',
    keyPage: 'https://openrouter.ai/settings/keys',
    needsKey: true,
    suggestedModel: 'openai/gpt-6-luna',
    embeddingModel: 'openai/text-embedding-3-small',
  },
  {
    id: 'gemini',
    label: 'Google Gemini',
    baseURL: 'https://generativelanguage.googleapis.com/v1beta/openai',
    keyPage: 'https://aistudio.google.com/apikey',
    needsKey: true,
    suggestedModel: 'gemini-2.5-flash',
    embeddingModel: 'gemini-embedding-001',
  },
  {
    id: 'anthropic',
    label: 'Anthropic (Claude)',
    baseURL: 'https://api.anthropic.com/v1',
    keyPage: 'https://console.anthropic.com/settings/keys',
    needsKey: true,
    suggestedModel: 'claude-haiku-4-5',
    embeddingModel: null,
  },
  {
    id: 'azure',
    label: 'Azure OpenAI',
    baseURL: 'https://RESOURCE.openai.azure.com/openai/v1',
    keyPage: 'https://portal.azure.com/#view/Microsoft_Azure_ProjectOxford/CognitiveServicesHub/~/OpenAI',
    needsKey: true,
    suggestedModel: '',
    embeddingModel: 'text-embedding-3-small',
  },
  {
    id: 'deepseek',
    label: 'DeepSeek',
    baseURL: 'https://api.deepseek.com/v1',
    keyPage: 'https://platform.deepseek.com/api_keys',
    needsKey: true,
    suggestedModel: 'deepseek-chat',
    embeddingModel: null,
  },
  {
    id: 'groq',
    label: 'Groq',
    baseURL: 'https://api.groq.com/openai/v1',
    keyPage: 'https://console.groq.com/keys',
    needsKey: true,
    suggestedModel: 'openai/gpt-oss-20b',
    embeddingModel: null,
  },
  {
    id: 'ollama',
    label: 'Ollama',
    baseURL: 'http://localhost:11434/v1',
    keyPage: null,
    needsKey: false,
    suggestedModel: 'qwen3:8b',
    embeddingModel: 'nomic-embed-text',
  },
  {
    id: 'lmstudio',
    label: 'LM Studio',
    baseURL: 'http://localhost:1234/v1',
    keyPage: null,
    needsKey: false,
    suggestedModel: '',
    embeddingModel: 'text-embedding-nomic-embed-text-v1.5',
  },
  {
    id: 'other',
    label: 'OpenAI-compatible',
    baseURL: '',
    keyPage: null,
    needsKey: true,
    suggestedModel: '',
    embeddingModel: 'text-embedding-3-small',
  },
];

export function presetById(id: ProviderId): ProviderPreset {
  return PROVIDER_PRESETS.find((preset) => preset.id === id) ?? (PROVIDER_PRESETS.at(-1) as ProviderPreset);
}

/** Which provider an endpoint URL belongs to, by host (and port for local servers). */
export function providerOfEndpoint(baseURL: string): ProviderId {
  let url: URL;
  try {
    url = new URL(baseURL);
  } catch {
    return 'other';
  }
  const host = url.hostname.toLowerCase();
  if (host === 'api.openai.com') return 'openai';
  if (host === 'openrouter.ai') return 'openrouter';
  if (host === 'generativelanguage.googleapis.com') return 'gemini';
  if (host === 'api.anthropic.com') return 'anthropic';
  if (/\.(openai\.azure\.com|cognitiveservices\.azure\.com|services\.ai\.azure\.com)$/.test(host))
    return 'azure';
  if (host === 'api.deepseek.com') return 'deepseek';
  if (host === 'api.groq.com') return 'groq';
  if (url.port === '11434') return 'ollama';
  if (url.port === '1234') return 'lmstudio';
  return 'other';
}

/**
 * Whose quirks apply: a known host decides; behind an unknown host (a company gateway, a proxy) the
 * preset the user chose does.
 */
export function effectiveProvider(chosen: ProviderId, baseURL: string): ProviderId {
  const byHost = providerOfEndpoint(baseURL);
  return byHost === 'other' ? chosen : byHost;
}

/** The provider's usual embedding model for this endpoint, or null where it has none. */
export function defaultEmbeddingModel(chosen: ProviderId, baseURL: string): string | null {
  return presetById(effectiveProvider(chosen, baseURL)).embeddingModel;
}

/** Headers a provider needs on every request from a browser extension. */
export function providerHeaders(provider: ProviderId, apiKey: string): Record<string, string> {
  switch (provider) {
    case 'anthropic':
      // Anthropic refuses browser-origin requests without this opt-in (401 "CORS requests must set…").
      return { 'anthropic-dangerous-direct-browser-access': 'true' };
    case 'azure':
      // Azure's deployment URLs authenticate with `api-key`; its v1 URLs take the Bearer header too.
      return { 'api-key': apiKey };
    case 'openrouter':
      return { 'X-Title': 'Daily Papers KO' };
    default:
      return {};
  }
}
