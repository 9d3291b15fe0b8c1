/** Built-in partitioners, murmur2 and the partitioner plugin interface. */
export {
  UNKNOWN_PARTITION,
  clusterView,
  simpleClusterView,
  type CallConvention,
  type ClusterView,
  type PartitionInfo,
  type Partitioner,
  type PartitionerRecord,
} from './types.ts';
export { murmur2, toPositive, partitionForKey } from './murmur2.ts';
export { kafkajsLegacyMurmur2 } from './kafkajsLegacyMurmur2.ts';
export {
  BuiltInStickyPartitioner,
  computePartitionLoadStats,
  partitionFromLoadStats,
  partitionLoadStatsInput,
  type BuiltInStickyOptions,
  type PartitionLoadStats,
  type PartitionLoadStatsInput,
  type PartitionLoadStatsOptions,
  type PartitionQueue,
} from './builtInStickyPartitioner.ts';
export { DefaultPartitioner, BATCH_SIZE_BYTES_DEFAULT, type DefaultPartitionerOptions } from './defaultPartitioner.ts';
export { StickyPartitioner, type StickyPartitionerOptions } from './stickyPartitioner.ts';
export { RoundRobinPartitioner } from './roundRobinPartitioner.ts';
export { LegacyRoundRobinPartitioner, type LegacyRoundRobinPartitionerOptions } from './legacyRoundRobinPartitioner.ts';
export { KafkaJsPartitioner, type KafkaJsPartitionerOptions } from './kafkajsPartitioner.ts';
export {
  BUILT_IN_PARTITIONER_NAMES,
  createBuiltInPartitioner,
  isBuiltInPartitionerName,
  type BuiltInPartitionerName,
  type BuiltInPartitionerOptions,
} from './builtIns.ts';
export { nextPositiveInt, nextUint32 } from './random.ts';
