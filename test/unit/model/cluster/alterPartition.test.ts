/**
 * The leader's pending ISR change (Partition's PendingExpandIsr / PendingShrinkIsr, Kafka 3.3+ and
 * trunk): kept across controller disconnects and stale answers until an answer to the same
 * proposal or newer metadata ends it.
 */
import { describe, expect, it } from 'vitest';
import { handleAlterPartitionResponse, maximalIsr } from '../../../../model/cluster/alterPartition.ts';
import { FAST, applyExact, avoiding, chooseQuiet, deliverNext, expectInOrder, fencedFollowerProposed, head, holding, inFlight, linesOf, newCluster, replica, runUntil, traceOf } from './drive.ts';
import type { ClusterState } from '../../../../model/cluster/index.ts';

/**
 * Broker 3 is cut off from leader 1, which writes v1 (acks=1), until the ISR is {1,2} everywhere;
 * then the cut heals. v2 is left to send.
 */
function broker3LeftTheIsr(overrides: Record<string, unknown> = {}): ClusterState {
  const state = newCluster({ ...FAST, acks: 1, 'model.records': 2, 'model.faults': 'link,drop', ...overrides });
  applyExact(state, { type: 'partition', a: ['broker-1'], b: ['broker-3'], oneWay: false });
  applyExact(state, { type: 'send', producer: 'producer-1' });
  runUntil(state, (s) => s.controller.partitions[0].isr.length === 2 && replica(s, 1).isr.length === 2 && replica(s, 1).isrChange === null, chooseQuiet);
  expect(replica(state, 1).highWatermark).toBe(1);
  applyExact(state, { type: 'heal' });
  return state;
}

/** Broker 3's fetches (and the answers) are held: it falls behind while in the controller's ISR. */
const holdBroker3 = avoiding((e, s) => holding('broker-3', 'broker-1')(e, s) || holding('broker-1', 'broker-3')(e, s), chooseQuiet);

describe('a controller disconnect keeps the pending ISR change (NodeToControllerRequestThread resends)', () => {
  /**
   * Regression: `kmc check --scenario acks-all-min-isr-2 --set model.brokers=7 --set
   * num.partitions=3 --set replication.factor=3 --runs 300 --seed scale-1` reported strong-isr as
   * guaranteed. The controller applied the leader's expansion, then the connection dropped with
   * the answer (and the MetadataUpdate) on it; the model's leader forgot the pending change and
   * advanced its HW over {1,2} while the controller's ISR was {1,2,3}. Kafka requeues the same
   * request (response.wasDisconnected: requestQueue.putFirst) and keeps the maximal ISR.
   */
  it('the controller applied the expansion and the answer was lost: the leader resends it, its HW waits for broker 3, and the metadata commits {1,2,3}', () => {
    const state = broker3LeftTheIsr();
    // Broker 3 fetches again and catches up; the controller adds it; nothing reaches broker 1 yet.
    runUntil(state, (s) => s.controller.partitions[0].isr.length === 3, avoiding(holding('controller', 'broker-1'), chooseQuiet));
    expect(state.controller.partitions[0]).toMatchObject({ isr: [1, 2, 3], partitionEpoch: 2 });
    expect(inFlight(state, 'controller', 'broker-1')).toContainEqual(expect.objectContaining({ type: 'AlterPartitionResponse', error: 'NONE' }));
    applyExact(state, { type: 'drop', a: 'broker-1', b: 'controller' });

    // Broker 1 writes v2; broker 2 copies it; broker 3 (in the controller's ISR) does not.
    applyExact(state, { type: 'send', producer: 'producer-1' });
    runUntil(state, (s) => replica(s, 2).log.length === 2 && replica(s, 1).followers.find((f) => f.brokerId === 2)!.logEndOffset === 2, holdBroker3);
    expect(replica(state, 3).log).toHaveLength(1);
    expect(replica(state, 1).highWatermark).toBe(1);
    expect(maximalIsr(replica(state, 1))).toEqual([1, 2, 3]);
    expect(linesOf(state).filter((l) => l.startsWith('broker-1 → controller: AlterPartition'))).toEqual([
      'broker-1 → controller: AlterPartition p0 isr {1,2} (leader epoch 0, partition epoch 0)',
      'broker-1 → controller: AlterPartition p0 isr {1,2,3} (leader epoch 0, partition epoch 1)',
      'broker-1 → controller: AlterPartition p0 isr {1,2,3} (leader epoch 0, partition epoch 1)',
    ]);
    // The resent copy finds the partition epoch moved on: the change stays pending (Kafka cannot
    // tell whether an earlier copy was applied) until the metadata says what happened.
    expectInOrder(linesOf(state), ['controller → broker-1: AlterPartitionResponse p0 INVALID_UPDATE_VERSION']);
    expect(replica(state, 1).isrChange).toMatchObject({ kind: 'expand', isr: [1, 2, 3], status: 'awaiting-metadata' });

    runUntil(state, (s) => replica(s, 1).isrChange === null, holdBroker3);
    expect(replica(state, 1)).toMatchObject({ isr: [1, 2, 3], partitionEpoch: 2, highWatermark: 1 });
    runUntil(state, (s) => replica(s, 1).highWatermark === 2, chooseQuiet);
    expect(replica(state, 3).log).toHaveLength(2);
  });

  it('the request itself was lost: the resent copy is applied and answered, and the leader commits it', () => {
    const state = broker3LeftTheIsr();
    runUntil(state, (s) => head(s, 'broker-1', 'controller')?.type === 'AlterPartition', chooseQuiet);
    applyExact(state, { type: 'drop', a: 'broker-1', b: 'controller' });
    expect(state.controller.partitions[0].isr).toEqual([1, 2]);
    expect(head(state, 'broker-1', 'controller')).toMatchObject({ type: 'AlterPartition', isr: [1, 2, 3], partitionEpoch: 1 });
    runUntil(state, (s) => replica(s, 1).isrChange === null, chooseQuiet);
    expect(state.controller.partitions[0]).toMatchObject({ isr: [1, 2, 3], partitionEpoch: 2 });
    expect(replica(state, 1)).toMatchObject({ isr: [1, 2, 3], partitionEpoch: 2 });
  });
});

