/**
 * Dynamic topic configs in the cluster model (model/cluster/alterConfig.ts): an admin's
 * alter-config is in force at the controller at once, reaches each broker with its metadata, and
 * turning unclean election on elects offline partitions as the release did (KAFKA-6835 at once in
 * the ZooKeeper controller, 2.1+; KAFKA-12670's periodic check in KRaft, 3.9+).
 */
import { describe, expect, it } from 'vitest';
import { clusterModel, type ClusterState } from '../../../../model/cluster/index.ts';
import { FAST, applyExact, avoiding, chooseQuiet, holding, isEnabled, linesOf, newCluster, replica, runUntil } from './drive.ts';

const UNCLEAN_ON = { type: 'alter-config', key: 'unclean.leader.election.enable', value: true } as const;

/**
 * Two brokers, RF 2, unclean election off: broker 2 is killed and fenced (ISR {1}), comes back
 * without rejoining the ISR (its fetches held), then broker 1, the last ISR member, is killed and
 * fenced: p0 has no leader, and broker 2 is live, unfenced and out of sync. Without Eligible
 * Leader Replicas (eligible.leader.replicas.version=0, as before 4.1) broker 1 stays the ISR; with
 * them it leaves the ISR into the ELR (partitionChange.ts).
 */
function offlineWithLiveOutOfSyncReplica(overrides: Record<string, unknown>): ClusterState {
  const state = newCluster({
    ...FAST,
    'model.brokers': 2,
    'replication.factor': 2,
    'model.records': 0,
    'model.faults': 'kill,alter-config',
    'model.faults.max': 10,
    'model.crash.concurrent.max': 2,
    'model.alter.configs': 'unclean.leader.election.enable=true',
    'eligible.leader.replicas.version': 0,
    ...overrides,
  });
  applyExact(state, { type: 'crash', broker: 2, kind: 'kill' });
  runUntil(state, (s) => s.controller.brokers[1].fenced, chooseQuiet);
  applyExact(state, { type: 'restart', broker: 2 });
  const broker2OutOfSync = avoiding((e, s) => holding('broker-2', 'broker-1')(e, s), chooseQuiet);
  runUntil(state, (s) => !s.controller.brokers[1].fenced && s.brokers[1].brokerEpoch !== -1, broker2OutOfSync);
  applyExact(state, { type: 'crash', broker: 1, kind: 'kill' });
  runUntil(state, (s) => s.controller.brokers[0].fenced, broker2OutOfSync);
  const elr = state.config['eligible.leader.replicas.version'] >= 1;
  expect(state.controller.partitions[0]).toMatchObject(elr ? { leader: -1, isr: [], elr: [1], lastKnownElr: [1] } : { leader: -1, isr: [1] });
  expect(state.controller.brokers[1]).toMatchObject({ registered: true, fenced: false });
  return state;
}

