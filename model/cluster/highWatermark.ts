/**
 * The leader's high watermark and the acks=all produces waiting for it (DelayedProduce).
 *
 * Partition.maybeIncrementLeaderHW: the HW is the least log end offset over the leader and every
 * follower that is in the maximal ISR (the committed ISR plus a member being added; KIP-497) or
 * caught up (ReplicaState.isCaughtUp), so a follower about to join the ISR is waited for; it never
 * moves backwards on a leader; followers' log ends are unknown (-1) on becoming leader until they
 * fetch in the new epoch. Since 3.6 (KAFKA-15021) a caught-up follower counts only if it may join
 * the ISR (Partition.isReplicaIsrEligible: not fenced, not shutting down); here every caught-up
 * follower counts, as before 3.6 (leader.ts applies isReplicaIsrEligible to ISR expansion only):
 * the HW can only wait longer.
 * A completed acks=all produce whose maximal ISR shrank below min.insync.replicas gets
 * NOT_ENOUGH_REPLICAS_AFTER_APPEND, the record committed nonetheless
 * (Partition.checkEnoughReplicasReachOffset).
 *
 * The strict min ISR rule (KAFKA-15583, 3.7+: model.strict.min.isr): maybeIncrementLeaderHW
 * returns at once while the partition isUnderMinIsr, the committed ISR (a pending expansion does
 * not count) smaller than min(min.insync.replicas, replicas). Before 3.7 the HW advances over an
 * ISR of one: records that only the leader holds become visible to consumers (acks=all producers
 * get NOT_ENOUGH_REPLICAS_AFTER_APPEND for them), so a replica that left the ISR earlier may lack
 * committed records, which is what keeps Eligible Leader Replicas (KIP-966) safe from 3.7 on.
 */
import { assert } from '../kernel/assert.ts';
import type { KafkaError } from '../network/rpc.ts';
import { brokerNode } from '../network/nodes.ts';
import { send } from './access.ts';
import { maximalIsr } from './alterPartition.ts';
import { minInsyncReplicasAt, recordMinIsrEnforced } from './alterConfig.ts';
import { isCaughtUp } from './followerFetchState.ts';
import { logEndOffset } from './log.ts';
import type { ClusterState, ReplicaState } from './types.ts';
import { touchPartition } from './touched.ts';

/** Recomputes the HW; completes acks=all produces it now covers. */
export function maybeAdvanceHighWatermark(state: ClusterState, brokerId: number, replica: ReplicaState): void {
  if (replica.role !== 'leader') return;
  if (state.config['model.strict.min.isr'] && isUnderMinIsr(state, brokerId, replica)) return;
  const leaderEnd = logEndOffset(replica);
  const isr = maximalIsr(replica);
  const lagMs = state.config['replica.lag.time.max.ms'];
  let candidate = leaderEnd;
  for (const follower of replica.followers) {
    if (follower.logEndOffset >= candidate) continue;
    if (isr.includes(follower.brokerId) || isCaughtUp(follower, leaderEnd, state.nowMs, lagMs)) candidate = follower.logEndOffset;
  }
  for (const memberId of isr) assert(memberId === brokerId || replica.followers.some((f) => f.brokerId === memberId), () => `broker ${brokerId} p${replica.partition}: ISR member ${memberId} is no replica`);
  if (candidate > replica.highWatermark) {
    // Ghost: the records now committed were committed under the min.insync.replicas this leader
    // enforces (a record committed by a leader alone under min.insync.replicas=1 carries no promise).
    recordMinIsrEnforced(state, brokerId, replica.partition, replica.highWatermark, candidate, 'commit');
    replica.highWatermark = candidate;
    touchPartition(state, replica.partition);
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

/**
 * Partition.isUnderMinIsr with effectiveMinIsr: the committed ISR below min(min.insync.replicas,
 * replicas), with the min.insync.replicas leader `brokerId` has applied from metadata.
 */
export function isUnderMinIsr(state: ClusterState, brokerId: number, replica: ReplicaState): boolean {
  return replica.isr.length < Math.min(minInsyncReplicasAt(state, brokerId), replica.followers.length + 1);
}

function completeProduces(state: ClusterState, brokerId: number, replica: ReplicaState): void {
  if (replica.pendingProduces.length === 0) return;
  // The min.insync.replicas this leader has applied from metadata (a dynamic topic config).
  const minIsr = minInsyncReplicasAt(state, brokerId);
  const remaining = [];
  for (const pending of replica.pendingProduces) {
    if (pending.offsetRequired <= replica.highWatermark) {
      const error: KafkaError = maximalIsr(replica).length >= minIsr ? 'NONE' : 'NOT_ENOUGH_REPLICAS_AFTER_APPEND';
      if (error === 'NONE') recordMinIsrEnforced(state, brokerId, replica.partition, pending.baseOffset, pending.offsetRequired, 'acknowledgement');
      send(state, brokerNode(brokerId), pending.client, { type: 'ProduceResponse', requestId: pending.requestId, partition: replica.partition, error, baseOffset: error === 'NONE' ? pending.baseOffset : -1 });
    } else {
      remaining.push(pending);
    }
  }
  replica.pendingProduces = remaining;
}
