import { describe, expect, it } from 'vitest';
import { hashString } from '../../../../model/kernel/fingerprint.ts';

describe('hashString', () => {
  it('is pinned: fingerprints in counterexample files must not change between versions', () => {
    expect(hashString('')).toBe('811c9dc501000193');
    expect(hashString('a')).toBe('e40c292c3358056a');
    expect(hashString('kmc')).toBe('52021e1263a52b49');
    expect(hashString('{"nowMs":0}')).toBe('0596eb3740712ed3');
  });

  it('gives 16 lowercase hex digits', () => {
    for (const text of ['', 'x', 'a much longer string with unicode: ⇄ → é', '0'.repeat(10000)]) {
      expect(hashString(text)).toMatch(/^[0-9a-f]{16}$/);
    }
  });

  it('is a function of the text: equal strings, equal hashes', () => {
    const text = JSON.stringify({ a: [1, 2, 3], b: 'c' });
    expect(hashString(text)).toBe(hashString(JSON.stringify({ a: [1, 2, 3], b: 'c' })));
  });

  it('separates near-identical states', () => {
    const hashes = new Set<string>();
    for (let i = 0; i < 1000; i++) hashes.add(hashString(`{"offset":${i}}`));
    expect(hashes.size).toBe(1000);
    expect(hashString('ab')).not.toBe(hashString('ba'));
  });
});