describe('alter-config: unclean.leader.election.enable turned on with a partition offline', () => {
  it('at-once (the ZooKeeper controller, 2.1+, KAFKA-6835): the controller elects a live out-of-sync replica in the same step', () => {
    const state = offlineWithLiveOutOfSyncReplica({ 'model.unclean.enable.election': 'at-once' });
    const step = applyExact(state, UNCLEAN_ON);
    expect(step.line).toBe('admin sets unclean.leader.election.enable=true on the topic (kafka-configs --alter; was false): the controller elects at once, where a replica is live, a leader for the partitions without one (p0)');
    expect(state.controller.topicConfig['unclean.leader.election.enable']).toBe(true);
    expect(state.controller.partitions[0]).toMatchObject({ leader: 2, isr: [2] });
    expect(state.ghost.elections.at(-1)).toMatchObject({ partition: 0, leader: 2, clean: false, timeMs: step.timeMs });
    expect(state.ghost.alterations).toEqual([{ timeMs: step.timeMs, key: 'unclean.leader.election.enable', value: true, previous: false }]);
  });

  it('at-once with Eligible Leader Replicas (KIP-966, 4.1): the fenced ELR member and last known leader cannot lead, so the live out-of-sync replica is elected uncleanly and the ELR cleared (PartitionChangeBuilder.electAnyLeader)', () => {
    const state = offlineWithLiveOutOfSyncReplica({ 'model.unclean.enable.election': 'at-once', 'eligible.leader.replicas.version': 1 });
    applyExact(state, UNCLEAN_ON);
    expect(state.controller.partitions[0]).toMatchObject({ leader: 2, isr: [2], elr: [], lastKnownElr: [] });
    expect(state.ghost.elections.at(-1)).toMatchObject({ partition: 0, leader: 2, clean: false });
  });

  it('periodic (KRaft 3.9+, KAFKA-12670): nothing until the unclean-election check, which elects at unclean.leader.election.interval.ms', () => {
    const state = offlineWithLiveOutOfSyncReplica({ 'unclean.leader.election.interval.ms': 60000 });
    expect(state.config['model.unclean.enable.election']).toBe('periodic'); // the default of 4.1
    const offlineAtMs = state.nowMs;
    const check = state.timers.find((t) => t.kind === 'unclean-election-check');
    // Scheduled by the write that left p0 without a leader, whatever the config said then.
    expect(check).toMatchObject({ node: 'controller', dueMs: offlineAtMs + 60000 });
    applyExact(state, UNCLEAN_ON);
    expect(state.controller.partitions[0]).toMatchObject({ leader: -1, isr: [1] });
    const steps = runUntil(state, (s) => s.controller.partitions[0].leader !== -1, avoiding((e, s) => holding('broker-2', 'broker-1')(e, s) || e.type === 'restart', chooseQuiet));
    expect(steps.at(-1)!.line).toBe(`controller: unclean-election check (every 60000ms) at ${check!.dueMs}ms: unclean.leader.election.enable=true, it elects any live replica of p0 (committed records may be lost)`);
    expect(state.nowMs).toBe(check!.dueMs);
    expect(state.controller.partitions[0]).toMatchObject({ leader: 2, isr: [2] });
    expect(state.ghost.elections.at(-1)).toMatchObject({ leader: 2, clean: false });
    expect(state.timers.some((t) => t.kind === 'unclean-election-check')).toBe(false);
  });

  it('periodic: a check while unclean election is still off elects nobody and comes back after the interval', () => {
    const state = offlineWithLiveOutOfSyncReplica({ 'unclean.leader.election.interval.ms': 5000 });
    const dueMs = state.timers.find((t) => t.kind === 'unclean-election-check')!.dueMs;
    const keep = avoiding((e, s) => holding('broker-2', 'broker-1')(e, s) || e.type === 'restart', chooseQuiet);
    const steps = runUntil(state, (s) => s.nowMs >= dueMs && !s.timers.some((t) => t.kind === 'unclean-election-check' && t.dueMs === dueMs), keep);
    expect(steps.map((s) => s.line)).toContain(`controller: unclean-election check (every 5000ms) at ${dueMs}ms: unclean.leader.election.enable=false, so p0 stays without a leader`);
    expect(state.controller.partitions[0].leader).toBe(-1);
    expect(state.timers.find((t) => t.kind === 'unclean-election-check')).toMatchObject({ dueMs: dueMs + 5000 });
  });

  it('next-change (before 2.1): the alteration alone elects nobody and schedules no check', () => {
    const state = offlineWithLiveOutOfSyncReplica({ 'model.kafka.version': '2.0' });
    expect(state.config['model.unclean.enable.election']).toBe('next-change');
    applyExact(state, UNCLEAN_ON);
    expect(state.controller.partitions[0]).toMatchObject({ leader: -1, isr: [1] });
    expect(state.timers.some((t) => t.kind === 'unclean-election-check')).toBe(false);
  });

  it('the check is not armed in runs whose alterations cannot turn unclean election on', () => {
    const state = newCluster({ ...FAST, 'model.brokers': 1, 'replication.factor': 1, 'model.records': 0, 'model.faults': 'kill' });
    applyExact(state, { type: 'crash', broker: 1, kind: 'kill' });
    runUntil(state, (s) => s.controller.brokers[0].fenced, chooseQuiet);
    expect(state.controller.partitions[0].leader).toBe(-1);
    expect(state.timers.some((t) => t.kind === 'unclean-election-check')).toBe(false);
  });

  it('turning it off again: the controller holds the new value, and only the other value is offered from then on', () => {
    const state = newCluster({ ...FAST, 'model.records': 0, 'model.faults': 'alter-config', 'unclean.leader.election.enable': true, 'model.alter.configs': 'unclean.leader.election.enable=false' });
    expect(isEnabled(state, (e) => e.type === 'alter-config' && e.value === false)).toBe(true);
    const step = applyExact(state, { type: 'alter-config', key: 'unclean.leader.election.enable', value: false });
    expect(step.line).toBe('admin sets unclean.leader.election.enable=false on the topic (kafka-configs --alter; was true): the controller elects only from the ISR from now on');
    expect(state.controller.topicConfig['unclean.leader.election.enable']).toBe(false);
    // The value in force is the only one offered again.
    expect(isEnabled(state, (e) => e.type === 'alter-config')).toBe(false);
  });
});

