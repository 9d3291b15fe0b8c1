import { describe, expect, it } from 'vitest';
import { applyExact, avoiding, chooseQuiet, deliverNext, holding, newCluster, replica, runUntil } from './drive.ts';

describe('controller: session expiry', () => {
  it('fences a silent broker at broker.session.timeout.ms, removes it from the ISR and moves its leadership to an ISR member in a new epoch', () => {
    const state = newCluster({ 'model.faults': 'pause', 'model.records': 0 });
    applyExact(state, { type: 'pause', broker: 1 });
    const steps = runUntil(state, (s) => s.controller.brokers[0].fenced, chooseQuiet);
    expect(steps[steps.length - 1].line).toBe('controller: broker-session timer fires at 9000ms');
    expect(state.nowMs).toBe(9000);
    expect(state.controller.partitions[0]).toEqual({ partition: 0, replicas: [1, 2, 3], leader: 2, leaderEpoch: 1, isr: [2, 3], partitionEpoch: 1, elr: [], lastKnownElr: [] });
    expect(state.ghost.elections).toEqual([{ partition: 0, leader: 2, leaderEpoch: 1, clean: true, timeMs: 9000 }]);
    // The brokers that are alive learn it and act on it.
    runUntil(state, (s) => replica(s, 2).role === 'leader' && replica(s, 3).leaderEpoch === 1, chooseQuiet);
    expect(replica(state, 2)).toMatchObject({ role: 'leader', leaderEpoch: 1, isr: [2, 3] });
    expect(replica(state, 2).epochCache).toEqual([{ epoch: 1, startOffset: 0 }]);
    expect(replica(state, 3)).toMatchObject({ role: 'follower', leaderId: 2, leaderEpoch: 1 });
    // The paused broker still believes it leads epoch 0 (a zombie).
    expect(replica(state, 1)).toMatchObject({ role: 'leader', leaderEpoch: 0 });
  });

  it('keeps brokers that heartbeat: a heartbeat resets the session timer', () => {
    const state = newCluster({ 'model.records': 0 });
    runUntil(state, (s) => s.nowMs >= 20000, chooseQuiet);
    expect(state.controller.brokers.map((b) => b.fenced)).toEqual([false, false, false]);
    expect(state.controller.partitions[0]).toMatchObject({ leader: 1, leaderEpoch: 0, isr: [1, 2, 3] });
    expect(state.ghost.elections).toEqual([]);
  });

  it('fences a follower without a leader change: ISR shrinks and the partition epoch moves, the leader epoch does not', () => {
    const state = newCluster({ 'model.faults': 'pause', 'model.records': 0 });
    applyExact(state, { type: 'pause', broker: 3 });
    runUntil(state, (s) => s.controller.brokers[2].fenced, chooseQuiet);
    expect(state.controller.partitions[0]).toMatchObject({ leader: 1, leaderEpoch: 0, isr: [1, 2], partitionEpoch: 1 });
    expect(state.ghost.elections).toEqual([]);
  });

  it('takes an offline partition\'s last ISR member out of leadership (leader -1) but keeps it in the ISR (without ELR: eligible.leader.replicas.version=0, the default before 4.1)', () => {
    const state = newCluster({ 'model.brokers': 2, 'replication.factor': 2, 'model.faults': 'kill', 'model.crash.concurrent.max': 2, 'model.records': 0, 'eligible.leader.replicas.version': 0 });
    applyExact(state, { type: 'crash', broker: 2, kind: 'kill' });
    runUntil(state, (s) => s.controller.brokers[1].fenced, chooseQuiet);
    expect(state.controller.partitions[0]).toMatchObject({ leader: 1, isr: [1] });
    applyExact(state, { type: 'crash', broker: 1, kind: 'kill' });
    runUntil(state, (s) => s.controller.brokers[0].fenced, chooseQuiet);
    expect(state.controller.partitions[0]).toMatchObject({ leader: -1, leaderEpoch: 1, isr: [1] });
    expect(state.ghost.elections).toEqual([]);
  });

  it('brings an offline partition back when its last ISR member returns (clean election, without ELR)', () => {
    const state = newCluster({ 'model.brokers': 1, 'replication.factor': 1, 'model.faults': 'kill', 'model.records': 0, 'eligible.leader.replicas.version': 0 });
    applyExact(state, { type: 'crash', broker: 1, kind: 'kill' });
    runUntil(state, (s) => s.controller.brokers[0].fenced, chooseQuiet);
    expect(state.controller.partitions[0]).toMatchObject({ leader: -1, isr: [1] });
    applyExact(state, { type: 'restart', broker: 1 });
    runUntil(state, (s) => replica(s, 1).role === 'leader', chooseQuiet);
    expect(state.controller.partitions[0]).toMatchObject({ leader: 1, leaderEpoch: 2, isr: [1] });
    expect(state.ghost.elections).toEqual([expect.objectContaining({ leader: 1, leaderEpoch: 2, clean: true })]);
  });
});

