import { describe, expect, it } from 'vitest';
import { LightHeaders } from '../../src/model/light-headers.js';

// The same calls on the platform's Headers and on ours must agree: the CLI bundle swaps one for the other.
const inits: [string, ConstructorParameters<typeof LightHeaders>[0]][] = [
  ['a record', { 'Content-Type': 'application/json', 'X-Two': ' padded ', Accept: 'a' }],
  ['pairs with repeats', [['accept', 'a'], ['Accept', 'b'], ['set-cookie', 'x=1'], ['Set-Cookie', 'y=2']]],
  ['a record with undefined', { 'x-kept': 'v', 'x-dropped': undefined }],
];

describe('LightHeaders', () => {
  it.each(inits)('agrees with the platform Headers for %s', (_name, init) => {
    const ours = new LightHeaders(init);
    // The platform gets the same input (its records take no undefined values), never our output.
    const platform = new Headers(Array.isArray(init) ? (init as [string, string][]) : (Object.fromEntries(Object.entries(init as Record<string, string | undefined>).filter(([, value]) => value !== undefined)) as Record<string, string>));
    expect([...ours]).toEqual([...platform]);
    for (const name of ['content-type', 'ACCEPT', 'x-two', 'missing']) expect(ours.get(name)).toBe(platform.get(name));
  });

  it('combines repeated values, keeps set-cookie apart, sorts on iteration', () => {
    const headers = new LightHeaders([
      ['B', '2'],
      ['a', '1'],
      ['b', '3'],
      ['Set-Cookie', 'x=1'],
      ['set-cookie', 'y=2'],
    ]);
    expect(headers.get('b')).toBe('2, 3');
    expect([...headers]).toEqual([
      ['a', '1'],
      ['b', '2, 3'],
      ['set-cookie', 'x=1'],
      ['set-cookie', 'y=2'],
    ]);
    expect(headers.getSetCookie()).toEqual(['x=1', 'y=2']);
    expect([...headers.keys()]).toEqual(['a', 'b', 'set-cookie', 'set-cookie']);
  });

  it('sets, deletes, copies and visits', () => {
    const headers = new LightHeaders({ 'User-Agent': 'one' });
    headers.set('user-agent', 'two');
    headers.append('x-a', 'v');
    expect(headers.has('USER-AGENT')).toBe(true);
    const copy = new LightHeaders(headers);
    headers.delete('x-a');
    expect(headers.has('x-a')).toBe(false);
    expect(copy.get('x-a')).toBe('v');
    const visited: string[] = [];
    copy.forEach((value, name) => visited.push(`${name}=${value}`));
    expect(visited).toEqual(['user-agent=two', 'x-a=v']);
    // A platform Headers converts too (the SDK may hand us either).
    expect(new LightHeaders(new Headers({ 'X-P': 'q' })).get('x-p')).toBe('q');
  });

  it('refuses invalid names and values as the platform does', () => {
    expect(() => new LightHeaders({ 'bad name': 'x' })).toThrow(TypeError);
    expect(() => new LightHeaders({ good: 'line\nbreak' })).toThrow(TypeError);
    expect(() => new Headers({ 'bad name': 'x' })).toThrow(TypeError);
  });
});
