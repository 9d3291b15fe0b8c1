/**
 * The building blocks of the fuzz ranges (space.ts): weighted choices, whole numbers in a span,
 * subsets. Each takes the config's own Rng, so a draw is a pure function of the seed.
 */
import type { Rng } from '../../model/kernel/rng.ts';

/** A value and its weight (relative; need not sum to anything). */
export type Weighted<T> = readonly [weight: number, value: T | ((rng: Rng) => T)];

/** One of `choices`, by weight; a function value is called to draw the value itself. */
export function weighted<T>(rng: Rng, choices: readonly Weighted<T>[]): T {
  const total = choices.reduce((sum, [weight]) => sum + weight, 0);
  if (!(total > 0)) throw new RangeError('weighted: the weights must add up to more than 0');
  let remaining = rng.next() * total;
  for (const [weight, value] of choices) {
    if (remaining < weight) return typeof value === 'function' ? (value as (rng: Rng) => T)(rng) : value;
    remaining -= weight;
  }
  const last = choices[choices.length - 1][1];
  return typeof last === 'function' ? (last as (rng: Rng) => T)(rng) : last;
}

/** A whole number from `min` to `max`, both included, uniformly. */
export function between(rng: Rng, min: number, max: number): number {
  if (!(max >= min)) throw new RangeError(`between: max ${max} is below min ${min}`);
  return min + rng.int(max - min + 1);
}

/** `between`, as a draw for `weighted`. */
export const span =
  (min: number, max: number) =>
  (rng: Rng): number =>
    between(rng, min, max);

/** Each item kept with `probability`, in the given order (possibly none). */
export function subset<T>(rng: Rng, items: readonly T[], probability: number): T[] {
  return items.filter(() => rng.chance(probability));
}

/** A subset of `items` with at least one item, in the given order. */
export function nonEmptySubset<T>(rng: Rng, items: readonly T[], probability: number): T[] {
  const kept = subset(rng, items, probability);
  return kept.length > 0 ? kept : [rng.pick(items)];
}

/** `count` distinct items of `items`, in a random order. */
export function distinctPicks<T>(rng: Rng, items: readonly T[], count: number): T[] {
  const pool = [...items];
  const picked: T[] = [];
  while (picked.length < count && pool.length > 0) picked.push(pool.splice(rng.int(pool.length), 1)[0]);
  return picked;
}
