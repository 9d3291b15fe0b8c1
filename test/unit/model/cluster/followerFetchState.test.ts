/**
 * The leader's view of its followers (Replica.scala, Kafka 3.3+ and trunk) and the decisions built
 * on it: ISR shrink (Partition.getOutOfSyncReplicas), ISR expansion (Partition.maybeExpandIsr),
 * and the HW a follower's FetchResponse carries (Partition.readRecords). Hand-built states: broker
 * 1 leads p0 in epoch 0 with ISR {1,2,3}; its log and its view of the followers are set per test.
 */
import { describe, expect, it } from 'vitest';
import { NEVER_MS, isCaughtUp, recordFetch } from '../../../../model/cluster/followerFetchState.ts';
import { expireIsr, handleFetch } from '../../../../model/cluster/leader.ts';
import type { ClusterState } from '../../../../model/cluster/index.ts';
import type { FollowerView, LogEntry } from '../../../../model/cluster/types.ts';
import { FAST, inFlight, newCluster, replica } from './drive.ts';

function entries(count: number, epoch = 0): LogEntry[] {
  return Array.from({ length: count }, (_, i) => ({ epoch, value: `v${i + 1}`, producerId: -1, producerEpoch: -1, sequence: -1 }));
}

function view(state: ClusterState, brokerId: number): FollowerView {
  return replica(state, 1).followers.find((f) => f.brokerId === brokerId)!;
}

/** Leader 1 with `logLength` records of epoch 0, at virtual time `nowMs`. */
function leaderWith(logLength: number, nowMs: number, overrides: Record<string, unknown> = {}): ClusterState {
  const state = newCluster({ ...FAST, ...overrides });
  const leader = replica(state, 1);
  leader.log = entries(logLength);
  leader.flushedCount = logLength;
  state.nowMs = nowMs;
  return state;
}

function fetchFrom(state: ClusterState, brokerId: number, fetchOffset: number, lastFetchedEpoch = 0): void {
  handleFetch(state, 1, `broker-${brokerId}`, { type: 'Fetch', fetchId: `0:fetch-${fetchOffset}`, replicaId: brokerId, replicaEpoch: brokerId, partition: 0, fetchOffset, lastFetchedEpoch, currentLeaderEpoch: 0 });
}

function proposals(state: ClusterState): unknown[] {
  return inFlight(state, 'broker-1', 'controller').filter((m) => m.type === 'AlterPartition');
}

describe('lastCaughtUpTimeMs (Replica.updateFetchStateOrThrow)', () => {
  it('a fetch that reaches the leader\'s log end credits its own time', () => {
    const follower: FollowerView = { brokerId: 3, logEndOffset: 2, lastCaughtUpTimeMs: 100, lastFetchLeaderLogEndOffset: 4, lastFetchTimeMs: 600, lastFetchLeaderEpoch: 0, brokerEpoch: 3 };
    recordFetch(follower, 5, 5, 0, 3, 900);
    expect(follower).toEqual({ brokerId: 3, logEndOffset: 5, lastCaughtUpTimeMs: 900, lastFetchLeaderLogEndOffset: 5, lastFetchTimeMs: 900, lastFetchLeaderEpoch: 0, brokerEpoch: 3 });
  });

  it('a fetch that reaches the log end the leader had at the previous fetch credits the previous fetch\'s time', () => {
    const follower: FollowerView = { brokerId: 3, logEndOffset: 2, lastCaughtUpTimeMs: 100, lastFetchLeaderLogEndOffset: 4, lastFetchTimeMs: 600, lastFetchLeaderEpoch: 0, brokerEpoch: 3 };
    recordFetch(follower, 4, 6, 0, 3, 900);
    expect(follower).toMatchObject({ logEndOffset: 4, lastCaughtUpTimeMs: 600, lastFetchLeaderLogEndOffset: 6, lastFetchTimeMs: 900 });
  });

  it('a fetch short of both credits nothing', () => {
    const follower: FollowerView = { brokerId: 3, logEndOffset: 2, lastCaughtUpTimeMs: 100, lastFetchLeaderLogEndOffset: 4, lastFetchTimeMs: 600, lastFetchLeaderEpoch: 0, brokerEpoch: 3 };
    recordFetch(follower, 3, 6, 0, 3, 900);
    expect(follower).toMatchObject({ logEndOffset: 3, lastCaughtUpTimeMs: 100 });
  });

  it('a follower never caught up in this leadership is not caught up at time 0 either (virtual time starts at 0)', () => {
    const follower: FollowerView = { brokerId: 3, logEndOffset: -1, lastCaughtUpTimeMs: NEVER_MS, lastFetchLeaderLogEndOffset: -1, lastFetchTimeMs: NEVER_MS, lastFetchLeaderEpoch: -1, brokerEpoch: -1 };
    expect(isCaughtUp(follower, 3, 0, 30000)).toBe(false);
    recordFetch(follower, 1, 3, 0, 3, 10);
    // The previous fetch "reached" the unknown log end, but it never happened: nothing is credited.
    expect(follower.lastCaughtUpTimeMs).toBe(NEVER_MS);
  });
});

