/**
 * assignment-complete: once a group is stable and nothing is pending (the coordinator's group is
 * Stable, every consumer of it is a running member of the current generation that applied its
 * assignment, and none is about to rejoin: cooperative revocations are done), every partition
 * has exactly one owner (reference/clients.md §4.4, I3).
 *
 * "Every partition" is every partition of a topic some member of the generation subscribes to,
 * among those the leader's metadata knew when it assigned (its assignmentSnapshot): a partition
 * added since is not yet owed an owner. Kafka makes the leader rejoin when its next
 * metadata refresh shows it (ConsumerCoordinator.rejoinNeededOrPending: assignmentSnapshot vs
 * metadataSnapshot), and the group is then not stable until the new assignment is applied.
 */
import { quiescentStable } from '../../model/group/settled.ts';
import type { KmcConfig } from '../../model/config.ts';
import { builtInAssignor } from '../../model/assignors/builtIns.ts';
import { rebalanceProtocolOf } from '../../model/group/protocols.ts';
import { initialSubscription } from '../../model/group/topics.ts';
import type { GroupModelState } from '../../model/group/types.ts';
import type { Case, Guarantee } from '../property.ts';
import { NO_CASES } from '../noCases.ts';
import { partitionsPhrase } from './groupProperty.ts';
import type { GroupStateProperty } from './groupProperty.ts';

export type AssignmentCompleteData = {
  group: string;
  generation: number;
  protocol: string | null;
  timeMs: number;
  unowned: number[];
  ownedTwice: number[];
  owners: { consumer: string; partitions: number[] }[];
  /** The topics the generation's members subscribe to, sorted. */
  topics: string[];
};

/** Whether the strategies run the cooperative protocol; a plugin's name (not known from the config alone) may. */
function mayRunCooperative(strategies: readonly string[]): boolean {
  if (strategies.some((name) => builtInAssignor(name) === null)) return true;
  return rebalanceProtocolOf(strategies) === 'cooperative';
}

/** The partitions owed an owner: of subscribed topics, among those the leader knew when it assigned. */
function owedPartitions(state: GroupModelState, leader: string | null, topics: readonly string[]): boolean[] {
  const leaderConsumer = state.consumers.find((c) => c.memberId !== '' && c.memberId === leader);
  const known = leaderConsumer?.assignmentSnapshot?.partitions ?? state.partitionCount;
  return state.topics.partitions.map((tp, p) => p < known && topics.includes(tp.topic));
}

/**
 * A bit per group (by its index in state.groupIds): set when each partition has exactly one owner
 * among the group's consumers, so nothing is unowned or owned twice. One pass over the consumers;
 * 0 (check every group in full) beyond 30 partitions or 31 groups.
 */
function groupsOwnedOnce(state: GroupModelState): number {
  const n = state.partitionCount;
  const groupIds = state.groupIds;
  if (n > 30 || groupIds.length > 31) return 0;
  masks.fill(0, 0, groupIds.length);
  counts.fill(0, 0, groupIds.length);
  let broken = 0;
  for (const c of state.consumers) {
    const g = groupIds.indexOf(c.group);
    if (g < 0) continue;
    for (const owned of c.owned) {
      const p = owned.partition;
      if (p < 0 || p >= n || (masks[g] & (1 << p)) !== 0) broken |= 1 << g;
      else masks[g] |= 1 << p;
      counts[g]++;
    }
  }
  let once = 0;
  for (let g = 0; g < groupIds.length; g++) if ((broken & (1 << g)) === 0 && counts[g] === n) once |= 1 << g;
  return once;
}
const masks = new Int32Array(31);
const counts = new Int32Array(31);

function check(state: GroupModelState): Case[] {
  let cases: Case[] | null = null;
  // The common case, every partition owned exactly once, holds whatever is owed and whether or
  // not the group is quiescent (both checks are pure): it skips the rest, quiescentStable first.
  const ownedOnce = groupsOwnedOnce(state);
  for (let g = 0; g < state.groupIds.length; g++) {
    const groupId = state.groupIds[g];
    if ((ownedOnce & (1 << g)) !== 0) continue;
    if (!quiescentStable(state, groupId)) continue;
    const group = state.coordinator.groups.find((g) => g.groupId === groupId)!;
    const topics = [...new Set(group.members.flatMap((m) => m.subscription.topics))].sort();
    const owed = owedPartitions(state, group.leader, topics);
    const counts = new Array<number>(state.partitionCount).fill(0);
    for (const c of state.consumers) if (c.group === groupId) for (const owned of c.owned) counts[owned.partition]++;
    if (counts.every((n, p) => (owed[p] ? n === 1 : n <= 1))) continue;
    const data: AssignmentCompleteData = {
      group: groupId,
      generation: group.generation,
      protocol: group.protocol,
      timeMs: state.nowMs,
      unowned: counts.flatMap((n, p) => (n === 0 && owed[p] ? [p] : [])),
      ownedTwice: counts.flatMap((n, p) => (n > 1 ? [p] : [])),
      owners: state.consumers.filter((c) => c.group === groupId).map((c) => ({ consumer: c.clientId, partitions: c.owned.map((o) => o.partition) })),
      topics,
    };
    const parts = [data.unowned.length ? `${partitionsPhrase(data.unowned)} unowned` : '', data.ownedTwice.length ? `${partitionsPhrase(data.ownedTwice)} owned twice` : ''].filter(Boolean);
    (cases ??= []).push({ property: 'assignment-complete', summary: `${groupId} is stable in generation ${data.generation} with ${parts.join(' and ')}`, data });
  }
  return cases ?? NO_CASES;
}

