/**
 * Replication moves whole batches (LogSegment.read starts at the batch holding the fetch offset;
 * UnifiedLog.appendAsFollower appends batches; KIP-74: at least one batch, whatever its size).
 * Hand-built states: broker 1 leads p0 in epoch 0; its log is made of the batches given.
 */
import { describe, expect, it } from 'vitest';
import { handleFetchResponse } from '../../../../model/cluster/follower.ts';
import { handleConsumerFetch, handleFetch } from '../../../../model/cluster/leader.ts';
import type { ClusterState } from '../../../../model/cluster/index.ts';
import type { LogEntry } from '../../../../model/cluster/types.ts';
import type { TruncationRule } from '../../../../model/config.ts';
import { LIMITS } from '../../../../model/limits.ts';
import { ModelAssertionError } from '../../../../model/kernel/assert.ts';
import { FAST, applyExact, deliverNext, inFlight, newCluster, replica } from './drive.ts';

/** Batches of the given sizes, records v1, v2, ... in epoch 0, producer 7 with sequences from 0. */
function batches(...sizes: number[]): LogEntry[] {
  const log: LogEntry[] = [];
  for (const size of sizes) {
    for (let i = 0; i < size; i++) log.push({ epoch: 0, value: `v${log.length + 1}`, producerId: 7, producerEpoch: 0, sequence: log.length, batchStart: i === 0 });
  }
  return log;
}

function leaderWith(log: LogEntry[], overrides: Record<string, unknown> = {}): ClusterState {
  const state = newCluster({ ...FAST, ...overrides });
  const leader = replica(state, 1);
  leader.log = log;
  leader.flushedCount = log.length;
  return state;
}

function fetchAt(state: ClusterState, brokerId: number, fetchOffset: number): number[] {
  handleFetch(state, 1, `broker-${brokerId}`, { type: 'Fetch', fetchId: `0:f${fetchOffset}`, replicaId: brokerId, replicaEpoch: brokerId, partition: 0, fetchOffset, lastFetchedEpoch: fetchOffset > 0 ? 0 : -1, currentLeaderEpoch: 0 });
  const answers = inFlight(state, 'broker-1', `broker-${brokerId}`);
  const last = answers[answers.length - 1];
  if (last.type !== 'FetchResponse') throw new Error(`no FetchResponse: ${last.type}`);
  return last.records.map((r) => r.offset);
}

function range(start: number, end: number): number[] {
  return Array.from({ length: end - start }, (_, i) => start + i);
}

describe('a follower fetch answer holds whole batches', () => {
  // Model bug: a fetch stopped at 64 records even inside a batch, so a follower (and after an
  // election a new leader) could hold part of a producer batch; with the idempotent producer's
  // duplicate check, a new leader then acknowledged a batch it held only part of.
  it('batches of 40 and 40 records: the answer stops after the first (64 would split the second)', () => {
    expect(LIMITS.fetchRecordsMax).toBe(64);
    const state = leaderWith(batches(40, 40));
    expect(fetchAt(state, 2, 0)).toEqual(range(0, 40));
    expect(fetchAt(state, 2, 40)).toEqual(range(40, 80));
  });

  it('as many whole batches as fit in 64 records', () => {
    const state = leaderWith(batches(10, 20, 30, 5));
    expect(fetchAt(state, 2, 0)).toEqual(range(0, 60));
    expect(fetchAt(state, 2, 60)).toEqual(range(60, 65));
  });

  it('a first batch larger than the limit comes whole', () => {
    const state = leaderWith(batches(100, 3));
    expect(fetchAt(state, 2, 0)).toEqual(range(0, 100));
  });

  it('the follower appends the batches with their boundaries', () => {
    const state = leaderWith(batches(2, 3));
    const follower = replica(state, 2);
    Object.assign(follower, { fetchInFlight: true, fetchBackoff: false });
    fetchAt(state, 2, 0);
    const answer = inFlight(state, 'broker-1', 'broker-2')[0];
    if (answer.type !== 'FetchResponse') throw new Error('no answer');
    handleFetchResponse(state, 2, answer);
    expect(follower.log).toEqual(replica(state, 1).log);
    expect(follower.log.map((e) => e.batchStart)).toEqual([true, false, true, false, false]);
  });
});

describe('a consumer fetch stops at the last batch wholly below the HW', () => {
  it('HW 5 inside the batch [3, 6): the reader gets [0, 3) only', () => {
    const state = leaderWith(batches(3, 3));
    replica(state, 1).highWatermark = 5;
    handleConsumerFetch(state, 1, 'reader', { type: 'ConsumerFetch', requestId: 'r1', partition: 0, fetchOffset: 0 });
    expect(inFlight(state, 'broker-1', 'reader')).toEqual([expect.objectContaining({ type: 'ConsumerFetchResponse', error: 'NONE', highWatermark: 5, records: range(0, 3).map((offset) => expect.objectContaining({ offset })) })]);
  });
});

describe('a follower whose log end falls inside a leader batch', () => {
  /**
   * Broker 2's log diverged (legacy truncation): it holds x, y (epoch 0, one batch) where the
   * leader's batch [0, 3) holds v1..v3, and it fetches from 2. The leader answers from that batch's
   * start, 0, below broker 2's log end.
   */
  function divergedFollower(rule: TruncationRule, fencing: boolean): ClusterState {
    const state = leaderWith(batches(3, 2), { 'model.truncation': rule, 'model.fencing': fencing, 'model.faults': 'elect' });
    const follower = replica(state, 2);
    follower.log = [
      { epoch: 0, value: 'x', producerId: -1, producerEpoch: -1, sequence: -1, batchStart: true },
      { epoch: 0, value: 'y', producerId: -1, producerEpoch: -1, sequence: -1, batchStart: false },
    ];
    follower.epochCache = [{ epoch: 0, startOffset: 0 }];
    follower.flushedCount = 2;
    Object.assign(follower, { fetchInFlight: true, fetchBackoff: false });
    return state;
  }

  it('kip-101: the answer starts at the batch, below its log end; it cannot append it and stops fetching until the next leader epoch (AbstractFetcherThread.markPartitionFailed)', () => {
    const state = divergedFollower('kip-101', false);
    expect(fetchAt(state, 2, 2)).toEqual(range(0, 5));
    const answer = inFlight(state, 'broker-1', 'broker-2')[0];
    if (answer.type !== 'FetchResponse') throw new Error('no answer');
    handleFetchResponse(state, 2, answer);
    const follower = replica(state, 2);
    expect(follower.log.map((e) => e.value)).toEqual(['x', 'y']);
    expect(follower).toMatchObject({ fetchFailed: true, fetchInFlight: false, fetchBackoff: false });
    expect(inFlight(state, 'broker-2', 'broker-1')).toEqual([]);
    // A new leader epoch puts the partition back in a fetcher.
    applyExact(state, { type: 'elect', partition: 0, broker: 2 });
    applyExact(state, { type: 'elect', partition: 0, broker: 1 });
    expect(follower.fetchFailed).toBe(true);
    deliverNext(state, 'controller', 'broker-2');
    deliverNext(state, 'controller', 'broker-2');
    expect(follower).toMatchObject({ role: 'follower', leaderId: 1, leaderEpoch: 2, fetchFailed: false });
  });

  it('diverging-epoch with fencing: a fetch from inside a batch is a model assertion (truncation keeps a follower a prefix of its leader)', () => {
    const state = divergedFollower('diverging-epoch', true);
    expect(() => fetchAt(state, 2, 2)).toThrow(ModelAssertionError);
  });
});
