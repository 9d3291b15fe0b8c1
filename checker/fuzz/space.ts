/**
 * The config space of `kmc fuzz`: per config key, the values a Kafka engineer would try (weighted
 * towards the defaults and the values people run with, with the corners in reach), the model(s)
 * that read the key, and the keys its range depends on. A key is either in the space or excluded
 * with a reason; a unit test fails for a key that is neither, so a new key gets a range.
 *
 * Ranges stay inside what each key's own rule accepts; the rules that tie keys together are the
 * config validator's (model/config.ts). Where Kafka ties keys (a heartbeat below its session, a
 * replica count within the cluster, delivery.timeout.ms >= linger.ms + request.timeout.ms) the
 * range draws relative to the keys it names in `after`, so most draws are legal; whatever is not
 * is redrawn (draw.ts).
 */
import { FAULT_KINDS, GROUP_FAULT_KINDS, KEY_SPECS, type ConfigKey, type KmcConfig } from '../../model/config.ts';
import type { ConfigAlteration } from '../../model/dynamicConfig.ts';
import { KAFKA_VERSION_NEWEST, KAFKA_VERSIONS } from '../../model/kafkaVersion.ts';
import { BUILT_IN_ASSIGNORS } from '../../model/assignors/builtIns.ts';
import { RECORD_BYTES } from '../../model/group/recordSize.ts';
import type { Rng } from '../../model/kernel/rng.ts';
import { distinctPicks, nonEmptySubset, span, subset, weighted } from './draws.ts';

/** The two models a scenario can run (Scenario.model). */
export type FuzzModel = 'cluster' | 'group';
export const FUZZ_MODELS: readonly FuzzModel[] = ['cluster', 'group'];

export interface KeyRange<K extends ConfigKey> {
  /** The models that read the key: `--vary all` varies it for a base scenario of these models. */
  models: readonly FuzzModel[];
  /** Keys the draw reads from `current`; they are drawn first. */
  after?: readonly ConfigKey[];
  /** One value; `current` is the config so far: the base, with the keys drawn before this one. */
  draw(rng: Rng, current: KmcConfig): KmcConfig[K];
}

/** A key kmc fuzz never varies, and why. */
export interface KeyExclusion {
  excluded: string;
}

export type KeyFuzz<K extends ConfigKey> = KeyRange<K> | KeyExclusion;

export function isExcluded(fuzz: KeyFuzz<ConfigKey>): fuzz is KeyExclusion {
  return 'excluded' in fuzz;
}

const BOTH: readonly FuzzModel[] = ['cluster', 'group'];
const CLUSTER: readonly FuzzModel[] = ['cluster'];
const GROUP: readonly FuzzModel[] = ['group'];
const LONG_MAX = Number.MAX_SAFE_INTEGER;
const INT_MAX = 2147483647;
const WEEK_MS = 604800000;

/** A bool, true with weight `trueWeight` against `falseWeight`. */
const flag = (rng: Rng, trueWeight: number, falseWeight: number): boolean =>
  weighted(rng, [
    [trueWeight, true],
    [falseWeight, false],
  ]);

/** A fraction of `whole`, at least 1 and below `whole` when it can be. */
function below(rng: Rng, whole: number, fractions: readonly number[]): number {
  return Math.max(1, Math.min(whole - 1, Math.floor(whole * rng.pick(fractions))));
}

/** Replica counts: 1, 2, 3, or all of `brokers`, weighted towards 3, never above `brokers`. */
function replicaCount(rng: Rng, brokers: number): number {
  return Math.min(
    brokers,
    weighted(rng, [
      [1, 1],
      [1, 2],
      [4, 3],
      [1, brokers],
    ]),
  );
}

const PARTITIONER_CLASSES = KEY_SPECS['partitioner.class'].values as readonly KmcConfig['partitioner.class'][];

/** The built-in assignor names, for partition.assignment.strategy. */
const ASSIGNOR_NAMES = BUILT_IN_ASSIGNORS.map((assignor) => assignor.name);

