import { describe, expect, it } from 'vitest';
import { ModelAssertionError } from '../../../../model/kernel/assert.ts';
import { createReplica } from '../../../../model/cluster/brokerLifecycle.ts';
import { appendEntry, assignEpochStart, batchEndOf, batchStartOf, endOffsetForEpoch, endOffsetForEpochKip101, isBatchBoundary, lastEpoch, logEndOffset, truncateTo } from '../../../../model/cluster/log.ts';
import type { ReplicaState } from '../../../../model/cluster/types.ts';

/** A replica whose log is built from "value@epoch" words by appends (the epoch cache follows). */
function replicaWith(spec: string, strict = true): ReplicaState {
  const replica = createReplica(0);
  for (const word of spec.split(/\s+/).filter(Boolean)) {
    const [value, epoch] = word.split('@');
    appendEntry(replica, { epoch: Number(epoch), value, producerId: -1, producerEpoch: -1, sequence: -1 }, strict);
  }
  return replica;
}

/** n records of one epoch, named prefix0, prefix1, ... */
function run(prefix: string, epoch: number, count: number): string {
  return Array.from({ length: count }, (_, i) => `${prefix}${i}@${epoch}`).join(' ');
}

describe('appendEntry and the epoch cache', () => {
  it('returns the offset of each record: offsets are dense from 0', () => {
    const replica = createReplica(0);
    expect(appendEntry(replica, { epoch: 0, value: 'v1', producerId: -1, producerEpoch: -1, sequence: -1 }, true)).toBe(0);
    expect(appendEntry(replica, { epoch: 0, value: 'v2', producerId: -1, producerEpoch: -1, sequence: -1 }, true)).toBe(1);
    expect(logEndOffset(replica)).toBe(2);
  });

  it('adds a cache entry only when a record starts a new epoch', () => {
    const replica = replicaWith('a@0 b@0 c@2 d@2 e@5');
    expect(replica.epochCache).toEqual([
      { epoch: 0, startOffset: 0 },
      { epoch: 2, startOffset: 2 },
      { epoch: 5, startOffset: 4 },
    ]);
    expect(lastEpoch(replica)).toBe(5);
  });

  it('knows no epoch for an empty log', () => {
    const replica = createReplica(0);
    expect(lastEpoch(replica)).toBe(-1);
    expect(replica.epochCache).toEqual([]);
  });

  it('asserts (strict, with fencing) that epochs never go backwards along the log', () => {
    const replica = replicaWith('a@1 b@3');
    expect(() => appendEntry(replica, { epoch: 2, value: 'c', producerId: -1, producerEpoch: -1, sequence: -1 }, true)).toThrow(ModelAssertionError);
    expect(replica.log).toHaveLength(2);
  });

  it('without strictness (legacy rules) an older epoch replaces the later entries, as LeaderEpochFileCache.assign does', () => {
    const replica = replicaWith('a@1 b@3', false);
    appendEntry(replica, { epoch: 2, value: 'c', producerId: -1, producerEpoch: -1, sequence: -1 }, false);
    expect(replica.epochCache).toEqual([
      { epoch: 1, startOffset: 0 },
      { epoch: 2, startOffset: 2 },
    ]);
  });

  it('asserts the log limit', () => {
    const replica = createReplica(0);
    replica.log.length = 4096;
    expect(() => appendEntry(replica, { epoch: 0, value: 'x', producerId: -1, producerEpoch: -1, sequence: -1 }, true)).toThrow(/exceeds 4096 records/);
  });
});

