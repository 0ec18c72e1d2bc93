import type { CompareMode } from '@duet/shared';

/**
 * Values come out of the sandbox as JSON in which what JSON cannot say is tagged:
 * `{ "$type": "undefined" }`, `{ "$type": "number", "value": "NaN" }`, `{ "$type": "bigint", "value": "12" }`,
 * `{ "$type": "Map", "entries": [...] }`, `{ "$type": "Set", "values": [...] }`, `{ "$type": "function", "name": "f" }`.
 * Comparison happens here, on the host: expected values never enter the sandbox.
 */
export type Wire = unknown;

function tag(value: unknown): string | null {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const t = (value as { $type?: unknown }).$type;
    return typeof t === 'string' ? t : null;
  }
  return null;
}

/** `undefined` compares as `null`, like JSON.stringify writes it inside arrays (LeetCode's void methods). */
function normalize(value: unknown): unknown {
  return tag(value) === 'undefined' ? null : value;
}

function numbersEqual(a: number, b: number, tolerance: number | null): boolean {
  if (a === b) return true;
  if (tolerance === null) return false;
  const diff = Math.abs(a - b);
  return diff <= tolerance || diff <= tolerance * Math.max(Math.abs(a), Math.abs(b));
}

function deepEqual(expected: unknown, actual: unknown, unordered: boolean, tolerance: number | null): boolean {
  expected = normalize(expected);
  actual = normalize(actual);
  if (typeof expected === 'number' && typeof actual === 'number') return numbersEqual(expected, actual, tolerance);
  if (expected === null || actual === null || typeof expected !== 'object' || typeof actual !== 'object') {
    return expected === actual;
  }
  if (Array.isArray(expected) !== Array.isArray(actual)) return false;
  if (Array.isArray(expected) && Array.isArray(actual)) {
    if (expected.length !== actual.length) return false;
    if (!unordered) return expected.every((e, i) => deepEqual(e, actual[i], unordered, tolerance));
    // A multiset match: every expected element pairs with a distinct equal actual element.
    const used = new Array<boolean>(actual.length).fill(false);
    return expected.every((e) => {
      const j = actual.findIndex((a, k) => !used[k] && deepEqual(e, a, unordered, tolerance));
      if (j < 0) return false;
      used[j] = true;
      return true;
    });
  }
  const ek = Object.keys(expected as object);
  const ak = Object.keys(actual as object);
  if (ek.length !== ak.length) return false;
  return ek.every(
    (k) => Object.hasOwn(actual as object, k) && deepEqual((expected as Record<string, unknown>)[k], (actual as Record<string, unknown>)[k], unordered, tolerance),
  );
}

/**
 * Does `actual` match `expected` under the problem's rule? exact: deep equality (object key order
 * ignored); unordered: arrays are compared as multisets at every level; float: numbers within the
 * tolerance (absolute or relative).
 */
export function matches(expected: unknown, actual: Wire, mode: CompareMode): boolean {
  if (mode === 'exact') return deepEqual(expected, actual, false, null);
  if (mode === 'unordered') return deepEqual(expected, actual, true, null);
  return deepEqual(expected, actual, false, mode.float);
}

/** Turn a wire value into plain JSON for display: tags become readable strings. */
export function displayValue(value: Wire): unknown {
  const t = tag(value);
  if (t) {
    const v = value as Record<string, unknown>;
    switch (t) {
      case 'undefined':
        return 'undefined';
      case 'number':
      case 'bigint':
        return t === 'bigint' ? `${String(v.value)}n` : String(v.value);
      case 'function':
        return `[Function${v.name ? `: ${String(v.name)}` : ''}]`;
      case 'Map':
        return { Map: displayValue(v.entries) };
      case 'Set':
        return { Set: displayValue(v.values) };
      default:
        return `[${t}]`;
    }
  }
  if (Array.isArray(value)) return value.map(displayValue);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = displayValue(v);
    return out;
  }
  return value;
}
