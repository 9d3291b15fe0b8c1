import seedrandom from 'seedrandom';

/**
 * The only randomness source. One seed makes every choice; subsystems get sub-seeds derived
 * from it by name, so adding draws in one subsystem does not shift another's.
 */
export interface Rng {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [0, bound). */
  int(bound: number): number;
  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T;
  /** true with the given probability. */
  chance(probability: number): boolean;
}

export function createRng(seed: string): Rng {
  const prng = seedrandom.alea(seed);
  return {
    next: () => prng(),
    int(bound: number): number {
      if (!(bound >= 1) || !Number.isInteger(bound)) throw new RangeError(`rng.int bound must be a positive integer, got ${bound}`);
      return Math.floor(prng() * bound);
    },
    pick<T>(items: readonly T[]): T {
      if (items.length === 0) throw new RangeError('rng.pick on an empty array');
      return items[Math.floor(prng() * items.length)];
    },
    chance(probability: number): boolean {
      return prng() < probability;
    },
  };
}

/**
 * createRng(seed).pick(items) without building the Rng: one draw from a seed used once (a run's
 * swarm weight of one event type).
 */
export function pickOnce<T>(seed: string, items: readonly T[]): T {
  if (items.length === 0) throw new RangeError('rng.pick on an empty array');
  return items[Math.floor(seedrandom.alea(seed)() * items.length)];
}

/** The seed of a named subsystem, derived from the run's seed. */
export function subSeed(seed: string, subsystem: string): string {
  return `${seed}/${subsystem}`;
}
