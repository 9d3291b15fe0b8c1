/**
 * Kafka configuration keys the model understands, with defaults and validation. Kafka's own
 * names; model-only keys start with `model.`. DEFAULTS are those of the newest release kmc
 * models; `model.kafka.version` moves every version-dependent default to its release
 * (model/kafkaVersion.ts), and a key the user sets keeps the user's value.
 */
import { BUILT_IN_ASSIGNORS } from './assignors/builtIns.ts';
import type { Assignor } from './assignors/types.ts';
import { nearestName } from './kernel/nearestName.ts';
import { RECORD_BYTES } from './group/recordSize.ts';
import { LIMITS } from './limits.ts';
import { DYNAMIC_KEYS, alterationText, isDynamicKey, notAlterableReason, type ConfigAlteration, type DynamicKey } from './dynamicConfig.ts';
import {
  KAFKA_VERSIONS,
  KAFKA_VERSIONS_TEXT,
  KAFKA_VERSION_NEWEST,
  VERSION_RULES,
  compareKafkaVersions,
  isKafkaVersion,
  nearestKafkaVersion,
  versionRuleOf,
  versionStepAt,
  type KafkaVersion,
  type VersionStep,
} from './kafkaVersion.ts';

export type TruncationRule = 'diverging-epoch' | 'kip-279' | 'kip-101' | 'high-watermark';
export type PartitionPlan = number[][];

export type FaultKind = 'kill' | 'power' | 'pause' | 'shutdown' | 'isolate' | 'split' | 'link' | 'one-way' | 'drop' | 'elect' | 'add-partition' | 'alter-config';
export const FAULT_KINDS: readonly FaultKind[] = ['kill', 'power', 'pause', 'shutdown', 'isolate', 'split', 'link', 'one-way', 'drop', 'elect', 'add-partition', 'alter-config'];

/**
 * When turning unclean.leader.election.enable on during a run elects the partitions that already
 * have no live ISR member (model/cluster/uncleanElectionCheck.ts).
 */
export type UncleanEnableElection = 'next-change' | 'at-once' | 'periodic';
export const UNCLEAN_ENABLE_ELECTIONS: readonly UncleanEnableElection[] = ['next-change', 'at-once', 'periodic'];
export const TRUNCATION_RULES: readonly TruncationRule[] = ['diverging-epoch', 'kip-279', 'kip-101', 'high-watermark'];

/** Group model (model/group/): how the application orders processing and committing. */
export type GroupProcessing = 'commit-before-process' | 'process-then-commit';
export const GROUP_PROCESSING: readonly GroupProcessing[] = ['commit-before-process', 'process-then-commit'];

/**
 * Faults of the group model: consumer crash, pause (zombie), isolation, connection drop, a move of
 * a __consumer_offsets partition's leadership (failover), a broker crash (broker-crash), an admin's
 * change of a topic config (alter-config, from model.alter.configs).
 */
export type GroupFaultKind = 'crash' | 'pause' | 'isolate' | 'drop' | 'failover' | 'broker-crash' | 'alter-config';
export const GROUP_FAULT_KINDS: readonly GroupFaultKind[] = ['crash', 'pause', 'isolate', 'drop', 'failover', 'broker-crash', 'alter-config'];

/** Group model: which consumers set group.instance.id (static membership, KIP-345); see model/group/instanceIds.ts. */
export type GroupInstanceIds = 'none' | 'per-consumer' | 'replacement';
export const GROUP_INSTANCE_IDS: readonly GroupInstanceIds[] = ['none', 'per-consumer', 'replacement'];

export interface KmcConfig {
  'model.kafka.version': KafkaVersion;
  'model.brokers': number;
  'num.partitions': number;
  'replication.factor': number;
  'min.insync.replicas': number;
  'unclean.leader.election.enable': boolean;
  'unclean.leader.election.interval.ms': number;
  'model.unclean.enable.election': UncleanEnableElection;
  'replica.lag.time.max.ms': number;
  'replica.fetch.wait.max.ms': number;
  'broker.heartbeat.interval.ms': number;
  'broker.session.timeout.ms': number;
  'flush.messages': number;
  acks: 0 | 1 | -1;
  retries: number;
  'request.timeout.ms': number;
  'delivery.timeout.ms': number;
  'retry.backoff.ms': number;
  'max.in.flight.requests.per.connection': number;
  'enable.idempotence': boolean;
  'batch.size': number;
  'linger.ms': number;
  'partitioner.class': 'default' | 'sticky' | 'round-robin' | 'legacy-round-robin' | 'kafkajs-default' | 'kafkajs-legacy';
  'model.partitioner.double.call': boolean;
  'partitioner.ignore.keys': boolean;
  'partitioner.adaptive.partitioning.enable': boolean;
  'partitioner.availability.timeout.ms': number;
  'metadata.max.age.ms': number;
  'model.report': string[];
  'model.keys.hot.percent': number;
  'model.truncation': TruncationRule;
  'model.fencing': boolean;
  'model.isr.broker.epoch': boolean;
  'model.strict.min.isr': boolean;
  'eligible.leader.replicas.version': number;
  'model.producers': number;
  'model.records': number;
  'model.keys': number;
  /** Per producer, the partition of each record in send order (empty: explicit round robin or key hash). */
  'model.partition.plan': PartitionPlan;
  'model.faults': FaultKind[];
  'model.faults.max': number;
  /** The changes alter-config events may make (model/dynamicConfig.ts), in the order given. */
  'model.alter.configs': ConfigAlteration[];
  'model.crash.concurrent.max': number;
  'model.crash.max': number;
  // Consumer groups (the group model, model/group/): Kafka's consumer and coordinator keys.
  'session.timeout.ms': number;
  'heartbeat.interval.ms': number;
  'max.poll.interval.ms': number;
  'max.poll.records': number;
  'partition.assignment.strategy': string[];
  'enable.auto.commit': boolean;
  'auto.commit.interval.ms': number;
  'auto.offset.reset': 'earliest' | 'latest' | 'none';
  'group.initial.rebalance.delay.ms': number;
  'group.min.session.timeout.ms': number;
  'group.max.session.timeout.ms': number;
  'offsets.topic.num.partitions': number;
  'offsets.topic.replication.factor': number;
  // Retention of the group model's topic (model/group/partitionLog.ts): Kafka's topic and broker keys.
  'retention.ms': number;
  'retention.bytes': number;
  'segment.bytes': number;
  'segment.ms': number;
  'log.retention.check.interval.ms': number;
  'model.group.produce.interval.ms': number;
  'model.groups': number;
  'model.consumers': number;
  'model.group.records': number;
  'model.group.processing': GroupProcessing;
  'model.group.faults': GroupFaultKind[];
  'model.group.instance.ids': GroupInstanceIds;
  'model.group.topics': number;
  'model.group.subscriptions': number[][];
  'model.group.churn.max': number;
  'model.group.subscription.changes.max': number;
  'model.group.partitions.added.max': number;
}

