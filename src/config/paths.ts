// Dot paths over plain JSON objects: how config fields are named in sources, errors and `summon config`.

export type PathSegment = string | number;

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

const SIMPLE_KEY = /^[A-Za-z0-9_$/-]+$/;

/**
 * `providers.openai.baseUrl`; record keys that hold dots or spaces are quoted so the path stays
 * unambiguous: `models["openai/gpt-4.1"].inputPrice`.
 */
export function formatPath(segments: readonly PathSegment[]): string {
  let out = '';
  for (const segment of segments) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (SIMPLE_KEY.test(segment)) out += out === '' ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}

export interface Leaf {
  segments: string[];
  path: string;
  value: unknown;
}

/** Every leaf of a value: scalars, arrays and empty objects. Undefined values are not leaves. */
export function leaves(value: unknown, prefix: string[] = []): Leaf[] {
  if (value === undefined) return [];
  if (isPlainObject(value)) {
    const keys = Object.keys(value);
    if (keys.length > 0) return keys.flatMap((key) => leaves(value[key], [...prefix, key]));
  }
  return [{ segments: prefix, path: formatPath(prefix), value }];
}

/** The value at a path, or undefined when any step is missing. */
export function valueAt(value: unknown, segments: readonly PathSegment[]): unknown {
  let current = value;
  for (const segment of segments) {
    if (Array.isArray(current) && typeof segment === 'number') current = current[segment];
    else if (isPlainObject(current) && typeof segment === 'string') current = current[segment];
    else return undefined;
  }
  return current;
}

/** Sets a value at a path, creating plain objects on the way. */
export function setAt(target: Record<string, unknown>, segments: readonly string[], value: unknown): void {
  let current = target;
  segments.forEach((segment, index) => {
    if (index === segments.length - 1) {
      current[segment] = value;
      return;
    }
    const next = current[segment];
    if (isPlainObject(next)) current = next;
    else {
      const created: Record<string, unknown> = {};
      current[segment] = created;
      current = created;
    }
  });
}

/** Arrays at these paths accumulate across layers instead of being replaced. */
const ACCUMULATING = new Set(['permissions.allow', 'permissions.ask', 'permissions.deny']);

/** Objects merge key by key; scalars and most arrays from `over` replace; undefined never overrides. */
export function deepMerge(base: unknown, over: unknown, path = ''): unknown {
  if (over === undefined) return base;
  if (Array.isArray(base) && Array.isArray(over) && ACCUMULATING.has(path)) return [...base, ...over];
  if (!isPlainObject(base) || !isPlainObject(over)) return over;
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) merged[key] = deepMerge(base[key], value, path ? `${path}.${key}` : key);
  return merged;
}
