import { describe, expect, test } from 'vitest';
import { minimiseKeys } from '../../../../checker/fuzz/minimiseKeys.ts';

const KEYS = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];

/** A finding that shows while `needed` are all changed; the evidence is the kept set. */
const needs =
  (...needed: string[]) =>
  (kept: readonly string[]): string | null =>
    needed.every((key) => kept.includes(key)) ? kept.join(',') : null;

describe('minimiseKeys (delta debugging over changed keys)', () => {
  test('keeps exactly the keys the finding needs (1-minimal), with the evidence of the last success', () => {
    const result = minimiseKeys(KEYS, needs('b', 'f'), { attemptsMax: 100 });
    expect(result).toMatchObject({ kept: ['b', 'f'], evidence: 'b,f', complete: true });
    expect(result.attempts).toBeLessThan(20);
  });

  test('tries the base (no key) first: a finding of the base itself keeps nothing', () => {
    const tried: string[][] = [];
    const result = minimiseKeys(KEYS, (kept) => (tried.push([...kept]), 'base'), { attemptsMax: 100 });
    expect(result).toEqual({ kept: [], evidence: 'base', attempts: 1, complete: true });
    expect(tried).toEqual([[]]);
  });

  test('a finding that needs every key keeps them all, without evidence of its own', () => {
    const result = minimiseKeys(['a', 'b', 'c'], needs('a', 'b', 'c'), { attemptsMax: 100 });
    expect(result).toMatchObject({ kept: ['a', 'b', 'c'], evidence: null, complete: true });
  });

  test('one key that the base does not show: one test (the base), and the key stays', () => {
    const result = minimiseKeys(['a'], needs('a'), { attemptsMax: 100 });
    expect(result).toEqual({ kept: ['a'], evidence: null, attempts: 1, complete: true });
  });

  test('a key that shows only with another (a config rule): both stay', () => {
    const result = minimiseKeys(KEYS, (kept) => (kept.includes('c') && kept.includes('d') ? 'x' : null), { attemptsMax: 100 });
    expect(result.kept).toEqual(['c', 'd']);
  });

  test('attemptsMax and expired cut it short, keeping the best so far and saying so', () => {
    const bounded = minimiseKeys(KEYS, needs('b'), { attemptsMax: 2 });
    expect(bounded.attempts).toBe(2);
    expect(bounded.complete).toBe(false);
    expect(bounded.kept).toContain('b');
    const expired = minimiseKeys(KEYS, needs('b'), { attemptsMax: 100, expired: () => true });
    expect(expired).toEqual({ kept: KEYS, evidence: null, attempts: 0, complete: false });
  });

  test('deterministic: the same answers give the same attempts in the same order', () => {
    const order = (): string[] => {
      const tried: string[] = [];
      minimiseKeys(KEYS, (kept) => (tried.push(kept.join('')), needs('a', 'g')(kept)), { attemptsMax: 100 });
      return tried;
    };
    expect(order()).toEqual(order());
  });
});