export type ConfigKey = keyof KmcConfig;

interface KeySpec {
  doc: string;
  kind: 'int' | 'bool' | 'enum' | 'acks' | 'faults' | 'plan' | 'list' | 'subscriptions' | 'version' | 'alterations';
  /** Lists: whether an empty list ("" or "none") is allowed. */
  empty?: boolean;
  /** Inclusive bounds for ints. */
  min?: number;
  max?: number;
  values?: readonly string[];
}

const LONG_MAX = Number.MAX_SAFE_INTEGER;

export const DEFAULTS: KmcConfig = {
  'model.kafka.version': KAFKA_VERSION_NEWEST,
  'model.brokers': 3,
  'num.partitions': 1,
  'replication.factor': 3,
  'min.insync.replicas': 1,
  'unclean.leader.election.enable': false,
  'unclean.leader.election.interval.ms': 300000,
  'model.unclean.enable.election': 'periodic',
  'replica.lag.time.max.ms': 30000,
  'replica.fetch.wait.max.ms': 500,
  'broker.heartbeat.interval.ms': 2000,
  'broker.session.timeout.ms': 9000,
  'flush.messages': LONG_MAX,
  acks: -1,
  retries: 2147483647,
  'request.timeout.ms': 30000,
  'delivery.timeout.ms': 120000,
  'retry.backoff.ms': 100,
  'max.in.flight.requests.per.connection': 5,
  'enable.idempotence': true,
  'batch.size': 16384,
  'linger.ms': 5,
  'partitioner.class': 'default',
  'model.partitioner.double.call': false,
  'partitioner.ignore.keys': false,
  'partitioner.adaptive.partitioning.enable': true,
  'partitioner.availability.timeout.ms': 0,
  'metadata.max.age.ms': 300000,
  'model.report': [],
  'model.keys.hot.percent': 0,
  'model.truncation': 'diverging-epoch',
  'model.fencing': true,
  'model.isr.broker.epoch': true,
  'model.strict.min.isr': true,
  'eligible.leader.replicas.version': 1,
  'model.producers': 1,
  'model.records': 4,
  'model.keys': 0,
  'model.partition.plan': [],
  'model.faults': ['kill', 'pause', 'isolate', 'link'],
  'model.faults.max': 4,
  'model.alter.configs': [],
  'model.crash.concurrent.max': 1,
  'model.crash.max': 1000,
  'session.timeout.ms': 45000,
  'heartbeat.interval.ms': 3000,
  'max.poll.interval.ms': 300000,
  'max.poll.records': 500,
  'partition.assignment.strategy': ['range', 'cooperative-sticky'],
  'enable.auto.commit': true,
  'auto.commit.interval.ms': 5000,
  'auto.offset.reset': 'latest',
  'group.initial.rebalance.delay.ms': 3000,
  'group.min.session.timeout.ms': 6000,
  'group.max.session.timeout.ms': 1800000,
  'offsets.topic.num.partitions': 50,
  'offsets.topic.replication.factor': 3,
  'retention.ms': 604800000,
  'retention.bytes': -1,
  'segment.bytes': 1073741824,
  'segment.ms': 604800000,
  'log.retention.check.interval.ms': 300000,
  'model.group.produce.interval.ms': 0,
  'model.groups': 1,
  'model.consumers': 2,
  'model.group.records': 3,
  'model.group.processing': 'process-then-commit',
  'model.group.faults': ['crash'],
  'model.group.instance.ids': 'none',
  'model.group.topics': 1,
  'model.group.subscriptions': [],
  'model.group.churn.max': 0,
  'model.group.subscription.changes.max': 0,
  'model.group.partitions.added.max': 0,
};