describe('assignEpochStart (becoming leader)', () => {
  it('starts the new epoch at the log end', () => {
    const replica = replicaWith('a@0 b@0');
    assignEpochStart(replica, 3, true);
    expect(replica.epochCache).toEqual([
      { epoch: 0, startOffset: 0 },
      { epoch: 3, startOffset: 2 },
    ]);
    // Records appended in that epoch add no second entry.
    appendEntry(replica, { epoch: 3, value: 'c', producerId: -1, producerEpoch: -1, sequence: -1 }, true);
    expect(replica.epochCache).toHaveLength(2);
  });

  it('is a no-op when the epoch is already the latest', () => {
    const replica = replicaWith('a@0 b@2');
    assignEpochStart(replica, 2, true);
    expect(replica.epochCache).toEqual([
      { epoch: 0, startOffset: 0 },
      { epoch: 2, startOffset: 1 },
    ]);
  });

  it('replaces an epoch that never got a record (a leader that led without writing)', () => {
    const replica = replicaWith('a@0 b@0');
    assignEpochStart(replica, 1, true);
    assignEpochStart(replica, 2, true);
    expect(replica.epochCache).toEqual([
      { epoch: 0, startOffset: 0 },
      { epoch: 2, startOffset: 2 },
    ]);
  });

  it('starts epoch 0 at offset 0 on an empty log', () => {
    const replica = createReplica(0);
    assignEpochStart(replica, 0, true);
    expect(replica.epochCache).toEqual([{ epoch: 0, startOffset: 0 }]);
  });

  it('asserts (strict) that an epoch is not assigned after a later one', () => {
    const replica = replicaWith('a@4');
    expect(() => assignEpochStart(replica, 3, true)).toThrow(/epoch 3 assigned after a later epoch/);
  });
});

describe('endOffsetForEpoch (KIP-279: largest epoch <= asked, and its end)', () => {
  it('answers the latest epoch with the log end', () => {
    const replica = replicaWith('a@0 b@1 c@1');
    expect(endOffsetForEpoch(replica, 1)).toEqual({ epoch: 1, endOffset: 3 });
  });

  it('answers an older epoch with the start of the next epoch', () => {
    const replica = replicaWith('a@0 b@0 c@2 d@4');
    expect(endOffsetForEpoch(replica, 0)).toEqual({ epoch: 0, endOffset: 2 });
    expect(endOffsetForEpoch(replica, 2)).toEqual({ epoch: 2, endOffset: 3 });
  });

  it('answers an unknown epoch with the largest known epoch below it', () => {
    const replica = replicaWith('a@0 b@0 c@2 d@4');
    expect(endOffsetForEpoch(replica, 1)).toEqual({ epoch: 0, endOffset: 2 });
    expect(endOffsetForEpoch(replica, 3)).toEqual({ epoch: 2, endOffset: 3 });
    expect(endOffsetForEpoch(replica, 9)).toEqual({ epoch: 4, endOffset: 4 });
  });

  it('answers an epoch below every known one with itself and the first start offset (LeaderEpochFileCache.endOffsetFor, 2.1+, KAFKA-7415); 2.0 answered (-1, -1)', () => {
    const replica = replicaWith('x@0 a@2 b@3');
    replica.epochCache = replica.epochCache.filter((e) => e.epoch !== 0);
    expect(replica.epochCache).toEqual([{ epoch: 2, startOffset: 1 }, { epoch: 3, startOffset: 2 }]);
    expect(endOffsetForEpoch(replica, 1)).toEqual({ epoch: 1, endOffset: 1 });
    expect(endOffsetForEpoch(replica, 1, false)).toEqual({ epoch: -1, endOffset: -1 });
  });

  it('answers (-1, -1) for an undefined epoch or an empty cache', () => {
    expect(endOffsetForEpoch(replicaWith('a@2 b@3'), -1)).toEqual({ epoch: -1, endOffset: -1 });
    expect(endOffsetForEpoch(createReplica(0), 5)).toEqual({ epoch: -1, endOffset: -1 });
  });

  it('§3.3 (KAFKA-6361, batches): the leader answers epoch 2 with (1, 21); the follower truncates to min(11, 21) = 11', () => {
    // A led epoch 1 (offsets 0..20), then epoch 3 from 21. B got 0..10 in epoch 1, then led epoch 2 from 11.
    const a = replicaWith(`${run('a', 1, 21)} ${run('w', 3, 10)}`);
    const b = replicaWith(`${run('a', 1, 11)} ${run('z', 2, 10)}`);
    const leaderAnswer = endOffsetForEpoch(a, 2);
    expect(leaderAnswer).toEqual({ epoch: 1, endOffset: 21 });
    const own = endOffsetForEpoch(b, leaderAnswer.epoch);
    expect(own).toEqual({ epoch: 1, endOffset: 11 });
    expect(Math.min(own.endOffset, leaderAnswer.endOffset)).toBe(11);
  });

  it('§3.3 (one record per offset, n = 20): A answers epoch 2 with (1, 2); B truncates its divergent z at offset 1', () => {
    const a = replicaWith('x@1 y@1 w@3');
    const b = replicaWith('x@1 z@2');
    expect(endOffsetForEpoch(a, 2)).toEqual({ epoch: 1, endOffset: 2 });
    expect(endOffsetForEpoch(b, 1)).toEqual({ epoch: 1, endOffset: 1 });
  });

  it('§3.5 divergence check: lastFetchedEpoch 1 at fetchOffset 2 against a leader that started epoch 2 at 1', () => {
    // r1 led e1 and wrote A (committed) and B (on r1 only); r2 was elected in e2 starting at offset 1.
    const r2 = replicaWith('A@1');
    assignEpochStart(r2, 2, true);
    const r1 = replicaWith('A@1 B@1');
    const answer = endOffsetForEpoch(r2, lastEpoch(r1));
    expect(answer).toEqual({ epoch: 1, endOffset: 1 });
    // The leader returns a diverging epoch (end offset 1 < fetch offset 2): r1 truncates to min(2, 1) = 1.
    expect(answer.endOffset < logEndOffset(r1)).toBe(true);
    expect(Math.min(endOffsetForEpoch(r1, answer.epoch).endOffset, answer.endOffset)).toBe(1);
  });

  it('§3.5 case G: no common epoch, the leader answers the asked epoch with its first start offset (0) and the follower truncates to 0', () => {
    const leader = replicaWith('c@2 d@2');
    const follower = replicaWith('a@1 b@1');
    const answer = endOffsetForEpoch(leader, lastEpoch(follower));
    expect(answer).toEqual({ epoch: 1, endOffset: 0 });
    expect(Math.min(endOffsetForEpoch(follower, answer.epoch).endOffset, answer.endOffset)).toBe(0);
  });
});

