/**
 * Where a group's coordinator lives: the broker leading the group's `__consumer_offsets`
 * partition.
 *
 * - A group maps to partition `Utils.abs(groupId.hashCode) % offsets.topic.num.partitions`
 *   (Kafka:core/.../coordinator/group/GroupMetadataManager.scala partitionFor; since 3.6
 *   group-coordinator/.../GroupCoordinatorService.topicPartitionFor), with Java's
 *   String.hashCode and Utils.abs, which maps Integer.MIN_VALUE to 0.
 * - Replicas: partition p on brokers p, p+1, ... (mod N), as the cluster model places its topic
 *   (model/cluster/replicaAssignment.ts), offsets.topic.replication.factor of them, capped by the
 *   broker count (Kafka would refuse to create the topic until enough brokers registered; the
 *   model starts with it created).
 * - Leader: the first replica, in assignment order, that is live and in the ISR: the controller's
 *   clean election (PartitionLeaderElectionAlgorithms.offlinePartitionLeaderElection with
 *   unclean.leader.election.enable=false); so at the start every partition is led by its
 *   preferred replica.
 * - Every broker knows every leader at once (metadata propagation is instantaneous here), so
 *   FindCoordinator sent to any live broker names the current leader, or answers
 *   COORDINATOR_NOT_AVAILABLE when the partition has none (KafkaApis.getCoordinator: no leader
 *   for the offsets partition).
 */
import { assert } from '../kernel/assert.ts';
import { javaStringHash } from '../assignors/javaHashOrder.ts';
import type { KmcConfig } from '../config.ts';
import { replicasOf } from '../cluster/replicaAssignment.ts';
import type { GroupModelState, OffsetsPartition } from './types.ts';

/** Kafka's Utils.abs: Math.abs, except Integer.MIN_VALUE (whose Math.abs is itself) maps to 0. */
export function javaUtilsAbs(value: number): number {
  return value === -2147483648 ? 0 : Math.abs(value);
}

/** The __consumer_offsets partition of `groupId` (GroupMetadataManager.partitionFor). */
export function partitionFor(groupId: string, offsetsPartitionCount: number): number {
  return javaUtilsAbs(javaStringHash(groupId)) % offsetsPartitionCount;
}

/** The replication factor the model uses: offsets.topic.replication.factor, capped by the brokers. */
export function offsetsReplicationFactor(config: KmcConfig): number {
  return Math.min(config['offsets.topic.replication.factor'], config['model.brokers']);
}

/** The partitions the groups map to, each led by its preferred replica, with a full ISR. */
export function createOffsetsTopic(config: KmcConfig, groupIds: readonly string[]): OffsetsPartition[] {
  const partitions: OffsetsPartition[] = [];
  for (const groupId of groupIds) {
    const partition = partitionFor(groupId, config['offsets.topic.num.partitions']);
    let entry = partitions.find((p) => p.partition === partition);
    if (entry === undefined) {
      const replicas = replicasOf(partition, config['model.brokers'], offsetsReplicationFactor(config));
      entry = { partition, replicas, isr: replicas.slice(), leader: replicas[0], leaderEpoch: 0, groups: [] };
      partitions.push(entry);
    }
    entry.groups.push(groupId);
  }
  return partitions.sort((a, b) => a.partition - b.partition);
}

export function isBrokerUp(state: GroupModelState, brokerId: number): boolean {
  return brokerId >= 1 && brokerId <= state.brokerCount && !state.brokersDown.includes(brokerId);
}

/** Clean election: the first replica in assignment order that is live and in the ISR, or -1. */
export function electLeader(state: GroupModelState, partition: OffsetsPartition): number {
  for (const replica of partition.replicas) if (partition.isr.includes(replica) && isBrokerUp(state, replica)) return replica;
  return -1;
}

export function offsetsPartitionOf(state: GroupModelState, groupId: string): OffsetsPartition {
  const entry = state.offsetsTopic.find((p) => p.groups.includes(groupId));
  assert(entry !== undefined, `no __consumer_offsets partition holds ${groupId}`);
  return entry;
}

/** The broker coordinating `groupId` now: the leader of its partition, or -1 (none available). */
export function coordinatorOf(state: GroupModelState, groupId: string): number {
  return offsetsPartitionOf(state, groupId).leader;
}
