/**
 * Delta debugging over the keys a config changed from its base: revert keys to the base while
 * the finding still shows, until no single key can be reverted (1-minimal). `test(kept)` re-runs
 * a bounded, deterministic search on the base plus the `kept` changes, and returns what it found
 * (the evidence) or null. The empty set (the base itself) is tried first; then chunks of half
 * the keys, a quarter, ... one key, again until a sweep reverts nothing.
 *
 * Deterministic: the order of attempts depends only on the keys and the test's answers. Bounded
 * by attemptsMax re-searches; `expired` (a wall-clock budget) may cut it short, which the result
 * says.
 */
export interface KeyMinimisation<T> {
  /** The keys still changed, in the given order. */
  kept: string[];
  /** The evidence for `kept`: the last successful test, or null when none succeeded (kept = all). */
  evidence: T | null;
  /** Tests run. */
  attempts: number;
  /** True when no key of `kept` can be reverted; false when a bound cut the search short. */
  complete: boolean;
}

export interface KeyMinimiseOptions {
  attemptsMax: number;
  /** Checked before each test; true ends the search early (incomplete). */
  expired?: () => boolean;
}

export function minimiseKeys<T>(keys: readonly string[], test: (kept: readonly string[]) => T | null, options: KeyMinimiseOptions): KeyMinimisation<T> {
  let kept = [...keys];
  let evidence: T | null = null;
  let attempts = 0;
  const cut = (): boolean => attempts >= options.attemptsMax || (options.expired?.() ?? false);
  const tryKeeping = (candidate: string[]): boolean => {
    attempts++;
    const found = test(candidate);
    if (found === null) return false;
    kept = candidate;
    evidence = found;
    return true;
  };

  if (kept.length === 0) return { kept, evidence, attempts, complete: true };
  if (cut()) return { kept, evidence, attempts, complete: false };
  if (tryKeeping([])) return { kept, evidence, attempts, complete: true };

  for (let reverted = true; reverted; ) {
    reverted = false;
    for (let chunk = Math.max(1, Math.floor(kept.length / 2)); chunk >= 1; chunk = Math.floor(chunk / 2)) {
      for (let start = 0; start < kept.length; ) {
        const candidate = [...kept.slice(0, start), ...kept.slice(start + chunk)];
        // The empty set (the base) was tried first.
        if (candidate.length === 0) {
          start += chunk;
          continue;
        }
        if (cut()) return { kept, evidence, attempts, complete: false };
        if (tryKeeping(candidate)) reverted = true;
        else start += chunk;
      }
    }
  }
  return { kept, evidence, attempts, complete: true };
}
