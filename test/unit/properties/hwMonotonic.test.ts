import { describe, expect, it } from 'vitest';
import { hwMonotonic } from '../../../properties/hwMonotonic.ts';
import { clusterState, replicaOf, setAllLogs, setLog } from './fixtures.ts';

describe('hw-monotonic', () => {
  it('fires when the true leader high watermark falls below what its epoch exposed', () => {
    const state = clusterState();
    setAllLogs(state, '1:v1 1:v2 1:v3', 1);
    state.ghost.leaderHighWatermark[0] = { epoch: 1, highWatermark: 3 };
    const cases = hwMonotonic.check(state);
    expect(cases).toHaveLength(1);
    expect(cases[0].summary).toBe('p0 leader broker 1 (epoch 1) has high watermark 1, below the 3 it exposed earlier in that epoch');
    expect(cases[0].data).toEqual({ kind: 'regressed', partition: 0, broker: 1, leaderEpoch: 1, highWatermark: 1, highWatermarkExposed: 3 });
    expect(hwMonotonic.explain(cases[0])).toBe(
      'Broker 1 leads partition 0 in leader epoch 1 and earlier exposed high watermark 3: records below it were visible to consumers and acknowledged as committed. ' +
        'Its high watermark is now 1, lower within the same leader epoch, so offsets 1..2, which consumers may already have read, are no longer committed: hw-monotonic is broken.',
    );
  });

  it('fires when a replica high watermark passes its log end', () => {
    const state = clusterState();
    setAllLogs(state, '1:v1 1:v2 1:v3', 3);
    setLog(state, 2, '1:v1 1:v2 1:v3', 4);
    const cases = hwMonotonic.check(state);
    expect(cases.map((c) => c.summary)).toEqual(["broker 2's replica of p0 has high watermark 4 beyond its log end offset 3"]);
    expect(cases[0].data).toEqual({ kind: 'beyond-log-end', partition: 0, broker: 2, role: 'follower', highWatermark: 4, logEndOffset: 3 });
    expect(hwMonotonic.explain(cases[0])).toBe(
      "Broker 2's replica of partition 0 (follower) has high watermark 4, but its log end offset is 3. " +
        "A high watermark marks records the replica holds, so it can never pass the replica's own log end: hw-monotonic is broken.",
    );
  });

  it('does not fire for a new epoch, a high watermark at its peak, a leader that is not current, or brokers without state', () => {
    const state = clusterState();
    setAllLogs(state, '1:v1 1:v2 1:v3', 3);
    state.ghost.leaderHighWatermark[0] = { epoch: 1, highWatermark: 3 };
    expect(hwMonotonic.check(state)).toEqual([]);

    // A new leader epoch: the ghost still holds epoch 1's peak; the new leader starts afresh.
    state.controller.partitions[0].leaderEpoch = 2;
    replicaOf(state, 1).leaderEpoch = 2;
    replicaOf(state, 1).highWatermark = 1;
    expect(hwMonotonic.check(state)).toEqual([]);

    // Back in epoch 1 but the leader restarted and has not re-registered: not the true leader.
    state.controller.partitions[0].leaderEpoch = 1;
    replicaOf(state, 1).leaderEpoch = 1;
    state.brokers[0].incarnation = 2;
    expect(hwMonotonic.check(state)).toEqual([]);

    setLog(state, 3, '', 5);
    state.brokers[2].status = 'stopped';
    expect(hwMonotonic.check(state)).toEqual([]);
  });

  it('finds nothing in a fresh state', () => {
    expect(hwMonotonic.check(clusterState({ partitions: 3 }))).toEqual([]);
  });
});
