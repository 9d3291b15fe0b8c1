import { describe, expect, it } from 'vitest';
import { clusterModel } from '../../../../model/cluster/index.ts';
import { ModelAssertionError } from '../../../../model/kernel/assert.ts';
import type { ClusterEvent, ClusterState } from '../../../../model/cluster/index.ts';
import { apply, applyExact, chooseQuiet, deliverNext, logOf, newCluster, replica, runUntil, sendOp } from './drive.ts';

/** acks=1, `count` records sent and appended by leader 1 before any follower fetches. */
function leaderWithRecords(count: number, overrides: Record<string, unknown> = {}): ClusterState {
  const state = newCluster({ acks: 1, 'model.faults': 'kill,power', 'model.records': count, ...overrides });
  for (let i = 1; i <= count; i++) {
    apply(state, (e) => e.type === 'send', 'send');
    runUntil(state, (s) => sendOp(s, `v${i}`).outcome !== null, chooseQuiet);
  }
  expect(state.nowMs).toBe(0);
  expect(logOf(state, 2)).toEqual([]);
  return state;
}

const POWER_1: ClusterEvent = { type: 'crash', broker: 1, kind: 'power' };
const KILL_1: ClusterEvent = { type: 'crash', broker: 1, kind: 'kill' };

describe('crash: power loss', () => {
  it('loses exactly the unflushed tail (default flush.messages: nothing is flushed)', () => {
    const state = leaderWithRecords(2);
    expect(replica(state, 1).flushedCount).toBe(0);
    expect(clusterModel.describe(POWER_1, state)).toBe('broker 1 loses power; 2 unflushed records lost');
    applyExact(state, POWER_1);
    expect(state.brokers[0].status).toBe('crashed');
    expect(logOf(state, 1)).toEqual([]);
    expect(replica(state, 1).epochCache).toEqual([]);
    expect(state.ghost.lostOnCrash).toEqual([{ broker: 1, partition: 0, recordCount: 2, timeMs: 0 }]);
    expect(state.faultCounts).toMatchObject({ total: 1, power: 1 });
  });

  it('keeps what was flushed: flush.messages=2 of 3 records loses only the third', () => {
    const state = leaderWithRecords(3, { 'flush.messages': 2 });
    expect(replica(state, 1).flushedCount).toBe(2);
    expect(clusterModel.describe(POWER_1, state)).toBe('broker 1 loses power; 1 unflushed records lost');
    applyExact(state, POWER_1);
    expect(logOf(state, 1)).toEqual(['v1@0', 'v2@0']);
    expect(state.ghost.lostOnCrash).toEqual([{ broker: 1, partition: 0, recordCount: 1, timeMs: 0 }]);
  });

  it('loses nothing with flush.messages=1 (every append is fsynced)', () => {
    const state = leaderWithRecords(2, { 'flush.messages': 1 });
    expect(clusterModel.describe(POWER_1, state)).toBe('broker 1 loses power; 0 unflushed records lost');
    applyExact(state, POWER_1);
    expect(logOf(state, 1)).toEqual(['v1@0', 'v2@0']);
    expect(state.ghost.lostOnCrash).toEqual([]);
  });

  it('the flushed part ends between batches, so recovery has no torn batch: a flush point inside a batch is a model assertion', () => {
    const state = leaderWithRecords(2, { 'flush.messages': 2 });
    const leader = replica(state, 1);
    // Hand-built: the two records as one batch, and a flush point between them.
    leader.log[1].batchStart = false;
    leader.flushedCount = 1;
    expect(() => clusterModel.step(state, POWER_1)).toThrow(ModelAssertionError);
  });

  it('keeps what the OS wrote back (the flush event) before the power loss', () => {
    const state = leaderWithRecords(2);
    applyExact(state, { type: 'flush', broker: 1 });
    expect(replica(state, 1).flushedCount).toBe(2);
    applyExact(state, POWER_1);
    expect(logOf(state, 1)).toEqual(['v1@0', 'v2@0']);
  });

  it('truncates a follower\'s unflushed fetched records too, and its HW with them', () => {
    const state = leaderWithRecords(2);
    runUntil(state, (s) => replica(s, 2).highWatermark === 2, chooseQuiet);
    expect(logOf(state, 2)).toEqual(['v1@0', 'v2@0']);
    applyExact(state, { type: 'crash', broker: 2, kind: 'power' });
    expect(logOf(state, 2)).toEqual([]);
    expect(replica(state, 2).highWatermark).toBe(0);
    expect(state.ghost.lostOnCrash).toEqual([expect.objectContaining({ broker: 2, recordCount: 2 })]);
  });
});

