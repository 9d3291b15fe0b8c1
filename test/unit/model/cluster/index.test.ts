import { describe, expect, it } from 'vitest';
import { clusterModel } from '../../../../model/cluster/index.ts';
import type { ClusterEvent, ClusterState } from '../../../../model/cluster/index.ts';
import { resolveConfig } from '../../../../model/config.ts';
import { createRng } from '../../../../model/kernel/rng.ts';
import { traceToJsonLines, type TraceStep } from '../../../../model/kernel/trace.ts';
import { apply, applyExact, chooseQuiet, deliverNext, fireTimer, newCluster, runUntil } from './drive.ts';

const ALL_FAULTS = 'kill,power,pause,shutdown,isolate,link,one-way,drop,elect';

/** A seeded random walk: every choice from one rng; returns the fingerprint after each step and the trace. */
function walk(seed: string, steps: number, overrides: Record<string, unknown> = {}): { fingerprints: string[]; trace: TraceStep[]; state: ClusterState } {
  const config = resolveConfig({ 'model.faults': ALL_FAULTS, 'model.faults.max': 6, 'min.insync.replicas': 2, 'enable.idempotence': true, ...overrides });
  const state = clusterModel.init(config, seed);
  const rng = createRng(seed);
  const fingerprints = [clusterModel.fingerprint(state)];
  const trace: TraceStep[] = [];
  for (let i = 0; i < steps; i++) {
    const events = clusterModel.enabled(state).filter((e) => e.type !== 'final-read');
    const event = rng.pick(events);
    trace.push({ index: i, timeMs: 0, event, description: clusterModel.describe(event, state) });
    clusterModel.step(state, event);
    trace[i].timeMs = clusterModel.nowMs(state);
    fingerprints.push(clusterModel.fingerprint(state));
  }
  return { fingerprints, trace, state };
}

describe('the model contract', () => {
  it('names itself and its version (written into counterexample files)', () => {
    expect(clusterModel.name).toBe('kafka-replication');
    expect(clusterModel.version).toBe('9');
  });

  it('classifies fault events', () => {
    const faults: ClusterEvent[] = [
      { type: 'crash', broker: 1, kind: 'kill' },
      { type: 'pause', broker: 1 },
      { type: 'shutdown', broker: 1 },
      { type: 'partition', a: ['broker-1'], b: ['broker-2'], oneWay: true },
      { type: 'drop', a: 'broker-1', b: 'producer-1' },
      { type: 'elect', partition: 0, broker: 2 },
    ];
    const others: ClusterEvent[] = [{ type: 'deliver', from: 'a', to: 'b', id: 'a>b#0' }, { type: 'timer', id: 't' }, { type: 'send', producer: 'producer-1' }, { type: 'restart', broker: 1 }, { type: 'resume', broker: 1 }, { type: 'heal' }, { type: 'flush', broker: 1 }, { type: 'final-read' }];
    expect(faults.every((e) => clusterModel.isFault(e))).toBe(true);
    expect(others.some((e) => clusterModel.isFault(e))).toBe(false);
  });

  it('lists the heal events that end every fault in force', () => {
    const state = newCluster({ 'model.faults': 'kill,pause,link', 'model.crash.concurrent.max': 2 });
    expect(clusterModel.healEvents(state)).toEqual([]);
    applyExact(state, { type: 'crash', broker: 3, kind: 'kill' });
    applyExact(state, { type: 'pause', broker: 1 });
    applyExact(state, { type: 'partition', a: ['controller'], b: ['broker-2'], oneWay: false });
    const heal = clusterModel.healEvents(state);
    expect(heal).toEqual([{ type: 'heal' }, { type: 'resume', broker: 1 }, { type: 'restart', broker: 3 }]);
    for (const event of heal) applyExact(state, event);
    expect(clusterModel.healEvents(state)).toEqual([]);
    expect(state.brokers.map((b) => b.status)).toEqual(['running', 'running', 'running']);
  });

  it('reports virtual time, which only timers advance', () => {
    const state = newCluster({});
    apply(state, (e) => e.type === 'send', 'send');
    deliverNext(state, 'producer-1', 'broker-1');
    expect(clusterModel.nowMs(state)).toBe(0);
    fireTimer(state, 'replica-fetch-backoff:broker-2');
    expect(clusterModel.nowMs(state)).toBe(500);
  });
});