describe('answers and metadata end a pending change only when they are about it', () => {
  /**
   * The shrink to {1,2} is applied and its MetadataUpdate commits it at broker 1 while the answer
   * is still on the wire. Broker 3 then catches up and broker 1 proposes {1,2,3}. The late answer
   * belongs to the shrink: Partition.submitAlterPartition ignores it (partitionState is no longer
   * that proposal), and the expansion stays pending with broker 3 in the maximal ISR.
   */
  it('a late answer to the superseded shrink leaves the newer expansion pending', () => {
    const state = newCluster({ ...FAST, acks: 1, 'model.records': 2, 'model.faults': 'link' });
    applyExact(state, { type: 'partition', a: ['broker-1'], b: ['broker-3'], oneWay: false });
    applyExact(state, { type: 'send', producer: 'producer-1' });
    runUntil(state, (s) => s.controller.partitions[0].isr.length === 2, chooseQuiet);
    // The controller applied the shrink: MetadataUpdate, then AlterPartitionResponse, to broker 1.
    expect(deliverNext(state, 'controller', 'broker-1')).toMatchObject({ type: 'MetadataUpdate' });
    expect(replica(state, 1)).toMatchObject({ isr: [1, 2], partitionEpoch: 1, isrChange: null });
    expect(head(state, 'controller', 'broker-1')).toMatchObject({ type: 'AlterPartitionResponse', error: 'NONE' });
    applyExact(state, { type: 'heal' });
    runUntil(state, (s) => replica(s, 1).isrChange !== null, avoiding(holding('controller', 'broker-1'), chooseQuiet));
    expect(replica(state, 1).isrChange).toMatchObject({ kind: 'expand', isr: [1, 2, 3], status: 'in-flight' });

    // The shrink's answer arrives now.
    expect(deliverNext(state, 'controller', 'broker-1')).toMatchObject({ type: 'AlterPartitionResponse', error: 'NONE', state: { isr: [1, 2], partitionEpoch: 1 } });
    expect(replica(state, 1).isrChange).toMatchObject({ kind: 'expand', isr: [1, 2, 3], status: 'in-flight' });
    expect(maximalIsr(replica(state, 1))).toEqual([1, 2, 3]);

    // The HW waits for broker 3 while the expansion is pending, and the expansion's own answer commits it.
    applyExact(state, { type: 'send', producer: 'producer-1' });
    runUntil(state, (s) => replica(s, 1).followers.find((f) => f.brokerId === 2)!.logEndOffset === 2, holdBroker3);
    expect(replica(state, 1).highWatermark).toBe(1);
    runUntil(state, (s) => replica(s, 1).isrChange === null, holdBroker3);
    expect(replica(state, 1)).toMatchObject({ isr: [1, 2, 3], partitionEpoch: 2 });
  });

  it('INELIGIBLE_REPLICA: nothing was applied, so the leader is back at its committed ISR and may propose again', () => {
    const state = fencedFollowerProposed();
    runUntil(state, (s) => linesOf(s).includes('controller → broker-1: AlterPartitionResponse p0 INELIGIBLE_REPLICA'), chooseQuiet);
    expect(replica(state, 1)).toMatchObject({ isr: [1, 2], isrChange: null });
    runUntil(state, (s) => replica(s, 1).isr.length === 3, chooseQuiet);
  });

  it('a success for another leader epoch, or an older partition epoch, leaves the change pending until the metadata arrives (Partition.handleAlterPartitionUpdate)', () => {
    for (const stale of [{ leaderEpoch: 1, partitionEpoch: 2 }, { leaderEpoch: 0, partitionEpoch: 0 }]) {
      const state = broker3LeftTheIsr();
      runUntil(state, (s) => head(s, 'broker-1', 'controller')?.type === 'AlterPartition', chooseQuiet);
      const leader = replica(state, 1);
      const proposalId = leader.isrChange!.proposalId;
      const changed = handleAlterPartitionResponse(state, 1, { type: 'AlterPartitionResponse', proposalId, partition: 0, error: 'NONE', state: { partition: 0, replicas: [1, 2, 3], leader: 1, isr: [1, 2, 3], elr: [], lastKnownElr: [], ...stale } });
      expect(changed).toBe(false);
      expect(leader).toMatchObject({ isr: [1, 2], partitionEpoch: 1, isrChange: { kind: 'expand', status: 'awaiting-metadata' } });
      expect(maximalIsr(leader)).toEqual([1, 2, 3]);
    }
  });
});

