/**
 * The leader's HW (Partition.maybeIncrementLeaderHW): the least log end over the leader and the
 * followers in the maximal ISR or caught up. Hand-built states: broker 1 leads p0 in epoch 0.
 */
import { describe, expect, it } from 'vitest';
import { maybeAdvanceHighWatermark } from '../../../../model/cluster/highWatermark.ts';
import { handleFetch } from '../../../../model/cluster/leader.ts';
import type { ClusterState } from '../../../../model/cluster/index.ts';
import { FAST, newCluster, replica } from './drive.ts';

/** Leader 1 with 2 records, ISR {1,2}; broker 2 holds both, broker 3 (outside the ISR) one, caught up at 1000 ms. */
function broker3CatchingUp(): ClusterState {
  const state = newCluster({ ...FAST });
  const leader = replica(state, 1);
  leader.log = [
    { epoch: 0, value: 'v1', producerId: -1, producerEpoch: -1, sequence: -1 },
    { epoch: 0, value: 'v2', producerId: -1, producerEpoch: -1, sequence: -1 },
  ];
  leader.isr = [1, 2];
  state.controller.partitions[0].isr = [1, 2];
  Object.assign(leader.followers[0], { logEndOffset: 2, lastCaughtUpTimeMs: 1000, lastFetchLeaderLogEndOffset: 2, lastFetchTimeMs: 1000 });
  Object.assign(leader.followers[1], { logEndOffset: 1, lastCaughtUpTimeMs: 1000, lastFetchLeaderLogEndOffset: 2, lastFetchTimeMs: 1000 });
  state.nowMs = 1500;
  return state;
}

describe('a caught-up follower outside the ISR holds the HW back', () => {
  // Model departure: the HW counted the maximal ISR only. Kafka also waits for a replica that is
  // caught up ("if a replica is considered caught-up, but its log end offset is smaller than HW, we
  // will wait for this replica to catch up to the HW before advancing the HW"), so that it can join.
  it('broker 3 (caught up 500 ms ago, log end 1) keeps the HW at 1 though the ISR {1,2} holds 2', () => {
    const state = broker3CatchingUp();
    maybeAdvanceHighWatermark(state, 1, replica(state, 1));
    expect(replica(state, 1).highWatermark).toBe(1);
  });

  it('once broker 3 is no longer caught up (lag over replica.lag.time.max.ms) it does not count', () => {
    const state = broker3CatchingUp();
    state.nowMs = 3001;
    maybeAdvanceHighWatermark(state, 1, replica(state, 1));
    expect(replica(state, 1).highWatermark).toBe(2);
  });

  it('the HW is recomputed on a fetch only when the follower\'s log end moved (Partition.updateFollowerFetchState)', () => {
    const state = broker3CatchingUp();
    maybeAdvanceHighWatermark(state, 1, replica(state, 1));
    state.nowMs = 3001;
    handleFetch(state, 1, 'broker-2', { type: 'Fetch', fetchId: '0:f', replicaId: 2, replicaEpoch: 2, partition: 0, fetchOffset: 2, lastFetchedEpoch: 0, currentLeaderEpoch: 0 });
    expect(replica(state, 1).highWatermark).toBe(1);
  });
});

describe('the strict min ISR rule (Partition.maybeIncrementLeaderHW isUnderMinIsr, KAFKA-15583, 3.7+)', () => {
  /** Leader 1 holds v1 alone with ISR {1} (committed), min.insync.replicas=2; followers far behind. */
  function aloneInTheIsr(overrides: Record<string, unknown>): ClusterState {
    const state = newCluster({ ...FAST, 'min.insync.replicas': 2, ...overrides });
    const leader = replica(state, 1);
    leader.log = [{ epoch: 0, value: 'v1', producerId: -1, producerEpoch: -1, sequence: -1 }];
    leader.isr = [1];
    state.controller.partitions[0].isr = [1];
    state.nowMs = 60000;
    return state;
  }

  it('3.6: the HW advances over an ISR of one below min.insync.replicas: v1, on the leader alone, becomes visible', () => {
    const state = aloneInTheIsr({ 'model.kafka.version': '3.6' });
    maybeAdvanceHighWatermark(state, 1, replica(state, 1));
    expect(replica(state, 1).highWatermark).toBe(1);
  });

  it('3.7: the HW stands still below min.insync.replicas; a pending expansion does not count, its commit does', () => {
    const state = aloneInTheIsr({ 'model.kafka.version': '3.7' });
    maybeAdvanceHighWatermark(state, 1, replica(state, 1));
    expect(replica(state, 1).highWatermark).toBe(0);
    const leader = replica(state, 1);
    Object.assign(leader.followers[0], { logEndOffset: 1, lastCaughtUpTimeMs: 60000, lastFetchLeaderLogEndOffset: 1, lastFetchTimeMs: 60000 });
    leader.isrChange = { kind: 'expand', isr: [1, 2], brokerEpochs: [1, 2], proposalId: 'isr-change-1', status: 'in-flight' };
    maybeAdvanceHighWatermark(state, 1, leader);
    expect(leader.highWatermark).toBe(0);
    leader.isrChange = null;
    leader.isr = [1, 2];
    maybeAdvanceHighWatermark(state, 1, leader);
    expect(leader.highWatermark).toBe(1);
  });
});
