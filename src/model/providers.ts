// Resolves "provider/model" to an AI SDK language model. Provider packages are imported lazily,
// so a run pays only for the one it uses.
import type { LanguageModelV3 } from '@ai-sdk/provider';
import type { Config, ProviderConfig } from '../core/config.js';
import { SummonError } from '../core/errors.js';
import type { Wire } from './thinking.js';
import { httpFetch } from './http-fetch.js';

interface BuiltinProvider {
  wire: Wire;
  /** Where the key usually lives; undefined for local servers that need none. */
  keyEnv?: string;
  baseUrl?: string;
  /** Providers that share another's credentials (openai-chat uses openai's). */
  credentialsOf?: string;
}

/** Built-in providers. Any other name works when config gives it a type and baseUrl. */
export const BUILTIN_PROVIDERS: Readonly<Record<string, BuiltinProvider>> = {
  openai: { wire: 'openai', keyEnv: 'OPENAI_API_KEY' },
  'openai-chat': { wire: 'openai-chat', keyEnv: 'OPENAI_API_KEY', credentialsOf: 'openai' },
  anthropic: { wire: 'anthropic', keyEnv: 'ANTHROPIC_API_KEY' },
  google: { wire: 'google', keyEnv: 'GEMINI_API_KEY' },
  openrouter: { wire: 'openai-compatible', keyEnv: 'OPENROUTER_API_KEY', baseUrl: 'https://openrouter.ai/api/v1' },
  deepseek: { wire: 'openai-compatible', keyEnv: 'DEEPSEEK_API_KEY', baseUrl: 'https://api.deepseek.com/v1' },
  ollama: { wire: 'openai-compatible', baseUrl: 'http://127.0.0.1:11434/v1' },
  lmstudio: { wire: 'openai-compatible', baseUrl: 'http://127.0.0.1:1234/v1' },
  llamacpp: { wire: 'openai-compatible', baseUrl: 'http://127.0.0.1:8080/v1' },
  vllm: { wire: 'openai-compatible', baseUrl: 'http://127.0.0.1:8000/v1' },
};

export interface ResolvedProvider {
  providerName: string;
  modelName: string;
  wire: Wire;
  baseUrl?: string;
  apiKey?: string;
  headers?: Record<string, string>;
}

export function splitModelId(modelId: string): { providerName: string; modelName: string } {
  const slash = modelId.indexOf('/');
  if (slash <= 0 || slash === modelId.length - 1) {
    throw new SummonError('usage', `model "${modelId}" is not of the form provider/model`, {
      hint: 'pass e.g. --model anthropic/claude-sonnet-4-5, openai/gpt-5 or ollama/qwen3-coder',
    });
  }
  return { providerName: modelId.slice(0, slash), modelName: modelId.slice(slash + 1) };
}

/** Checks provider, key and URL before anything is sent; errors say which variable or flag to set. */
export function resolveProvider(modelId: string | undefined, providers: Config['providers'], env: Readonly<Record<string, string | undefined>>): ResolvedProvider {
  if (!modelId) {
    throw new SummonError('no-provider', 'no model configured', {
      hint: 'pass --model provider/model (e.g. --model anthropic/claude-sonnet-4-5 with ANTHROPIC_API_KEY set, or --model ollama/qwen3-coder for a local model), set SUMMON_MODEL, or put "model" in .summon/config.json; `summon demo` runs without any key',
    });
  }
  const { providerName, modelName } = splitModelId(modelId);
  const builtin = BUILTIN_PROVIDERS[providerName];
  const own: ProviderConfig = providers[providerName] ?? {};
  const shared: ProviderConfig = builtin?.credentialsOf ? (providers[builtin.credentialsOf] ?? {}) : {};
  const wire = own.type ?? builtin?.wire;
  if (!wire) {
    throw new SummonError('no-provider', `unknown provider "${providerName}" in model "${modelId}"`, {
      hint: `use one of ${Object.keys(BUILTIN_PROVIDERS).join(', ')}, or add "providers": {"${providerName}": {"type": "openai-compatible", "baseUrl": "http://…/v1"}} to .summon/config.json`,
    });
  }
  const baseUrl = own.baseUrl ?? shared.baseUrl ?? builtin?.baseUrl;
  if (wire === 'openai-compatible' && !baseUrl) {
    throw new SummonError('no-provider', `provider "${providerName}" has no baseUrl`, {
      hint: `set providers.${providerName}.baseUrl in .summon/config.json (e.g. "http://127.0.0.1:8000/v1")`,
    });
  }
  const keyEnv = own.apiKeyEnv ?? builtin?.keyEnv;
  const apiKey = own.apiKey ?? shared.apiKey ?? (keyEnv ? env[keyEnv] : undefined);
  if (!apiKey && builtin?.keyEnv && !own.baseUrl && !shared.baseUrl) {
    throw new SummonError('no-provider', `no API key for provider "${providerName}"`, {
      hint: `set ${builtin.keyEnv} in the environment, or providers.${builtin.credentialsOf ?? providerName}.apiKey in your user config`,
    });
  }
  const headers = own.headers ?? shared.headers;
  return { providerName, modelName, wire, ...(baseUrl ? { baseUrl } : {}), ...(apiKey ? { apiKey } : {}), ...(headers ? { headers } : {}) };
}

export async function createLanguageModel(resolved: ResolvedProvider): Promise<LanguageModelV3> {
  const { wire, modelName, baseUrl, headers } = resolved;
  // Servers that need no key (local ones, our fake server) still get a placeholder: the SDKs insist.
  const apiKey = resolved.apiKey ?? 'no-key';
  const common = { apiKey, fetch: httpFetch, ...(baseUrl ? { baseURL: baseUrl } : {}), ...(headers ? { headers } : {}) };
  switch (wire) {
    case 'openai':
    case 'openai-chat': {
      const { createOpenAI } = await import('@ai-sdk/openai');
      const provider = createOpenAI(common);
      return wire === 'openai' ? provider.responses(modelName) : provider.chat(modelName);
    }
    case 'anthropic': {
      const { createAnthropic } = await import('@ai-sdk/anthropic');
      return createAnthropic(common)(modelName);
    }
    case 'google': {
      const { createGoogleGenerativeAI } = await import('@ai-sdk/google');
      return createGoogleGenerativeAI(common)(modelName);
    }
    case 'openai-compatible': {
      const { createOpenAICompatible } = await import('@ai-sdk/openai-compatible');
      return createOpenAICompatible({ name: resolved.providerName, baseURL: baseUrl ?? '', apiKey, fetch: httpFetch, ...(headers ? { headers } : {}), includeUsage: true }).chatModel(modelName);
    }
  }
}
