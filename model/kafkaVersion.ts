/**
 * Behaviour pinned to a Kafka release: `model.kafka.version` sets the default of every rule below,
 * and each rule keeps its own config key, which wins when a scenario, a file or `--set` sets it.
 *
 * A version names a release line by major.minor and means that line's first release, X.Y.0, as
 * the tag X.Y.0 of apache/kafka has it. Where a later patch release of the line changed a rule,
 * the rule's step says so (KAFKA-13598 in 3.0.1 and 3.1.1, KAFKA-17632 in 3.9.2); pin the next
 * line to get the change.
 *
 * One row per rule: its key, a one-line doc, and its default per release as steps (each step is
 * the default from `since` until the next step), each citing the KIP or JIRA that made it the
 * default and where in the source it shows. The broker-side rows: KIP-903 broker epochs from 3.5
 * (model.isr.broker.epoch), the KAFKA-15583 strict min-ISR high watermark from 3.7
 * (model.strict.min.isr), KIP-966 Eligible Leader Replicas on by default from 4.1
 * (eligible.leader.replicas.version, Kafka's own feature flag; available but off in 4.0).
 *
 * Resolution (model/config.ts resolveConfig) applies a rule only to a key the user did not set;
 * `partitioner.class=default` is an alias: it always means the version's default partitioner.
 */
import type { ConfigKey, KmcConfig } from './config.ts';

/** Every release line kmc models, oldest first (0.10 is the 0.10.x line before KIP-101). */
export const KAFKA_VERSIONS = [
  '0.10',
  '0.11',
  '1.0',
  '1.1',
  '2.0',
  '2.1',
  '2.2',
  '2.3',
  '2.4',
  '2.5',
  '2.6',
  '2.7',
  '2.8',
  '3.0',
  '3.1',
  '3.2',
  '3.3',
  '3.4',
  '3.5',
  '3.6',
  '3.7',
  '3.8',
  '3.9',
  '4.0',
  '4.1',
] as const;
export type KafkaVersion = (typeof KAFKA_VERSIONS)[number];

/** The default of `model.kafka.version`: the newest release kmc models. */
export const KAFKA_VERSION_NEWEST: KafkaVersion = '4.1';

/** The KAFKA_VERSIONS list as people write it: "0.10, 0.11, 1.0, 1.1, 2.0 to 2.8, 3.0 to 3.9, 4.0, 4.1". */
export const KAFKA_VERSIONS_TEXT = '0.10, 0.11, 1.0, 1.1, 2.0 to 2.8, 3.0 to 3.9, 4.0, 4.1';

export function isKafkaVersion(text: string): text is KafkaVersion {
  return (KAFKA_VERSIONS as readonly string[]).includes(text);
}

/** Orders release names numerically by their parts ("2.10" after "2.9"; "3.0.1" after "3.0"). */
export function compareKafkaVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const diff = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}

/**
 * For a version kmc does not model, the one to suggest: by number, the newest known release not
 * after it ("2.9" → "2.8", "4.2" → "4.1", "3.7.1" → "3.7"); null when the text is not a number.
 */
export function nearestKafkaVersion(text: string): KafkaVersion | null {
  if (!/^\d+(\.\d+)*$/.test(text.trim())) return null;
  let best: KafkaVersion = KAFKA_VERSIONS[0];
  for (const version of KAFKA_VERSIONS) if (compareKafkaVersions(version, text.trim()) <= 0) best = version;
  return best;
}

/** One default of a rule: from release `since` on (until the rule's next step). */
export interface VersionStep<V> {
  since: KafkaVersion;
  value: V;
  /** What made it the default: a KIP or JIRA (for the oldest step, what the old behaviour is called). */
  change: string;
}