describe('crash: kill (SIGKILL)', () => {
  it('keeps the log: the page cache survives and is written back', () => {
    const state = leaderWithRecords(2);
    expect(clusterModel.describe(KILL_1, state)).toBe('broker 1 is killed (SIGKILL); its page cache survives');
    applyExact(state, KILL_1);
    expect(logOf(state, 1)).toEqual(['v1@0', 'v2@0']);
    expect(replica(state, 1).flushedCount).toBe(2);
    expect(state.ghost.lostOnCrash).toEqual([]);
    expect(state.faultCounts).toMatchObject({ total: 1, kill: 1 });
  });

  it('clears the broker\'s timers and drops its connections, losing what was in flight both ways', () => {
    const state = newCluster({ 'model.faults': 'kill' });
    apply(state, (e) => e.type === 'send', 'send');
    expect(state.network.connections.find((c) => c.key === 'producer-1>broker-1')?.inFlight).toHaveLength(1);
    applyExact(state, KILL_1);
    expect(state.network.connections.every((c) => !c.key.includes('broker-1') || c.inFlight.length === 0)).toBe(true);
    expect(state.timers.filter((t) => t.node === 'broker-1')).toEqual([]);
    // The producer saw the disconnect: its metadata request failed and it will ask again.
    expect(state.producers[0]).toMatchObject({ metadataInFlight: false, metadataStale: true, inFlight: [] });
  });
});

describe('restart', () => {
  it('recovers the log, the epoch cache and the HW checkpoint in a new process that must register again', () => {
    const state = leaderWithRecords(2);
    runUntil(state, (s) => replica(s, 2).highWatermark === 2, chooseQuiet);
    applyExact(state, { type: 'crash', broker: 2, kind: 'kill' });
    applyExact(state, { type: 'restart', broker: 2 });
    const recovered = replica(state, 2);
    expect(logOf(state, 2)).toEqual(['v1@0', 'v2@0']);
    expect(recovered).toMatchObject({ role: 'none', leaderEpoch: -1, leaderId: -1, highWatermark: 2, flushedCount: 2 });
    expect(recovered.epochCache).toEqual([{ epoch: 0, startOffset: 0 }]);
    expect(state.brokers[1]).toMatchObject({ incarnation: 1, brokerEpoch: -1, fenced: true, metadataOffset: -1, metadata: [] });
    expect(clusterModel.describe({ type: 'restart', broker: 2 }, state)).toBe('broker 2 restarts (log recovery, new incarnation)');
    // It registers, follows the leader again and catches up.
    runUntil(state, (s) => replica(s, 2).role === 'follower' && !s.brokers[1].fenced, chooseQuiet);
    expect(replica(state, 2)).toMatchObject({ leaderId: 1, leaderEpoch: 0 });
  });

  // Model bug: crashBroker (and shutdownBroker) clear every timer of the broker, and restartBroker
  // re-arms only the heartbeat; the isr-expiration timer is set once, in initCluster. A restarted
  // broker therefore never runs ISR expiration again: when it leads, a follower that stops
  // fetching (but still heartbeats) stays in the ISR for ever and acks=all sends hang. Kafka's
  // ReplicaManager schedules the isr-expiration task at every broker start.
  it('re-arms ISR expiration in the new process: as leader it drops a follower that stopped fetching', () => {
    const state = newCluster({ 'broker.heartbeat.interval.ms': 1000, 'broker.session.timeout.ms': 3000, 'replica.lag.time.max.ms': 2000, 'request.timeout.ms': 3000, 'model.faults': 'kill,link,elect', 'model.records': 0 });
    applyExact(state, { type: 'crash', broker: 1, kind: 'kill' });
    applyExact(state, { type: 'restart', broker: 1 });
    deliverNext(state, 'broker-1', 'controller');
    // Re-registration fenced the old incarnation: leadership moved to broker 2, broker 1 left the ISR.
    expect(state.controller.partitions[0]).toMatchObject({ leader: 2, isr: [2, 3] });
    runUntil(state, (s) => s.controller.partitions[0].isr.length === 3 && !s.controller.brokers[0].fenced, chooseQuiet);
    expect(state.timers.map((t) => t.id)).toContain('isr-expiration:broker-1:1');
    applyExact(state, { type: 'elect', partition: 0, broker: 1 });
    runUntil(state, (s) => replica(s, 1).role === 'leader', chooseQuiet);
    applyExact(state, { type: 'partition', a: ['broker-1'], b: ['broker-3'], oneWay: false });
    const start = state.nowMs;
    runUntil(state, (s) => s.controller.partitions[0].isr.length === 2 || s.nowMs > start + 20000, chooseQuiet);
    expect(state.controller.partitions[0].isr).toEqual([1, 2]);
  });

  it('is refused (model assertion) for a broker that is running', () => {
    const state = newCluster({});
    expect(() => clusterModel.step(state, { type: 'restart', broker: 1 })).toThrow(/broker 1 is running, not down/);
  });
});

describe('pause and resume', () => {
  it('a paused broker keeps its state and takes nothing until it resumes; then its overdue timers fire', () => {
    const state = newCluster({ 'model.faults': 'pause', 'model.records': 0 });
    applyExact(state, { type: 'pause', broker: 2 });
    runUntil(state, (s) => s.nowMs >= 2000, chooseQuiet);
    expect(replica(state, 2)).toMatchObject({ role: 'follower', fetchBackoff: true });
    applyExact(state, { type: 'resume', broker: 2 });
    expect(state.brokers[1].status).toBe('running');
    // Its fetch backoff (due at 500) is now the earliest timer.
    expect(clusterModel.enabled(state)).toContainEqual({ type: 'timer', id: 'replica-fetch-backoff:broker-2:0' });
  });
});
