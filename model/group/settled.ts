/**
 * When a group is quiescent and stable (the coordinator's group is Stable, every consumer of the
 * group is running, is a member of the current generation and has applied its assignment, and
 * none is about to rejoin), and when the whole model has settled (that, for every group, plus
 * nothing in flight, nothing cut, everything processed and committed). A closed consumer is not a
 * member and does not count; one whose subscription or metadata calls for a rejoin is not stable.
 * "Everything committed" covers the partitions of the topics the group's consumers subscribe to.
 */
import { rejoinDue } from '../clients/consumer.ts';
import { partitionsOfTopics } from './topics.ts';
import type { GroupModelState } from './types.ts';

export function quiescentStable(state: GroupModelState, groupId: string): boolean {
  const group = state.coordinator.groups.find((g) => g.groupId === groupId);
  if (group === undefined || group.state !== 'Stable') return false;
  let consumers = 0;
  for (const c of state.consumers) {
    if (c.group !== groupId || c.status === 'closed') continue;
    consumers++;
    if (c.status !== 'running' || c.joinState !== 'stable' || c.rejoinNeeded || c.pendingAssignment !== null || rejoinDue(state, c)) return false;
    if (c.generation !== group.generation || c.coordinator !== state.coordinator.broker) return false;
    const member = group.members.find((m) => m.memberId === c.memberId);
    if (member === undefined || member.assignment.length !== c.owned.length) return false;
    for (let i = 0; i < c.owned.length; i++) if (member.assignment[i] !== c.owned[i].partition) return false;
  }
  return consumers === group.members.length;
}

export function isGroupSettled(state: GroupModelState): boolean {
  if (state.wire.blocked.length > 0) return false;
  for (const connection of state.wire.connections) if (connection.inFlight.length > 0) return false;
  for (const c of state.consumers) {
    if (c.status !== 'running' || c.commit !== null || c.commitRetry !== null || c.offsetFetchRequestId !== null || c.findRequestId !== null) return false;
    if (c.buffer.length > 0) return false;
    for (const owned of c.owned) if (owned.position !== state.recordCount || owned.processedNext !== state.recordCount) return false;
  }
  for (const groupId of state.groupIds) if (!quiescentStable(state, groupId)) return false;
  for (const entry of state.store.committed) {
    const topics = [...new Set(state.consumers.filter((c) => c.group === entry.groupId).flatMap((c) => c.subscription))];
    for (const p of partitionsOfTopics(state, topics)) if (entry.offsets[p] !== state.recordCount) return false;
  }
  return true;
}
