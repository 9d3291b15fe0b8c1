/**
 * Messages between kmc and a partitioner plugin's worker thread.
 * Progress is published through a shared Int32Array so a hang can be detected without the
 * worker's help: slot PROGRESS_CALLS counts calls into plugin code, slot PROGRESS_INDEX holds
 * the index of the record being handled.
 */
import type { ClusterView, CallConvention, PartitionerRecord } from '../../model/partitioners/types.ts';
import type { CallsResult, SendsResult } from './batchRuns.ts';
import type { PluginLoadRule } from './loadModule.ts';
import type { PartitionerPluginStyle } from './partitionerPlugin.ts';

export const PROGRESS_CALLS = 0;
export const PROGRESS_INDEX = 1;
export const PROGRESS_SLOTS = 2;

export interface WorkerData {
  progress: SharedArrayBuffer;
}

export type HostMessage =
  | { type: 'load'; modulePath: string; cwd: string }
  | { type: 'calls'; id: number; records: PartitionerRecord[]; cluster: ClusterView; callOnNewBatch: boolean }
  | { type: 'sends'; id: number; records: PartitionerRecord[]; cluster: ClusterView; batchSizeBytes: number | undefined };

export interface LoadedInfo {
  style: PartitionerPluginStyle;
  exportName: string;
  name: string;
  hasOnNewBatch: boolean;
  convention: CallConvention;
}

export type WorkerMessage =
  | ({ type: 'loaded' } & LoadedInfo)
  | { type: 'load-failed'; rule: PluginLoadRule; detail: string }
  | { type: 'calls-done'; id: number; result: CallsResult }
  | { type: 'sends-done'; id: number; result: SendsResult };
