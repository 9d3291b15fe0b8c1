/** The initial cluster: brokers registered, one topic created, leaders elected, nothing written. */
import { createNetwork } from '../network/network.ts';
import { subSeed } from '../kernel/rng.ts';
import { CONTROLLER, brokerNode } from '../network/nodes.ts';
import { createProducer } from '../clients/producer.ts';
import { createReader } from '../clients/reader.ts';
import type { KmcConfig } from '../config.ts';
import type { ClusterTopicConfig } from '../dynamicConfig.ts';
import { createReplica } from './brokerLifecycle.ts';
import { assignEpochStart } from './log.ts';
import { setTimer } from './timers.ts';
import { replicasOf } from './replicaAssignment.ts';

export { replicasOf };
import type { ClusterState, PartitionMeta } from './types.ts';

/** The topic's dynamic configs at start: the run's config (the topic created with it). */
function initialTopicConfig(config: KmcConfig): ClusterTopicConfig {
  return { 'min.insync.replicas': config['min.insync.replicas'], 'unclean.leader.election.enable': config['unclean.leader.election.enable'] };
}

export function initCluster(config: KmcConfig, seed: string): ClusterState {
  const brokerCount = config['model.brokers'];
  const partitionCount = config['num.partitions'];
  const partitions: PartitionMeta[] = Array.from({ length: partitionCount }, (_, p) => {
    const replicas = replicasOf(p, brokerCount, config['replication.factor']);
    return { partition: p, replicas, leader: replicas[0], leaderEpoch: 0, isr: replicas.slice(), partitionEpoch: 0, elr: [], lastKnownElr: [] };
  });
  const state: ClusterState = {
    config,
    nowMs: 0,
    stepCount: 0,
    network: createNetwork(),
    timers: [],
    controller: {
      metadataOffset: 1,
      brokerEpochNext: brokerCount + 1,
      brokers: Array.from({ length: brokerCount }, (_, i) => ({ brokerId: i + 1, registered: true, incarnation: 0, brokerEpoch: i + 1, fenced: false, lastHeartbeatMs: 0 })),
      partitions,
      topicConfig: initialTopicConfig(config),
    },
    brokers: Array.from({ length: brokerCount }, (_, i) => ({
      id: i + 1,
      status: 'running' as const,
      incarnation: 0,
      brokerEpoch: i + 1,
      fenced: false,
      registrationInFlight: false,
      heartbeatInFlight: false,
      metadataOffset: 1,
      metadata: partitions.map((m) => ({ ...m, replicas: m.replicas.slice(), isr: m.isr.slice(), elr: [], lastKnownElr: [] })),
      registrations: Array.from({ length: brokerCount }, (_, j) => ({ brokerId: j + 1, brokerEpoch: j + 1, fenced: false })),
      cleanShutdownBrokerEpoch: -1,
      topicConfig: initialTopicConfig(config),
      replicas: partitions.map((m) => (m.replicas.includes(i + 1) ? createReplica(m.partition) : null)),
    })),
    producers: Array.from({ length: config['model.producers'] }, (_, i) => createProducer(i + 1, config['model.records'], partitionCount, brokerCount, config['enable.idempotence'], subSeed(seed, `producer-${i + 1}/partitioner`), config['partitioner.class'])),
    reader: createReader(partitionCount),
    history: { ops: [] },
    ghost: { leaderHighWatermark: partitions.map(() => ({ epoch: 0, highWatermark: 0 })), elections: [], lostOnCrash: [], alterations: [], minIsrWrites: {} },
    faultCounts: { total: 0 },
    idNext: 1,
  };
  // The cluster starts settled: every replica is in epoch 0, leader = first replica, all in sync.
  for (const broker of state.brokers) {
    for (const replica of broker.replicas) {
      if (!replica) continue;
      const meta = partitions[replica.partition];
      replica.leaderEpoch = 0;
      replica.partitionEpoch = 0;
      replica.isr = meta.isr.slice();
      replica.leaderId = meta.leader;
      if (meta.leader === broker.id) {
        replica.role = 'leader';
        replica.followers = meta.replicas
          .filter((id) => id !== broker.id)
          .map((id) => ({ brokerId: id, logEndOffset: 0, lastCaughtUpTimeMs: 0, lastFetchLeaderLogEndOffset: 0, lastFetchTimeMs: 0, lastFetchLeaderEpoch: 0, brokerEpoch: id }));
        assignEpochStart(replica, 0, true);
      } else {
        replica.role = 'follower';
        // Followers wait out a fetch backoff before their first fetch (an idle cluster).
        replica.fetchBackoff = true;
        setTimer(state, 'replica-fetch-backoff', brokerNode(broker.id), String(replica.partition), config['replica.fetch.wait.max.ms']);
      }
    }
    setTimer(state, 'broker-heartbeat', brokerNode(broker.id), String(broker.id), config['broker.heartbeat.interval.ms']);
    setTimer(state, 'isr-expiration', brokerNode(broker.id), String(broker.id), Math.max(1, Math.floor(config['replica.lag.time.max.ms'] / 2)));
    setTimer(state, 'broker-session', CONTROLLER, String(broker.id), config['broker.session.timeout.ms']);
  }
  return state;
}
