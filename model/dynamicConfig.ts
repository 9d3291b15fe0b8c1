/**
 * Dynamic configuration: the config keys an admin may change while the cluster runs
 * (`kafka-configs --alter`), as `alter-config` fault events draw them from `model.alter.configs`,
 * and why every other key is static.
 *
 * Kafka facts followed. Topic configs are dynamic: IncrementalAlterConfigs reaches the controller
 * (KRaft ConfigurationControlManager; a ConfigRecord in the metadata log), and each broker applies
 * it when its metadata reaches that record (TopicConfigHandler.processConfigChanges,
 * LogManager.updateTopicConfig: the log's LogConfig). Broker configs are static unless
 * DynamicBrokerConfig lists them (its reconfigurables: security, listeners, thread pools, the log
 * cleaner, and the log.* defaults of topic configs); the replication, session and group
 * coordinator configs kmc knows are not among them, so changing one needs a broker restart. Client
 * configs (producer, consumer) are read once, when the client is created. A topic's replication
 * factor changes only by reassigning its partitions, and partitions are added with kafka-topics.
 *
 * Alterations here are topic-level (the model's one topic; a broker-level default changed with
 * `--entity-default` acts the same while the topic has no override of its own).
 */
import type { ConfigKey } from './config.ts';

/** The keys an `alter-config` event may change, and the model that reads each. */
export type DynamicKey = 'min.insync.replicas' | 'unclean.leader.election.enable' | 'retention.ms' | 'retention.bytes';

export interface DynamicKeySpec {
  /** The model whose runs read the key. */
  model: 'cluster' | 'group';
  /** Who applies a change, and when. */
  appliedBy: string;
}

export const DYNAMIC_KEYS: Readonly<Record<DynamicKey, DynamicKeySpec>> = {
  // Partition.appendRecordsToLeader and checkEnoughReplicasReachOffset read the leader's LogConfig.
  'min.insync.replicas': { model: 'cluster', appliedBy: 'each leader, once its metadata reaches the change' },
  // The controller's elections read it (ConfigurationControlManager.uncleanLeaderElectionEnabledForTopic).
  'unclean.leader.election.enable': { model: 'cluster', appliedBy: 'the controller' },
  // UnifiedLog.deleteOldSegments reads the log's LogConfig at each retention check.
  'retention.ms': { model: 'group', appliedBy: 'the retention check of the topic\'s broker' },
  'retention.bytes': { model: 'group', appliedBy: 'the retention check of the topic\'s broker' },
};

export const DYNAMIC_KEY_NAMES = Object.keys(DYNAMIC_KEYS) as DynamicKey[];

export function isDynamicKey(key: string): key is DynamicKey {
  return key in DYNAMIC_KEYS;
}

/** One alteration an `alter-config` event may make: the key and its new value. */
export interface ConfigAlteration {
  key: DynamicKey;
  value: number | boolean;
}

/** "min.insync.replicas=1". */
export function alterationText(alteration: ConfigAlteration): string {
  return `${alteration.key}=${String(alteration.value)}`;
}

/** The dynamic topic configs of the cluster model, as the controller or a broker holds them. */
export interface ClusterTopicConfig {
  'min.insync.replicas': number;
  'unclean.leader.election.enable': boolean;
}

/** The dynamic topic configs of the group model's topics, as the topic's broker holds them. */
export interface GroupTopicConfig {
  'retention.ms': number;
  'retention.bytes': number;
}

/** One alteration as it happened (ghost): when the controller took it, the value before and after. */
export interface AlterationRecord {
  timeMs: number;
  key: DynamicKey;
  value: number | boolean;
  previous: number | boolean;
}

/** Dynamic topic configs of Kafka that kmc does not alter during a run (yet). */
const DYNAMIC_NOT_MODELLED: readonly string[] = ['flush.messages', 'segment.bytes', 'segment.ms'];

/** Static broker and controller configs: absent from DynamicBrokerConfig's reconfigurables. */
const STATIC_BROKER: readonly string[] = [
  'replica.lag.time.max.ms',
  'replica.fetch.wait.max.ms',
  'broker.heartbeat.interval.ms',
  'broker.session.timeout.ms',
  'unclean.leader.election.interval.ms',
  'log.retention.check.interval.ms',
  'group.initial.rebalance.delay.ms',
  'group.min.session.timeout.ms',
  'group.max.session.timeout.ms',
  'offsets.topic.num.partitions',
  'offsets.topic.replication.factor',
];

const CONSUMER: readonly string[] = [
  'session.timeout.ms',
  'heartbeat.interval.ms',
  'max.poll.interval.ms',
  'max.poll.records',
  'partition.assignment.strategy',
  'enable.auto.commit',
  'auto.commit.interval.ms',
  'auto.offset.reset',
];

/** What Kafka needs to change a key that `kafka-configs --alter` cannot change. */
function staticChange(key: string): string {
  if (key === 'replication.factor') return 'a partition reassignment (kafka-reassign-partitions) to change it';
  if (key === 'num.partitions') return 'kafka-topics --alter --partitions to add partitions (model.faults add-partition, model.group.partitions.added.max), never fewer';
  if (key === 'model.brokers') return 'brokers started or stopped to change the cluster\'s size';
  if (STATIC_BROKER.includes(key)) return 'a broker restart to change it (read-only in DynamicBrokerConfig)';
  if (CONSUMER.includes(key)) return 'a new KafkaConsumer to change it: the consumer reads its config once, when the application creates it';
  if (key === 'retry.backoff.ms' || key === 'metadata.max.age.ms') return 'new clients to change it: producers and consumers read their config once, when created';
  return 'a new KafkaProducer to change it: the producer reads its config once, when the application creates it';
}

/**
 * Why `key` cannot be named in model.alter.configs, as one clause:
 * "replication.factor is a static config: Kafka needs a partition reassignment ... (not alterable with kafka-configs)".
 */
export function notAlterableReason(key: ConfigKey | string): string {
  const alterable = `alterable in a run: ${DYNAMIC_KEY_NAMES.map((k) => `${k} (${DYNAMIC_KEYS[k].model} model)`).join(', ')}`;
  if (DYNAMIC_NOT_MODELLED.includes(key)) return `${key} is a dynamic topic config in Kafka (kafka-configs --alter), but kmc does not model altering it during a run; ${alterable}`;
  if (key.startsWith('model.') && key !== 'model.brokers') {
    return `${key} is a static config: kmc's own setting of the model (its shape, workload, fault mix or rules), fixed for a run, not a Kafka config (not alterable with kafka-configs); ${alterable}`;
  }
  return `${key} is a static config: Kafka needs ${staticChange(key)} (not alterable with kafka-configs); ${alterable}`;
}
