/**
 * A broker applying controller metadata: becoming leader or follower of a partition in a new
 * leader epoch, or learning an ISR change in the same epoch.
 */
import { brokerNode } from '../network/nodes.ts';
import type { BrokerRegistrationWire, PartitionMetaWire } from '../network/rpc.ts';
import { brokerAt } from './access.ts';
import { startFollowing } from './follower.ts';
import { commitIsr } from './alterPartition.ts';
import { maybeAdvanceHighWatermark } from './highWatermark.ts';
import { abortProduces } from './leader.ts';
import { followerOnNewLeadership } from './followerFetchState.ts';
import { assignEpochStart } from './log.ts';
import { createReplica } from './replicaState.ts';
import { clearTimer } from './timers.ts';
import type { ClusterState, ReplicaState } from './types.ts';
import type { ClusterTopicConfig } from '../dynamicConfig.ts';
import { touchPartition } from './touched.ts';

function becomeLeader(state: ClusterState, brokerId: number, replica: ReplicaState, meta: PartitionMetaWire): void {
  replica.role = 'leader';
  touchPartition(state, replica.partition);
  replica.leaderId = brokerId;
  replica.leaderEpoch = meta.leaderEpoch;
  commitIsr(state, brokerId, replica, meta.isr, meta.partitionEpoch);
  replica.fetchInFlight = false;
  replica.truncationPending = false;
  replica.fetchBackoff = false;
  clearTimer(state, 'replica-fetch-backoff', brokerNode(brokerId), String(replica.partition));
  // Followers' log ends are unknown until they fetch in this epoch; ISR members count as caught up
  // now (Partition.makeLeader, Replica.resetReplicaState). Kafka keeps a follower's known log end
  // when the same broker leads again in a new epoch without having stepped down; here every new
  // epoch starts from unknown, which holds the HW back until the followers fetch again.
  replica.followers = meta.replicas.filter((id) => id !== brokerId).map((id) => followerOnNewLeadership(id, meta.isr.includes(id), state.nowMs));
  assignEpochStart(replica, meta.leaderEpoch, state.config['model.fencing']);
  maybeAdvanceHighWatermark(state, brokerId, replica);
}

function becomeFollower(state: ClusterState, brokerId: number, replica: ReplicaState, meta: PartitionMetaWire): void {
  if (replica.role === 'leader') abortProduces(state, brokerId, replica);
  replica.role = 'follower';
  touchPartition(state, replica.partition);
  replica.leaderId = meta.leader;
  replica.leaderEpoch = meta.leaderEpoch;
  commitIsr(state, brokerId, replica, meta.isr, meta.partitionEpoch);
  replica.followers = [];
  startFollowing(state, brokerId, replica);
}

/**
 * Whether a partition changed since the metadata the broker last applied: a KRaft broker acts
 * only on the partitions a metadata delta touches (ReplicaManager.applyDelta). Every change bumps
 * the partition epoch.
 */
function changedSince(previous: readonly PartitionMetaWire[], meta: PartitionMetaWire): boolean {
  // Metadata lists partitions in order (partition i at index i): looked up there first.
  const at = previous[meta.partition];
  const before = at !== undefined && at.partition === meta.partition ? at : previous.find((m) => m.partition === meta.partition);
  return before === undefined || before.partitionEpoch !== meta.partitionEpoch || before.leaderEpoch !== meta.leaderEpoch;
}

/**
 * Applies a metadata snapshot (newer than what the broker has): the topic's dynamic configs first
 * (TopicConfigHandler updates the log's LogConfig), then the partitions and the broker
 * registrations (the broker's KRaftMetadataCache, which Partition.isReplicaIsrEligible reads).
 */
export function applyMetadata(state: ClusterState, brokerId: number, metadataOffset: number, partitions: PartitionMetaWire[], brokers: BrokerRegistrationWire[], topicConfig: ClusterTopicConfig): void {
  const broker = brokerAt(state, brokerId);
  if (metadataOffset <= broker.metadataOffset) return;
  const previous = broker.metadata;
  broker.metadataOffset = metadataOffset;
  // Kept as they came: a publication is built afresh by the controller for its messages, and
  // neither they nor a broker's copy of them are changed after (BrokerState.metadata).
  broker.topicConfig = topicConfig;
  broker.metadata = partitions;
  broker.registrations = brokers;
  for (const meta of partitions) {
    if (!broker.replicas[meta.partition] && meta.replicas.includes(brokerId)) {
      // A partition added since this broker started: it creates the (empty) replica now.
      while (broker.replicas.length <= meta.partition) broker.replicas.push(null);
      broker.replicas[meta.partition] = createReplica(meta.partition);
      touchPartition(state, meta.partition);
    }
    const replica = broker.replicas[meta.partition];
    if (!replica) continue;
    if (meta.leaderEpoch > replica.leaderEpoch) {
      if (meta.leader === brokerId) becomeLeader(state, brokerId, replica, meta);
      else becomeFollower(state, brokerId, replica, meta);
    } else if (meta.leaderEpoch === replica.leaderEpoch && changedSince(previous, meta) && meta.partitionEpoch >= replica.partitionEpoch) {
      // The same leader epoch, a partition changed by this update: Partition.makeLeader (or
      // makeFollower) commits the published ISR and ends any pending ISR change. A partition epoch
      // equal to the replica's is applied too: an AlterPartitionResponse may have brought it first.
      commitIsr(state, brokerId, replica, meta.isr, meta.partitionEpoch);
      if (replica.role === 'leader') maybeAdvanceHighWatermark(state, brokerId, replica);
    }
  }
}