describe('controller: unclean leader election', () => {
  /** Broker 2 restarts and is unfenced but has not fetched (not in the ISR); then broker 1, the last ISR member, dies. */
  function lastIsrMemberDies(unclean: boolean) {
    const state = newCluster({ 'model.brokers': 2, 'replication.factor': 2, 'model.faults': 'kill', 'model.crash.concurrent.max': 2, 'model.records': 0, 'unclean.leader.election.enable': unclean, 'eligible.leader.replicas.version': 0 });
    applyExact(state, { type: 'crash', broker: 2, kind: 'kill' });
    runUntil(state, (s) => s.controller.brokers[1].fenced, chooseQuiet);
    applyExact(state, { type: 'restart', broker: 2 });
    runUntil(state, (s) => !s.controller.brokers[1].fenced, avoiding(holding('broker-2', 'broker-1'), chooseQuiet));
    expect(state.controller.partitions[0]).toMatchObject({ leader: 1, isr: [1] });
    applyExact(state, { type: 'crash', broker: 1, kind: 'kill' });
    runUntil(state, (s) => s.controller.brokers[0].fenced, chooseQuiet);
    return state;
  }

  it('elects a live out-of-sync replica when unclean.leader.election.enable=true, with ISR = {it}', () => {
    const state = lastIsrMemberDies(true);
    const meta = state.controller.partitions[0];
    expect(meta).toMatchObject({ leader: 2, isr: [2] });
    expect(meta.leaderEpoch).toBeGreaterThan(0);
    expect(state.ghost.elections).toEqual([{ partition: 0, leader: 2, leaderEpoch: meta.leaderEpoch, clean: false, timeMs: state.nowMs }]);
    runUntil(state, (s) => replica(s, 2).role === 'leader', chooseQuiet);
    expect(replica(state, 2).leaderEpoch).toBe(meta.leaderEpoch);
  });

  it('leaves the partition offline when unclean.leader.election.enable=false (without ELR, the last ISR member stays in the ISR)', () => {
    const state = lastIsrMemberDies(false);
    expect(state.controller.partitions[0]).toMatchObject({ leader: -1, isr: [1] });
    expect(state.ghost.elections).toEqual([]);
  });
});

describe('controller: registration of a restarted broker', () => {
  it('registers the new incarnation with a new broker epoch, fenced, after fencing the old incarnation out of the ISR', () => {
    const state = newCluster({ 'model.faults': 'kill', 'model.records': 0 });
    applyExact(state, { type: 'crash', broker: 3, kind: 'kill' });
    applyExact(state, { type: 'restart', broker: 3 });
    expect(state.brokers[2]).toMatchObject({ status: 'running', incarnation: 1, brokerEpoch: -1, fenced: true, registrationInFlight: true });
    // Well within the session timeout: only the new registration tells the controller.
    expect(deliverNext(state, 'broker-3', 'controller')).toEqual({ type: 'BrokerRegistration', brokerId: 3, incarnation: 1, previousBrokerEpoch: -1 });
    expect(state.nowMs).toBe(0);
    expect(state.controller.brokers[2]).toMatchObject({ registered: true, incarnation: 1, brokerEpoch: 4, fenced: true });
    expect(state.controller.partitions[0]).toMatchObject({ leader: 1, leaderEpoch: 0, isr: [1, 2], partitionEpoch: 1 });

    const steps = runUntil(state, (s) => !s.controller.brokers[2].fenced && s.brokers[2].brokerEpoch === 4 && !s.brokers[2].fenced, chooseQuiet);
    expect(steps.map((s) => s.line)).toContain('controller → broker-3: BrokerRegistrationResponse (broker epoch 4)');
    // Caught up with the metadata, it is unfenced, then fetches its way back into the ISR.
    runUntil(state, (s) => s.controller.partitions[0].isr.length === 3, chooseQuiet);
    expect(state.controller.partitions[0]).toMatchObject({ isr: [1, 2, 3], leaderEpoch: 0 });
  });
});

describe('controller: unfencing', () => {
  it('unfences a registered broker only once its heartbeat shows it has caught up with the metadata', () => {
    const state = newCluster({ 'model.faults': 'kill,elect', 'model.records': 0 });
    applyExact(state, { type: 'crash', broker: 3, kind: 'kill' });
    applyExact(state, { type: 'restart', broker: 3 });
    deliverNext(state, 'broker-3', 'controller');
    // A metadata change after the registration: the registration response is already one behind.
    applyExact(state, { type: 'elect', partition: 0, broker: 2 });
    const offsetNow = state.controller.metadataOffset;
    let response = deliverNext(state, 'controller', 'broker-3');
    while (response.type !== 'BrokerRegistrationResponse') response = deliverNext(state, 'controller', 'broker-3');
    expect(response).toMatchObject({ metadataOffset: offsetNow - 1 });
    expect(deliverNext(state, 'broker-3', 'controller')).toMatchObject({ type: 'BrokerHeartbeat', metadataOffset: offsetNow - 1 });
    expect(state.controller.brokers[2].fenced).toBe(true);
    // The answer carries the partitions; the next heartbeat, caught up, unfences it.
    const steps = runUntil(state, (s) => !s.controller.brokers[2].fenced, chooseQuiet);
    expect(steps.map((s) => s.line)).toContain('controller → broker-3: BrokerHeartbeatResponse fenced');
    expect(state.brokers[2].metadataOffset).toBe(offsetNow);
  });
});