describe('no second proposal while one is pending', () => {
  it('ISR expiration proposes no shrink while an expansion is pending', () => {
    const state = broker3LeftTheIsr();
    runUntil(state, (s) => head(s, 'broker-1', 'controller')?.type === 'AlterPartition', chooseQuiet);
    // Broker 2 stops fetching; the controller's answers to broker 1 are held long past the lag time.
    const hold = avoiding((e, s) => holding('controller', 'broker-1')(e, s) || holding('broker-2', 'broker-1')(e, s), chooseQuiet);
    runUntil(state, (s) => s.nowMs >= 9000, hold);
    expect(linesOf(state).filter((l) => l.startsWith('broker-1 → controller: AlterPartition'))).toEqual([
      'broker-1 → controller: AlterPartition p0 isr {1,2} (leader epoch 0, partition epoch 0)',
      'broker-1 → controller: AlterPartition p0 isr {1,2,3} (leader epoch 0, partition epoch 1)',
    ]);
    expect(replica(state, 1).isrChange).toMatchObject({ kind: 'expand', status: 'in-flight' });
  });
});

describe('the retry timer', () => {
  it('STALE_BROKER_EPOCH: the proposal is sent again 50 ms later, with the broker\'s epoch of then', () => {
    const state = broker3LeftTheIsr();
    runUntil(state, (s) => head(s, 'broker-1', 'controller')?.type === 'AlterPartition', chooseQuiet);
    // A controller that holds another epoch for broker 1 (as after a registration broker 1 missed).
    const view = state.controller.brokers[0];
    const epoch = view.brokerEpoch;
    view.brokerEpoch = 99;
    deliverNext(state, 'broker-1', 'controller');
    runUntil(state, (s) => replica(s, 1).isrChange?.status === 'retry-backoff', avoiding(holding('broker-1', 'controller', 'BrokerHeartbeat'), chooseQuiet));
    expect(linesOf(state)).toContain('controller → broker-1: AlterPartitionResponse p0 STALE_BROKER_EPOCH');
    expect(replica(state, 1).isrChange).toMatchObject({ kind: 'expand', isr: [1, 2, 3] });
    expect(maximalIsr(replica(state, 1))).toEqual([1, 2, 3]);
    view.brokerEpoch = epoch;
    const sentAtMs = state.nowMs;
    runUntil(state, (s) => head(s, 'broker-1', 'controller')?.type === 'AlterPartition', avoiding(holding('broker-1', 'controller'), chooseQuiet));
    const retry = traceOf(state).find((s) => s.line.startsWith('broker-1: alter-partition-retry timer fires'));
    expect(retry?.timeMs).toBe(sentAtMs + 50);
    runUntil(state, (s) => replica(s, 1).isrChange === null, chooseQuiet);
    expect(replica(state, 1).isr).toEqual([1, 2, 3]);
  });
});
