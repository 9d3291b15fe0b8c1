import { describe, expect, it } from 'vitest';
import { formatCount, formatDurationMs } from '../../../reports/numbers.ts';

describe('numbers in reports', () => {
  it.each([
    [0, '0'],
    [999, '999'],
    [1000, '1,000'],
    [48_210, '48,210'],
    [812_344, '812,344'],
    [1_234_567_890, '1,234,567,890'],
    [-4210, '-4,210'],
    [1234.5, '1,234.5'],
  ])('count %d is %s', (count, text) => {
    expect(formatCount(count)).toBe(text);
  });

  it.each([
    [0, '0.0 s'],
    [300, '0.3 s'],
    [4100, '4.1 s'],
    [59_940, '59.9 s'],
    [60_000, '1 min 0 s'],
    [125_400, '2 min 5 s'],
  ])('duration %d ms is %s', (ms, text) => {
    expect(formatDurationMs(ms)).toBe(text);
  });
});
