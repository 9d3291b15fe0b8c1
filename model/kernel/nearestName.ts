/**
 * "Did you mean" hints: the candidate nearest to a mistyped name, by edit distance. Used for
 * scenario names, property names, file fields, flags and commands.
 */

/** Levenshtein distance between two strings. */
export function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length];
}

/** The candidate nearest to `name` (the first one on ties), or undefined when there are none. */
export function nearestName(name: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = editDistance(name, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** `; did you mean "x"?`, or an empty string when there is no candidate. */
export function didYouMean(name: string, candidates: readonly string[], quote = '"'): string {
  const nearest = nearestName(name, candidates);
  return nearest === undefined ? '' : `; did you mean ${quote}${nearest}${quote}?`;
}