describe('alter-config: min.insync.replicas', () => {
  /** Broker 3 paused and fenced: ISR {1,2}, leader 1. min.insync.replicas starts at 1. */
  function isrOfTwo(overrides: Record<string, unknown> = {}): ClusterState {
    const state = newCluster({ ...FAST, 'min.insync.replicas': 1, 'model.records': 2, 'model.faults': 'pause,alter-config', 'model.alter.configs': 'min.insync.replicas=3', ...overrides });
    applyExact(state, { type: 'pause', broker: 3 });
    runUntil(state, (s) => replica(s, 1).isr.length === 2 && s.controller.partitions[0].isr.length === 2, avoiding((e) => e.type === 'send', chooseQuiet));
    return state;
  }

  it('is in force at the controller at once and at each broker when its metadata arrives: the leader enforces its own view', () => {
    const state = isrOfTwo();
    const step = applyExact(state, { type: 'alter-config', key: 'min.insync.replicas', value: 3 });
    expect(step.line).toBe('admin sets min.insync.replicas=3 on the topic (kafka-configs --alter; was 1): each leader enforces it once its metadata brings it');
    expect(state.controller.topicConfig['min.insync.replicas']).toBe(3);
    expect(state.brokers[0].topicConfig['min.insync.replicas']).toBe(1);
    // The leader has not heard of it: a write with an ISR of 2 is accepted under min.insync.replicas=1.
    const notYet = avoiding(holding('controller', 'broker-1', 'MetadataUpdate'), chooseQuiet);
    applyExact(state, { type: 'send', producer: 'producer-1' });
    runUntil(state, (s) => s.history.ops.some((o) => o.type === 'send' && o.outcome !== null), (events, s) => notYet(events.filter((e) => !(e.type === 'deliver' && e.from === 'controller' && e.to === 'broker-1')), s));
    expect(state.history.ops[0]).toMatchObject({ value: 'v1', outcome: { type: 'ok', offset: 0 } });
    expect(state.ghost.minIsrWrites.v1).toMatchObject({ partition: 0, minIsr: 1, broker: 1 });
    // Its metadata brings min.insync.replicas=3; from then on the ISR of 2 is too small.
    const lines = runUntil(state, (s) => s.brokers[0].topicConfig['min.insync.replicas'] === 3, avoiding((e) => e.type === 'send', chooseQuiet)).map((s) => s.line);
    expect(lines.at(-1)).toMatch(/^controller → broker-1: MetadataUpdate #\d+: p0 leader 1 epoch 0 isr \{1,2\}; broker 1 applies min\.insync\.replicas=3 \(was 1\)$/);
    applyExact(state, { type: 'send', producer: 'producer-1' });
    runUntil(state, (s) => linesOf(s).some((l) => l === 'broker-1 → producer-1: ProduceResponse p0 NOT_ENOUGH_REPLICAS'), avoiding((e) => e.type === 'send', chooseQuiet));
    expect(replica(state, 1).log.map((e) => e.value)).toEqual(['v1']);
    expect(state.ghost.minIsrWrites.v2).toBeUndefined();
  });

  it('with Eligible Leader Replicas on, clears every ELR and last known leader (ConfigurationControlManager.createClearElrRecordsAsNeeded, KAFKA-16540/KAFKA-18649, 4.0+): the partition epoch moves, the leader epoch does not', () => {
    const state = isrOfTwo({ 'min.insync.replicas': 3, 'model.alter.configs': 'min.insync.replicas=2' });
    const meta = state.controller.partitions[0];
    expect(meta).toMatchObject({ leader: 1, isr: [1, 2], elr: [3] });
    const { leaderEpoch, partitionEpoch } = meta;
    applyExact(state, { type: 'alter-config', key: 'min.insync.replicas', value: 2 });
    expect(state.controller.partitions[0]).toMatchObject({ leader: 1, isr: [1, 2], elr: [], lastKnownElr: [], leaderEpoch, partitionEpoch: partitionEpoch + 1 });
  });

  it('without Eligible Leader Replicas (before 4.1 by default) the alteration changes no partition', () => {
    const state = isrOfTwo({ 'min.insync.replicas': 3, 'model.alter.configs': 'min.insync.replicas=2', 'eligible.leader.replicas.version': 0 });
    const before = structuredClone(state.controller.partitions[0]);
    expect(before.elr).toEqual([]);
    applyExact(state, { type: 'alter-config', key: 'min.insync.replicas', value: 2 });
    expect(state.controller.partitions[0]).toEqual(before);
  });

  it('records the weakest value a leader enforced per record only when min.insync.replicas is among the alterations', () => {
    const state = newCluster({ ...FAST, 'model.records': 1, 'model.faults': 'none' });
    applyExact(state, { type: 'send', producer: 'producer-1' });
    runUntil(state, (s) => s.history.ops[0].type === 'send' && s.history.ops[0].outcome !== null);
    expect(state.ghost.minIsrWrites).toEqual({});
  });

  it('an alteration counts as a fault: within model.faults.max, and only to a value not in force', () => {
    const state = newCluster({ ...FAST, 'model.records': 0, 'model.faults': 'alter-config', 'model.faults.max': 1, 'model.alter.configs': 'min.insync.replicas=1,min.insync.replicas=2' });
    expect(alterationsOffered(state)).toEqual(['min.insync.replicas=2']);
    applyExact(state, { type: 'alter-config', key: 'min.insync.replicas', value: 2 });
    expect(state.faultCounts).toMatchObject({ total: 1, 'alter-config': 1 });
    expect(alterationsOffered(state)).toEqual([]);
  });
});

/** The alterations enabled now, as key=value. */
function alterationsOffered(state: ClusterState): string[] {
  return clusterModel.enabled(state).flatMap((e) => (e.type === 'alter-config' ? [`${e.key}=${String(e.value)}`] : []));
}
