import { describe, expect, it } from 'vitest';
import { clusterModel } from '../../../../model/cluster/index.ts';
import type { ClusterEvent } from '../../../../model/cluster/index.ts';
import { apply, applyExact, deliverNext, isEnabled, newCluster, runUntil } from './drive.ts';

function enabledJson(state: Parameters<typeof clusterModel.enabled>[0]): string[] {
  return clusterModel.enabled(state).map((e) => JSON.stringify(e));
}

function countOf(events: ClusterEvent[], type: ClusterEvent['type']): number {
  return events.filter((e) => e.type === type).length;
}

describe('enabled at init', () => {
  it('lists the workload send and the earliest timers, and no faults when model.faults is none', () => {
    expect(enabledJson(newCluster({}))).toEqual([
      '{"type":"send","producer":"producer-1"}',
      '{"type":"timer","id":"replica-fetch-backoff:broker-2:0"}',
      '{"type":"timer","id":"replica-fetch-backoff:broker-3:0"}',
    ]);
  });

  it('lists the delivery of the oldest message of each connection, first', () => {
    const state = newCluster({ 'model.records': 2 });
    apply(state, (e) => e.type === 'send', 'send');
    apply(state, (e) => e.type === 'send', 'send');
    const events = clusterModel.enabled(state);
    expect(events[0]).toEqual({ type: 'deliver', from: 'producer-1', to: 'broker-1', id: 'producer-1>broker-1#0' });
    expect(events.filter((e) => e.type === 'deliver')).toHaveLength(1);
    // The workload is done: no more send events.
    expect(events.some((e) => e.type === 'send')).toBe(false);
  });

  it('lists the fault events of the default fault mix (kill, pause, isolate, link)', () => {
    const state = newCluster({ 'model.faults': 'kill,pause,isolate,link' });
    const events = clusterModel.enabled(state);
    expect(events.filter((e) => e.type === 'crash')).toEqual([1, 2, 3].map((broker) => ({ type: 'crash', broker, kind: 'kill' })));
    expect(events.filter((e) => e.type === 'pause')).toEqual([1, 2, 3].map((broker) => ({ type: 'pause', broker })));
    const partitions = events.filter((e) => e.type === 'partition');
    // Isolation of each of the 5 nodes, and a two-way cut of every link but producer-controller (9).
    expect(partitions).toHaveLength(5 + 9);
    expect(partitions).toContainEqual({ type: 'partition', a: ['broker-1'], b: ['controller', 'broker-2', 'broker-3', 'producer-1'], oneWay: false });
    expect(partitions).toContainEqual({ type: 'partition', a: ['broker-1'], b: ['broker-2'], oneWay: false });
    expect(partitions).not.toContainEqual({ type: 'partition', a: ['controller'], b: ['producer-1'], oneWay: false });
    expect(events.every((e) => !['shutdown', 'drop', 'elect', 'flush', 'final-read'].includes(e.type))).toBe(true);
    expect(events.filter((e) => clusterModel.isFault(e))).toHaveLength(3 + 3 + 14);
  });

  it('offers each fault kind only when model.faults names it', () => {
    const state = newCluster({ 'model.faults': 'power,shutdown,one-way,elect' });
    const events = clusterModel.enabled(state);
    expect(events.filter((e) => e.type === 'crash')).toEqual([1, 2, 3].map((broker) => ({ type: 'crash', broker, kind: 'power' })));
    expect(countOf(events, 'shutdown')).toBe(3);
    expect(countOf(events, 'pause')).toBe(0);
    // One-way cuts between server nodes only (controller and 3 brokers: 4 * 3).
    expect(events.filter((e) => e.type === 'partition').every((e) => e.type === 'partition' && e.oneWay)).toBe(true);
    expect(countOf(events, 'partition')).toBe(12);
    // Admin election of every ISR member that does not lead.
    expect(events.filter((e) => e.type === 'elect')).toEqual([
      { type: 'elect', partition: 0, broker: 2 },
      { type: 'elect', partition: 0, broker: 3 },
    ]);
  });

  it('offers a connection drop only for connections with messages in flight', () => {
    const state = newCluster({ 'model.faults': 'drop' });
    expect(countOf(clusterModel.enabled(state), 'drop')).toBe(0);
    apply(state, (e) => e.type === 'send', 'send');
    expect(clusterModel.enabled(state).filter((e) => e.type === 'drop')).toEqual([{ type: 'drop', a: 'broker-1', b: 'producer-1' }]);
  });

  it('stops offering faults once model.faults.max faults have happened', () => {
    const state = newCluster({ 'model.faults': 'pause,link', 'model.faults.max': 1 });
    applyExact(state, { type: 'partition', a: ['broker-1'], b: ['broker-2'], oneWay: false });
    const events = clusterModel.enabled(state);
    expect(events.filter((e) => clusterModel.isFault(e))).toEqual([]);
    expect(events).toContainEqual({ type: 'heal' });
  });

  it('offers OS write-back (flush) under the power fault only when a running broker has unflushed records', () => {
    const state = newCluster({ 'model.faults': 'power', acks: 1 });
    expect(countOf(clusterModel.enabled(state), 'flush')).toBe(0);
    apply(state, (e) => e.type === 'send', 'send');
    deliverNext(state, 'producer-1', 'broker-1');
    deliverNext(state, 'broker-1', 'producer-1');
    deliverNext(state, 'producer-1', 'broker-1');
    expect(clusterModel.enabled(state).filter((e) => e.type === 'flush')).toEqual([{ type: 'flush', broker: 1 }]);
    expect(clusterModel.describe({ type: 'flush', broker: 1 }, state)).toBe('broker 1: the OS writes back 1 unflushed records');
    applyExact(state, { type: 'flush', broker: 1 });
    expect(countOf(clusterModel.enabled(state), 'flush')).toBe(0);
  });
});