export const KEY_SPECS: Record<ConfigKey, KeySpec> = {
  'model.kafka.version': {
    doc:
      'The Kafka release whose behaviour the model follows (X.Y means X.Y.0): it sets the default of every version-dependent key (acks, enable.idempotence, retries, linger.ms, partitioner.class, ' +
      'model.truncation, model.fencing, model.partitioner.double.call, model.isr.broker.epoch, model.strict.min.isr, eligible.leader.replicas.version, model.unclean.enable.election); a key set explicitly keeps its value.',
    kind: 'version',
    values: KAFKA_VERSIONS,
  },
  'model.brokers': { doc: 'Number of brokers (ids 1..N).', kind: 'int', min: 1, max: 7 },
  'num.partitions': { doc: 'Partitions of the topic.', kind: 'int', min: 1, max: 16 },
  'replication.factor': { doc: 'Replicas per partition (≤ model.brokers).', kind: 'int', min: 1, max: 7 },
  'min.insync.replicas': {
    doc: 'Smallest ISR that accepts acks=all writes (NOT_ENOUGH_REPLICAS below it). Kafka default 1. Dynamic (topic config): alter-config may change it during a run (model.alter.configs), each leader applying it when its metadata reaches the change.',
    kind: 'int',
    min: 1,
    max: 7,
  },
  'unclean.leader.election.enable': {
    doc: 'Elect a live out-of-sync replica when no ISR member is live. Dynamic (topic config): alter-config may turn it on or off during a run (model.alter.configs), the controller reading the value in force at each election.',
    kind: 'bool',
  },
  'unclean.leader.election.interval.ms': {
    doc: 'Controller (Kafka 3.9+, KRaft, KAFKA-12670): how often it checks partitions without a leader for an unclean election, so that turning unclean.leader.election.enable on elects them (model.unclean.enable.election=periodic).',
    kind: 'int',
    min: 1,
    max: 3600000,
  },
  'model.unclean.enable.election': {
    doc:
      'When turning unclean.leader.election.enable on during a run (alter-config) elects the partitions that already have no live ISR member: next-change (only when another change makes the controller look at them: a broker is fenced or unfenced), ' +
      'at-once (the ZooKeeper controller\'s TopicUncleanLeaderElectionEnable event, KAFKA-6835), periodic (the KRaft controller\'s unclean-election check, every unclean.leader.election.interval.ms).',
    kind: 'enum',
    values: UNCLEAN_ENABLE_ELECTIONS,
  },
  'replica.lag.time.max.ms': { doc: 'A follower not caught up for this long leaves the ISR.', kind: 'int', min: 1, max: 3600000 },
  'replica.fetch.wait.max.ms': { doc: 'How long a follower waits after an empty fetch before the next.', kind: 'int', min: 1, max: 60000 },
  'broker.heartbeat.interval.ms': { doc: 'Broker heartbeat period to the controller.', kind: 'int', min: 1, max: 600000 },
  'broker.session.timeout.ms': { doc: 'The controller fences a broker silent for this long.', kind: 'int', min: 1, max: 3600000 },
  'flush.messages': { doc: 'fsync after this many appended records (default: never; the OS writes back).', kind: 'int', min: 1, max: LONG_MAX },
  acks: { doc: 'Producer acknowledgements: 0, 1 or all (-1). Set explicitly with enable.idempotence=true, it must be all; unset, idempotence makes it all.', kind: 'acks' },
  retries: { doc: 'Producer retries of a failed send.', kind: 'int', min: 0, max: 2147483647 },
  'request.timeout.ms': { doc: 'Producer request timeout; the client then disconnects and retries.', kind: 'int', min: 1, max: 3600000 },
  'delivery.timeout.ms': {
    doc: 'Upper bound on the time to report a send as acknowledged or failed, counted from when its batch was opened; at least linger.ms + request.timeout.ms (a default below that is raised to it, a value set below it is refused).',
    kind: 'int',
    min: 1,
    max: 3600000,
  },
  'retry.backoff.ms': { doc: 'Wait before retrying a failed request.', kind: 'int', min: 0, max: 600000 },
  'max.in.flight.requests.per.connection': { doc: 'Outstanding produce requests per broker.', kind: 'int', min: 1, max: 16 },
  'enable.idempotence': {
    doc: 'Idempotent producer (producer id, sequence numbers; Kafka 0.11+, KIP-98). When not set, it is turned off by acks other than all, retries=0 or more than 5 requests in flight.',
    kind: 'bool',
  },
  'batch.size': { doc: 'Largest batch of one partition\'s records in one request, in bytes.', kind: 'int', min: 1, max: 1048576 },
  'linger.ms': { doc: 'How long the producer waits for a batch to fill before sending it.', kind: 'int', min: 0, max: 600000 },
  'partitioner.class': {
    doc:
      "Partitioner: default (the version's own: Java 3.3+ built-in with key hash and KIP-794 sticky null keys; before 3.3 it resolves to sticky or legacy-round-robin), " +
      'sticky (KIP-480 DefaultPartitioner, 2.4–3.2), legacy-round-robin (DefaultPartitioner before 2.4: key hash, null keys round robin), round-robin (RoundRobinPartitioner: keys ignored), ' +
      'kafkajs-default, kafkajs-legacy.',
    kind: 'enum',
    values: ['default', 'sticky', 'round-robin', 'legacy-round-robin', 'kafkajs-default', 'kafkajs-legacy'],
  },
  'model.partitioner.double.call': {
    doc:
      'The producer asks a partitioner.class again after onNewBatch when its first choice had no open batch with room (KafkaProducer.doSend abortOnNewBatch, Kafka 2.4–3.9), ' +
      'so round-robin and legacy-round-robin skip partitions (KAFKA-9965). sticky switches at a new batch either way.',
    kind: 'bool',
  },
  'model.keys.hot.percent': { doc: 'Share of records (0-100) that carry the hot key k0; the rest spread over k1..k(N-1). 0: keys in turn.', kind: 'int', min: 0, max: 100 },
  'model.report': {
    doc: 'Informational properties to judge and report (comma-separated): partition-skew (cluster model), consumer-lag (group model). They are never guarantees, so they are judged only when asked for.',
    kind: 'list',
    values: ['partition-skew', 'consumer-lag'],
    empty: true,
  },
  'metadata.max.age.ms': { doc: 'The producer refreshes its metadata at least this often (how it notices added partitions).', kind: 'int', min: 1, max: 3600000 },
  'partitioner.adaptive.partitioning.enable': { doc: 'The default partitioner weighs its sticky choice against partitions with fewer queued batches (KIP-794).', kind: 'bool' },
  'partitioner.availability.timeout.ms': { doc: 'The default partitioner skips partitions whose leader has not been drained for this long (0: never).', kind: 'int', min: 0, max: 3600000 },
  'partitioner.ignore.keys': { doc: 'The default partitioner ignores keys (sticky for every record).', kind: 'bool' },
  'model.truncation': { doc: 'Follower truncation rule, to reproduce history.', kind: 'enum', values: TRUNCATION_RULES },
  'model.fencing': { doc: 'Leader-epoch fencing of fetches and truncation (KIP-320).', kind: 'bool' },
  'model.isr.broker.epoch': {
    doc:
      "Broker epochs in ISR changes (KIP-903): a follower's Fetch carries its broker epoch, the leader adds a follower to the ISR only if that epoch is its current registration's, " +
      'and the controller refuses an AlterPartition naming a stale one (INELIGIBLE_REPLICA). Off: a replica restarted after a power loss can be added on its previous process\'s fetch state (KAFKA-14139).',
    kind: 'bool',
  },
  'model.strict.min.isr': {
    doc: 'The leader does not advance the high watermark while the ISR is smaller than min.insync.replicas (KAFKA-15583, the "strict min ISR" rule that makes Eligible Leader Replicas safe).',
    kind: 'bool',
  },
  'eligible.leader.replicas.version': {
    doc:
      'KIP-966 Eligible Leader Replicas, Kafka\'s feature flag (0 off, 1 on): replicas that leave the ISR while it is below min.insync.replicas stay electable (the ISR may become empty), ' +
      'a broker registering after an unclean shutdown (kill or power loss) leaves every ELR, and with ISR and ELR empty the last known leader is elected (uncleanly).',
    kind: 'int',
    min: 0,
    max: 1,
  },
  'model.producers': { doc: 'Number of producers in the workload.', kind: 'int', min: 0, max: 4 },
  'model.records': { doc: 'Records each producer sends (unique values).', kind: 'int', min: 0, max: 1000 },
  'model.keys': { doc: 'Distinct keys k0..k(N-1), record i carrying k(i mod N) unless model.keys.hot.percent (0: no keys; keyless records go through partitioner.class, the default one\'s KIP-794 sticky choice).', kind: 'int', min: 0, max: 1000 },
  'model.partition.plan': {
    doc: 'Partitions chosen in advance for every record, producers separated by ";" (e.g. "0,1,1;2,0"): how kmc check-partitioner runs a plugin inside the model. Empty: key hash, or round robin without keys.',
    kind: 'plan',
  },
  'model.faults': { doc: `Fault kinds the engines may inject, comma-separated: ${FAULT_KINDS.join(', ')} (or none).`, kind: 'faults' },
  'model.faults.max': { doc: 'Most fault events in one run.', kind: 'int', min: 0, max: 1000 },
  'model.alter.configs': {
    doc:
      'The dynamic topic configs an admin may change during a run (kafka-configs --alter), as key=value pairs separated by "," (e.g. "min.insync.replicas=1,unclean.leader.election.enable=true"; none: no alteration). ' +
      'An alter-config fault (model.faults for min.insync.replicas and unclean.leader.election.enable, model.group.faults for retention.ms and retention.bytes) makes one of them that differs from the value in force. Static keys are refused.',
    kind: 'alterations',
  },
  'model.crash.concurrent.max': { doc: 'Most brokers down (crashed, or restarted but not yet re-registered) at once.', kind: 'int', min: 0, max: 7 },
  'model.crash.max': {
    doc: 'Most crashes (kill or power loss) in one run, each an unclean shutdown: KIP-966 promises to lose nothing committed through min.insync.replicas - 1 of them. Default: no bound beyond model.faults.max.',
    kind: 'int',
    min: 0,
    max: 1000,
  },
  'session.timeout.ms': {
    doc: 'Consumer: the coordinator evicts a member that sent no heartbeat for this long (Kafka 3.0+ default 45000); outside group.min.session.timeout.ms..group.max.session.timeout.ms its JoinGroup is refused (INVALID_SESSION_TIMEOUT).',
    kind: 'int',
    min: 1,
    max: 3600000,
  },
  'heartbeat.interval.ms': { doc: 'Consumer: heartbeat period to the group coordinator; must be below session.timeout.ms.', kind: 'int', min: 1, max: 3600000 },
  'max.poll.interval.ms': {
    doc: 'Consumer: longest time between polls before the member leaves the group; also its rebalance timeout (how long the coordinator waits for it to rejoin).',
    kind: 'int',
    min: 1,
    max: 3600000,
  },
  'max.poll.records': { doc: 'Consumer: most records one poll returns.', kind: 'int', min: 1, max: 100000 },
  'partition.assignment.strategy': {
    doc: `Consumer: assignors in order of preference, comma-separated: ${BUILT_IN_ASSIGNORS.map((a) => a.name).join(', ')}. The rebalance protocol is cooperative only if every one supports it.`,
    kind: 'list',
    values: BUILT_IN_ASSIGNORS.map((a) => a.name),
  },
  'enable.auto.commit': { doc: 'Consumer: commit consumed positions every auto.commit.interval.ms and before rejoining.', kind: 'bool' },
  'auto.commit.interval.ms': { doc: 'Consumer: period of automatic commits.', kind: 'int', min: 1, max: 3600000 },
  'auto.offset.reset': {
    doc: 'Consumer: where a partition without a committed offset, or whose position is out of range (OFFSET_OUT_OF_RANGE), starts: earliest (log start), latest (log end), or none (the application gets NoOffsetForPartitionException / OffsetOutOfRangeException and pauses that partition).',
    kind: 'enum',
    values: ['earliest', 'latest', 'none'],
  },
  'retention.ms': {
    doc: 'Topic: a segment whose newest record is older than this is deleted at the next retention check (-1: keep forever). Dynamic: alter-config may change it during a run (model.alter.configs).',
    kind: 'int',
    min: -1,
    max: LONG_MAX,
  },
  'retention.bytes': {
    doc: 'Topic: oldest segments are deleted while the partition stays at least this large without them (-1: no limit). Dynamic: alter-config may change it during a run (model.alter.configs).',
    kind: 'int',
    min: -1,
    max: LONG_MAX,
  },
  'segment.bytes': {
    doc: `Topic: size of a log segment; retention deletes whole segments. Every record is one ${RECORD_BYTES}-byte batch in the group model, so a segment holds segment.bytes / ${RECORD_BYTES} records.`,
    kind: 'int',
    min: RECORD_BYTES,
    max: 2147483647,
  },
  'segment.ms': { doc: 'Topic: the active segment is rolled at the next append once its first record is older than this.', kind: 'int', min: 1, max: LONG_MAX },
  'log.retention.check.interval.ms': { doc: 'Broker: period of the retention check that deletes segments and advances the log start offset.', kind: 'int', min: 1, max: LONG_MAX },
  'model.group.produce.interval.ms': {
    doc: 'Group model: a producer appends one record to every partition this often until each holds model.group.records (0: all written before the run).',
    kind: 'int',
    min: 0,
    max: 3600000,
  },
  'group.initial.rebalance.delay.ms': { doc: 'Coordinator: how long the first rebalance of an empty group waits for more members to join.', kind: 'int', min: 0, max: 3600000 },
  'group.min.session.timeout.ms': {
    doc: 'Coordinator: the shortest session.timeout.ms a JoinGroup may ask for; a shorter one is refused with INVALID_SESSION_TIMEOUT, fatal for the consumer (Kafka default 6000).',
    kind: 'int',
    min: 1,
    max: 3600000,
  },
  'group.max.session.timeout.ms': {
    doc: 'Coordinator: the longest session.timeout.ms a JoinGroup may ask for; a longer one is refused with INVALID_SESSION_TIMEOUT, fatal for the consumer (Kafka default 1800000).',
    kind: 'int',
    min: 1,
    max: 3600000,
  },
  'offsets.topic.num.partitions': { doc: 'Coordinator: partitions of __consumer_offsets; a group maps to abs(groupId.hashCode) % this, and its coordinator is that partition\'s leader.', kind: 'int', min: 1, max: 1000 },
  'offsets.topic.replication.factor': {
    doc: 'Coordinator: replicas of each __consumer_offsets partition (the model uses min(this, model.brokers)).',
    kind: 'int',
    min: 1,
    max: 7,
  },
  'model.groups': { doc: 'Group model: consumer groups reading the topic, each with its own offsets.', kind: 'int', min: 1, max: 4 },
  'model.consumers': { doc: 'Group model: consumers per group.', kind: 'int', min: 1, max: 6 },
  'model.group.records': { doc: 'Group model: records written to each partition (before the run, or over time: model.group.produce.interval.ms).', kind: 'int', min: 0, max: 200 },
  'model.group.processing': {
    doc: 'Group model: commit-before-process (at-most-once: a crash after the commit loses records) or process-then-commit (at-least-once: a crash before the commit duplicates them).',
    kind: 'enum',
    values: GROUP_PROCESSING,
  },
  'model.group.faults': { doc: `Group model: fault kinds the engines may inject, comma-separated: ${GROUP_FAULT_KINDS.join(', ')} (or none).`, kind: 'list', values: GROUP_FAULT_KINDS, empty: true },
  'model.group.instance.ids': {
    doc:
      'Group model: group.instance.id of the consumers (static membership, KIP-345). none: dynamic members; per-consumer: consumer-<n> sets instance-<n>; ' +
      "replacement: per-consumer, but the last consumer of each group reuses the first one's id and starts only when the engine starts it (a replacement deployed while the old process may still run).",
    kind: 'enum',
    values: GROUP_INSTANCE_IDS,
  },
  'model.group.topics': { doc: 'Group model: topics (topic, topic2, topic3), each with num.partitions partitions at start.', kind: 'int', min: 1, max: 3 },
  'model.group.subscriptions': {
    doc: 'Group model: the topics each consumer of a group subscribes to at start, as topic numbers separated by "," with consumers separated by ";" (e.g. "1,2;1;2"); empty: every consumer subscribes to every topic.',
    kind: 'subscriptions',
  },
  'model.group.churn.max': { doc: 'Group model: most consumer closes (KafkaConsumer.close(): commit, LeaveGroup) in one run; a closed consumer may start again as a new member. Workload events, not faults.', kind: 'int', min: 0, max: 50 },
  'model.group.subscription.changes.max': { doc: 'Group model: most subscription changes (subscribe() with another set of topics) in one run.', kind: 'int', min: 0, max: 50 },
  'model.group.partitions.added.max': { doc: 'Group model: most partitions added at run time (CreatePartitions); consumers learn of them by metadata refresh (metadata.max.age.ms).', kind: 'int', min: 0, max: 16 },
};