describe('endOffsetForEpochKip101 (§1.3: before KIP-279)', () => {
  it('answers the latest epoch with the log end', () => {
    expect(endOffsetForEpochKip101(replicaWith('a@0 b@1 c@1'), 1)).toBe(3);
  });

  it('answers any other epoch with the start of the first larger epoch', () => {
    const replica = replicaWith('a@0 b@0 c@2 d@4');
    expect(endOffsetForEpochKip101(replica, 0)).toBe(2);
    expect(endOffsetForEpochKip101(replica, 1)).toBe(2);
    expect(endOffsetForEpochKip101(replica, 3)).toBe(3);
  });

  it('answers -1 when no larger epoch exists or the cache is empty', () => {
    expect(endOffsetForEpochKip101(replicaWith('a@0 b@2'), 7)).toBe(-1);
    expect(endOffsetForEpochKip101(createReplica(0), 0)).toBe(-1);
  });

  it('§3.3 (batches): A answers epoch 2 with 21, the start of epoch 3, though A never had epoch 2', () => {
    const a = replicaWith(`${run('a', 1, 21)} ${run('w', 3, 10)}`);
    expect(endOffsetForEpochKip101(a, 2)).toBe(21);
  });

  it('§3.3 (one record per offset, n = 20): A answers 2, B\'s own log end, so B keeps z', () => {
    const a = replicaWith('x@1 y@1 w@3');
    const b = replicaWith('x@1 z@2');
    expect(endOffsetForEpochKip101(a, 2)).toBe(2);
    expect(Math.min(endOffsetForEpochKip101(a, 2), logEndOffset(b))).toBe(logEndOffset(b));
  });

  it('§3.2 (KIP-101 scenario 2): B answers epoch 0 with 1, the start of epoch 1, and A drops m2', () => {
    const b = replicaWith('m1@0 m3@1');
    expect(endOffsetForEpochKip101(b, 0)).toBe(1);
  });
});

