/**
 * The true leader of a partition: the controller's leader, if that broker is current and its
 * replica leads in the controller's leader epoch. A deposed or restarted leader, or one that has
 * not yet heard of its election, is not the true leader, and invariants that need one skip the
 * partition meanwhile.
 */
import type { ClusterState } from '../model/cluster/types.ts';
import { isCurrent } from './brokerStanding.ts';

/** The true leader's broker id for `partition`, or -1 when there is none now. */
export function trueLeader(state: ClusterState, partition: number): number {
  const meta = state.controller.partitions[partition];
  if (meta === undefined) return -1;
  const leader = meta.leader;
  if (leader < 1 || !isCurrent(state, leader)) return -1;
  const replica = state.brokers[leader - 1].replicas[partition];
  if (replica === null || replica === undefined) return -1;
  if (replica.role !== 'leader' || replica.leaderEpoch !== meta.leaderEpoch) return -1;
  return leader;
}
