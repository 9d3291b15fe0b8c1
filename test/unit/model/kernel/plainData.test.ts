import { describe, expect, it } from 'vitest';
import { clonePlain, hashPlain } from '../../../../model/kernel/plainData.ts';

const sample = () => ({ a: 1, b: [1, 2, { c: 'x', d: null, e: true }], f: { g: -3, h: 2.5 }, config: { big: true } });

describe('clonePlain', () => {
  it('copies deeply: changing the copy leaves the original alone', () => {
    const original = sample();
    const copy = clonePlain(original);
    expect(copy).toEqual(original);
    (copy.b[2] as { c: string }).c = 'changed';
    copy.f.g = 99;
    expect(original).toEqual(sample());
  });
});

describe('hashPlain', () => {
  it('gives equal data equal hashes, 16 hex digits', () => {
    expect(hashPlain(sample())).toBe(hashPlain(sample()));
    expect(hashPlain(sample())).toMatch(/^[0-9a-f]{16}$/);
  });
  it('tells apart a changed value, a changed type, a reordered array and an added key', () => {
    const base = hashPlain(sample());
    expect(hashPlain({ ...sample(), a: 2 })).not.toBe(base);
    expect(hashPlain({ ...sample(), a: '1' })).not.toBe(base);
    expect(hashPlain({ ...sample(), b: [2, 1, { c: 'x', d: null, e: true }] })).not.toBe(base);
    expect(hashPlain({ ...sample(), f: { g: -3, h: 2.5, i: 0 } })).not.toBe(base);
    expect(hashPlain({ ...sample(), f: { g: -3, h: 2.25 } })).not.toBe(base);
    expect(hashPlain({ ...sample(), b: [1, 2, { c: 'x', d: 0, e: true }] })).not.toBe(base);
  });
  it('leaves out the top-level keys it is told to skip', () => {
    expect(hashPlain({ ...sample(), config: { big: false } }, ['config'])).toBe(hashPlain(sample(), ['config']));
    expect(hashPlain({ ...sample(), config: { big: false } })).not.toBe(hashPlain(sample()));
  });
});
