/**
 * The leader's high watermark and the acks=all produces waiting for it (DelayedProduce).
 *
 * HW = min LEO over the maximal ISR (the committed ISR plus a member being added; AsyncIsr.tla,
 * KIP-497); the HW never moves backwards on a leader; followers' LEOs are unknown (-1) on becoming
 * leader until they fetch in the new epoch. A completed acks=all produce whose maximal ISR shrank
 * below min.insync.replicas gets NOT_ENOUGH_REPLICAS_AFTER_APPEND, the record committed nonetheless
 * (Partition.checkEnoughReplicasReachOffset).
 */
import type { KafkaError } from '../network/rpc.ts';
import { brokerNode } from '../network/nodes.ts';
import { send } from './access.ts';
import { maximalIsr } from './alterPartition.ts';
import { logEndOffset } from './log.ts';
import type { ClusterState, ReplicaState } from './types.ts';

/** Recomputes the HW; completes acks=all produces it now covers. */
export function maybeAdvanceHighWatermark(state: ClusterState, brokerId: number, replica: ReplicaState): void {
  if (replica.role !== 'leader') return;
  let candidate = logEndOffset(replica);
  for (const memberId of maximalIsr(replica)) {
    if (memberId === brokerId) continue;
    const follower = replica.followers.find((f) => f.brokerId === memberId);
    const followerEnd = follower ? follower.logEndOffset : -1;
    if (followerEnd < candidate) candidate = followerEnd;
  }
  if (candidate > replica.highWatermark) {
    replica.highWatermark = candidate;
    const ghost = state.ghost.leaderHighWatermark[replica.partition];
    if (ghost.epoch !== replica.leaderEpoch) {
      ghost.epoch = replica.leaderEpoch;
      ghost.highWatermark = candidate;
    } else if (candidate > ghost.highWatermark) {
      ghost.highWatermark = candidate;
    }
  }
  completeProduces(state, brokerId, replica);
}

function completeProduces(state: ClusterState, brokerId: number, replica: ReplicaState): void {
  if (replica.pendingProduces.length === 0) return;
  const minIsr = state.config['min.insync.replicas'];
  const remaining = [];
  for (const pending of replica.pendingProduces) {
    if (pending.offsetRequired <= replica.highWatermark) {
      const error: KafkaError = maximalIsr(replica).length >= minIsr ? 'NONE' : 'NOT_ENOUGH_REPLICAS_AFTER_APPEND';
      send(state, brokerNode(brokerId), pending.client, { type: 'ProduceResponse', requestId: pending.requestId, partition: replica.partition, error, baseOffset: error === 'NONE' ? pending.baseOffset : -1 });
    } else {
      remaining.push(pending);
    }
  }
  replica.pendingProduces = remaining;
}