describe('determinism', () => {
  it('gives identical fingerprints at every step for the same seeded random walk (seed kmc-walk-1)', () => {
    const first = walk('kmc-walk-1', 300);
    const second = walk('kmc-walk-1', 300);
    expect(second.fingerprints).toEqual(first.fingerprints);
    expect(traceToJsonLines(second.trace)).toBe(traceToJsonLines(first.trace));
    expect(second.state.history).toEqual(first.state.history);
  });

  it('gives a different walk for a different seed (seeds kmc-walk-1, kmc-walk-2)', () => {
    expect(walk('kmc-walk-2', 100).fingerprints).not.toEqual(walk('kmc-walk-1', 100).fingerprints);
  });

  it('walks under every truncation rule without a model assertion (seeds kmc-walk-<rule>)', () => {
    for (const rule of ['high-watermark', 'kip-101', 'kip-279', 'diverging-epoch']) {
      for (const fencing of [false, true]) {
        const { fingerprints } = walk(`kmc-walk-${rule}-${fencing}`, 250, { 'model.truncation': rule, 'model.fencing': fencing, 'unclean.leader.election.enable': !fencing, acks: 'all' });
        expect(fingerprints).toHaveLength(251);
      }
    }
  });

  it('fingerprints equal states equally whatever the path: two independent deliveries in either order', () => {
    const build = (): ClusterState => {
      const state = newCluster({ 'model.records': 0 });
      runUntil(state, (s) => clusterModel.enabled(s).some((e) => e.type === 'timer' && e.id === 'broker-heartbeat:broker-1:1'), chooseQuiet);
      fireTimer(state, 'broker-heartbeat:broker-1:1');
      fireTimer(state, 'broker-heartbeat:broker-2:2');
      deliverNext(state, 'broker-1', 'controller');
      deliverNext(state, 'broker-2', 'controller');
      return state;
    };
    const a = build();
    const b = build();
    expect(clusterModel.fingerprint(a)).toBe(clusterModel.fingerprint(b));
    const targets = a.network.connections.filter((c) => c.from === 'controller' && c.inFlight.length > 0).map((c) => c.to);
    expect(targets).toEqual(['broker-1', 'broker-2']);
    deliverNext(a, 'controller', targets[0]);
    deliverNext(a, 'controller', targets[1]);
    deliverNext(b, 'controller', targets[1]);
    deliverNext(b, 'controller', targets[0]);
    expect(clusterModel.fingerprint(a)).toBe(clusterModel.fingerprint(b));
  });

  it('fingerprints different states differently', () => {
    const state = newCluster({});
    const before = clusterModel.fingerprint(state);
    apply(state, (e) => e.type === 'send', 'send');
    expect(clusterModel.fingerprint(state)).not.toBe(before);
  });
});

describe('clone', () => {
  it('is deep and independent: stepping the clone leaves the original as it was', () => {
    const { state } = walk('kmc-clone-1', 80);
    const before = clusterModel.fingerprint(state);
    const snapshot = JSON.stringify(state);
    const copy = clusterModel.clone(state);
    expect(clusterModel.fingerprint(copy)).toBe(before);
    expect(copy).not.toBe(state);
    expect(copy.config).toBe(state.config);
    expect(copy.stepCount).toBe(state.stepCount);
    const rng = createRng('kmc-clone-1/steps');
    for (let i = 0; i < 60; i++) {
      const events = clusterModel.enabled(copy).filter((e) => e.type !== 'final-read');
      clusterModel.step(copy, rng.pick(events));
    }
    expect(clusterModel.fingerprint(copy)).not.toBe(before);
    expect(clusterModel.fingerprint(state)).toBe(before);
    expect(JSON.stringify(state)).toBe(snapshot);
  });

  it('steps the same as the original: equal events give equal fingerprints', () => {
    const { state } = walk('kmc-clone-2', 50);
    const copy = clusterModel.clone(state);
    const rngA = createRng('kmc-clone-2/steps');
    const rngB = createRng('kmc-clone-2/steps');
    for (let i = 0; i < 50; i++) {
      clusterModel.step(state, rngA.pick(clusterModel.enabled(state).filter((e) => e.type !== 'final-read')));
      clusterModel.step(copy, rngB.pick(clusterModel.enabled(copy).filter((e) => e.type !== 'final-read')));
      expect(clusterModel.fingerprint(copy)).toBe(clusterModel.fingerprint(state));
    }
  });

  it('ignores the step count in the fingerprint (a path-dependent counter)', () => {
    const state = newCluster({});
    const copy = clusterModel.clone(state);
    copy.stepCount = 99;
    expect(clusterModel.fingerprint(copy)).toBe(clusterModel.fingerprint(state));
  });
});
