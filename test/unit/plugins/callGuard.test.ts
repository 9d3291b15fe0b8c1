import { describe, expect, it } from 'vitest';
import { callOnNewBatch, callPartition, judgePartitionResult } from '../../../checker/plugins/callGuard.ts';
import { simpleClusterView } from '../../../model/partitioners/types.ts';

const record = { topic: 't', key: null, value: null };
const cluster = simpleClusterView('t', 4);

describe('judgePartitionResult', () => {
  it('accepts integers in [0, partitionCount) (and -0 as 0)', () => {
    expect(judgePartitionResult(0, 4)).toBe(0);
    expect(judgePartitionResult(3, 4)).toBe(3);
    expect(Object.is(judgePartitionResult(-0, 4), 0)).toBe(true);
  });

  it.each([
    [1.5, 'integer', 'returned 1.5, not an integer'],
    [Number.NaN, 'integer', 'returned NaN, not an integer'],
    ['2', 'integer', 'returned the string "2", not an integer'],
    [undefined, 'integer', 'returned undefined, not an integer'],
    [null, 'integer', 'returned null, not an integer'],
    [2n, 'integer', 'returned the bigint 2n, not an integer'],
    [-1, 'non-negative', 'returned -1, a negative partition'],
    [4, 'in-range', 'returned 4, but the topic has 4 partitions (0..3)'],
  ])('judges %s as breaking %s', (value, rule, detail) => {
    expect(judgePartitionResult(value, 4)).toEqual({ rule, detail });
  });

  it('judges a Promise as never returning a partition, and swallows its rejection', async () => {
    const rejected = Promise.reject(new Error('later'));
    expect(judgePartitionResult(rejected, 4)).toMatchObject({ rule: 'returns-in-time' });
    await new Promise((resolve) => setTimeout(resolve, 0));
  });
});

describe('callPartition and callOnNewBatch', () => {
  it('turn throws into no-throw violations naming the call', () => {
    const throwing = {
      name: 'x',
      partition(): number {
        throw new RangeError('bad');
      },
      onNewBatch(): void {
        throw 'plain string';
      },
    };
    expect(callPartition(throwing, record, cluster)).toEqual({ rule: 'no-throw', detail: 'partition() threw: RangeError: bad' });
    expect(callOnNewBatch(throwing, 't', cluster, 2)).toEqual({ rule: 'no-throw', detail: 'onNewBatch("t", cluster, 2) threw: non-Error value "plain string"' });
  });

  it('pass partitions through and ignore a missing onNewBatch', () => {
    const fine = { name: 'y', partition: () => 2 };
    expect(callPartition(fine, record, cluster)).toBe(2);
    expect(callOnNewBatch(fine, 't', cluster, 2)).toBeNull();
  });
});