export const CONFIG_KEYS = Object.keys(KEY_SPECS) as ConfigKey[];

/** Bad input: a message naming the input and the rule broken. The CLI maps it to exit 2. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** The known key nearest to `key`, for "did you mean" hints. */
export function nearestKey(key: string): ConfigKey {
  return nearestName(key, CONFIG_KEYS) as ConfigKey;
}

/** Rows separated by ";", numbers separated by ",": "0,1,1;2,0" (model.partition.plan, model.group.subscriptions). */
function numberTable(key: string, text: string, what: string, example: string): number[][] {
  return text.split(';').map((row) =>
    row.split(',').map((item) => {
      if (!/^\d+$/.test(item.trim())) throw new ConfigError(`${key}: "${item}" is not a ${what} (expected e.g. "${example}")`);
      return Number(item.trim());
    }),
  );
}

function parseValue(key: ConfigKey, raw: unknown, extensions: ConfigExtensions = {}): unknown {
  const spec = extendedSpec(key, extensions);
  const text = typeof raw === 'string' ? raw.trim() : raw;
  switch (spec.kind) {
    case 'version': {
      // A JSON number such as 2.1 is read as written; 2.10 would be 2.1, so versions are best quoted.
      const name = typeof text === 'number' ? String(text) : text;
      if (typeof name === 'string' && isKafkaVersion(name)) return name;
      const nearest = typeof name === 'string' ? (nearestKafkaVersion(name) ?? nearestName(name, KAFKA_VERSIONS)) : undefined;
      const hint = nearest === undefined ? '' : `; did you mean "${nearest}"?`;
      throw new ConfigError(`${key}=${String(raw)}: must be a Kafka release kmc models (known: ${KAFKA_VERSIONS_TEXT})${hint}`);
    }
    case 'int': {
      const n = typeof text === 'number' ? text : typeof text === 'string' && /^-?\d+$/.test(text) ? Number(text) : NaN;
      if (!Number.isInteger(n)) throw new ConfigError(`${key}=${String(raw)}: must be a whole number`);
      if (n < spec.min! || n > spec.max!) throw new ConfigError(`${key}=${String(raw)}: must be between ${spec.min} and ${spec.max}`);
      return n;
    }
    case 'bool': {
      if (text === true || text === 'true') return true;
      if (text === false || text === 'false') return false;
      throw new ConfigError(`${key}=${String(raw)}: must be true or false`);
    }
    case 'enum': {
      if (typeof text === 'string' && spec.values!.includes(text)) return text;
      throw new ConfigError(`${key}=${String(raw)}: must be one of ${spec.values!.join(', ')}`);
    }
    case 'acks': {
      if (text === 'all' || text === -1 || text === '-1') return -1;
      if (text === 0 || text === '0') return 0;
      if (text === 1 || text === '1') return 1;
      throw new ConfigError(`acks=${String(raw)}: must be 0, 1, all or -1`);
    }
    case 'plan': {
      if (Array.isArray(text)) return text as unknown;
      if (typeof text !== 'string') throw new ConfigError(`${key}=${String(raw)}: must be partitions separated by "," with producers separated by ";"`);
      if (text === '') return [];
      return numberTable(key, text, 'partition number', '0,1,1;2,0');
    }
    case 'list': {
      const items = Array.isArray(text) ? text.map(String) : typeof text === 'string' ? (text === '' || text === 'none' ? [] : text.split(',').map((item) => item.trim())) : null;
      if (!items) throw new ConfigError(`${key}=${String(raw)}: must be a comma-separated list of ${spec.values!.join(', ')}`);
      if (items.length === 0 && !spec.empty) throw new ConfigError(`${key}: must name at least one of ${spec.values!.join(', ')}`);
      for (const item of items) {
        if (!spec.values!.includes(item)) throw new ConfigError(`${key}: unknown value "${item}"; known: ${spec.values!.join(', ')}`);
      }
      const duplicate = items.find((item, index) => items.indexOf(item) !== index);
      if (duplicate !== undefined) throw new ConfigError(`${key}: "${duplicate}" is listed twice`);
      return items;
    }
    case 'subscriptions': {
      if (Array.isArray(text)) return text as unknown;
      if (typeof text !== 'string') throw new ConfigError(`${key}=${String(raw)}: must be topic numbers separated by "," with consumers separated by ";" (e.g. "1,2;1;2")`);
      if (text === '' || text === 'all') return [];
      return numberTable(key, text, 'topic number', '1,2;1;2');
    }
    case 'alterations':
      return parseAlterations(key, text, raw);
    case 'faults': {
      const items = Array.isArray(text) ? text.map(String) : typeof text === 'string' ? (text === '' || text === 'none' ? [] : text.split(',').map((s) => s.trim())) : null;
      if (!items) throw new ConfigError(`${key}=${String(raw)}: must be a comma-separated list of ${FAULT_KINDS.join(', ')}`);
      for (const item of items) {
        if (!(FAULT_KINDS as readonly string[]).includes(item)) throw new ConfigError(`${key}: unknown fault kind "${item}"; known: ${FAULT_KINDS.join(', ')}`);
      }
      return FAULT_KINDS.filter((k) => items.includes(k));
    }
  }
}