describe('truncateTo', () => {
  it('trims the log, the epoch cache, the flushed count and the high watermark', () => {
    const replica = replicaWith('a@0 b@0 c@2 d@2 e@5');
    replica.flushedCount = 5;
    replica.highWatermark = 4;
    expect(truncateTo(replica, 2)).toBe(3);
    expect(replica.log.map((e) => e.value)).toEqual(['a', 'b']);
    expect(replica.epochCache).toEqual([{ epoch: 0, startOffset: 0 }]);
    expect(replica.flushedCount).toBe(2);
    expect(replica.highWatermark).toBe(2);
  });

  it('keeps an epoch that started below the truncation point', () => {
    const replica = replicaWith('a@0 b@2 c@2 d@2');
    truncateTo(replica, 2);
    expect(replica.epochCache).toEqual([
      { epoch: 0, startOffset: 0 },
      { epoch: 2, startOffset: 1 },
    ]);
  });

  it('leaves a lower flushed count and HW alone', () => {
    const replica = replicaWith('a@0 b@0 c@0');
    replica.flushedCount = 1;
    replica.highWatermark = 0;
    truncateTo(replica, 2);
    expect(replica.flushedCount).toBe(1);
    expect(replica.highWatermark).toBe(0);
  });

  it('removes nothing at or past the log end', () => {
    const replica = replicaWith('a@0 b@0');
    replica.highWatermark = 2;
    expect(truncateTo(replica, 2)).toBe(0);
    expect(truncateTo(replica, 9)).toBe(0);
    expect(replica.log).toHaveLength(2);
    expect(replica.highWatermark).toBe(2);
  });

  it('truncating to 0 empties the log and the cache', () => {
    const replica = replicaWith('a@0 b@1');
    expect(truncateTo(replica, 0)).toBe(2);
    expect(replica.log).toEqual([]);
    expect(replica.epochCache).toEqual([]);
    expect(lastEpoch(replica)).toBe(-1);
  });

  it('asserts a non-negative offset', () => {
    expect(() => truncateTo(replicaWith('a@0'), -1)).toThrow(/negative/);
  });
});

describe('batch boundaries', () => {
  /** Batches [0, 2), [2, 5), [5, 6). */
  function batched(): ReplicaState {
    const replica = createReplica(0);
    [true, false, true, false, false, true].forEach((batchStart, i) => appendEntry(replica, { epoch: 0, value: `v${i + 1}`, producerId: 7, producerEpoch: 0, sequence: i, batchStart }, true));
    return replica;
  }

  it('isBatchBoundary: batch starts and the log ends; a record without batchStart is a batch of its own', () => {
    const log = batched().log;
    expect([0, 1, 2, 3, 4, 5, 6].map((o) => isBatchBoundary(log, o))).toEqual([true, false, true, false, false, true, true]);
    expect(isBatchBoundary([{ epoch: 0, value: 'a', producerId: -1, producerEpoch: -1, sequence: -1 }, { epoch: 0, value: 'b', producerId: -1, producerEpoch: -1, sequence: -1 }], 1)).toBe(true);
  });

  it('batchStartOf and batchEndOf', () => {
    const log = batched().log;
    expect([0, 1, 2, 3, 4, 5].map((o) => batchStartOf(log, o))).toEqual([0, 0, 2, 2, 2, 5]);
    expect([0, 2, 5].map((o) => batchEndOf(log, o))).toEqual([2, 5, 6]);
    expect(() => batchEndOf(log, 3)).toThrow(ModelAssertionError);
  });

  it('truncation to a batch start or the log end is fine; inside a batch it is a model assertion (LogSegment.truncateTo cuts whole batches)', () => {
    const replica = batched();
    expect(truncateTo(replica, 6)).toBe(0);
    expect(truncateTo(replica, 5)).toBe(1);
    expect(() => truncateTo(replica, 3)).toThrow(ModelAssertionError);
    expect(replica.log).toHaveLength(5);
    expect(truncateTo(replica, 2)).toBe(3);
  });
});
