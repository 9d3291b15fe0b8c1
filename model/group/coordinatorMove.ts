/**
 * The leadership of a __consumer_offsets partition moves, and with it the coordinator of the
 * partition's groups (GroupMetadataManager.removeGroupsForPartition on the old leader,
 * loadGroupsForPartition on the new one; GroupCoordinatorService.onResignation / onElection
 * since 3.6):
 *
 * - The old leader unloads the groups. If it is still up (an admin move, e.g.
 *   kafka-leader-election), it answers each held JoinGroup and SyncGroup with NOT_COORDINATOR
 *   (the purgatory is completed with the error); a crashed one answers nothing (its connections
 *   dropped). Its timers for those groups stop.
 * - The new leader, if any, loads each group from the partition's log (`store`): generation,
 *   protocol, leader, members and assignments; Stable with members, Empty without, every member's
 *   session started afresh. A rebalance in progress is lost, as in Kafka.
 * - No leader (-1): the groups are loaded nowhere until a replica in the ISR comes back.
 */
import { assert } from '../kernel/assert.ts';
import { brokerNode, loadGroup, scheduleSession } from './coordinator.ts';
import type { GroupModelState, OffsetsPartition } from './types.ts';
import { sendOnWire } from './wire.ts';

function unloadGroups(state: GroupModelState, partition: OffsetsPartition, oldLeaderUp: boolean): void {
  const node = brokerNode(partition.leader);
  for (const group of state.coordinator.groups) {
    if (!partition.groups.includes(group.groupId) || !oldLeaderUp) continue;
    for (const member of group.members) {
      if (member.awaitingJoin !== null) {
        sendOnWire(state.wire, node, member.awaitingJoin.from, { type: 'JoinGroupResponse', requestId: member.awaitingJoin.requestId, group: group.groupId, error: 'NOT_COORDINATOR', generation: -1, protocol: null, leader: '', memberId: member.memberId, members: [] });
      }
      if (member.awaitingSync !== null) {
        sendOnWire(state.wire, node, member.awaitingSync.from, { type: 'SyncGroupResponse', requestId: member.awaitingSync.requestId, group: group.groupId, error: 'NOT_COORDINATOR', partitions: [] });
      }
    }
  }
  // Coordinator timer targets are "<group>" (rebalance) or "<group>/<member>" (session).
  state.timers = state.timers.filter((t) => t.node !== node || !partition.groups.some((g) => t.target === g || t.target.startsWith(`${g}/`)));
  state.coordinator.groups = state.coordinator.groups.filter((g) => !partition.groups.includes(g.groupId));
}

function loadGroups(state: GroupModelState, partition: OffsetsPartition): void {
  for (const groupId of partition.groups) {
    const persisted = state.store.groups.find((g) => g.groupId === groupId);
    assert(persisted !== undefined, `__consumer_offsets holds nothing for ${groupId}`);
    state.coordinator.groups.push(loadGroup(persisted));
  }
  state.coordinator.groups.sort((a, b) => state.groupIds.indexOf(a.groupId) - state.groupIds.indexOf(b.groupId));
  for (const group of state.coordinator.groups) {
    if (!partition.groups.includes(group.groupId)) continue;
    for (const member of group.members) scheduleSession(state, group, member);
  }
}

/**
 * Moves the leadership of `partition` to `leader` (-1: offline). `oldLeaderUp`: the old leader is
 * still running and answers what it held.
 */
export function moveOffsetsLeadership(state: GroupModelState, partition: OffsetsPartition, leader: number, oldLeaderUp: boolean): void {
  assert(leader !== partition.leader, `broker ${leader} already leads __consumer_offsets-${partition.partition}`);
  assert(leader === -1 || partition.replicas.includes(leader), `broker ${leader} is no replica of __consumer_offsets-${partition.partition}`);
  if (partition.leader > 0) unloadGroups(state, partition, oldLeaderUp);
  partition.leader = leader;
  partition.leaderEpoch++;
  if (leader > 0) loadGroups(state, partition);
}
