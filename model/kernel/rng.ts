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
  return items[Math.floor(aleaFirstDraw(seed) * items.length)];
}

/** 2^-32. */
const TWO_TO_MINUS_32 = 2.3283064365386963e-10;
/**
 * Baagøe's Alea, as seedrandom.alea seeds it: its Mash hash starts from this state and hashes
 * ' ' three times (the generator's three initial words, MASH_SPACES) before hashing the seed
 * three times. Computed once at load.
 */
const MASH_START = 0xefc8249d;
const MASH_SPACES = ((): { words: [number, number, number]; state: number } => {
  let state = MASH_START;
  const words: [number, number, number] = [0, 0, 0];
  for (let i = 0; i < 3; i++) {
    state = mashState(state, ' ');
    words[i] = mashWord(state);
  }
  return { words, state };
})();

/** Mash's state after hashing `data` from `state`. */
function mashState(state: number, data: string): number {
  let n = state;
  for (let i = 0; i < data.length; i++) {
    n += data.charCodeAt(i);
    let h = 0.02519603282416938 * n;
    n = h >>> 0;
    h -= n;
    h *= n;
    n = h >>> 0;
    h -= n;
    n += h * 0x100000000;
  }
  return n;
}

/** What Mash answers in `state`: a float in [0, 1). */
function mashWord(state: number): number {
  return (state >>> 0) * TWO_TO_MINUS_32;
}

/**
 * seedrandom.alea(seed)() without building the generator (a run draws one weight per event type
 * from a seed used once): the seeding, then one step of the generator. A unit test holds it equal
 * to seedrandom's over many seeds.
 */
export function aleaFirstDraw(seed: string): number {
  let state = MASH_SPACES.state;
  const words = [0, 0, 0];
  for (let i = 0; i < 3; i++) {
    state = mashState(state, seed);
    words[i] = MASH_SPACES.words[i] - mashWord(state);
    if (words[i] < 0) words[i] += 1;
  }
  // Alea's next() with c = 1: the new third word.
  const t = 2091639 * words[0] + 1 * TWO_TO_MINUS_32;
  return t - (t | 0);
}

/** The seed of a named subsystem, derived from the run's seed. */
export function subSeed(seed: string, subsystem: string): string {
  return `${seed}/${subsystem}`;
}