/**
 * model.alter.configs: "key=value" pairs separated by "," (or an array of them, or of
 * { key, value } as a resolved config holds them). Each key must be dynamic (model/dynamicConfig.ts)
 * and each value one its key's own rule accepts.
 */
function parseAlterations(key: ConfigKey, text: unknown, raw: unknown): ConfigAlteration[] {
  const items: unknown[] | null = Array.isArray(text) ? text : typeof text === 'string' ? (text === '' || text === 'none' ? [] : text.split(',').map((s) => s.trim())) : null;
  if (items === null) throw new ConfigError(`${key}=${String(raw)}: must be key=value pairs separated by "," (e.g. "min.insync.replicas=1,unclean.leader.election.enable=true"), or none`);
  const alterations = items.map((item): ConfigAlteration => {
    const pair = typeof item === 'string' ? splitPair(key, item) : typeof item === 'object' && item !== null && 'key' in item && 'value' in item ? { name: String(item.key), value: item.value } : null;
    if (pair === null) throw new ConfigError(`${key}: "${JSON.stringify(item)}" is not a key=value pair`);
    const { name, value } = pair;
    if (!(name in KEY_SPECS)) throw new ConfigError(`${key}: "${name}" is not a config key; did you mean "${nearestKey(name)}"?`);
    if (!isDynamicKey(name)) throw new ConfigError(`${key}: ${notAlterableReason(name)}`);
    let parsed: unknown;
    try {
      parsed = parseValue(name, value);
    } catch (error) {
      if (error instanceof ConfigError) throw new ConfigError(`${key}: ${error.message}`);
      throw error;
    }
    return { key: name, value: parsed as number | boolean };
  });
  if (alterations.length > LIMITS.alterationsMax) throw new ConfigError(`${key}: names ${alterations.length} alterations; at most ${LIMITS.alterationsMax}`);
  const texts = alterations.map(alterationText);
  const twice = texts.find((t, i) => texts.indexOf(t) !== i);
  if (twice !== undefined) throw new ConfigError(`${key}: "${twice}" is listed twice`);
  return alterations;
}

