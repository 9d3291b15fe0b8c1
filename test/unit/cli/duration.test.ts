import { describe, expect, it } from 'vitest';
import { parseDurationMs } from '../../../cli/duration.ts';

const failure = (raw: string): string => {
  try {
    parseDurationMs('--time', raw);
  } catch (error) {
    expect((error as Error).name).toBe('UsageError');
    return (error as Error).message;
  }
  throw new Error('expected a UsageError');
};

describe('--time', () => {
  it.each([
    ['500ms', 500],
    ['30s', 30_000],
    ['2m', 120_000],
    ['1.5s', 1500],
    ['0.5m', 30_000],
    [' 10s ', 10_000],
    ['1440m', 24 * 60 * 60 * 1000],
  ])('%s is %d ms', (raw, ms) => {
    expect(parseDurationMs('--time', raw)).toBe(ms);
  });

  it('asks for a unit when there is none', () => {
    expect(failure('30')).toBe('--time 30: needs a unit, ms, s or m (for example 30s)');
  });

  it('rejects an unknown unit or a malformed number', () => {
    const rule = 'must be a number with a unit, ms, s or m (for example 30s, 500ms, 2m)';
    expect(failure('2h')).toBe(`--time 2h: ${rule}`);
    expect(failure('-1s')).toBe(`--time -1s: ${rule}`);
    expect(failure('s')).toBe(`--time s: ${rule}`);
    expect(failure('')).toBe(`--time : ${rule}`);
  });

  it('rejects zero and more than a day', () => {
    expect(failure('0s')).toBe('--time 0s: must be at least 1ms');
    expect(failure('0.1ms')).toBe('--time 0.1ms: must be at least 1ms');
    expect(failure('1441m')).toBe('--time 1441m: must be at most 24 hours (1440m)');
  });
});
