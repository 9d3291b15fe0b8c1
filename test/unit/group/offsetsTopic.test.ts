/**
 * Coordinator placement: a group's coordinator is the leader of its __consumer_offsets partition
 * (GroupMetadataManager.partitionFor: Utils.abs(groupId.hashCode) % offsets.topic.num.partitions).
 * Hash vectors: Java's String.hashCode (s[0]*31^(n-1) + ... + s[n-1], in int32), computed
 * independently of the model: "group-1" 293427299, "group-2" 293427300, "my-group" -1906497762,
 * "console-consumer-1" 35782224; "polygenelubricants" hashes to Integer.MIN_VALUE, which
 * Utils.abs maps to 0.
 */
import { describe, expect, it } from 'vitest';
import { javaStringHash } from '../../../model/assignors/javaHashOrder.ts';
import { resolveConfig } from '../../../model/config.ts';
import { coordinatorOf, createOffsetsTopic, javaUtilsAbs, partitionFor } from '../../../model/group/offsetsTopic.ts';
import { groupModel } from '../../../model/group/index.ts';
import { apply, consumer, initState, runUntil, settle } from './drive.ts';

describe('partitionFor (GroupMetadataManager.partitionFor)', () => {
  it('hashes group ids as Java does', () => {
    expect(['group-1', 'group-2', 'my-group', 'console-consumer-1'].map(javaStringHash)).toEqual([293427299, 293427300, -1906497762, 35782224]);
  });

  it('maps a group to Utils.abs(hashCode) % offsets.topic.num.partitions', () => {
    expect(partitionFor('group-1', 50)).toBe(49);
    expect(partitionFor('group-2', 50)).toBe(0);
    expect(partitionFor('my-group', 50)).toBe(12);
    expect(partitionFor('console-consumer-1', 50)).toBe(24);
    expect(partitionFor('group-1', 1)).toBe(0);
  });

  it('maps Integer.MIN_VALUE to 0 as Utils.abs does (Math.abs would stay negative)', () => {
    expect(javaStringHash('polygenelubricants')).toBe(-2147483648);
    expect(javaUtilsAbs(-2147483648)).toBe(0);
    expect(partitionFor('polygenelubricants', 50)).toBe(0);
  });
});

