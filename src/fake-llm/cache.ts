// Prompt caching as each provider documents it, simulated per server: a request body becomes an
// ordered list of prompt blocks (in the order the provider caches them, each with a token estimate),
// and the cache answers how many of its tokens were read from, or written to, earlier requests' prefixes.
//
// - Anthropic Messages: explicit `cache_control` breakpoints (at most 4, more is a 400). The prefix
//   ending at each breakpoint is written; a request reads the longest written prefix ending at one of
//   its breakpoints or at a block boundary up to 20 blocks before one. Prefixes under the model's
//   minimum (1024 tokens, 2048 for Haiku) are never cached. A top-level `cache_control` (automatic
//   caching) puts a breakpoint on the last block.
// - OpenAI Chat and Responses: automatic; every prefix is remembered per `prompt_cache_key` (and
//   model); a request of 1024 tokens or more reads its longest remembered prefix, in steps of 128.
// - Gemini: implicit; every prefix is remembered per model; a request reads its longest remembered
//   prefix once that is at least 1024 tokens (4096 for Pro models).
//
// Not simulated: expiry (an entry lives as long as the server), TTLs, and the cache invalidation
// Anthropic documents for changed tool_choice, thinking settings or images. Caches are per model.
import type { FakeProtocol } from './types.js';

/** What one request got from the cache, as the server records it. */
export interface CacheOutcome {
  /** Prompt tokens read from the cache. */
  readTokens: number;
  /** Prompt tokens written to the cache (Anthropic only; the other providers do not report writes). */
  writeTokens: number;
  /** All prompt tokens, read and written ones included: the sum of the block estimates. */
  inputTokens: number;
  /** `cache_control` breakpoints in the request (Anthropic; 0 elsewhere). */
  breakpoints: number;
}

export interface CacheBlock {
  /** Stable JSON of the block (without its cache marker): its identity and what its tokens are estimated from. */
  json: string;
  tokens: number;
  /** The block carries a cache breakpoint (Anthropic `cache_control`). */
  breakpoint: boolean;
}

export interface CachePrompt {
  protocol: FakeProtocol;
  /** Requests share cached prefixes only within one namespace (model, and OpenAI's prompt_cache_key). */
  namespace: string;
  blocks: CacheBlock[];
  /** Smallest prefix, in tokens, the provider caches. */
  minimumTokens: number;
  /** `cache_control` markers the request carries (Anthropic; 0 elsewhere). */
  breakpoints: number;
}

/** A request the provider would reject for its cache markers, with the status and message the real API sends. */
export interface CacheRejection {
  status: number;
  message: string;
}

export const ANTHROPIC_MAX_BREAKPOINTS = 4;
/** How many block boundaries before a breakpoint Anthropic checks for an earlier cache entry. */
export const ANTHROPIC_LOOKBACK_BLOCKS = 20;
export const OPENAI_MINIMUM_TOKENS = 1024;
export const OPENAI_CACHE_STEP = 128;

