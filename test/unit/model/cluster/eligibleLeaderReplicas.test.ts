/**
 * KIP-966 Eligible Leader Replicas through the whole model: the controller's ELR as fencing and
 * registration change it, unclean-shutdown detection (a clean shutdown file carries the broker
 * epoch into the next registration: PreviousBrokerEpoch), the election of an ELR member and of the
 * last known leader, each on both sides of 4.1 (eligible.leader.replicas.version is on by default
 * from 4.1, available but off in 4.0: docs, operations/eligible-leader-replicas).
 */
import { describe, expect, it } from 'vitest';
import { replicationExcuse } from '../../../../properties/replicationGuarantee.ts';
import { applyExact, chooseQuiet, deliverNext, newCluster, replica, runUntil } from './drive.ts';

/** Three brokers, min.insync.replicas=3: every ISR shrink leaves the ISR below min ISR. */
const MIN_ISR_3 = { 'min.insync.replicas': 3, 'model.records': 0, 'model.crash.concurrent.max': 3 };

describe('ELR at fencing and registration', () => {
  it('4.1: a killed broker, fenced at its new registration, enters the ELR and leaves it at once: a kill is an unclean shutdown', () => {
    const state = newCluster({ ...MIN_ISR_3, 'model.faults': 'kill' });
    applyExact(state, { type: 'crash', broker: 3, kind: 'kill' });
    applyExact(state, { type: 'restart', broker: 3 });
    expect(deliverNext(state, 'broker-3', 'controller')).toMatchObject({ type: 'BrokerRegistration', previousBrokerEpoch: -1 });
    expect(state.controller.partitions[0]).toMatchObject({ leader: 1, isr: [1, 2], elr: [] });
  });

  it('4.1: a broker that shut down cleanly stays in the ELR across its restart (its clean shutdown file names its broker epoch)', () => {
    const state = newCluster({ ...MIN_ISR_3, 'model.faults': 'shutdown' });
    applyExact(state, { type: 'shutdown', broker: 3 });
    deliverNext(state, 'broker-3', 'controller');
    expect(state.controller.partitions[0]).toMatchObject({ leader: 1, isr: [1, 2], elr: [3] });
    applyExact(state, { type: 'restart', broker: 3 });
    expect(deliverNext(state, 'broker-3', 'controller')).toMatchObject({ type: 'BrokerRegistration', previousBrokerEpoch: 3 });
    expect(state.controller.partitions[0]).toMatchObject({ isr: [1, 2], elr: [3] });
    // Back in the ISR, which is at min ISR again: the ELR is cleared.
    runUntil(state, (s) => s.controller.partitions[0].isr.length === 3, chooseQuiet);
    expect(state.controller.partitions[0]).toMatchObject({ isr: [1, 2, 3], elr: [] });
  });

  it('4.0: no ELR, whatever the shutdown', () => {
    const state = newCluster({ ...MIN_ISR_3, 'model.faults': 'shutdown', 'model.kafka.version': '4.0' });
    applyExact(state, { type: 'shutdown', broker: 3 });
    deliverNext(state, 'broker-3', 'controller');
    expect(state.controller.partitions[0]).toMatchObject({ isr: [1, 2], elr: [] });
  });
});

describe('elections from the ELR and of the last known leader', () => {
  /** Broker 3 shuts down cleanly, then broker 2: ISR {1}, ELR {2,3} (min ISR 3). */
  function onlyLeaderInIsr(overrides: Record<string, unknown> = {}) {
    const state = newCluster({ ...MIN_ISR_3, 'model.faults': 'shutdown,kill', ...overrides });
    applyExact(state, { type: 'shutdown', broker: 3 });
    deliverNext(state, 'broker-3', 'controller');
    applyExact(state, { type: 'shutdown', broker: 2 });
    deliverNext(state, 'broker-2', 'controller');
    return state;
  }

  it('4.1: the last ISR member killed, the ISR empties; a cleanly restarted ELR member is elected and leads alone', () => {
    const state = onlyLeaderInIsr();
    expect(state.controller.partitions[0]).toMatchObject({ leader: 1, isr: [1], elr: [2, 3] });
    applyExact(state, { type: 'crash', broker: 1, kind: 'kill' });
    runUntil(state, (s) => s.controller.brokers[0].fenced, chooseQuiet);
    expect(state.controller.partitions[0]).toMatchObject({ leader: -1, isr: [], elr: [1, 2, 3], lastKnownElr: [1] });
    applyExact(state, { type: 'restart', broker: 2 });
    runUntil(state, (s) => s.controller.partitions[0].leader !== -1, chooseQuiet);
    expect(state.controller.partitions[0]).toMatchObject({ leader: 2, isr: [2], elr: [1, 3], lastKnownElr: [] });
    expect(state.ghost.elections.at(-1)).toMatchObject({ leader: 2, clean: true });
  });

  it('4.0: the last ISR member stays the ISR and waits to be elected again; the others cannot lead', () => {
    const state = onlyLeaderInIsr({ 'model.kafka.version': '4.0' });
    applyExact(state, { type: 'crash', broker: 1, kind: 'kill' });
    runUntil(state, (s) => s.controller.brokers[0].fenced, chooseQuiet);
    applyExact(state, { type: 'restart', broker: 2 });
    runUntil(state, (s) => !s.controller.brokers[1].fenced, chooseQuiet);
    expect(state.controller.partitions[0]).toMatchObject({ leader: -1, isr: [1], elr: [] });
  });

  it('4.1: with every ISR and ELR member back from an unclean shutdown, the last known leader is elected uncleanly, which excuses what the partition then loses', () => {
    const state = newCluster({ 'model.brokers': 2, 'replication.factor': 2, 'min.insync.replicas': 2, 'model.records': 0, 'model.faults': 'kill', 'model.crash.concurrent.max': 2 });
    applyExact(state, { type: 'crash', broker: 2, kind: 'kill' });
    applyExact(state, { type: 'restart', broker: 2 });
    deliverNext(state, 'broker-2', 'controller');
    expect(state.controller.partitions[0]).toMatchObject({ leader: 1, isr: [1], elr: [] });
    applyExact(state, { type: 'crash', broker: 1, kind: 'kill' });
    applyExact(state, { type: 'restart', broker: 1 });
    deliverNext(state, 'broker-1', 'controller');
    expect(state.controller.partitions[0]).toMatchObject({ leader: -1, isr: [], elr: [], lastKnownElr: [1] });
    runUntil(state, (s) => s.controller.partitions[0].leader !== -1, chooseQuiet);
    expect(state.controller.partitions[0]).toMatchObject({ leader: 1, isr: [1], elr: [], lastKnownElr: [] });
    expect(state.ghost.elections.at(-1)).toMatchObject({ leader: 1, clean: false });
    runUntil(state, (s) => replica(s, 1).role === 'leader', chooseQuiet);
    const lost = { property: 'lost-write', summary: '', data: { partition: 0 } };
    expect(replicationExcuse(lost, state)).toBe(
      'p0 elected broker 1, its last known leader, uncleanly (leader epoch 2): no ISR member and no Eligible Leader Replica was left, ' +
        'each having shut down uncleanly, more than the min.insync.replicas - 1 = 1 unclean shutdowns KIP-966 survives',
    );
    expect(replicationExcuse({ ...lost, data: { partition: 1 } }, state)).toBeUndefined();
  });
});
