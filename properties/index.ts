/**
 * properties/: one detector per property or anomaly, the catalogue, and the judge that binds
 * them to the cluster model.
 */
export type { Case, FinalStateProperty, Guarantee, HistoryProperty, Property, StateProperty } from './property.ts';
export { PROPERTIES, STATE_PROPERTIES, FINAL_STATE_PROPERTIES, HISTORY_PROPERTIES, propertyByName } from './catalogue.ts';
export { createClusterJudge, FINDING_CASES_MAX } from './judge.ts';
export { replicationGuarantee } from './replicationGuarantee.ts';
export { strongIsr } from './strongIsr.ts';
export type { StrongIsrData } from './strongIsr.ts';
export { leaderInIsr } from './leaderInIsr.ts';
export type { LeaderInIsrData } from './leaderInIsr.ts';
export { logMatching } from './logMatching.ts';
export type { LogMatchingData } from './logMatching.ts';
export { logDivergence } from './logDivergence.ts';
export type { LogDivergenceData } from './logDivergence.ts';
export { hwMonotonic } from './hwMonotonic.ts';
export type { HwMonotonicData } from './hwMonotonic.ts';
export { leaderCompleteness } from './leaderCompleteness.ts';
export type { LeaderCompletenessData } from './leaderCompleteness.ts';
export { lostWrite } from './lostWrite.ts';
export type { LostWriteData } from './lostWrite.ts';
export { unseen } from './unseen.ts';
export type { UnseenData } from './unseen.ts';
export { duplicate } from './duplicate.ts';
export type { DuplicateData } from './duplicate.ts';
export { inconsistentOffsets } from './inconsistentOffsets.ts';
export type { InconsistentOffsetsData, OffsetObservation } from './inconsistentOffsets.ts';
export { nonmonotonicSend } from './nonmonotonicSend.ts';
export type { NonmonotonicSendData, OrderedSendRef } from './nonmonotonicSend.ts';
export { keyPartitionStable } from './keyPartitionStable.ts';
export type { KeyPartitionStableData, KeyedSendRef } from './keyPartitionStable.ts';
export { partitionInRange } from './partitionInRange.ts';
export { keyOrder, type KeyOrderData } from './keyOrder.ts';
export { partitionSkew, PARTITION_SKEW_RATIO_MAX, type PartitionSkewData } from './partitionSkew.ts';
export type { PartitionInRangeData } from './partitionInRange.ts';
export type { ReadRef, RecordRef } from './prose.ts';