/** The fake's token estimate everywhere: characters / 4, rounded up. */
export const estimateTokens = (characters: number): number => Math.ceil(characters / 4);

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const arrayOf = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const stringOf = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** JSON with object keys sorted, so key order never changes a block's identity. */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((item) => (item === undefined ? 'null' : stableJson(item))).join(',')}]`;
  if (isObject(value)) {
    const fields = Object.keys(value)
      .sort()
      .filter((key) => value[key] !== undefined)
      .map((key) => `${JSON.stringify(key)}:${stableJson(value[key])}`);
    return `{${fields.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** The value without `cache_control` at any depth, and how many markers were removed. */
function stripCacheControl(value: unknown): { value: unknown; markers: number } {
  if (Array.isArray(value)) {
    let markers = 0;
    const items = value.map((item) => {
      const stripped = stripCacheControl(item);
      markers += stripped.markers;
      return stripped.value;
    });
    return { value: items, markers };
  }
  if (!isObject(value)) return { value, markers: 0 };
  let markers = 0;
  const out: Json = {};
  for (const [key, field] of Object.entries(value)) {
    if (key === 'cache_control') {
      if (field !== undefined && field !== null) markers += 1;
      continue;
    }
    const stripped = stripCacheControl(field);
    markers += stripped.markers;
    out[key] = stripped.value;
  }
  return { value: out, markers };
}

interface Marked {
  block: CacheBlock;
  markers: number;
}

function block(value: unknown): Marked {
  const stripped = stripCacheControl(value);
  const json = stableJson(stripped.value);
  return { block: { json, tokens: estimateTokens(json.length), breakpoint: stripped.markers > 0 }, markers: stripped.markers };
}

/** Anthropic Messages: tools → system → every content block of every message. */
function anthropicPrompt(body: Json, model: string): CachePrompt | CacheRejection {
  const marked: Marked[] = [];
  for (const tool of arrayOf(body.tools)) marked.push(block(tool));
  const system = body.system;
  if (typeof system === 'string') marked.push(block(system));
  else for (const part of arrayOf(system)) marked.push(block(part));
  for (const message of arrayOf(body.messages)) {
    if (!isObject(message)) continue;
    const role = stringOf(message.role) ?? 'user';
    const content = message.content;
    if (typeof content === 'string') marked.push(block({ role, content }));
    else for (const part of arrayOf(content)) marked.push(block({ role, content: part }));
  }
  // Automatic caching: a top-level cache_control marks the last block, taking one of the 4 slots.
  const last = marked.at(-1);
  if (isObject(body.cache_control) && last !== undefined && !last.block.breakpoint) {
    last.block.breakpoint = true;
    last.markers += 1;
  }
  const breakpoints = marked.reduce((sum, entry) => sum + entry.markers, 0);
  if (breakpoints > ANTHROPIC_MAX_BREAKPOINTS) {
    return { status: 400, message: `A maximum of ${ANTHROPIC_MAX_BREAKPOINTS} blocks with cache_control may be provided. Found ${breakpoints}.` };
  }
  return {
    protocol: 'anthropic',
    namespace: `anthropic\u0000${model}`,
    blocks: marked.map((entry) => entry.block),
    minimumTokens: anthropicMinimumTokens(model),
    breakpoints,
  };
}

/** Anthropic's smallest cacheable prompt: 1024 tokens for Sonnet and Opus, 2048 for Haiku. */
export function anthropicMinimumTokens(model: string): number {
  return model.toLowerCase().includes('haiku') ? 2048 : 1024;
}

/** Gemini implicit caching's minimum: 1024 tokens for Flash models, 4096 for Pro. */
export function geminiMinimumTokens(model: string): number {
  return model.toLowerCase().includes('pro') ? 4096 : 1024;
}

function openAiNamespace(protocol: FakeProtocol, body: Json, model: string): string {
  return `${protocol}\u0000${model}\u0000${stringOf(body.prompt_cache_key) ?? ''}`;
}

/** OpenAI Chat Completions: tools → every message (the system message is the first). */
function openAiChatPrompt(body: Json, model: string): CachePrompt {
  const blocks = [...arrayOf(body.tools), ...arrayOf(body.messages)].map((value) => block(value).block);
  return { protocol: 'openai-chat', namespace: openAiNamespace('openai-chat', body, model), blocks, minimumTokens: OPENAI_MINIMUM_TOKENS, breakpoints: 0 };
}

/** OpenAI Responses: tools → instructions → every input item (a string input is one). */
function openAiResponsesPrompt(body: Json, model: string): CachePrompt {
  const values: unknown[] = [...arrayOf(body.tools)];
  if (typeof body.instructions === 'string') values.push({ instructions: body.instructions });
  if (typeof body.input === 'string') values.push(body.input);
  else values.push(...arrayOf(body.input));
  const blocks = values.map((value) => block(value).block);
  return { protocol: 'openai-responses', namespace: openAiNamespace('openai-responses', body, model), blocks, minimumTokens: OPENAI_MINIMUM_TOKENS, breakpoints: 0 };
}

/** Gemini: each function declaration (or other tool) → systemInstruction → every part of every content. */
function googlePrompt(body: Json, model: string): CachePrompt {
  const values: unknown[] = [];
  for (const tool of arrayOf(body.tools)) {
    if (isObject(tool) && Array.isArray(tool.functionDeclarations)) values.push(...tool.functionDeclarations.map((declaration: unknown) => ({ functionDeclaration: declaration })));
    else values.push(tool);
  }
  if (body.systemInstruction !== undefined) values.push({ systemInstruction: body.systemInstruction });
  for (const content of arrayOf(body.contents)) {
    if (!isObject(content)) continue;
    const role = stringOf(content.role) ?? 'user';
    for (const part of arrayOf(content.parts)) values.push({ role, part });
  }
  const blocks = values.map((value) => block(value).block);
  return { protocol: 'google', namespace: `google\u0000${model}`, blocks, minimumTokens: geminiMinimumTokens(model), breakpoints: 0 };
}

/**
 * The request's prompt blocks in caching order, or the provider's rejection of its cache markers.
 * `model` is the model named outside the body (Gemini's path); otherwise the body's `model`.
 */
export function promptOf(protocol: FakeProtocol, body: unknown, model?: string): { ok: true; prompt: CachePrompt } | ({ ok: false } & CacheRejection) {
  const fields = isObject(body) ? body : {};
  const name = model ?? stringOf(fields.model) ?? 'fake-model';
  switch (protocol) {
    case 'anthropic': {
      const result = anthropicPrompt(fields, name);
      return 'blocks' in result ? { ok: true, prompt: result } : { ok: false, ...result };
    }
    case 'openai-chat':
      return { ok: true, prompt: openAiChatPrompt(fields, name) };
    case 'openai-responses':
      return { ok: true, prompt: openAiResponsesPrompt(fields, name) };
    case 'google':
      return { ok: true, prompt: googlePrompt(fields, name) };
  }
}

export interface PromptCache {
  /** Looks the prompt up and stores what this provider stores for it; call once per served request. */
  serve(prompt: CachePrompt): CacheOutcome;
}

/**
 * One server's cache. Prefixes are nodes of a trie keyed by exact block JSON (no hashing, so no
 * false hits); `stored` holds the prefixes the provider has cached.
 */
export function createPromptCache(): PromptCache {
  const blockIds = new Map<string, number>();
  const children = new Map<string, number>();
  const stored = new Set<number>();
  let nextId = 0;
  const intern = (map: Map<string, number>, key: string): number => {
    let id = map.get(key);
    if (id === undefined) {
      id = nextId++;
      map.set(key, id);
    }
    return id;
  };

  /** The node id of every prefix, ending after block i, and the running token sums. */
  const prefixesOf = (prompt: CachePrompt): { ids: number[]; sums: number[] } => {
    let node = intern(children, `root\u0000${prompt.namespace}`);
    let sum = 0;
    const ids: number[] = [];
    const sums: number[] = [];
    for (const entry of prompt.blocks) {
      node = intern(children, `${node}:${intern(blockIds, entry.json)}`);
      sum += entry.tokens;
      ids.push(node);
      sums.push(sum);
    }
    return { ids, sums };
  };

  return {
    serve(prompt) {
      const { ids, sums } = prefixesOf(prompt);
      const inputTokens = sums.at(-1) ?? 0;
      const tokensThrough = (index: number): number => (index < 0 ? 0 : (sums[index] ?? 0));
      if (prompt.protocol === 'anthropic') {
        const breakpoints = prompt.blocks.flatMap((entry, index) => (entry.breakpoint ? [index] : []));
        let read = -1;
        for (const at of breakpoints) {
          for (let index = at; index >= Math.max(0, at - ANTHROPIC_LOOKBACK_BLOCKS); index -= 1) {
            const id = ids[index];
            if (id !== undefined && stored.has(id)) {
              read = Math.max(read, index);
              break;
            }
          }
        }
        const last = breakpoints.at(-1) ?? -1;
        const readTokens = tokensThrough(read);
        const writeTokens = last > read && tokensThrough(last) >= prompt.minimumTokens ? tokensThrough(last) - readTokens : 0;
        for (const at of breakpoints) {
          const id = ids[at];
          if (id !== undefined && tokensThrough(at) >= prompt.minimumTokens) stored.add(id);
        }
        return { readTokens, writeTokens, inputTokens, breakpoints: prompt.breakpoints };
      }
      let longest = -1;
      for (let index = ids.length - 1; index >= 0; index -= 1) {
        const id = ids[index];
        if (id !== undefined && stored.has(id)) {
          longest = index;
          break;
        }
      }
      for (const id of ids) stored.add(id);
      const matched = tokensThrough(longest);
      const eligible = inputTokens >= prompt.minimumTokens && matched >= prompt.minimumTokens;
      const isOpenAi = prompt.protocol === 'openai-chat' || prompt.protocol === 'openai-responses';
      const readTokens = !eligible ? 0 : isOpenAi ? Math.floor(matched / OPENAI_CACHE_STEP) * OPENAI_CACHE_STEP : matched;
      return { readTokens: Math.min(readTokens, inputTokens), writeTokens: 0, inputTokens, breakpoints: prompt.breakpoints };
    },
  };
}