function splitPair(key: ConfigKey, item: string): { name: string; value: string } {
  const at = item.indexOf('=');
  if (at <= 0 || at === item.length - 1) throw new ConfigError(`${key}: "${item}" is not a key=value pair (e.g. "min.insync.replicas=1")`);
  return { name: item.slice(0, at).trim(), value: item.slice(at + 1).trim() };
}

/**
 * model.alter.configs against the rest of the config: each alteration's fault kind is in the
 * fault mix of the model that reads its key, each such fault kind has an alteration to make, and
 * min.insync.replicas stays within the replication factor (as the static rule).
 */
function checkAlterationRules(c: KmcConfig): void {
  const key = 'model.alter.configs';
  const alterations = c[key];
  const forModel = (model: 'cluster' | 'group'): ConfigAlteration[] => alterations.filter((a) => DYNAMIC_KEYS[a.key].model === model);
  const faults = { cluster: c['model.faults'].includes('alter-config'), group: c['model.group.faults'].includes('alter-config') };
  const faultKey = { cluster: 'model.faults', group: 'model.group.faults' } as const;
  for (const model of ['cluster', 'group'] as const) {
    const own = forModel(model);
    if (own.length > 0 && !faults[model]) {
      throw new ConfigError(`${key} names ${own.map(alterationText).join(', ')}, which only alter-config faults of the ${model} model make, but ${faultKey[model]} does not include alter-config: add it, or the alterations never happen`);
    }
    if (own.length === 0 && faults[model]) {
      const keys = (Object.keys(DYNAMIC_KEYS) as DynamicKey[]).filter((k) => DYNAMIC_KEYS[k].model === model);
      throw new ConfigError(`${faultKey[model]} includes alter-config, but ${key} names no alteration of ${keys.join(' or ')} for it to make (e.g. ${key}=${keys[0]}=${model === 'cluster' ? 1 : 1000})`);
    }
  }
  for (const alteration of alterations) {
    if (alteration.key === 'min.insync.replicas' && (alteration.value as number) > c['replication.factor']) {
      throw new ConfigError(`${key} names ${alterationText(alteration)}, above replication.factor=${c['replication.factor']}: acks=all writes could never succeed once it is in force`);
    }
  }
}

/**
 * What one run adds to the values config validation accepts: the names of assignor plugins
 * loaded for it (`kmc check-assignor`), valid in `partition.assignment.strategy` for that run only.
 */
export interface ConfigExtensions {
  assignors?: ReadonlyArray<Pick<Assignor, 'name' | 'supportedProtocols'>>;
}

function extendedSpec(key: ConfigKey, extensions: ConfigExtensions): KeySpec {
  const spec = KEY_SPECS[key];
  const names = (extensions.assignors ?? []).map((assignor) => assignor.name);
  const extra = key === 'partition.assignment.strategy' ? names.filter((name) => !spec.values!.includes(name)) : [];
  return extra.length === 0 ? spec : { ...spec, values: [...spec.values!, ...extra] };
}

/**
 * Resolves overrides (from a scenario, a JSON file or `--set`) over the defaults and checks
 * every rule. Throws ConfigError naming the key and the rule.
 */
export function resolveConfig(...layers: Record<string, unknown>[]): KmcConfig {
  return resolveConfigWith({}, ...layers);
}