describe('enabled for brokers that are down', () => {
  it('offers only restart for a crashed broker: no deliveries, timers or faults for it', () => {
    const state = newCluster({ 'model.faults': 'kill,pause', 'model.crash.concurrent.max': 2 });
    applyExact(state, { type: 'crash', broker: 2, kind: 'kill' });
    const events = clusterModel.enabled(state);
    const aboutBroker2 = events.filter((e) => JSON.stringify(e).includes('"broker":2') || JSON.stringify(e).includes('broker-2'));
    expect(aboutBroker2).toEqual([{ type: 'restart', broker: 2 }]);
    expect(state.timers.some((t) => t.node === 'broker-2')).toBe(false);
    // The other brokers can still crash (2 may be down at once).
    expect(events).toContainEqual({ type: 'crash', broker: 1, kind: 'kill' });
  });

  it('offers no crash once model.crash.concurrent.max brokers are down', () => {
    const state = newCluster({ 'model.faults': 'kill,shutdown' });
    applyExact(state, { type: 'shutdown', broker: 3 });
    const events = clusterModel.enabled(state);
    expect(countOf(events, 'crash')).toBe(0);
    expect(countOf(events, 'shutdown')).toBe(0);
    expect(events).toContainEqual({ type: 'restart', broker: 3 });
  });

  it('offers no crash, kill or power loss, once model.crash.max crashes happened; shutdowns go on', () => {
    const state = newCluster({ 'model.faults': 'kill,power,shutdown', 'model.crash.max': 1 });
    expect(countOf(clusterModel.enabled(state), 'crash')).toBe(6);
    applyExact(state, { type: 'crash', broker: 3, kind: 'power' });
    applyExact(state, { type: 'restart', broker: 3 });
    runUntil(state, (s) => s.brokers[2].brokerEpoch !== -1);
    const events = clusterModel.enabled(state);
    expect(countOf(events, 'crash')).toBe(0);
    expect(countOf(events, 'shutdown')).toBe(3);
  });

  it('offers resume for a paused broker, skips its timers and deliveries, and offers no second pause', () => {
    const state = newCluster({ 'model.faults': 'pause' });
    applyExact(state, { type: 'pause', broker: 2 });
    const events = clusterModel.enabled(state);
    expect(events).toContainEqual({ type: 'resume', broker: 2 });
    expect(countOf(events, 'pause')).toBe(0);
    expect(events).not.toContainEqual({ type: 'timer', id: 'replica-fetch-backoff:broker-2:0' });
    expect(events).toContainEqual({ type: 'timer', id: 'replica-fetch-backoff:broker-3:0' });
    // broker-2's heartbeat is due at 2000 but broker-2 is paused: time moves on without it.
    runUntil(state, (s) => s.nowMs >= 2000 && isEnabled(s, (e) => e.type === 'timer' && e.id === 'broker-heartbeat:broker-1:1'));
    expect(clusterModel.enabled(state)).not.toContainEqual({ type: 'timer', id: 'broker-heartbeat:broker-2:2' });
  });
});

