/**
 * Deep copy and hashing of plain data (objects, arrays, strings, numbers, booleans, null): the
 * state representation every model uses. Both walk the value directly instead of going through
 * JSON text, which is what makes exhaustive search affordable.
 */

/** A deep copy of plain data. Objects keep their key order. */
export function clonePlain<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    const length = value.length;
    const copy = new Array(length);
    for (let i = 0; i < length; i++) copy[i] = clonePlain(value[i]);
    return copy as T;
  }
  const copy: Record<string, unknown> = {};
  for (const key in value) copy[key] = clonePlain((value as Record<string, unknown>)[key]);
  return copy as T;
}

/** Running 2×32-bit hash state. */
interface HashState {
  h1: number;
  h2: number;
}

function mixNumber(state: HashState, n: number): void {
  // Integers (the common case) mix exactly; other numbers mix through their text.
  if ((n | 0) === n) {
    state.h1 = Math.imul(state.h1 ^ n, 0x01000193);
    state.h2 = Math.imul(state.h2 ^ (n >>> 16) ^ 0x2f, 0x5bd1e995);
    state.h2 ^= state.h2 >>> 15;
  } else {
    mixString(state, String(n));
  }
}

function mixString(state: HashState, text: string): void {
  let h1 = state.h1 ^ text.length;
  let h2 = state.h2;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    h2 ^= h2 >>> 15;
  }
  state.h1 = h1;
  state.h2 = h2;
}

function mix(state: HashState, value: unknown): void {
  switch (typeof value) {
    case 'number':
      mixNumber(state, 1);
      mixNumber(state, value);
      return;
    case 'string':
      mixNumber(state, 2);
      mixString(state, value);
      return;
    case 'boolean':
      mixNumber(state, value ? 3 : 4);
      return;
    case 'undefined':
      mixNumber(state, 5);
      return;
    default:
      break;
  }
  if (value === null) {
    mixNumber(state, 6);
    return;
  }
  if (Array.isArray(value)) {
    mixNumber(state, 7);
    mixNumber(state, value.length);
    for (let i = 0; i < value.length; i++) mix(state, value[i]);
    return;
  }
  // Object shapes are fixed by the code that builds them, so the key count and each value's type
  // tag stand in for the key names (hashing every key of every state would double the cost).
  const source = value as Record<string, unknown>;
  const keys = Object.keys(source);
  mixNumber(state, 8);
  mixNumber(state, keys.length);
  for (let i = 0; i < keys.length; i++) mix(state, source[keys[i]]);
}

/**
 * A 64-bit hash (16 hex digits) of plain data in key order: equal data built in the same shape
 * hash equal. Top-level keys are hashed by name; nested objects by key count and value types.
 * `skip` names top-level keys to leave out.
 */
export function hashPlain(value: Record<string, unknown>, skip: readonly string[] = []): string {
  const state: HashState = { h1: 0x811c9dc5 | 0, h2: 0x01000193 | 0 };
  mixNumber(state, 8);
  for (const key in value) {
    if (skip.includes(key)) continue;
    mixString(state, key);
    mix(state, value[key]);
  }
  return (state.h1 >>> 0).toString(16).padStart(8, '0') + (state.h2 >>> 0).toString(16).padStart(8, '0');
}

/**
 * A dictionary as [key, value] entries sorted by key: the same entries hash the same in any
 * insertion order. hashPlain hashes nested objects by their values in key order (their key names
 * stand for a fixed shape), which is wrong for a dictionary whose keys appear in the order events
 * first touched them; a model's fingerprint passes such a dictionary through this first.
 */
export function sortedEntries<V>(dictionary: Record<string, V>): [string, V][] {
  return Object.keys(dictionary)
    .sort()
    .map((key) => [key, dictionary[key]]);
}