function explain(c: Case): string {
  const d = c.data as AssignmentCompleteData;
  const owners = d.owners.map((o) => `${o.consumer} owns ${o.partitions.length ? partitionsPhrase(o.partitions) : 'nothing'}`).join(', ');
  const problems = [d.unowned.length ? `${partitionsPhrase(d.unowned)} ${d.unowned.length === 1 ? 'has' : 'have'} no owner, so nobody consumes ${d.unowned.length === 1 ? 'it' : 'them'}` : '', d.ownedTwice.length ? `${partitionsPhrase(d.ownedTwice)} ${d.ownedTwice.length === 1 ? 'has' : 'have'} two owners` : ''].filter(Boolean);
  return `At ${d.timeMs}ms ${d.group} is Stable in generation ${d.generation} (protocol ${d.protocol}), every member has applied its assignment and none is rejoining: ${owners}. Yet ${problems.join(', and ')}. assignment-complete is broken.`;
}

export const assignmentComplete: GroupStateProperty = {
  kind: 'state',
  name: 'assignment-complete',
  doc: 'Once a group is stable with nothing pending, every partition has exactly one owner.',
  guaranteedWhen(config: KmcConfig): Guarantee {
    // KIP-814: a static leader that restarts and rejoins a Stable group skips the assignment and
    // takes its assignmentSnapshot from the metadata it has on return (ConsumerCoordinator.
    // onLeaderElected). A partition added while it was away is already in that snapshot, so no
    // refresh ever differs from it and nobody rejoins: the partition waits for the next rebalance.
    const reasons: string[] = [];
    const isStatic = config['model.group.instance.ids'] !== 'none';
    if (isStatic && config['model.group.partitions.added.max'] > 0) {
      reasons.push('static members (model.group.instance.ids) with partitions added at run time: a static leader that restarts after a partition was added skips the assignment (KIP-814) and snapshots metadata that already shows the partition, so nothing triggers the rebalance that would assign it');
    }
    // KIP-429 + KIP-345: a cooperative member that was told to give a partition up revokes it and
    // rejoins so the next round can hand it on (ConsumerCoordinator.onJoinComplete). A static
    // process that restarts before that rejoin comes back with an empty member id into a Stable
    // group: no rebalance (updateStaticMemberThenRebalanceOrCompleteJoin), so the withheld
    // partition is never assigned.
    const restarts = config['model.group.faults'].includes('crash') || config['model.group.churn.max'] > 0 || config['model.group.instance.ids'] === 'replacement';
    if (isStatic && restarts && mayRunCooperative(config['partition.assignment.strategy'])) {
      reasons.push('static members under the cooperative protocol whose processes restart: a member that restarts before the follow-up rebalance of a revocation rejoins a Stable group without one (KIP-345), so the partition it gave up stays unassigned');
    }
    // KIP-345 + KIP-814: a replacement process that takes over the leader's instance id in a
    // Stable group is answered without a rebalance and skips the assignment; its own subscription
    // is not compared with the assignment it keeps (onLeaderElected, skipAssignment branch), so a
    // topic only it subscribes to stays unassigned until something else rebalances the group. (A
    // follower's replacement refuses the old assignment, checkAssignmentMatchedSubscription, and its
    // rejoin with a new generationId no longer matches, so that one rebalances.)
    // The same when the process it replaces changed its subscription at run time: the replacement
    // starts with the initial one. Kafka has no fix in any release (KAFKA-12759, "Rebalance when a
    // static member's subscription changes (classic protocol)", still open). Found by kmc fuzz.
    if (config['model.group.instance.ids'] === 'replacement' && config['model.consumers'] >= 2) {
      const first = initialSubscription(config, 0).join(',');
      const replacement = initialSubscription(config, config['model.consumers'] - 1).join(',');
      if (first !== replacement) {
        reasons.push(`a replacement static process subscribing to other topics (${replacement}) than the one it replaces (${first}): replacing the leader in a Stable group, it skips the assignment (KIP-814) and nothing assigns the topics only it subscribes to`);
      } else if (config['model.group.subscription.changes.max'] > 0) {
        reasons.push(
          'a replacement static process while subscriptions change (model.group.subscription.changes.max): it starts with the initial subscription, not the one of the process it replaces; replacing the leader in a Stable group, it skips the assignment (KIP-814) and nothing assigns the topics only it subscribes to (KAFKA-12759)',
        );
      }
    }
    return reasons.length === 0 ? { guaranteed: true } : { guaranteed: false, because: reasons.join('; ') };
  },
  check,
  explain,
};
