/**
 * KafkaJS as installed (devDependency), for comparison tests only; kmc's own code never imports it.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export interface KafkaJsPartitionMetadataShape {
  partitionErrorCode: number;
  partitionId: number;
  leader: number;
  replicas: number[];
  isr: number[];
}

export type KafkaJsPartitionFunction = (args: { topic: string; partitionMetadata: KafkaJsPartitionMetadataShape[]; message: { key?: Buffer | string | null; value: Buffer | string | null; partition?: number } }) => number;

interface KafkaJsModule {
  Partitioners: { DefaultPartitioner: () => KafkaJsPartitionFunction; LegacyPartitioner: () => KafkaJsPartitionFunction };
}

export const kafkajs = require('kafkajs') as KafkaJsModule;
/** KJS:src/producer/partitioners/legacy/murmur2.js */
export const kafkajsLegacyMurmur2Reference = require('kafkajs/src/producer/partitioners/legacy/murmur2.js') as (key: Buffer | string) => number;
/** KJS:src/producer/partitioners/default/murmur2.js */
export const kafkajsJavaMurmur2Reference = require('kafkajs/src/producer/partitioners/default/murmur2.js') as (key: Buffer | string) => number;

export function partitionMetadata(partitionCount: number, withoutLeader: readonly number[] = []): KafkaJsPartitionMetadataShape[] {
  return Array.from({ length: partitionCount }, (_, partitionId) => ({
    partitionErrorCode: 0,
    partitionId,
    leader: withoutLeader.includes(partitionId) ? -1 : partitionId % 3,
    replicas: [partitionId % 3],
    isr: [partitionId % 3],
  }));
}
