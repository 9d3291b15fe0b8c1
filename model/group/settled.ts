/**
 * When a group is quiescent and stable (the coordinator's group is Stable, every consumer of the
 * group is running, is a member of the current generation, knows the group's coordinator and has
 * applied its assignment, and none is about to rejoin), and when the whole model has settled (that,
 * for every group, plus every broker up, nothing in flight, nothing cut, everything processed and
 * committed). A consumer fenced by FENCED_INSTANCE_ID, or failed on INVALID_SESSION_TIMEOUT, has exited for good and a closed one is not a
 * member: neither counts; one whose subscription or metadata calls for a rejoin is not stable.
 * "Everything committed" covers the partitions of the topics the group's consumers subscribe to.
 */
import { coordinatorOf } from './offsetsTopic.ts';
import { rejoinDue } from '../clients/consumer.ts';
import type { GroupModelState } from './types.ts';
import { productionDone } from './production.ts';
import { exitedForGood } from '../clients/consumerTypes.ts';

/** A partition the group's owner paused after auto.offset.reset=none threw: it reads no further. */
function stoppedInGroup(state: GroupModelState, groupId: string, partition: number): boolean {
  return state.consumers.some((c) => c.group === groupId && c.owned.some((o) => o.partition === partition && o.stoppedBy !== null));
}

/** A fenced or failed process has exited for good: the topics only it subscribed to are nobody's to read. */
function subscribedInGroup(state: GroupModelState, groupId: string, topic: string): boolean {
  return state.consumers.some((c) => c.group === groupId && !exitedForGood(c.status) && c.subscription.includes(topic));
}

export function quiescentStable(state: GroupModelState, groupId: string): boolean {
  const group = state.coordinator.groups.find((g) => g.groupId === groupId);
  if (group === undefined || group.state !== 'Stable') return group?.members.length === 0 && !hasMemberToBe(state, groupId);
  let consumers = 0;
  let coordinator: number | null = null; // coordinatorOf(state, groupId), looked up at first need
  for (const c of state.consumers) {
    if (c.group !== groupId || exitedForGood(c.status) || c.status === 'closed') continue;
    consumers++;
    if (c.status !== 'running' || c.joinState !== 'stable' || c.rejoinNeeded || c.pendingAssignment !== null || rejoinDue(state, c)) return false;
    if (c.generation !== group.generation) return false;
    coordinator ??= coordinatorOf(state, groupId);
    if (c.coordinator !== coordinator) return false;
    const member = group.members.find((m) => m.memberId === c.memberId);
    if (member === undefined || member.assignment.length !== c.owned.length) return false;
    for (let i = 0; i < c.owned.length; i++) if (member.assignment[i] !== c.owned[i].partition) return false;
  }
  return consumers === group.members.length;
}

/**
 * Whether some consumer of the group may still join it: one that is not closed and has not exited
 * for good (every one of them failed on INVALID_SESSION_TIMEOUT, say, leaves an empty group that
 * is as settled as it will get).
 */
function hasMemberToBe(state: GroupModelState, groupId: string): boolean {
  return state.consumers.some((c) => c.group === groupId && c.status !== 'closed' && !exitedForGood(c.status));
}

export function isGroupSettled(state: GroupModelState): boolean {
  if (state.wire.blocked.length > 0 || state.brokersDown.length > 0 || !productionDone(state)) return false;
  for (const connection of state.wire.connections) if (connection.inFlight.length > 0) return false;
  for (const c of state.consumers) {
    if (exitedForGood(c.status)) continue;
    if (c.status !== 'running' || c.commit !== null || c.commitRetry !== null || c.offsetFetchRequestId !== null || c.findRequestId !== null) return false;
    if (c.buffer.length > 0) return false;
    for (const owned of c.owned) {
      if (owned.stoppedBy !== null) continue;
      const logEndOffset = state.logs[owned.partition].logEndOffset;
      if (owned.position !== logEndOffset || owned.processedNext !== logEndOffset) return false;
    }
  }
  for (const groupId of state.groupIds) if (!quiescentStable(state, groupId)) return false;
  // Every partition of a topic some consumer of the group subscribes to is committed to its end
  // (or stopped); the cheap offset test goes first, the subscription lookup only for a lagging one.
  for (const entry of state.store.committed) {
    for (let p = 0; p < state.topics.partitions.length; p++) {
      if (entry.offsets[p] === state.logs[p].logEndOffset) continue;
      if (subscribedInGroup(state, entry.groupId, state.topics.partitions[p].topic) && !stoppedInGroup(state, entry.groupId, p)) return false;
    }
  }
  return true;
}
