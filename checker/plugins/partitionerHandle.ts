/**
 * What the partitioner checks run against: a built-in in process, or a plugin in its own worker
 * thread (so a hang is a finding, not a hung kmc). Each request runs on a fresh partitioner where
 * the source allows it (built-ins; KafkaJS factories; kmc-style classes); a kmc-style object keeps
 * its state across requests.
 */
import type { CallConvention, ClusterView, PartitionerRecord } from '../../model/partitioners/types.ts';
import type { CallsResult, SendsResult } from './batchRuns.ts';

export type PartitionerSourceStyle = 'kmc' | 'kafkajs' | 'built-in';

export interface CallsRequestOptions {
  /** After each valid partition() result, also call onNewBatch(topic, cluster, result). */
  callOnNewBatch: boolean;
  /** Seeds a built-in's random choices; plugins bring their own randomness. */
  seed: string;
}

export interface SendsRequestOptions {
  /** `batch.size` of the simulated accumulator (default 16384). */
  batchSizeBytes?: number;
  seed: string;
}

export interface PartitionerHandle {
  /** The name reports use: the plugin's `name`, else its file name; or the built-in's name. */
  readonly name: string;
  /** The module path as the user gave it; null for built-ins. */
  readonly modulePath: string | null;
  readonly style: PartitionerSourceStyle;
  readonly convention: CallConvention;
  readonly hasOnNewBatch: boolean;
  /** Raw partition() calls, one per record, in order. */
  calls(records: readonly PartitionerRecord[], cluster: ClusterView, options: CallsRequestOptions): Promise<CallsResult>;
  /** Records sent in order through the producer-shaped driver (sendDriver.ts). */
  sends(records: readonly PartitionerRecord[], cluster: ClusterView, options: SendsRequestOptions): Promise<SendsResult>;
  /** Releases the worker thread, if any. */
  close(): Promise<void>;
}