/** resolveConfig, accepting the extra values a run declares (plugin assignor names). */
export function resolveConfigWith(extensions: ConfigExtensions, ...layers: Record<string, unknown>[]): KmcConfig {
  const config: Record<string, unknown> = {
    ...DEFAULTS,
    'model.faults': [...DEFAULTS['model.faults']],
    'model.partition.plan': [],
    'partition.assignment.strategy': [...DEFAULTS['partition.assignment.strategy']],
    'model.group.faults': [...DEFAULTS['model.group.faults']],
    'model.group.subscriptions': [],
    'model.alter.configs': [],
  };
  const userKeys = new Set<ConfigKey>();
  for (const layer of layers) {
    for (const [key, raw] of Object.entries(layer)) {
      if (!(key in KEY_SPECS)) throw new ConfigError(`unknown config key "${key}"; did you mean "${nearestKey(key)}"?`);
      config[key] = parseValue(key as ConfigKey, raw, extensions);
      userKeys.add(key as ConfigKey);
    }
  }
  const c = config as unknown as KmcConfig;
  applyVersionDefaults(c, userKeys);
  applyProducerRules(c, userKeys);
  if (c['replication.factor'] > c['model.brokers']) {
    throw new ConfigError(`replication.factor=${c['replication.factor']} exceeds model.brokers=${c['model.brokers']}: a partition cannot have more replicas than there are brokers`);
  }
  if (c['min.insync.replicas'] > c['replication.factor']) {
    throw new ConfigError(`min.insync.replicas=${c['min.insync.replicas']} exceeds replication.factor=${c['replication.factor']}: acks=all writes could never succeed`);
  }
  // KafkaConfig.validateValues: "replica.fetch.wait.max.ms should always be less than or equal to
  // replica.lag.time.max.ms to prevent frequent changes in ISR" (a broker with it refuses to start).
  if (c['replica.fetch.wait.max.ms'] > c['replica.lag.time.max.ms']) {
    throw new ConfigError(`replica.fetch.wait.max.ms=${c['replica.fetch.wait.max.ms']} exceeds replica.lag.time.max.ms=${c['replica.lag.time.max.ms']}: Kafka requires replica.fetch.wait.max.ms <= replica.lag.time.max.ms (KafkaConfig), to prevent frequent changes in ISR`);
  }
  // KafkaProducer.configureDeliveryTimeout: delivery.timeout.ms >= linger.ms + request.timeout.ms;
  // a value the user set below it is a ConfigException, the default is raised to it.
  const lingerAndRequestTimeoutMs = c['linger.ms'] + c['request.timeout.ms'];
  if (c['delivery.timeout.ms'] < lingerAndRequestTimeoutMs) {
    if (layers.some((layer) => 'delivery.timeout.ms' in layer)) {
      throw new ConfigError(
        `delivery.timeout.ms=${c['delivery.timeout.ms']} is below linger.ms + request.timeout.ms = ${c['linger.ms']} + ${c['request.timeout.ms']} = ${lingerAndRequestTimeoutMs}: ` +
          'Kafka requires delivery.timeout.ms >= linger.ms + request.timeout.ms (KafkaProducer.configureDeliveryTimeout)',
      );
    }
    c['delivery.timeout.ms'] = lingerAndRequestTimeoutMs;
  }
  const plan = c['model.partition.plan'];
  if (plan.length > 0) {
    if (plan.length !== c['model.producers']) throw new ConfigError(`model.partition.plan names ${plan.length} producers but model.producers=${c['model.producers']}`);
    plan.forEach((partitions, i) => {
      if (partitions.length !== c['model.records']) throw new ConfigError(`model.partition.plan: producer ${i + 1} has ${partitions.length} partitions for model.records=${c['model.records']} records`);
      const bad = partitions.find((p) => !Number.isInteger(p) || p < 0 || p >= c['num.partitions']);
      if (bad !== undefined) throw new ConfigError(`model.partition.plan: partition ${bad} of producer ${i + 1} is out of range for num.partitions=${c['num.partitions']}`);
    });
  }
  if (c['enable.idempotence'] && c.acks !== -1) {
    throw new ConfigError(`enable.idempotence=true requires acks=all (got acks=${c.acks}), as the Java producer does`);
  }
  if (c['enable.idempotence'] && c.retries === 0) {
    throw new ConfigError('enable.idempotence=true requires retries > 0 (got retries=0), as the Java producer does');
  }
  if (c['enable.idempotence'] && c['max.in.flight.requests.per.connection'] > 5) {
    throw new ConfigError(`enable.idempotence=true requires max.in.flight.requests.per.connection <= 5 (got ${c['max.in.flight.requests.per.connection']})`);
  }
  checkGroupRules(c, extensions);
  checkAlterationRules(c);
  USER_KEYS.set(c, CONFIG_KEYS.filter((key) => userKeys.has(key)));
  return c;
}

/**
 * A config as a counterexample file recorded it: every key with its effective value, and the
 * keys the user had set (null for a file that does not say: then every key counts as set).
 * Resolves to the same effective config, and names the version where the check did.
 */
export function resolveRecordedConfig(extensions: ConfigExtensions, record: Record<string, unknown>, userKeys: readonly string[] | null): KmcConfig {
  const config = resolveConfigWith(extensions, record);
  if (userKeys === null) return config;
  const unknown = userKeys.find((key) => !(key in KEY_SPECS));
  if (unknown !== undefined) throw new ConfigError(`user-set key "${unknown}" is not a config key; did you mean "${nearestKey(unknown)}"?`);
  USER_KEYS.set(config, CONFIG_KEYS.filter((key) => userKeys.includes(key)));
  return config;
}

// ---- Where values come from: the user, or the release (model/kafkaVersion.ts) ----

/** Per resolved config, the keys the user set (scenario, file, --set), in CONFIG_KEYS order. */
const USER_KEYS = new WeakMap<KmcConfig, readonly ConfigKey[]>();

/**
 * The keys the user set on a config from resolveConfig (the rest are defaults, the defaults of
 * model.kafka.version, or derived from other keys); null for a config built some other way.
 */
export function userConfigKeys(config: KmcConfig): readonly ConfigKey[] | null {
  return USER_KEYS.get(config) ?? null;
}

/** Where a value came from when model.kafka.version chose it: the step in force, and the one that replaced it. */
export interface VersionOrigin {
  version: KafkaVersion;
  step: VersionStep<unknown>;
  /** The later default (null when the version's is still the newest). */
  next: VersionStep<unknown> | null;
}

/**
 * The version default behind `config[key]`, or null when the user set the key, when another
 * rule changed it (idempotence turning acks to all), when no release changed the key's default,
 * or when the config's origins are unknown.
 */
export function versionOrigin(config: KmcConfig, key: ConfigKey): VersionOrigin | null {
  const userKeys = userConfigKeys(config);
  const found = versionRuleOf(key);
  if (userKeys === null || userKeys.includes(key) || found === undefined) return null;
  const version = config['model.kafka.version'];
  const { step, next } = versionStepAt(found, version);
  return configValueText(key, step.value as KmcConfig[ConfigKey]) === configValueText(key, config[key]) ? { version, step, next } : null;
}

/** Every rule of model/kafkaVersion.ts for a key the user did not set; `partitioner.class=default` means the version's. */
function applyVersionDefaults(c: KmcConfig, userKeys: Set<ConfigKey>): void {
  const target = c as unknown as Record<string, unknown>;
  for (const rule of VERSION_RULES) {
    const aliased = rule.aliasOfDefault !== undefined && c[rule.key] === rule.aliasOfDefault;
    if (aliased) userKeys.delete(rule.key);
    if (userKeys.has(rule.key)) continue;
    target[rule.key] = versionStepAt(rule, c['model.kafka.version']).step.value;
  }
}