export interface VersionRule<K extends ConfigKey = ConfigKey> {
  key: K;
  /** One line: what the rule decides. */
  doc: string;
  /** Oldest first; the first step is `since` the oldest release kmc models. */
  steps: readonly VersionStep<KmcConfig[K]>[];
  /** A value the user may set that means "this version's default" (partitioner.class=default). */
  aliasOfDefault?: KmcConfig[K];
}

export type AnyVersionRule = { [K in ConfigKey]: VersionRule<K> }[ConfigKey];

function rule<K extends ConfigKey>(r: VersionRule<K>): AnyVersionRule {
  return r as unknown as AnyVersionRule;
}

const INT_MAX = 2147483647;

/**
 * The rules, with the source each release was checked against (`git tag --contains` on the
 * commit that changed it, and the file at the tag).
 */
export const VERSION_RULES: readonly AnyVersionRule[] = [
  rule({
    key: 'model.truncation',
    doc: 'How a replica that becomes a follower finds where its log diverges from the leader\'s.',
    steps: [
      // ReplicaManager.makeFollowers at 0.10.2.2: logManager.truncateTo(... highWatermark); no LeaderEpochFileCache.
      { since: '0.10', value: 'high-watermark', change: 'truncation to the high watermark' },
      // KIP-101 (commit 0baea2ac135, first in 0.11.0.0): OffsetsForLeaderEpoch, LeaderEpochFileCache.
      { since: '0.11', value: 'kip-101', change: 'KIP-101' },
      // KAFKA-6361 (commit 9679c44d2b5, first in 2.0.0): the largest common epoch (KIP-279).
      { since: '2.0', value: 'kip-279', change: 'KIP-279' },
      // KAFKA-10554 (commit 7ecc3a579a4, first in 2.8.0): AbstractFetcherThread truncates on the
      // FetchResponse's divergingEpoch. 2.7.0's Partition.readRecords already fills it in, but
      // 2.7.0's fetcher ignores it and still asks OffsetsForLeaderEpoch.
      { since: '2.8', value: 'diverging-epoch', change: 'KAFKA-10554' },
    ],
  }),
  rule({
    key: 'model.fencing',
    doc: 'Leader-epoch fencing of fetches, OffsetsForLeaderEpoch and truncation.',
    steps: [
      { since: '0.10', value: false, change: 'no leader-epoch fencing' },
      // KAFKA-7395 "Add fencing to replication protocol (KIP-320)" (commit bcef30d614b on the 2.1 branch, first in 2.1.0).
      { since: '2.1', value: true, change: 'KIP-320' },
    ],
  }),
  rule({
    key: 'acks',
    doc: 'The producer\'s acks when the application does not set it.',
    steps: [
      // ProducerConfig at 2.8.0: define(ACKS_CONFIG, Type.STRING, "1", ...).
      { since: '0.10', value: 1, change: 'acks=1' },
      // KIP-679, ProducerConfig at 3.0.0: default "all".
      { since: '3.0', value: -1, change: 'KIP-679' },
    ],
  }),
  rule({
    key: 'enable.idempotence',
    doc: 'Whether the producer is idempotent when the application does not say.',
    steps: [
      { since: '0.10', value: false, change: 'idempotence off' },
      // KIP-679 made the default true in 3.0.0, but ProducerConfig.idempotenceEnabled() at 3.0.0
      // and 3.1.0 honours it only when the application sets it (userConfiguredIdempotence &&
      // getBoolean). KAFKA-13598 (first in 3.2.0; backported to 3.0.1 and 3.1.1) puts it in effect.
      { since: '3.2', value: true, change: 'KIP-679 as fixed by KAFKA-13598' },
    ],
  }),
  rule({
    key: 'retries',
    doc: 'How often the producer retries a failed request when the application does not set it.',
    steps: [
      // ProducerConfig at 2.0.0: define(RETRIES_CONFIG, Type.INT, 0, ...).
      { since: '0.10', value: 0, change: 'retries=0' },
      // KIP-91 (delivery.timeout.ms), ProducerConfig at 2.1.0: Integer.MAX_VALUE.
      { since: '2.1', value: INT_MAX, change: 'KIP-91' },
    ],
  }),
  rule({
    key: 'linger.ms',
    doc: 'How long the producer waits for a batch to fill when the application does not set it.',
    steps: [
      { since: '0.10', value: 0, change: 'linger.ms=0' },
      // KIP-1030 (4.0): linger.ms 0 → 5.
      { since: '4.0', value: 5, change: 'KIP-1030' },
    ],
  }),
  rule({
    key: 'partitioner.class',
    doc: 'The partitioner a producer uses without partitioner.class (partitioner.class=default names it for any version).',
    aliasOfDefault: 'default',
    steps: [
      // DefaultPartitioner at 2.3.0: keys murmur2-hashed, null keys round robin from a random start.
      { since: '0.10', value: 'legacy-round-robin', change: 'the round-robin DefaultPartitioner' },
      // KIP-480 (KAFKA-8601, 2.4.0): DefaultPartitioner sticks null keys to a partition until onNewBatch.
      { since: '2.4', value: 'sticky', change: 'KIP-480' },
      // KIP-794 (KAFKA-10888, 3.3.0): no partitioner.class by default; the accumulator's built-in logic.
      { since: '3.3', value: 'default', change: 'KIP-794' },
    ],
  }),
  rule({
    key: 'model.partitioner.double.call',
    doc: 'Whether the producer asks a partitioner.class a second time when its first choice had no open batch.',
    steps: [
      // KafkaProducer.doSend at 2.3.0 calls partition() once.
      { since: '0.10', value: false, change: 'one partition() call per record' },
      // KIP-480 (KAFKA-8601, 2.4.0): abortOnNewBatch, onNewBatch, partition() again; the round
      // robin then skips partitions (KAFKA-9965).
      { since: '2.4', value: true, change: 'KIP-480, the cause of KAFKA-9965' },
      // KAFKA-17632 (4.0.0; backported to 3.9.2): RoundRobinPartitioner answers the second call
      // with the partition it gave the first; KAFKA-18295 (4.0.0) removes onNewBatch and the
      // second call altogether.
      { since: '4.0', value: false, change: 'KAFKA-17632 and KAFKA-18295' },
    ],
  }),
  rule({
    key: 'model.isr.broker.epoch',
    doc: 'Whether a follower\'s Fetch carries its broker epoch and an ISR change names each member\'s, so that a replica restarted since its last fetch cannot join the ISR.',
    steps: [
      // Partition.isReplicaIsrEligible at 3.4.0 (KRaft): not fenced, not in controlled shutdown;
      // ReplicationControlManager.ineligibleReplicasForIsr checks the same. Neither knows which
      // process of a broker the leader's fetch state came from (KAFKA-14139).
      { since: '0.10', value: false, change: 'ISR eligibility without broker epochs' },
      // KIP-903 (KAFKA-14617: commits 79b5f7f1ce2 ReplicaState in FetchRequest, 8c88cdb7186
      // AlterPartition v3 NewIsrWithEpochs and the controller's INELIGIBLE_REPLICA on a stale epoch,
      // d5e216d6183 the leader fills them in; all first in 3.5.0): Replica keeps the Fetch's broker
      // epoch, Partition.isBrokerEpochIsrEligible compares it with the metadata cache's, and
      // ineligibleReplicasForIsr rejects an AlterPartition whose epoch for a member is not the
      // member's registration's.
      { since: '3.5', value: true, change: 'KIP-903' },
    ],
  }),
  rule({
    key: 'model.strict.min.isr',
    doc: 'Whether the leader holds its high watermark while the ISR is smaller than min.insync.replicas.',
    steps: [
      // Partition.maybeIncrementLeaderHW at 3.6.0 advances over the maximal ISR whatever its size.
      { since: '0.10', value: false, change: 'the high watermark advances below min.insync.replicas' },
      // KAFKA-15583 (commit edc7e10a745, first in 3.7.0): maybeIncrementLeaderHW returns early while
      // isUnderMinIsr (the committed ISR below min(min.insync.replicas, replicas)).
      { since: '3.7', value: true, change: 'KAFKA-15583' },
    ],
  }),
  rule({
    key: 'eligible.leader.replicas.version',
    doc: 'KIP-966 Eligible Leader Replicas (the feature flag): 1 tracks replicas that left the ISR below min.insync.replicas as electable, and detects unclean shutdowns at registration.',
    steps: [
      // No ELR before 4.0: 3.7.0 and 3.8.0 carry the controller code, but MetadataVersion.isElrSupported
      // needs IBP_3_8_IV0 / IBP_3_9_IV0, past each release's LATEST_PRODUCTION.
      { since: '0.10', value: 0, change: 'no Eligible Leader Replicas' },
      // The 4.0 and 4.1 docs, operations/eligible-leader-replicas: "Starting from Apache Kafka 4.0,
      // Eligible Leader Replicas (KIP-966 Part 1) is available ... The ELR is not enabled by default
      // for 4.0 ... ELR is enabled by default on new clusters starting 4.1".
      { since: '4.1', value: 1, change: 'KIP-966' },
    ],
  }),
  rule({
    key: 'model.unclean.enable.election',
    doc: 'When turning unclean.leader.election.enable on during a run elects the partitions already without a live ISR member.',
    steps: [
      // TopicConfigHandler at 2.0.0 ignores the change: the controller elects from the new config
      // only when another event (a broker change) puts the partition through its state machine.
      { since: '0.10', value: 'next-change', change: 'no election on a config change' },
      // KAFKA-6835 (commit 028e80204dd, first in 2.1.0): TopicConfigHandler calls
      // KafkaController.enableTopicUncleanLeaderElection, whose TopicUncleanLeaderElectionEnable
      // event runs triggerOnlinePartitionStateChange for the topic at once. The KRaft controller
      // of 3.3-3.8 ignores the config altogether (ConfigurationControlManager
      // .uncleanLeaderElectionEnabledForTopic returns false); kmc follows the ZooKeeper controller.
      { since: '2.1', value: 'at-once', change: 'KAFKA-6835' },
      // KAFKA-12670 (commit 7356328f530 on the 3.9 branch, first in 3.9.0): the KRaft controller
      // reads the config (topic, node, cluster, static), and QuorumController's
      // maybeElectUncleanLeaders, scheduled after a write event while some partition has no
      // leader, elects them every unclean.leader.election.interval.ms (5 minutes), not at once
      // (ReplicationConfigs: "it needs to wait for the unclean leader election thread").
      { since: '3.9', value: 'periodic', change: 'KAFKA-12670' },
    ],
  }),
];

/** The rule for `key`, or undefined when no release changed its default. */
export function versionRuleOf(key: ConfigKey): AnyVersionRule | undefined {
  return VERSION_RULES.find((r) => r.key === key);
}

/** The step of `rule` in force at `version`, and the step that later replaced it (null: none yet). */
export function versionStepAt(rule: AnyVersionRule, version: KafkaVersion): { step: VersionStep<unknown>; next: VersionStep<unknown> | null } {
  const steps = rule.steps as readonly VersionStep<unknown>[];
  let index = 0;
  for (let i = 0; i < steps.length; i++) if (compareKafkaVersions(steps[i].since, version) <= 0) index = i;
  return { step: steps[index], next: steps[index + 1] ?? null };
}

/** The default of `key` at `version` (undefined when the key has no version rule). */
export function versionDefault<K extends ConfigKey>(key: K, version: KafkaVersion): KmcConfig[K] | undefined {
  const found = versionRuleOf(key);
  return found === undefined ? undefined : (versionStepAt(found, version).step.value as KmcConfig[K]);
}
