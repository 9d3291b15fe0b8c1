/** Plugin loading: modules by path, partitioner plugins in a guarded worker thread. */
export { PluginLoadError, PLUGIN_EXTENSIONS, loadModule, resolveModulePath, checkModulePath, describeThrown, type LoadModuleOptions, type PluginLoadRule } from './loadModule.ts';
export {
  detectPartitioner,
  adaptKafkaJsPartitioner,
  toKafkaJsMessage,
  toKafkaJsPartitionMetadata,
  type DetectedPartitioner,
  type KafkaJsMessage,
  type KafkaJsPartitionMetadata,
  type KafkaJsPartitionerFunction,
  type PartitionerPluginStyle,
} from './partitionerPlugin.ts';
export { CONTRACT_RULES, CONTRACT_RULE_DOCS, callPartition, callOnNewBatch, judgePartitionResult, isViolation, type CallOutcome, type CallViolation, type ContractRule } from './callGuard.ts';
export { runCalls, runSends, type CallsResult, type SendsResult, type Interruption } from './batchRuns.ts';
export { SendDriver, estimateRecordBytes, RECORD_BATCH_HEADER_BYTES, type SendDriverOptions } from './sendDriver.ts';
export type { PartitionerHandle, PartitionerSourceStyle, CallsRequestOptions, SendsRequestOptions } from './partitionerHandle.ts';
export { builtInPartitionerHandle, inProcessPartitionerHandle, loadPartitionerPluginInProcess, type BuiltInHandleOptions } from './inProcessHandle.ts';
export { loadPartitionerPlugin, CALL_TIME_BOUND_MS_DEFAULT, LOAD_TIME_BOUND_MS_DEFAULT, type PluginHostOptions } from './partitionerHost.ts';