/**
 * The Java producer's idempotence defaults and overrides (ProducerConfig, KafkaProducer
 * configureAcks / configureRetries / configureInflightRequests, per release).
 */
function applyProducerRules(c: KmcConfig, userKeys: Set<ConfigKey>): void {
  const version = c['model.kafka.version'];
  // ProducerConfig (KAFKA-13598): idempotence on by default, but when the user did not ask for
  // it, settings that conflict with it turn it off instead of failing.
  if (!userKeys.has('enable.idempotence') && (c.acks !== -1 || c.retries === 0 || c['max.in.flight.requests.per.connection'] > 5)) {
    c['enable.idempotence'] = false;
  }
  if (!c['enable.idempotence']) return;
  if (compareKafkaVersions(version, '0.11') < 0) {
    throw new ConfigError(`enable.idempotence=true needs Kafka 0.11 or later (KIP-98), but model.kafka.version=${version}`);
  }
  // An idempotent producer overrides acks and retries the application left unset (KafkaProducer
  // configureAcks / configureRetries up to 2.8, ProducerConfig.maybeOverrideAcksAndRetries after).
  if (!userKeys.has('acks')) c.acks = -1;
  if (!userKeys.has('retries')) c.retries = 2147483647;
  // Kafka 0.11 (KafkaProducer.configureInflightRequests): one request in flight, overridden when
  // unset; 1.0 allows up to 5 (KAFKA-5494).
  if (compareKafkaVersions(version, '1.0') < 0) {
    const inFlight = c['max.in.flight.requests.per.connection'];
    if (!userKeys.has('max.in.flight.requests.per.connection')) c['max.in.flight.requests.per.connection'] = 1;
    else if (inFlight !== 1) throw new ConfigError(`enable.idempotence=true requires max.in.flight.requests.per.connection=1 in Kafka ${version} (got ${inFlight}); Kafka 1.0 allows up to 5 (KAFKA-5494)`);
  }
}

/** One value as configToRecord writes it (acks -1 as "all", lists comma-separated). */
export function configValueText<K extends ConfigKey>(key: K, value: KmcConfig[K]): string | number | boolean {
  if (key === 'model.partition.plan' || key === 'model.group.subscriptions') return (value as number[][]).map((items) => items.join(',')).join(';');
  if (key === 'model.alter.configs') return (value as ConfigAlteration[]).length ? (value as ConfigAlteration[]).map(alterationText).join(',') : 'none';
  if (Array.isArray(value)) return value.length ? value.join(',') : 'none';
  if (key === 'acks' && value === -1) return 'all';
  return value as string | number | boolean;
}

/** The config as flat Kafka-style key=value pairs (for reports and counterexample files). */
export function configToRecord(config: KmcConfig): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (const key of CONFIG_KEYS) out[key] = configValueText(key, config[key]);
  return out;
}

/** Only the keys that differ from the defaults. */
export function configDiff(config: KmcConfig): Record<string, string | number | boolean> {
  const all = configToRecord(config);
  const defaults = configToRecord(DEFAULTS);
  const out: Record<string, string | number | boolean> = {};
  for (const key of CONFIG_KEYS) if (all[key] !== defaults[key]) out[key] = all[key];
  return out;
}

// ---- Consumer groups (model/group/) ----

/** The rules that tie the group keys together (Kafka's own checks, cited). */
function checkGroupRules(c: KmcConfig, extensions: ConfigExtensions): void {
  // Kafka:clients/.../consumer/internals/Heartbeat.java: "Heartbeat must be set lower than the session timeout".
  if (c['heartbeat.interval.ms'] >= c['session.timeout.ms']) {
    throw new ConfigError(`heartbeat.interval.ms=${c['heartbeat.interval.ms']} must be lower than session.timeout.ms=${c['session.timeout.ms']}, as the Java consumer requires`);
  }
  // ConsumerCoordinator: the assignors must share a rebalance protocol.
  const strategies = c['partition.assignment.strategy'];
  const known = [...(extensions.assignors ?? []), ...BUILT_IN_ASSIGNORS];
  const common = (['eager', 'cooperative'] as const).filter((protocol) => strategies.every((name) => known.find((a) => a.name === name)!.supportedProtocols.includes(protocol)));
  if (common.length === 0) {
    throw new ConfigError(`partition.assignment.strategy=${strategies.join(',')}: the assignors have no commonly supported rebalance protocol (eager or cooperative)`);
  }
  if (c['model.group.instance.ids'] === 'replacement' && c['model.consumers'] < 2) {
    throw new ConfigError(`model.group.instance.ids=replacement needs model.consumers >= 2 (got ${c['model.consumers']}): the last consumer of a group replaces the first`);
  }
  checkSubscriptionRules(c);
  if (c['model.group.faults'].includes('failover') && c['model.brokers'] < 2) {
    throw new ConfigError(`model.group.faults includes failover, which needs model.brokers >= 2 (got ${c['model.brokers']}): the coordinator moves to another broker`);
  }
  if (c['model.group.faults'].includes('failover') && c['offsets.topic.replication.factor'] < 2) {
    throw new ConfigError(`model.group.faults includes failover, which needs offsets.topic.replication.factor >= 2 (got ${c['offsets.topic.replication.factor']}): leadership moves only to another replica`);
  }
}

/** model.group.subscriptions: one topic list per consumer of a group, naming existing topics, none empty. */
function checkSubscriptionRules(c: KmcConfig): void {
  const table = c['model.group.subscriptions'];
  if (table.length === 0) return;
  const key = 'model.group.subscriptions';
  if (table.length !== c['model.consumers']) {
    throw new ConfigError(`${key} names ${table.length} consumers but model.consumers=${c['model.consumers']}: give one topic list per consumer of a group`);
  }
  table.forEach((topics, i) => {
    if (topics.length === 0) throw new ConfigError(`${key}: consumer ${i + 1} subscribes to no topic`);
    const bad = topics.find((t) => !Number.isInteger(t) || t < 1 || t > c['model.group.topics']);
    if (bad !== undefined) throw new ConfigError(`${key}: consumer ${i + 1} names topic ${bad}, but model.group.topics=${c['model.group.topics']} (topics are numbered 1..${c['model.group.topics']})`);
    if (topics.some((t, j) => topics.indexOf(t) !== j)) throw new ConfigError(`${key}: consumer ${i + 1} names a topic twice`);
  });
}
