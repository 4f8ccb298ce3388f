import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json.js';

/**
 * The definition the text was first made by (and audit chains and stored request hashes
 * were built on): JSON.stringify of a copy with every object's keys sorted and Dates as ISO.
 */
function reference(value: unknown): string {
  const sortKeys = (v: unknown): unknown => {
    if (v === null || typeof v !== 'object') return v;
    if (v instanceof Date) return v.toISOString();
    if (Array.isArray(v)) return v.map(sortKeys);
    const entries = Object.entries(v as Record<string, unknown>)
      .filter(([, x]) => x !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return Object.fromEntries(entries.map(([k, x]) => [k, sortKeys(x)]));
  };
  return JSON.stringify(sortKeys(value));
}

/** A small seeded generator (mulberry32), so a failure names a value that can be replayed. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const KEYS = ['a', 'b', 'Z', 'id', '0', '1', '2', '9', '10', '01', '-1', '1.5', '4294967294', '4294967295', '4294967296', '__proto__', 'é', '中文', '', ' ', 'a"b', 'line\nbreak', '\u{1F600}', 'after'];
const STRINGS = ['', 'x', '占道经营', '"quoted"', 'back\\slash', 'tab\there', '\u0000', '\ud800', '\u{1F600}', '2026-03-02T01:02:03.004Z'];

function valueOf(next: () => number, depth: number): unknown {
  const pick = <T,>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  const kind = Math.floor(next() * (depth > 3 ? 9 : 12));
  switch (kind) {
    case 0:
      return null;
    case 1:
      return undefined;
    case 2:
      return next() < 0.5;
    case 3:
      return pick([0, -0, 1, -1.5, 1e21, 1e-7, Number.MAX_SAFE_INTEGER, Number.NaN, Number.POSITIVE_INFINITY, 0.1 + 0.2]);
    case 4:
    case 5:
      return pick(STRINGS);
    case 6:
      return new Date(Math.floor(next() * 4e12) - 1e12);
    case 7:
      return pick([() => 1, Symbol('s')]);
    case 8:
      return Math.floor(next() * 1000);
    case 9: {
      const list: unknown[] = [];
      const n = Math.floor(next() * 5);
      for (let i = 0; i < n; i += 1) list.push(valueOf(next, depth + 1));
      if (next() < 0.1) list.length += 2; // holes
      return list;
    }
    default: {
      const object: Record<string, unknown> = {};
      const n = Math.floor(next() * 7);
      for (let i = 0; i < n; i += 1) Object.defineProperty(object, pick(KEYS), { value: valueOf(next, depth + 1), enumerable: true, configurable: true, writable: true });
      return object;
    }
  }
}

describe('canonicalJson', () => {
  it('sorts keys at every depth, writes Dates as ISO text and leaves out undefined values', () => {
    expect(canonicalJson({ b: 1, a: { d: [new Date('2026-01-02T03:04:05.006Z'), undefined], c: undefined } })).toBe(
      '{"a":{"d":["2026-01-02T03:04:05.006Z",null]},"b":1}',
    );
  });

  it('lists array-index keys first, in numeric order, as the reference text does', () => {
    expect(canonicalJson({ b: 1, 10: 'x', 9: 'y', '01': 'z', a: 2 })).toBe('{"9":"y","10":"x","01":"z","a":2,"b":1}');
  });

  it('gives exactly the reference text for many random values', () => {
    for (let seed = 1; seed <= 3000; seed += 1) {
      const value = valueOf(random(seed), 0);
      const want = reference(value);
      const got = canonicalJson(value);
      if (got !== want) throw new Error(`seed ${seed}: ${String(got)} ≠ ${String(want)}`);
    }
  });

  it('throws on a BigInt as JSON.stringify does', () => {
    expect(() => canonicalJson({ n: 1n })).toThrow(TypeError);
  });
});
