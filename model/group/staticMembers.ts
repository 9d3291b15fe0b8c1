/**
 * Static membership at the coordinator (KIP-345, group.instance.id): the mapping from instance id
 * to its current member id, the check every request of a static member passes
 * (ClassicGroup.validateMember), and the replacement of a member id by a new one
 * (ClassicGroup.replaceStaticMember). The mapping is the members' own `groupInstanceId` field:
 * at most one member of a group holds an instance id.
 */
import type { GroupError, GroupRpc } from './rpc.ts';
import type { ClassicGroup, GroupMember } from './types.ts';

export function staticMemberOf(group: ClassicGroup, groupInstanceId: string): GroupMember | undefined {
  return group.members.find((m) => m.groupInstanceId === groupInstanceId);
}

/**
 * The static half of ClassicGroup.validateMember: a request naming an instance id the group does
 * not know gets UNKNOWN_MEMBER_ID; one whose instance id now belongs to another member id gets
 * FENCED_INSTANCE_ID. A dynamic request (no instance id) passes.
 */
export function staticMemberError(group: ClassicGroup, memberId: string, groupInstanceId: string | undefined): GroupError {
  if (groupInstanceId === undefined) return 'NONE';
  const existing = staticMemberOf(group, groupInstanceId);
  if (existing === undefined) return 'UNKNOWN_MEMBER_ID';
  return existing.memberId === memberId ? 'NONE' : 'FENCED_INSTANCE_ID';
}

/**
 * ClassicGroup.replaceStaticMember: the old member id leaves the group at once (a JoinGroup or
 * SyncGroup it still waits on is answered FENCED_INSTANCE_ID), and a member with the new id takes
 * its place, at the end of the join order (Kafka removes and re-inserts it), with the same
 * assignment and, if it led the group, the leadership. It no longer owes a SyncGroup under its old
 * id. Returns the new member.
 */
export function fenceStaticMember(group: ClassicGroup, old: GroupMember, newMemberId: string, respond: (to: string, body: GroupRpc) => void): GroupMember {
  if (old.awaitingJoin !== null) {
    respond(old.awaitingJoin.from, { type: 'JoinGroupResponse', requestId: old.awaitingJoin.requestId, group: group.groupId, error: 'FENCED_INSTANCE_ID', generation: -1, protocol: null, leader: '', memberId: old.memberId, members: [] });
  }
  if (old.awaitingSync !== null) {
    respond(old.awaitingSync.from, { type: 'SyncGroupResponse', requestId: old.awaitingSync.requestId, group: group.groupId, error: 'FENCED_INSTANCE_ID', partitions: [] });
  }
  group.members.splice(group.members.indexOf(old), 1);
  const member: GroupMember = { ...old, memberId: newMemberId, awaitingJoin: null, awaitingSync: null, assignment: old.assignment.slice() };
  group.members.push(member);
  if (group.leader === old.memberId) group.leader = newMemberId;
  // The old member id stays in pendingSyncMembers (ClassicGroup.replaceStaticMember leaves it):
  // if it had not synced, the SyncGroup deadline still fires and the group rebalances.
  return member;
}