describe('enabled on a cut link', () => {
  it('holds messages on a blocked link (no delivery offered) and delivers them after heal', () => {
    const state = newCluster({ 'model.faults': 'link' });
    apply(state, (e) => e.type === 'send', 'send');
    const cut: ClusterEvent = { type: 'partition', a: ['broker-1'], b: ['producer-1'], oneWay: false };
    applyExact(state, cut);
    expect(isEnabled(state, (e) => e.type === 'deliver')).toBe(false);
    expect(state.network.connections.find((c) => c.key === 'producer-1>broker-1')?.inFlight).toHaveLength(1);
    // The same cut is not offered again while in force.
    expect(clusterModel.enabled(state)).not.toContainEqual(cut);
    expect(clusterModel.healEvents(state)).toEqual([{ type: 'heal' }]);
    applyExact(state, { type: 'heal' });
    expect(deliverNext(state, 'producer-1', 'broker-1').type).toBe('Metadata');
  });
});

describe('the final read event', () => {
  it('is not offered at init (the producer still has work), and is offered once the cluster settles', () => {
    const state = newCluster({ 'model.records': 2 });
    expect(clusterModel.settled(state)).toBe(false);
    expect(clusterModel.finalReadEvent(state)).toEqual({ type: 'final-read' });
    expect(isEnabled(state, (e) => e.type === 'final-read')).toBe(false);
    runUntil(state, (s) => clusterModel.settled(s));
    expect(clusterModel.enabled(state)).toContainEqual({ type: 'final-read' });
  });
});

describe('enabled: split partitions', () => {
  it('lists each two-way split of the controller and 3 brokers into groups of two once, and not after it is in force', async () => {
    const { clusterModel } = await import('../../../../model/cluster/index.ts');
    const { resolveConfig } = await import('../../../../model/config.ts');
    const state = clusterModel.init(resolveConfig({ 'model.faults': 'split', 'model.faults.max': 3 }), 'split');
    const splits = clusterModel.enabled(state).filter((e) => e.type === 'partition');
    expect(splits.map((e) => (e.type === 'partition' ? `${e.a.join('+')}|${e.b.join('+')}` : ''))).toEqual([
      'controller+broker-1|broker-2+broker-3',
      'controller+broker-2|broker-1+broker-3',
      'controller+broker-3|broker-1+broker-2',
    ]);
    const first = splits[0];
    expect(clusterModel.describe(first, state)).toBe('network: split into {controller,broker-1} and {broker-2,broker-3}');
    clusterModel.step(state, first);
    expect(state.network.blocked).toContain('broker-1>broker-2');
    expect(state.network.blocked).toContain('broker-3>controller');
    expect(state.network.blocked).not.toContain('broker-1>controller');
    const again = clusterModel.enabled(state).filter((e) => e.type === 'partition');
    expect(again).toHaveLength(2);
  });
});
