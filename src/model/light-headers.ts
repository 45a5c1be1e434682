// The WHATWG Headers class, small. On Node 20 the global `Headers` lives in undici, which Node loads
// on first touch (~25 ms, before the first model request can leave). The CLI bundle substitutes this
// class for the global one (scripts/build.mjs, `inject`); the AI SDK only builds, reads and iterates
// header lists, which is what this implements: case-insensitive names, values combined with ", ",
// iteration sorted by name, `set-cookie` kept apart.

type HeaderPairs = Iterable<readonly [string, string]>;
export type LightHeadersInit = LightHeaders | HeaderPairs | Record<string, string | readonly string[] | undefined>;

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

function checkedName(name: string): string {
  if (!TOKEN.test(name)) throw new TypeError(`invalid header name: "${name}"`);
  return name.toLowerCase();
}

function checkedValue(value: string): string {
  const trimmed = String(value).replace(/^[\t\n\r ]+|[\t\n\r ]+$/g, '');
  if (/[\0\r\n]/.test(trimmed)) throw new TypeError('invalid header value: it contains a line break or NUL');
  return trimmed;
}

export class LightHeaders {
  readonly #values = new Map<string, string[]>();

  constructor(init?: LightHeadersInit | null) {
    if (init === undefined || init === null) return;
    if (typeof (init as { forEach?: unknown }).forEach === 'function' && !Array.isArray(init)) {
      (init as LightHeaders).forEach((value, name) => this.append(name, value));
    } else if (typeof (init as HeaderPairs)[Symbol.iterator] === 'function') {
      for (const pair of init as HeaderPairs) {
        if (pair.length !== 2) throw new TypeError('a header pair must have exactly a name and a value');
        this.append(pair[0], pair[1]);
      }
    } else {
      for (const [name, value] of Object.entries(init as Record<string, string | readonly string[] | undefined>)) {
        if (value === undefined) continue;
        for (const one of typeof value === 'string' ? [value] : value) this.append(name, one);
      }
    }
  }

  append(name: string, value: string): void {
    const key = checkedName(name);
    const list = this.#values.get(key);
    if (list) list.push(checkedValue(value));
    else this.#values.set(key, [checkedValue(value)]);
  }

  set(name: string, value: string): void {
    this.#values.set(checkedName(name), [checkedValue(value)]);
  }

  get(name: string): string | null {
    return this.#values.get(name.toLowerCase())?.join(', ') ?? null;
  }

  has(name: string): boolean {
    return this.#values.has(name.toLowerCase());
  }

  delete(name: string): void {
    this.#values.delete(name.toLowerCase());
  }

  getSetCookie(): string[] {
    return [...(this.#values.get('set-cookie') ?? [])];
  }

  forEach(callback: (value: string, name: string, headers: LightHeaders) => void, thisArg?: unknown): void {
    for (const [name, value] of this) callback.call(thisArg, value, name, this);
  }

  *entries(): IterableIterator<[string, string]> {
    for (const name of [...this.#values.keys()].sort()) {
      const values = this.#values.get(name) ?? [];
      if (name === 'set-cookie') for (const value of values) yield [name, value];
      else yield [name, values.join(', ')];
    }
  }

  *keys(): IterableIterator<string> {
    for (const [name] of this.entries()) yield name;
  }

  *values(): IterableIterator<string> {
    for (const [, value] of this.entries()) yield value;
  }

  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.entries();
  }

  get [Symbol.toStringTag](): string {
    return 'Headers';
  }
}