describe('ISR shrink counts a follower steadily one fetch behind as in sync', () => {
  // Model departure: the leader counted only fetches that reached its log end at that moment, so a
  // follower behind a stream of small produces left the ISR after replica.lag.time.max.ms. Kafka
  // credits the leader's log end at the previous fetch: "These semantics allow a follower to be
  // added to the ISR even if the offset of its fetch request is always smaller than the leader's
  // LEO, which can happen if small produce requests are received at high frequency."
  it('fetches at 1000, 2000, 3000 ms each reach the previous log end: broker 3 is caught up as of 2000 ms and stays in the ISR until 4000 ms', () => {
    const state = leaderWith(1, 0);
    const leader = replica(state, 1);
    for (let i = 1; i <= 3; i++) {
      state.nowMs = i * 1000;
      fetchFrom(state, 2, leader.log.length);
      fetchFrom(state, 3, leader.log.length - 1);
      leader.log.push(...entries(1));
    }
    expect(view(state, 3)).toMatchObject({ logEndOffset: 2, lastCaughtUpTimeMs: 2000 });
    state.nowMs = 4000;
    expireIsr(state, 1);
    expect(proposals(state)).toEqual([]);
    state.nowMs = 4001;
    expireIsr(state, 1);
    expect(proposals(state)).toEqual([expect.objectContaining({ isr: [1, 2] })]);
  });
});

describe('a follower at the leader\'s log end is never out of sync (ReplicaState.isCaughtUp)', () => {
  // Model departure: an idle partition (no produce) shrank its ISR to the leader after
  // replica.lag.time.max.ms whenever followers had not fetched lately, though they held everything.
  it('no produce for 10 s: the ISR keeps broker 3, whose last fetch was long ago but at the log end', () => {
    const state = leaderWith(2, 1000);
    fetchFrom(state, 2, 2);
    fetchFrom(state, 3, 2);
    state.nowMs = 10000;
    fetchFrom(state, 2, 2);
    expireIsr(state, 1);
    expect(proposals(state)).toEqual([]);
    // One more record and broker 3 is behind: now its lag counts.
    replica(state, 1).log.push(...entries(1));
    expireIsr(state, 1);
    expect(proposals(state)).toEqual([expect.objectContaining({ isr: [1, 2] })]);
  });
});

describe('ISR expansion (Partition.maybeExpandIsr, KAFKA-7128 since 2.1)', () => {
  /** Broker 1 leads epoch 1 from offset 2 (HW 1); broker 3 is out of the ISR. */
  function newEpochLeader(fencing: boolean): ClusterState {
    const state = leaderWith(2, 5000, { 'model.fencing': fencing });
    const leader = replica(state, 1);
    Object.assign(leader, { leaderEpoch: 1, partitionEpoch: 1, isr: [1, 2], highWatermark: 1, epochCache: [{ epoch: 0, startOffset: 0 }, { epoch: 1, startOffset: 2 }] });
    state.controller.partitions[0] = { ...state.controller.partitions[0], leaderEpoch: 1, partitionEpoch: 1, isr: [1, 2] };
    return state;
  }

  function fetchInEpoch1(state: ClusterState, brokerId: number, fetchOffset: number): void {
    handleFetch(state, 1, `broker-${brokerId}`, { type: 'Fetch', fetchId: `1:fetch-${fetchOffset}`, replicaId: brokerId, replicaEpoch: brokerId, partition: 0, fetchOffset, lastFetchedEpoch: 0, currentLeaderEpoch: 1 });
  }

  it('a follower at the HW but short of the start of the leader\'s epoch does not join', () => {
    const state = newEpochLeader(true);
    fetchInEpoch1(state, 3, 1);
    expect(proposals(state)).toEqual([]);
  });

  // Model departure: the model waited for the leader's HW to reach its epoch start (Kip320.tla rule
  // 4). Kafka asks only that the follower's log end reach it: followerEndOffset >= leaderEpochStartOffset.
  it('a follower that reached the start of the leader\'s epoch joins, though the HW is still below it', () => {
    const state = newEpochLeader(true);
    fetchInEpoch1(state, 3, 2);
    expect(replica(state, 1).highWatermark).toBe(1);
    expect(proposals(state)).toEqual([expect.objectContaining({ isr: [1, 2, 3] })]);
  });

  it('without fencing (before 2.1) reaching the HW is enough', () => {
    const state = newEpochLeader(false);
    fetchInEpoch1(state, 3, 1);
    expect(proposals(state)).toEqual([expect.objectContaining({ isr: [1, 2, 3] })]);
  });
});

describe('the HW in a follower\'s FetchResponse (Partition.readRecords)', () => {
  // Model departure: the answer carried the HW this very fetch had advanced. Kafka reads the HW
  // (and the log end) before the fetch updates the follower's state.
  it('the fetch that advances the leader\'s HW is answered with the HW before it', () => {
    const state = leaderWith(2, 1000);
    fetchFrom(state, 2, 2);
    expect(replica(state, 1).highWatermark).toBe(0);
    fetchFrom(state, 3, 2);
    expect(replica(state, 1).highWatermark).toBe(2);
    expect(inFlight(state, 'broker-1', 'broker-3')).toEqual([expect.objectContaining({ type: 'FetchResponse', highWatermark: 0, logEndOffset: 2 })]);
    fetchFrom(state, 3, 2);
    expect(inFlight(state, 'broker-1', 'broker-3')[1]).toMatchObject({ type: 'FetchResponse', highWatermark: 2 });
  });
});
