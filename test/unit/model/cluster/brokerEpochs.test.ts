/**
 * KIP-903 (3.5+, KAFKA-14617; model.isr.broker.epoch): a follower's Fetch carries its broker epoch,
 * the leader sends each member's epoch with an ISR change, and the controller refuses a stale one.
 * Before it, KAFKA-14139: a replica that lost records in a power loss and restarted is added to
 * the ISR by an AlterPartition its leader prepared from the previous process's fetches.
 */
import { describe, expect, it } from 'vitest';
import { strongIsr } from '../../../../properties/strongIsr.ts';
import { replicationGuarantee } from '../../../../properties/replicationGuarantee.ts';
import type { ClusterState } from '../../../../model/cluster/index.ts';
import { FAST, applyExact, avoiding, chooseQuiet, deliverNext, head, holding, linesOf, logOf, newCluster, replica, runUntil } from './drive.ts';

/**
 * Broker 3 falls out of the ISR (cut off from leader 1, which writes v1, committed by {1,2}); the
 * cut heals, broker 3 fetches v1 and leader 1 proposes {1,2,3}, a request the controller does not
 * see yet. Broker 3 then loses power (v1 was not flushed), restarts, registers a new broker epoch
 * and is unfenced. Returns with the stale AlterPartition still at the head of broker-1 → controller.
 */
function staleExpansionAfterPowerLoss(overrides: Record<string, unknown>): ClusterState {
  const state = newCluster({ ...FAST, acks: 1, 'model.records': 1, 'model.faults': 'link,power', 'model.faults.max': 10, 'min.insync.replicas': 2, ...overrides });
  applyExact(state, { type: 'partition', a: ['broker-1'], b: ['broker-3'], oneWay: false });
  applyExact(state, { type: 'send', producer: 'producer-1' });
  runUntil(state, (s) => s.controller.partitions[0].isr.length === 2 && replica(s, 1).isr.length === 2 && replica(s, 1).isrChange === null && replica(s, 1).highWatermark === 1, chooseQuiet);
  applyExact(state, { type: 'heal' });
  const holdAlterPartition = avoiding(holding('broker-1', 'controller', 'AlterPartition'), chooseQuiet);
  runUntil(state, (s) => head(s, 'broker-1', 'controller')?.type === 'AlterPartition', holdAlterPartition);
  expect(logOf(state, 3)).toEqual(['v1@0']);
  expect(head(state, 'broker-1', 'controller')).toMatchObject({ type: 'AlterPartition', isr: [1, 2, 3], isrBrokerEpochs: [1, 2, 3] });
  applyExact(state, { type: 'crash', broker: 3, kind: 'power' });
  applyExact(state, { type: 'restart', broker: 3 });
  expect(logOf(state, 3)).toEqual([]);
  // The new process registers and is unfenced before the request arrives, and has not fetched yet.
  const holdBoth = avoiding((e, s) => holding('broker-1', 'controller', 'AlterPartition')(e, s) || holding('broker-3', 'broker-1')(e, s), chooseQuiet);
  runUntil(state, (s) => s.controller.brokers[2].brokerEpoch === 4 && !s.controller.brokers[2].fenced, holdBoth);
  expect(head(state, 'broker-1', 'controller')?.type).toBe('AlterPartition');
  return state;
}

/** Delivers the held AlterPartition and the controller's answer. */
function deliverStaleExpansion(state: ClusterState): void {
  deliverNext(state, 'broker-1', 'controller');
  const from = linesOf(state).length;
  runUntil(state, (s) => linesOf(s).slice(from).some((line) => line.startsWith('controller → broker-1: AlterPartitionResponse')), avoiding(holding('broker-3', 'broker-1'), chooseQuiet));
}

describe('KIP-903: broker epochs keep a restarted replica out of the ISR until it fetches again (KAFKA-14139)', () => {
  it('model.kafka.version=3.4: the stale expansion adds broker 3, which lost v1 below the high watermark: strong-isr, possible because of the release', () => {
    const state = staleExpansionAfterPowerLoss({ 'model.kafka.version': '3.4', 'enable.idempotence': false, acks: 1, 'linger.ms': 0 });
    deliverStaleExpansion(state);
    expect(linesOf(state)).toContain('controller → broker-1: AlterPartitionResponse p0 isr {1,2,3}');
    expect(state.controller.partitions[0].isr).toEqual([1, 2, 3]);
    const cases = strongIsr.check(state);
    expect(cases.map((c) => c.summary)).toEqual(["ISR member broker 3 lacks p0 offset 0 (v1 (epoch 0)), below leader broker 1's high watermark 1"]);
    const guarantee = replicationGuarantee(state.config, false);
    expect(guarantee.guaranteed).toBe(false);
    expect(guarantee.guaranteed ? '' : guarantee.because).toContain('model.isr.broker.epoch=false (the default before Kafka 3.5, KIP-903; model.kafka.version=3.4)');
  });

  it('model.kafka.version=3.5: the controller refuses the stale broker epoch (INELIGIBLE_REPLICA); broker 3 joins only after fetching v1 again', () => {
    const state = staleExpansionAfterPowerLoss({ 'model.kafka.version': '3.5', 'enable.idempotence': false, acks: 1, 'linger.ms': 0 });
    deliverStaleExpansion(state);
    expect(linesOf(state)).toContain('controller → broker-1: AlterPartitionResponse p0 INELIGIBLE_REPLICA');
    expect(state.controller.partitions[0].isr).toEqual([1, 2]);
    expect(strongIsr.check(state)).toEqual([]);
    runUntil(state, (s) => s.controller.partitions[0].isr.length === 3, chooseQuiet);
    expect(logOf(state, 3)).toEqual(['v1@0']);
  });

  it('4.1 with model.isr.broker.epoch=false breaks the same way, and the guarantee names the key without a release', () => {
    const state = staleExpansionAfterPowerLoss({ 'model.isr.broker.epoch': false });
    deliverStaleExpansion(state);
    expect(state.controller.partitions[0].isr).toEqual([1, 2, 3]);
    expect(strongIsr.check(state)).toHaveLength(1);
    expect(replicationGuarantee(state.config, false)).toEqual({
      guaranteed: false,
      because:
        'model.faults includes power with flush.messages unset and model.isr.broker.epoch=false ' +
        "(a replica that lost records in a power loss can be added back to the ISR on its previous process's fetch state: KAFKA-14139, which KIP-903 fixes)",
    });
  });

  it('a follower\'s Fetch carries its broker epoch and the leader keeps it (Replica brokerEpoch)', () => {
    const state = staleExpansionAfterPowerLoss({});
    const broker3 = () => replica(state, 1).followers.find((f) => f.brokerId === 3)!;
    expect(broker3()).toMatchObject({ brokerEpoch: 3, logEndOffset: 1 });
    expect(deliverNext(state, 'broker-3', 'broker-1')).toMatchObject({ type: 'Fetch', replicaEpoch: 4, fetchOffset: 0 });
    expect(broker3()).toMatchObject({ brokerEpoch: 4, logEndOffset: 0 });
  });
});
