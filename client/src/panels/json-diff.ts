/** A line of one side of a diff: its text and whether it differs from the other side. */
export interface DiffLine {
  text: string;
  changed: boolean;
}

export function pretty(value: unknown): string {
  if (value === undefined) return 'undefined';
  const text = JSON.stringify(value, null, 2) ?? String(value);
  // Short arrays of scalars read better on one line: [0, 1] rather than three lines.
  return text.replace(/\[\s+([^[\]{}]*?)\s+\]/g, (_m, inner: string) => {
    const items = inner.split(/,\s*/);
    return items.length <= 12 ? `[${items.join(', ')}]` : _m;
  });
}

/**
 * Line diff of the two values' pretty JSON (longest common subsequence): every line that is not in
 * the common part is marked changed on its side.
 */
export function diffLines(expected: unknown, actual: unknown): { expected: DiffLine[]; actual: DiffLine[] } {
  const a = pretty(expected).split('\n');
  const b = pretty(actual).split('\n');
  if (a.length * b.length > 250_000) {
    return {
      expected: a.map((text, i) => ({ text, changed: text !== b[i] })),
      actual: b.map((text, i) => ({ text, changed: text !== a[i] })),
    };
  }
  const lcs: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const keepA = new Array<boolean>(a.length).fill(false);
  const keepB = new Array<boolean>(b.length).fill(false);
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      keepA[i++] = true;
      keepB[j++] = true;
    } else if (lcs[i + 1]![j]! >= lcs[i]![j + 1]!) i++;
    else j++;
  }
  return {
    expected: a.map((text, k) => ({ text, changed: !keepA[k] })),
    actual: b.map((text, k) => ({ text, changed: !keepB[k] })),
  };
}