describe('__consumer_offsets placement', () => {
  it('places replicas from broker (p mod N) + 1 and starts every partition on its preferred leader', () => {
    const config = resolveConfig({ 'model.brokers': 3, 'model.groups': 2 });
    expect(createOffsetsTopic(config, ['group-1', 'group-2'])).toEqual([
      { partition: 0, replicas: [1, 2, 3], isr: [1, 2, 3], leader: 1, leaderEpoch: 0, groups: ['group-2'] },
      { partition: 49, replicas: [2, 3, 1], isr: [2, 3, 1], leader: 2, leaderEpoch: 0, groups: ['group-1'] },
    ]);
  });

  it('caps offsets.topic.replication.factor by the broker count, and groups may share a partition', () => {
    const config = resolveConfig({ 'model.brokers': 2, 'replication.factor': 1, 'min.insync.replicas': 1, 'offsets.topic.num.partitions': 1 });
    expect(createOffsetsTopic(config, ['group-1', 'group-2'])).toEqual([{ partition: 0, replicas: [1, 2], isr: [1, 2], leader: 1, leaderEpoch: 0, groups: ['group-1', 'group-2'] }]);
  });

  it('rejects bad offsets.topic keys, naming the key and the rule', () => {
    expect(() => resolveConfig({ 'offsets.topic.num.partitions': 0 })).toThrow('offsets.topic.num.partitions');
    expect(() => resolveConfig({ 'offsets.topic.replication.factor': 0 })).toThrow('offsets.topic.replication.factor');
    expect(() => resolveConfig({ 'offsets.topic.replication.factor': 1, 'model.group.faults': 'failover' })).toThrow('model.group.faults includes failover, which needs offsets.topic.replication.factor >= 2 (got 1)');
  });

  it('two groups on different partitions have different coordinators, and their consumers find them through broker 1', () => {
    const state = initState({ 'model.groups': 2, 'offsets.topic.num.partitions': 50 });
    expect([coordinatorOf(state, 'group-1'), coordinatorOf(state, 'group-2')]).toEqual([2, 1]);
    const lines = settle(state);
    expect(lines).toContain('broker-1 → consumer-1: FindCoordinatorResponse group-1: broker 2');
    expect(state.consumers.map((c) => [c.clientId, c.coordinator])).toEqual([['consumer-1', 2], ['consumer-2', 2], ['consumer-3', 1], ['consumer-4', 1]]);
    expect(state.timers.filter((t) => t.kind === 'session').map((t) => `${t.node} ${t.target.split('/')[0]}`).sort()).toEqual(['broker-1 group-2', 'broker-1 group-2', 'broker-2 group-1', 'broker-2 group-1']);
  });

  it('an admin failover moves one partition: only the groups mapping there change coordinator', () => {
    const state = initState({ 'model.groups': 2, 'offsets.topic.num.partitions': 50, 'model.brokers': 3, 'model.group.faults': 'failover' });
    settle(state);
    const line = apply(state, { type: 'failover', partition: 49, broker: 3 });
    expect(line).toBe('the leadership of __consumer_offsets-49 moves from broker 2 to broker 3, which loads group-1 and coordinates them');
    expect([coordinatorOf(state, 'group-1'), coordinatorOf(state, 'group-2')]).toEqual([3, 1]);
    settle(state);
    expect(state.consumers.map((c) => c.coordinator)).toEqual([3, 3, 1, 1]);
    expect(state.coordinator.groups.map((g) => [g.groupId, g.generation])).toEqual([['group-1', 1], ['group-2', 1]]);
  });
});

