import { describe, expect, it } from 'vitest';
import seedrandom from 'seedrandom';
import { aleaFirstDraw, createRng, pickOnce, subSeed } from '../../../../model/kernel/rng.ts';

function draws(seed: string, count: number): number[] {
  const rng = createRng(seed);
  return Array.from({ length: count }, () => rng.next());
}

describe('createRng', () => {
  it('gives the same sequence for the same seed (seed kmc-1)', () => {
    expect(draws('kmc-1', 50)).toEqual(draws('kmc-1', 50));
  });

  it('gives different sequences for different sub-seeds of one seed', () => {
    const engine = draws(subSeed('kmc-1', 'engine'), 20);
    const faults = draws(subSeed('kmc-1', 'faults'), 20);
    expect(engine).not.toEqual(faults);
    expect(draws('kmc-1', 20)).not.toEqual(engine);
  });

  it('derives sub-seeds by name, stably', () => {
    expect(subSeed('kmc-1', 'engine')).toBe('kmc-1/engine');
    expect(subSeed('kmc-1', 'engine')).not.toBe(subSeed('kmc-2', 'engine'));
  });

  it('draws floats in [0, 1)', () => {
    for (const value of draws('kmc-floats', 2000)) {
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThan(1);
    }
  });

  it('int(bound) stays in [0, bound) and reaches both ends (seed kmc-int)', () => {
    const rng = createRng('kmc-int');
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) {
      const value = rng.int(5);
      expect(Number.isInteger(value)).toBe(true);
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThan(5);
      seen.add(value);
    }
    expect([...seen].sort()).toEqual([0, 1, 2, 3, 4]);
    expect(createRng('kmc-int').int(1)).toBe(0);
  });

  it('int rejects a bound that is not a positive integer, naming it', () => {
    const rng = createRng('kmc-int');
    expect(() => rng.int(0)).toThrow(RangeError);
    expect(() => rng.int(0)).toThrow(/positive integer, got 0/);
    expect(() => rng.int(-3)).toThrow(/got -3/);
    expect(() => rng.int(2.5)).toThrow(/got 2.5/);
    expect(() => rng.int(Number.NaN)).toThrow(RangeError);
  });

  it('pick returns an element of the array and covers all of them (seed kmc-pick)', () => {
    const rng = createRng('kmc-pick');
    const items = ['a', 'b', 'c'] as const;
    const seen = new Set<string>();
    for (let i = 0; i < 300; i++) {
      const item = rng.pick(items);
      expect(items).toContain(item);
      seen.add(item);
    }
    expect(seen.size).toBe(3);
    expect(rng.pick(['only'])).toBe('only');
  });

  it('pick on an empty array throws', () => {
    expect(() => createRng('kmc-pick').pick([])).toThrow(/empty array/);
  });

  it('chance(0) is never true and chance(1) always (seed kmc-chance)', () => {
    const rng = createRng('kmc-chance');
    for (let i = 0; i < 200; i++) {
      expect(rng.chance(0)).toBe(false);
      expect(rng.chance(1)).toBe(true);
    }
  });

  it('aleaFirstDraw(seed) is the first draw of seedrandom.alea(seed), bit for bit (20,000 seeds: run seeds, swarm sub-seeds, empty, non-ASCII)', () => {
    const types = ['deliver', 'timer', 'crash', 'partition', ''];
    for (let i = 0; i < 20_000; i++) {
      const seed = i === 0 ? '' : `${i % 7 === 0 ? 'kmc-é∑' : 'bench'}-${i}/run-${i * 31}/swarm/${i % 2 ? 'fault' : 'event'}:${types[i % types.length]}`;
      expect(aleaFirstDraw(seed)).toBe(seedrandom.alea(seed)());
    }
  });

  it('pickOnce(seed, items) is createRng(seed).pick(items) (seeds pick-0..99)', () => {
    const items = [0, 0.05, 0.3, 1, 4];
    for (let i = 0; i < 100; i++) expect(pickOnce(`pick-${i}`, items)).toBe(createRng(`pick-${i}`).pick(items));
    expect(() => pickOnce('kmc-pick', [])).toThrow(/empty array/);
  });
});
