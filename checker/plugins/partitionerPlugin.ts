/**
 * Partitioner plugins: which style a module is written in, and the adapter that makes a KafkaJS
 * partitioner look like a kmc one.
 *
 * - kmc style: an object (or class instance) with `partition(record, cluster)` and optionally
 *   `onNewBatch(topic, cluster, prevPartition)` and `name`, as the default export or the named
 *   export `partitioner`. A class with such a `partition` method is instantiated (once per run).
 * - KafkaJS style: a `createPartitioner`-shaped factory `() => ({ topic, partitionMetadata,
 *   message }) => number` (KJS:types/index.d.ts `ICustomPartitioner`), as the default export or
 *   the named export `createPartitioner`. It is called once per run, like once per producer.
 * CommonJS `module.exports = { partitioner }` / `{ createPartitioner }` are found too.
 */
import { basename, extname } from 'node:path';
import type { ClusterView, Partitioner, PartitionerRecord } from '../../model/partitioners/types.ts';
import { PluginLoadError, describeThrown } from './loadModule.ts';

export type PartitionerPluginStyle = 'kmc' | 'kafkajs';

/** KafkaJS's `PartitionMetadata` (KJS:types/index.d.ts). */
export interface KafkaJsPartitionMetadata {
  partitionErrorCode: number;
  partitionId: number;
  leader: number;
  replicas: number[];
  isr: number[];
  offlineReplicas?: number[];
}

/** KafkaJS's `Message`, as far as partitioners see it. */
export interface KafkaJsMessage {
  key?: Buffer | string | null;
  value: Buffer | string | null;
  partition?: number;
}

export type KafkaJsPartitionerFunction = (args: { topic: string; partitionMetadata: KafkaJsPartitionMetadata[]; message: KafkaJsMessage }) => number;

export interface DetectedPartitioner {
  style: PartitionerPluginStyle;
  /** Which export it came from, e.g. `default` or `createPartitioner`. */
  exportName: string;
  /** The plugin's name for reports: its `name` property, else the module's file name. */
  name: string;
  hasOnNewBatch: boolean;
  /** A partitioner with fresh state where the module allows it (a new factory call or class instance). */
  create(): Partitioner;
}

/** KafkaJS partition metadata for a cluster view, in the view's list order. */
export function toKafkaJsPartitionMetadata(cluster: ClusterView): KafkaJsPartitionMetadata[] {
  return cluster.partitions.map((p) => ({ partitionErrorCode: 0, partitionId: p.partition, leader: p.leader, replicas: [...p.replicas], isr: [...p.isr], offlineReplicas: [] }));
}

/** The KafkaJS message for a kmc record: bytes as Buffers, an explicit partition only when set. */
export function toKafkaJsMessage(record: PartitionerRecord): KafkaJsMessage {
  const message: KafkaJsMessage = {
    key: record.key === null ? null : Buffer.from(record.key),
    value: record.value === null ? null : Buffer.from(record.value),
  };
  if (record.partition !== null && record.partition !== undefined) message.partition = record.partition;
  return message;
}

/** A kmc partitioner that calls a KafkaJS partitioner function once per record. */
export function adaptKafkaJsPartitioner(partition: KafkaJsPartitionerFunction, name: string): Partitioner {
  return {
    name,
    convention: 'kafkajs',
    partition: (record, cluster) => partition({ topic: record.topic, partitionMetadata: toKafkaJsPartitionMetadata(cluster), message: toKafkaJsMessage(record) }),
  };
}

interface KmcLike {
  name?: unknown;
  convention?: unknown;
  partition: (record: PartitionerRecord, cluster: ClusterView) => number;
  onNewBatch?: (topic: string, cluster: ClusterView, prevPartition: number) => void;
}

function isKmcObject(value: unknown): value is KmcLike {
  return typeof value === 'object' && value !== null && typeof (value as { partition?: unknown }).partition === 'function';
}

function isKmcClass(value: unknown): value is new () => KmcLike {
  if (typeof value !== 'function') return false;
  const prototype = (value as { prototype?: unknown }).prototype;
  return typeof prototype === 'object' && prototype !== null && typeof (prototype as { partition?: unknown }).partition === 'function';
}

function moduleBaseName(modulePath: string): string {
  return basename(modulePath, extname(modulePath));
}