describe('broker crash', () => {
  const CRASHES = { 'offsets.topic.num.partitions': 50, 'model.brokers': 3, 'model.group.faults': 'broker-crash', 'model.faults.max': 4 };
  const noRestart = (e: { type: string }): boolean => e.type === 'broker-restart';

  it('moves the leadership of the partitions the broker led to the next live ISR replica, which loads the group Stable', () => {
    const state = initState(CRASHES);
    settle(state);
    const before = state.coordinator.groups[0];
    apply(state, { type: 'broker-crash', broker: 2 });
    expect(state.offsetsTopic[0]).toMatchObject({ partition: 49, leader: 3, isr: [3, 1], leaderEpoch: 1 });
    expect(state.coordinator.groups[0]).toMatchObject({ state: 'Stable', generation: before.generation, leader: before.leader });
    expect(state.timers.filter((t) => t.kind === 'session').map((t) => t.node)).toEqual(['broker-3', 'broker-3']);
    // The consumers' connections to broker 2 dropped: the coordinator is unknown, to be found again.
    expect(state.consumers.map((c) => c.coordinator)).toEqual([-1, -1]);
    runUntil(state, (s) => s.consumers.every((c) => c.coordinator === 3) && groupModel.enabled(s).every((e) => e.type !== 'deliver'), 3000, noRestart);
    expect(state.coordinator.groups[0]).toMatchObject({ state: 'Stable', generation: before.generation });
  });

  it('with retry.backoff.ms=0 a failed lookup waits a round trip (1 ms), so the clock moves on (clients/retryBackoff.ts)', () => {
    const state = initState({ ...CRASHES, 'offsets.topic.replication.factor': 2, 'retry.backoff.ms': 0 });
    settle(state);
    apply(state, { type: 'broker-crash', broker: 2 });
    apply(state, { type: 'broker-crash', broker: 3 });
    const crashedMs = state.nowMs;
    const lines = runUntil(state, (s) => s.nowMs >= crashedMs + 5, 3000, noRestart);
    expect(lines).toContain('broker-1 → consumer-1: FindCoordinatorResponse group-1 COORDINATOR_NOT_AVAILABLE');
    expect(lines).toContain(`consumer-1: FindCoordinator backoff (retry.backoff.ms) ends at ${crashedMs + 1}ms`);
  });

  it('a restarted broker comes back as a follower: it rejoins the ISR, leadership stays where it moved', () => {
    const state = initState(CRASHES);
    settle(state);
    apply(state, { type: 'broker-crash', broker: 2 });
    settle(state);
    expect(state.brokersDown).toEqual([]);
    expect(state.offsetsTopic[0]).toMatchObject({ leader: 3, isr: [2, 3, 1] });
    expect(consumer(state, 'consumer-1').coordinator).toBe(3);
    expect(groupModel.settled(state)).toBe(true);
  });

  it('with every ISR replica down: FindCoordinator answers COORDINATOR_NOT_AVAILABLE, consumers back off and retry; only an ISR replica brings the partition back', () => {
    const state = initState({ ...CRASHES, 'offsets.topic.replication.factor': 2 });
    settle(state);
    expect(state.offsetsTopic[0]).toMatchObject({ replicas: [2, 3], leader: 2 });
    apply(state, { type: 'broker-crash', broker: 2 });
    apply(state, { type: 'broker-crash', broker: 3 });
    expect(state.offsetsTopic[0]).toMatchObject({ leader: -1, isr: [3] });
    expect(state.coordinator.groups).toEqual([]);
    const crashedMs = state.nowMs;
    const lines = runUntil(state, (s) => s.nowMs >= crashedMs + 500, 3000, noRestart);
    expect(lines).toContain('broker-1 → consumer-1: FindCoordinatorResponse group-1 COORDINATOR_NOT_AVAILABLE');
    // retry.backoff.ms (100) between lookups: at +0, +100, ..., +400 (the run stops as the clock reaches +500).
    expect(lines).toContain(`consumer-1: FindCoordinator backoff (retry.backoff.ms) ends at ${crashedMs + 100}ms`);
    expect(lines.filter((l) => l === 'consumer-1 → broker-1: FindCoordinator group-1')).toHaveLength(5);
    // Partitions stay owned while the coordinator is unavailable.
    expect(state.consumers.map((c) => c.owned.length)).toEqual([1, 1]);
    // Broker 2 is not in the ISR: no unclean election.
    apply(state, { type: 'broker-restart', broker: 2 });
    expect(state.offsetsTopic[0]).toMatchObject({ leader: -1, isr: [3] });
    apply(state, { type: 'broker-restart', broker: 3 });
    expect(state.offsetsTopic[0]).toMatchObject({ leader: 3, isr: [2, 3] });
    expect(state.coordinator.groups[0]).toMatchObject({ groupId: 'group-1', state: 'Stable' });
    settle(state);
    expect(state.consumers.map((c) => c.coordinator)).toEqual([3, 3]);
    expect(groupModel.settled(state)).toBe(true);
  });

  it('a request sent to a crashed broker meets a refused connection: the consumer looks up the coordinator elsewhere', () => {
    const state = initState(CRASHES);
    apply(state, { type: 'broker-crash', broker: 1 });
    const lines = runUntil(state, (s) => s.consumers.every((c) => c.coordinator === 2), 3000, noRestart);
    expect(lines.filter((l) => l.includes('→ broker-2: FindCoordinator group-1'))).toHaveLength(2);
    expect(consumer(state, 'consumer-1').lookupBroker).toBe(2);
  });

  it('restart events are recovery (heal) events, and the model is not settled while a broker is down', () => {
    const state = initState(CRASHES);
    settle(state);
    apply(state, { type: 'broker-crash', broker: 1 });
    expect(groupModel.healEvents(state)).toContainEqual({ type: 'broker-restart', broker: 1 });
    expect(groupModel.isFault({ type: 'broker-crash', broker: 1 })).toBe(true);
    expect(groupModel.isFault({ type: 'broker-restart', broker: 1 })).toBe(false);
    expect(groupModel.settled(state)).toBe(false);
  });
});