export const FUZZ_SPACE: { [K in ConfigKey]?: KeyFuzz<K> } = {
  // ---- Cluster size and topic ----
  'model.brokers': { models: BOTH, draw: (rng) => weighted(rng, [[1, 1], [1, 2], [4, 3], [1, 4], [2, 5], [1, 7]]) },
  'num.partitions': { models: BOTH, draw: (rng) => weighted(rng, [[3, 1], [3, 2], [2, 3], [1, 6], [1, 12]]) },
  'replication.factor': { models: CLUSTER, after: ['model.brokers'], draw: (rng, c) => replicaCount(rng, c['model.brokers']) },
  'min.insync.replicas': {
    models: CLUSTER,
    after: ['replication.factor'],
    draw: (rng, c) => {
      const rf = c['replication.factor'];
      return weighted(rng, [
        [1, 1],
        [3, Math.min(2, rf)],
        [2, Math.max(1, rf - 1)],
        [1, rf],
      ]);
    },
  },
  'unclean.leader.election.enable': { models: CLUSTER, draw: (rng) => flag(rng, 1, 4) },
  'unclean.leader.election.interval.ms': { models: CLUSTER, draw: (rng) => weighted(rng, [[2, 300000], [1, 100], [2, 1000], [1, 5000]]) },
  'model.unclean.enable.election': {
    models: CLUSTER,
    draw: (rng) => weighted<KmcConfig['model.unclean.enable.election']>(rng, [[3, 'periodic'], [2, 'at-once'], [1, 'next-change']]),
  },
  'model.crash.concurrent.max': { models: CLUSTER, after: ['model.brokers'], draw: (rng, c) => weighted(rng, [[1, 0], [3, 1], [1, 2], [1, c['model.brokers']]]) },
  'model.crash.max': { models: CLUSTER, draw: (rng) => weighted(rng, [[4, 1000], [1, 1], [1, 2]]) },

  // ---- Broker timing ----
  'replica.lag.time.max.ms': { models: CLUSTER, draw: (rng) => weighted(rng, [[1, 500], [1, 1000], [3, 2000], [1, 5000], [1, 10000], [1, 30000]]) },
  'replica.fetch.wait.max.ms': {
    models: CLUSTER,
    after: ['replica.lag.time.max.ms'],
    draw: (rng, c) => {
      const lagMs = c['replica.lag.time.max.ms'];
      return Math.min(lagMs, weighted(rng, [[1, 10], [1, 100], [3, 500], [1, Math.floor(lagMs / 2)], [1, lagMs]]));
    },
  },
  'broker.session.timeout.ms': { models: CLUSTER, draw: (rng) => weighted(rng, [[1, 1500], [3, 3000], [2, 9000], [1, 18000]]) },
  'broker.heartbeat.interval.ms': { models: CLUSTER, after: ['broker.session.timeout.ms'], draw: (rng, c) => below(rng, c['broker.session.timeout.ms'], [0.1, 0.2, 1 / 3, 0.5]) },
  'flush.messages': { models: CLUSTER, draw: (rng) => weighted(rng, [[4, LONG_MAX], [2, 1], [1, 2], [1, 10]]) },

  // ---- Producer ----
  acks: { models: CLUSTER, draw: (rng) => weighted<KmcConfig['acks']>(rng, [[5, -1], [1, 1], [1, 0]]) },
  retries: { models: CLUSTER, draw: (rng) => weighted(rng, [[5, INT_MAX], [1, 0], [1, 1], [1, 3], [1, 10]]) },
  'request.timeout.ms': { models: CLUSTER, draw: (rng) => weighted(rng, [[1, 500], [1, 1000], [3, 3000], [1, 10000], [1, 30000]]) },
  'linger.ms': { models: CLUSTER, draw: (rng) => weighted(rng, [[3, 0], [3, 5], [2, span(1, 20)], [1, span(50, 200)], [1, span(500, 2000)]]) },
  'delivery.timeout.ms': {
    models: CLUSTER,
    // KafkaProducer.configureDeliveryTimeout: delivery.timeout.ms >= linger.ms + request.timeout.ms.
    after: ['request.timeout.ms', 'linger.ms'],
    draw: (rng, c) => c['linger.ms'] + c['request.timeout.ms'] + weighted(rng, [[2, 0], [1, span(1, 300)], [2, span(300, 3000)], [1, span(3000, 30000)], [2, 120000]]),
  },
  'retry.backoff.ms': { models: BOTH, draw: (rng) => weighted(rng, [[1, 0], [1, 10], [3, 100], [1, 1000]]) },
  'max.in.flight.requests.per.connection': { models: CLUSTER, draw: (rng) => weighted(rng, [[2, 1], [1, 2], [1, 3], [3, 5], [1, 8], [1, 16]]) },
  'enable.idempotence': { models: CLUSTER, draw: (rng) => flag(rng, 4, 1) },
  // From less than one record (each record is a batch of its own) to 64 KiB; a record of the
  // workload is about 10 bytes in a 61-byte batch header (model/clients/recordSize.ts).
  'batch.size': { models: CLUSTER, draw: (rng) => weighted(rng, [[1, 1], [1, 80], [2, span(90, 400)], [1, 1024], [3, 16384], [1, 65536]]) },
  'metadata.max.age.ms': { models: BOTH, draw: (rng) => weighted(rng, [[2, 300000], [1, 5000], [1, 1000]]) },

  // ---- Partitioner and keys ----
  // Every partitioner the config knows (partitioner.class=default is the version's own).
  'partitioner.class': { models: CLUSTER, draw: (rng) => weighted<KmcConfig['partitioner.class']>(rng, [[3, 'default'], [4, (r) => r.pick(PARTITIONER_CLASSES)]]) },
  'model.partitioner.double.call': { models: CLUSTER, draw: (rng) => flag(rng, 1, 4) },
  'partitioner.ignore.keys': { models: CLUSTER, draw: (rng) => flag(rng, 1, 4) },
  'partitioner.adaptive.partitioning.enable': { models: CLUSTER, draw: (rng) => flag(rng, 3, 1) },
  'partitioner.availability.timeout.ms': { models: CLUSTER, draw: (rng) => weighted(rng, [[3, 0], [1, 100], [1, 1000], [1, 5000]]) },
  'model.keys': { models: CLUSTER, draw: (rng) => weighted(rng, [[3, 0], [1, 1], [1, 3], [1, span(4, 20)]]) },
  'model.keys.hot.percent': { models: CLUSTER, draw: (rng) => weighted(rng, [[3, 0], [1, 50], [1, 90]]) },

  // ---- Behaviour of a Kafka release: every release, the newest most often ----
  'model.kafka.version': { models: CLUSTER, draw: (rng) => weighted<KmcConfig['model.kafka.version']>(rng, [[4, KAFKA_VERSION_NEWEST], [6, (r) => r.pick(KAFKA_VERSIONS)]]) },

  // ---- Replication rules (history) ----
  'model.truncation': {
    models: CLUSTER,
    draw: (rng) => weighted<KmcConfig['model.truncation']>(rng, [[4, 'diverging-epoch'], [1, 'kip-279'], [1, 'kip-101'], [1, 'high-watermark']]),
  },
  'model.fencing': { models: CLUSTER, draw: (rng) => flag(rng, 4, 1) },
  // The broker-side rules of KIP-903 (3.5), KAFKA-15583 (3.7) and KIP-966 (4.1), mostly as the release has them.
  'model.isr.broker.epoch': { models: CLUSTER, draw: (rng) => flag(rng, 4, 1) },
  'model.strict.min.isr': { models: CLUSTER, draw: (rng) => flag(rng, 4, 1) },
  'eligible.leader.replicas.version': { models: CLUSTER, draw: (rng) => weighted(rng, [[3, 1], [2, 0]]) },

  // ---- Workload and faults (cluster) ----
  'model.producers': { models: CLUSTER, draw: (rng) => weighted(rng, [[3, 1], [3, 2], [1, 3], [1, 4]]) },
  'model.records': { models: CLUSTER, draw: (rng) => weighted(rng, [[3, span(1, 4)], [3, span(5, 20)], [2, span(21, 60)], [1, span(61, 120)]]) },
  'model.faults': { models: CLUSTER, draw: (rng) => nonEmptySubset(rng, FAULT_KINDS, rng.pick([0.2, 0.5, 0.8])) },
  'model.faults.max': { models: BOTH, draw: (rng) => weighted(rng, [[1, 0], [2, 2], [2, 4], [2, 6], [1, 10], [1, 20]]) },
  // Alterations for each model whose fault mix makes alter-config faults (none for the others, as
  // the validator requires): min.insync.replicas within the replication factor, unclean election
  // on and off, retention limits from a second to a week.
  'model.alter.configs': {
    models: BOTH,
    after: ['model.faults', 'model.group.faults', 'replication.factor'],
    draw: (rng, c) => {
      const cluster: ConfigAlteration[] = [];
      if (c['model.faults'].includes('alter-config')) {
        const minIsrs = Array.from({ length: Math.min(3, c['replication.factor']) }, (_, i): ConfigAlteration => ({ key: 'min.insync.replicas', value: i + 1 }));
        const unclean: ConfigAlteration[] = [
          { key: 'unclean.leader.election.enable', value: true },
          { key: 'unclean.leader.election.enable', value: false },
        ];
        cluster.push(...nonEmptySubset(rng, [...minIsrs, ...unclean], rng.pick([0.3, 0.6])));
      }
      const group: ConfigAlteration[] = [];
      if (c['model.group.faults'].includes('alter-config')) {
        const limits: ConfigAlteration[] = [
          ...[-1, 1000, 5000, 30000, WEEK_MS].map((value): ConfigAlteration => ({ key: 'retention.ms', value })),
          ...[-1, RECORD_BYTES, 3 * RECORD_BYTES].map((value): ConfigAlteration => ({ key: 'retention.bytes', value })),
        ];
        group.push(...nonEmptySubset(rng, limits, rng.pick([0.2, 0.5])));
      }
      return [...cluster, ...group];
    },
  },

  // ---- Consumer and group ----
  // The broker's bounds on session.timeout.ms (GroupCoordinator.handleJoinGroup: INVALID_SESSION_TIMEOUT outside them).
  'group.min.session.timeout.ms': { models: GROUP, draw: (rng) => weighted(rng, [[2, 6000], [2, 1000], [1, 100]]) },
  'group.max.session.timeout.ms': { models: GROUP, draw: (rng) => weighted(rng, [[3, 1800000], [1, 60000]]) },
  // Mostly inside the broker's bounds, where groups form; now and then outside, where every JoinGroup fails.
  'session.timeout.ms': {
    models: GROUP,
    after: ['group.min.session.timeout.ms', 'group.max.session.timeout.ms'],
    draw: (rng, c) => {
      const timeoutMs = weighted(rng, [[1, 1000], [3, 3000], [2, 6000], [1, 10000], [1, 45000]]);
      const inside = flag(rng, 9, 1);
      return inside ? Math.min(c['group.max.session.timeout.ms'], Math.max(c['group.min.session.timeout.ms'], timeoutMs)) : timeoutMs;
    },
  },
  'heartbeat.interval.ms': { models: GROUP, after: ['session.timeout.ms'], draw: (rng, c) => below(rng, c['session.timeout.ms'], [0.1, 0.2, 1 / 3, 1 / 3, 0.5, 0.9]) },
  'max.poll.interval.ms': {
    models: GROUP,
    after: ['session.timeout.ms'],
    draw: (rng, c) => weighted(rng, [[1, c['session.timeout.ms']], [3, 2 * c['session.timeout.ms']], [1, 6000], [1, 300000]]),
  },
  'max.poll.records': { models: GROUP, draw: (rng) => weighted(rng, [[2, 1], [2, 2], [1, 5], [1, 500]]) },
  'partition.assignment.strategy': {
    models: GROUP,
    draw: (rng) =>
      weighted<string[]>(rng, [
        [4, (r) => [r.pick(ASSIGNOR_NAMES)]],
        [1, (r) => distinctPicks(r, ASSIGNOR_NAMES, 2)],
        [1, ['range', 'cooperative-sticky']],
      ]),
  },
  'enable.auto.commit': { models: GROUP, draw: (rng) => flag(rng, 1, 1) },
  'auto.commit.interval.ms': { models: GROUP, draw: (rng) => weighted(rng, [[1, 100], [2, 500], [1, 1000], [1, 5000]]) },
  'auto.offset.reset': { models: GROUP, draw: (rng) => rng.pick<KmcConfig['auto.offset.reset']>(['earliest', 'latest', 'none']) },
  'group.initial.rebalance.delay.ms': { models: GROUP, draw: (rng) => weighted(rng, [[1, 0], [2, 100], [1, 3000]]) },
  'offsets.topic.num.partitions': { models: GROUP, draw: (rng) => weighted(rng, [[2, 1], [1, 3], [2, 50]]) },
  'offsets.topic.replication.factor': { models: GROUP, after: ['model.brokers'], draw: (rng, c) => Math.min(3, replicaCount(rng, c['model.brokers'])) },

  // ---- Retention (group model's topic) ----
  'retention.ms': { models: GROUP, draw: (rng) => weighted(rng, [[3, WEEK_MS], [1, -1], [1, 1000], [1, 5000], [1, 30000]]) },
  'retention.bytes': { models: GROUP, draw: (rng) => weighted(rng, [[3, -1], [1, RECORD_BYTES], [1, 3 * RECORD_BYTES], [1, 10 * RECORD_BYTES]]) },
  'segment.bytes': { models: GROUP, draw: (rng) => weighted(rng, [[2, 1073741824], [2, RECORD_BYTES], [1, 2 * RECORD_BYTES], [1, 5 * RECORD_BYTES]]) },
  'segment.ms': { models: GROUP, draw: (rng) => weighted(rng, [[2, WEEK_MS], [1, 500], [1, 5000]]) },
  'log.retention.check.interval.ms': { models: GROUP, draw: (rng) => weighted(rng, [[1, 300000], [1, 100], [2, 1000]]) },

  // ---- Workload and faults (group) ----
  'model.group.produce.interval.ms': { models: GROUP, draw: (rng) => weighted(rng, [[3, 0], [1, 100], [1, 1000]]) },
  'model.groups': { models: GROUP, draw: (rng) => weighted(rng, [[3, 1], [1, 2], [1, 3]]) },
  'model.consumers': { models: GROUP, draw: (rng) => weighted(rng, [[1, 1], [3, 2], [2, 3], [1, 5]]) },
  'model.group.records': { models: GROUP, draw: (rng) => weighted(rng, [[1, 0], [1, 1], [2, 3], [1, 10], [1, 30]]) },
  'model.group.processing': { models: GROUP, draw: (rng) => rng.pick<KmcConfig['model.group.processing']>(['commit-before-process', 'process-then-commit']) },
  'model.group.faults': { models: GROUP, draw: (rng) => subset(rng, GROUP_FAULT_KINDS, rng.pick([0.2, 0.5, 0.8])) },
  'model.group.instance.ids': { models: GROUP, draw: (rng) => weighted<KmcConfig['model.group.instance.ids']>(rng, [[3, 'none'], [1, 'per-consumer'], [1, 'replacement']]) },
  'model.group.topics': { models: GROUP, draw: (rng) => weighted(rng, [[3, 1], [1, 2], [1, 3]]) },
  'model.group.subscriptions': {
    models: GROUP,
    after: ['model.consumers', 'model.group.topics'],
    draw: (rng, c) => {
      if (rng.chance(0.6)) return [];
      const topics = Array.from({ length: c['model.group.topics'] }, (_, i) => i + 1);
      return Array.from({ length: c['model.consumers'] }, () => nonEmptySubset(rng, topics, 0.5));
    },
  },
  'model.group.churn.max': { models: GROUP, draw: (rng) => weighted(rng, [[3, 0], [1, 1], [1, span(2, 5)]]) },
  'model.group.subscription.changes.max': { models: GROUP, draw: (rng) => weighted(rng, [[3, 0], [1, 1], [1, 3]]) },
  'model.group.partitions.added.max': { models: GROUP, draw: (rng) => weighted(rng, [[3, 0], [1, 1], [1, 3]]) },

  // ---- Never varied ----
  'model.report': { excluded: 'informational properties only (partition-skew, consumer-lag): never a guarantee, so varying it cannot find a violation' },
  'model.partition.plan': {
    excluded: 'kmc check-partitioner\'s way of running a plugin: it fixes one partition per record, so it is tied to model.records and model.producers; the built-in partitioners are varied through partitioner.class',
  },
};