/** Wraps a kmc-style object so kmc calls it with its own `this`. */
function wrapKmc(target: KmcLike, fallbackName: string): Partitioner {
  const name = typeof target.name === 'string' && target.name !== '' ? target.name : fallbackName;
  const convention = target.convention === 'kafkajs' ? 'kafkajs' : 'java-custom';
  const wrapped: Partitioner = { name, convention, partition: (record, cluster) => target.partition(record, cluster) };
  if (typeof target.onNewBatch === 'function') {
    const onNewBatch = target.onNewBatch;
    wrapped.onNewBatch = (topic, cluster, prevPartition) => onNewBatch.call(target, topic, cluster, prevPartition);
  }
  return wrapped;
}

const NOTHING_USABLE = 'exports nothing usable: expected a default export or named export `partitioner` (an object with partition(record, cluster)) or `createPartitioner` (a KafkaJS partitioner factory)';

type Candidate = { exportName: string; value: unknown; allowFactory: boolean };

function candidatesOf(namespace: Record<string, unknown>): Candidate[] {
  const candidates: Candidate[] = [
    { exportName: 'default', value: namespace.default, allowFactory: true },
    { exportName: 'partitioner', value: namespace.partitioner, allowFactory: false },
    { exportName: 'createPartitioner', value: namespace.createPartitioner, allowFactory: true },
  ];
  // CommonJS `module.exports = { ... }` (or transpiled ESM) arrives as the default export.
  const inner = namespace.default;
  if (typeof inner === 'object' && inner !== null && !isKmcObject(inner)) {
    const exportsObject = inner as Record<string, unknown>;
    candidates.push(
      { exportName: 'module.exports.default', value: exportsObject.default, allowFactory: true },
      { exportName: 'module.exports.partitioner', value: exportsObject.partitioner, allowFactory: false },
      { exportName: 'module.exports.createPartitioner', value: exportsObject.createPartitioner, allowFactory: true },
    );
  }
  return candidates;
}

/**
 * Finds the partitioner a module exports and checks it can be created. Throws PluginLoadError
 * (`threw-while-loading` when a factory or constructor throws, `exports-nothing-usable` otherwise).
 */
export function detectPartitioner(namespace: Record<string, unknown>, modulePath: string): DetectedPartitioner {
  const fallbackName = moduleBaseName(modulePath);
  for (const { exportName, value, allowFactory } of candidatesOf(namespace)) {
    let detected: DetectedPartitioner | null = null;
    if (isKmcObject(value)) {
      const partitioner = wrapKmc(value, fallbackName);
      detected = { style: 'kmc', exportName, name: partitioner.name, hasOnNewBatch: partitioner.onNewBatch !== undefined, create: () => partitioner };
    } else if (isKmcClass(value)) {
      const PartitionerClass = value;
      const create = (): Partitioner => wrapKmc(new PartitionerClass(), fallbackName);
      const first = attempt(modulePath, `new ${exportName}()`, create);
      detected = { style: 'kmc', exportName, name: first.name, hasOnNewBatch: first.onNewBatch !== undefined, create };
    } else if (allowFactory && typeof value === 'function') {
      const factory = value as () => unknown;
      // A factory returning a kmc-style object is accepted as kmc style.
      let style: PartitionerPluginStyle = 'kafkajs';
      const create = (): Partitioner => {
        const made = factory();
        if (typeof made === 'function') return adaptKafkaJsPartitioner(made as KafkaJsPartitionerFunction, fallbackName);
        if (isKmcObject(made)) {
          style = 'kmc';
          return wrapKmc(made, fallbackName);
        }
        throw new PluginLoadError(modulePath, 'exports-nothing-usable', `${NOTHING_USABLE}; \`${exportName}\` is a function, but calling it returned ${made === null ? 'null' : typeof made}, not a partitioner function`);
      };
      const first = attempt(modulePath, `${exportName}()`, create);
      detected = { style, exportName, name: first.name, hasOnNewBatch: first.onNewBatch !== undefined, create };
    }
    if (detected !== null) return detected;
  }
  const exported = Object.keys(namespace).filter((key) => namespace[key] !== undefined);
  throw new PluginLoadError(modulePath, 'exports-nothing-usable', `${NOTHING_USABLE}; it exports ${exported.length === 0 ? 'nothing' : exported.map((key) => `\`${key}\``).join(', ')}`);
}

function attempt(modulePath: string, what: string, create: () => Partitioner): Partitioner {
  try {
    return create();
  } catch (thrown) {
    if (thrown instanceof PluginLoadError) throw thrown;
    throw new PluginLoadError(modulePath, 'threw-while-loading', `threw while loading: ${what} threw: ${describeThrown(thrown)}`);
  }
}
