/**
 * The replicated-log cluster model: N brokers and a controller, one topic with P partitions and
 * replication factor R, producers and a final reader, on a fault-injectable network under a
 * virtual clock. Implements the kernel's Model contract.
 *
 * Faults it injects (each a config-selected kind in model.faults): SIGKILL and power-loss crashes,
 * pauses (zombies), clean shutdowns, node isolation, two-way and one-way link cuts, connection
 * drops, admin leader elections, admin changes of dynamic topic configs (alter-config:
 * min.insync.replicas, unclean.leader.election.enable; alterConfig.ts). Kafka claims to survive
 * all of them without losing acks=all records when min.insync.replicas >= 2 and unclean election
 * is off, with power losses only as KIP-966 promises (Eligible Leader Replicas with broker epochs
 * and the strict min ISR rule: no loss until min.insync.replicas replicas have shut down uncleanly
 * and the last known leader is elected; before it, a power loss on the last ISR member loses
 * committed records). The controller is a single node that never fails over: cut off, it goes on
 * deciding alone (controller.ts).
 */
import { clonePlain } from '../kernel/plainData.ts';
import type { Model } from '../kernel/model.ts';
import type { KmcConfig } from '../config.ts';
import { describeEvent } from './describe.ts';
import { enabledEntries, enabledEvents, firstNonFaultEvent } from './enabled.ts';
import type { ClusterEvent } from './events.ts';
import { FAULT_EVENT_TYPES } from './events.ts';
import { initCluster } from './init.ts';
import { isSettled } from './settled.ts';
import { producerIdle } from '../clients/producer.ts';
import { stepCluster } from './step.ts';
import type { ClusterState } from './types.ts';
import { clusterSettleWithinMs } from './settleWithin.ts';
import { clusterFootprint } from './footprint.ts';
import { clusterFingerprint } from './fingerprint.ts';
import { clusterCoverage } from './coverage.ts';

/** The state minus the config and the step counter, as JSON. */
function canonical(state: ClusterState): string {
  const { config: _config, stepCount: _steps, ...rest } = state;
  return JSON.stringify(rest);
}

export const clusterModel: Model<ClusterState, ClusterEvent, KmcConfig> = {
  name: 'kafka-replication',
  // 2: model.kafka.version (a config without it now follows Kafka 4.1: round-robin asked once).
  // 3: the producer as Java does it (batches, producer epochs, whole-range duplicate checks).
  // 4: an epoch below every cached one is answered with the first start offset (2.1+, KAFKA-7415).
  // 5: whole-batch replication, Kafka's follower fetch state, the pending ISR change (proposalId).
  // 6: retries wait at least 1 ms (retry.backoff.ms=0); a diverging epoch the follower never had
  //    truncates to its own end of its largest epoch below it, and fetches again.
  // 7: broker epochs in fetches and ISR changes (KIP-903), the strict min-ISR high watermark
  //    (KAFKA-15583), Eligible Leader Replicas and unclean-shutdown detection (KIP-966).
  // 8: dynamic topic configs (alter-config events, topic configs in the metadata, the unclean-election check).
  // 9: with ELR on, a min.insync.replicas alteration clears every ELR and last known leader (KAFKA-18649).
  version: '9',
  init: (config, seed) => initCluster(config, seed),
  enabled: enabledEvents,
  enabledEntries,
  step: stepCluster,
  clone(state) {
    const { config, ...rest } = state;
    const copy = clonePlain(rest) as ClusterState;
    copy.config = config;
    return copy;
  },
  fingerprint: clusterFingerprint,
  describe: describeEvent,
  isFault: (event) => FAULT_EVENT_TYPES.includes(event.type),
  footprint: clusterFootprint,
  firstNonFault: firstNonFaultEvent,
  healEvents(state) {
    const events: ClusterEvent[] = [];
    if (state.network.blocked.length > 0) events.push({ type: 'heal' });
    for (const broker of state.brokers) {
      if (broker.status === 'crashed' || broker.status === 'stopped') events.push({ type: 'restart', broker: broker.id });
      if (broker.status === 'paused') events.push({ type: 'resume', broker: broker.id });
    }
    return events;
  },
  settled: isSettled,
  settleWithinMs: (state) => clusterSettleWithinMs(state.config),
  /**
   * Nothing left for a search to choose but schedules: the fault budget is spent or every
   * producer is done. The exhaustive engine completes (heal, settle, read) only such states.
   */
  workloadDone: (state) => state.faultCounts.total >= state.config['model.faults.max'] || state.producers.every(producerIdle),
  finalReadEvent: (state) => (state.reader.phase === 'idle' ? { type: 'final-read' } : null),
  finalReadDone: (state) => state.reader.phase === 'done',
  nowMs: (state) => state.nowMs,
  coverage: clusterCoverage,
};

export type { ClusterState, ClusterEvent };
export { canonical as canonicalState };