describe('controller: clean shutdown and admin election', () => {
  it('moves leadership away from a broker that shuts down cleanly (wantShutDown), without waiting for the session timeout', () => {
    const state = newCluster({ 'model.faults': 'shutdown', 'model.records': 0 });
    applyExact(state, { type: 'shutdown', broker: 1 });
    expect(state.brokers[0].status).toBe('stopped');
    expect(deliverNext(state, 'broker-1', 'controller')).toMatchObject({ type: 'BrokerHeartbeat', wantShutDown: true });
    expect(state.nowMs).toBe(0);
    expect(state.controller.partitions[0]).toMatchObject({ leader: 2, leaderEpoch: 1, isr: [2, 3] });
    expect(state.controller.brokers[0].fenced).toBe(true);
  });

  it('elects the named ISR member on an admin election, bumping leader and partition epochs', () => {
    const state = newCluster({ 'model.faults': 'elect', 'model.records': 0 });
    applyExact(state, { type: 'elect', partition: 0, broker: 3 });
    expect(state.controller.partitions[0]).toEqual({ partition: 0, replicas: [1, 2, 3], leader: 3, leaderEpoch: 1, isr: [1, 2, 3], partitionEpoch: 1, elr: [], lastKnownElr: [] });
    expect(state.faultCounts).toMatchObject({ total: 1, elect: 1 });
    expect(() => applyExact(state, { type: 'elect', partition: 0, broker: 3 })).toThrow(/wanted/);
  });
});

describe('controller: adding a partition (kafka-topics --alter --partitions)', () => {
  it('creates it with a leader, the brokers create its replicas, and a producer uses it after its metadata refresh', async () => {
    const { newCluster, applyExact, runUntil, chooseFirstNonFault } = await import('./drive.ts');
    const { clusterModel } = await import('../../../../model/cluster/index.ts');
    const state = newCluster({ 'model.faults': 'add-partition', 'model.faults.max': 1, 'model.keys': 2, 'model.records': 4, 'metadata.max.age.ms': 500 });
    expect(clusterModel.describe({ type: 'add-partition' }, state)).toBe('admin: add partition p1 to the topic (kafka-topics --alter --partitions 2)');
    applyExact(state, { type: 'add-partition' });
    expect(state.controller.partitions[1]).toMatchObject({ partition: 1, replicas: [2, 3, 1], leader: 2, leaderEpoch: 0, isr: [2, 3, 1] });
    runUntil(state, (s) => clusterModel.settled(s), chooseFirstNonFault, 5000);
    for (const broker of state.brokers) expect(broker.replicas[1]).not.toBeNull();
    expect(state.brokers[1].replicas[1]?.role).toBe('leader');
    expect(state.producers[0].queues).toHaveLength(2);
    const partitionCounts = state.history.ops.flatMap((o) => (o.type === 'send' ? [o.partitionCount] : []));
    expect(partitionCounts).toContain(2);
  });
});

describe('controller: no partition added with every replica fenced (ReplicationControlManager.createPartitions)', () => {
  /**
   * Regression, found by kmc fuzz around acks-all-min-isr-2 (seed bv1, configs 39 and 218, with
   * add-partition among the faults): a guaranteed did-not-settle under 4.1. The controller, cut
   * off, fenced every broker, and the admin then added a partition: the model created it offline
   * with ISR {3}; with ELR on, broker 3's registration after its crash emptied that ISR with no
   * leader to remember, and nothing could ever lead it. Kafka refuses such a CreatePartitions
   * (INVALID_REPLICATION_FACTOR: "All brokers are currently fenced or in controlled shutdown").
   */
  it('is not offered while the controller has fenced every replica of the next partition, and is again once one is unfenced', async () => {
    const { isEnabled } = await import('./drive.ts');
    const state = newCluster({ 'model.faults': 'isolate,add-partition', 'model.records': 0 });
    expect(isEnabled(state, (e) => e.type === 'add-partition')).toBe(true);
    applyExact(state, { type: 'partition', a: ['controller'], b: ['broker-1', 'broker-2', 'broker-3', 'producer-1'], oneWay: false });
    runUntil(state, (s) => s.controller.brokers.every((b) => b.fenced), chooseQuiet);
    expect(isEnabled(state, (e) => e.type === 'add-partition')).toBe(false);
    applyExact(state, { type: 'heal' });
    runUntil(state, (s) => !s.controller.brokers[0].fenced, chooseQuiet);
    expect(isEnabled(state, (e) => e.type === 'add-partition')).toBe(true);
    applyExact(state, { type: 'add-partition' });
    expect(state.controller.partitions[1]).toMatchObject({ leader: 1, isr: [1] });
  });
});
