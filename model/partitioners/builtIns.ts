/**
 * The built-in partitioners, by the names kmc's CLI and scenarios use.
 */
import type { Rng } from '../kernel/rng.ts';
import { DefaultPartitioner } from './defaultPartitioner.ts';
import { KafkaJsPartitioner } from './kafkajsPartitioner.ts';
import { LegacyRoundRobinPartitioner } from './legacyRoundRobinPartitioner.ts';
import { RoundRobinPartitioner } from './roundRobinPartitioner.ts';
import { StickyPartitioner } from './stickyPartitioner.ts';
import type { Partitioner } from './types.ts';

export const BUILT_IN_PARTITIONER_NAMES = ['default', 'sticky', 'round-robin', 'legacy-round-robin', 'kafkajs-default', 'kafkajs-legacy'] as const;
export type BuiltInPartitionerName = (typeof BUILT_IN_PARTITIONER_NAMES)[number];

export interface BuiltInPartitionerOptions {
  /** Every random choice (sticky draws, the counter starts of legacy-round-robin and KafkaJS). */
  rng: Rng;
  /** `batch.size` for `default`'s sticky switching (default 16384). */
  batchSizeBytes?: number;
  /** `partitioner.ignore.keys` for `default` (default false). */
  ignoreKeys?: boolean;
}

export function isBuiltInPartitionerName(name: string): name is BuiltInPartitionerName {
  return (BUILT_IN_PARTITIONER_NAMES as readonly string[]).includes(name);
}

export function createBuiltInPartitioner(name: BuiltInPartitionerName, options: BuiltInPartitionerOptions): Partitioner {
  switch (name) {
    case 'default':
      return new DefaultPartitioner({ rng: options.rng, batchSizeBytes: options.batchSizeBytes, ignoreKeys: options.ignoreKeys });
    case 'sticky':
      return new StickyPartitioner({ rng: options.rng });
    case 'round-robin':
      return new RoundRobinPartitioner();
    case 'legacy-round-robin':
      return new LegacyRoundRobinPartitioner({ rng: options.rng });
    case 'kafkajs-default':
    case 'kafkajs-legacy':
      return new KafkaJsPartitioner(name, { rng: options.rng });
    default: {
      const unknown: never = name;
      throw new RangeError(`unknown built-in partitioner: ${String(unknown)}`);
    }
  }
}
