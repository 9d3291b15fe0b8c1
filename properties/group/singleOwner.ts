/**
 * single-owner: at no instant do two running members of one group both own the same partition
 * (and so may both process it). Kafka's classic protocol gives this only while every member hears
 * from the coordinator in time: eager members revoke everything before rejoining, cooperative
 * ones revoke what moves before it is handed on (KIP-429), and the coordinator waits for them.
 * It also needs heartbeats well inside the session and rebalance timeouts (Kafka's guidance: a
 * heartbeat interval no higher than a third of the session timeout). It does not fence processing: a member that was paused or cut off while its session expired
 * keeps its partitions until a response tells it so (the consumer marks them lost only when it
 * learns of UNKNOWN_MEMBER_ID or ILLEGAL_GENERATION), and meanwhile processes them beside their
 * new owner. Only its commits are fenced (generation-fenced). The same holds for a static member
 * (KIP-345) whose group.instance.id a second process takes over: the old process owns its partitions
 * until FENCED_INSTANCE_ID reaches it; a fenced process has exited and owns nothing.
 */
import type { KmcConfig } from '../../model/config.ts';
import type { GroupModelState } from '../../model/group/types.ts';
import type { Case, Guarantee } from '../property.ts';
import { NO_CASES } from '../noCases.ts';
import type { GroupStateProperty } from './groupProperty.ts';

export type SingleOwnerData = {
  group: string;
  partition: number;
  timeMs: number;
  /** Coordinator's generation of the group at that instant. */
  groupGeneration: number;
  owners: {
    consumer: string;
    memberId: string;
    generation: number;
    inCurrentGeneration: boolean;
    assignedThere: boolean;
    /** A static member whose group.instance.id now belongs to another member id: the one that fenced it. */
    fencedBy?: string;
  }[];
};

/** Scratch space for ownerCounts, refilled by every call: nothing carries from one call to the next. */
let scratch = new Int32Array(64);

/** Per partition (0 .. partitionCount-1), how many times running consumers of `groupId` own it. */
function ownerCounts(state: GroupModelState, groupId: string): Int32Array {
  const n = state.partitionCount;
  if (scratch.length < n) scratch = new Int32Array(2 * n);
  scratch.fill(0, 0, n);
  for (const c of state.consumers) {
    if (c.group !== groupId || c.status !== 'running') continue;
    for (const owned of c.owned) if (owned.partition >= 0 && owned.partition < n) scratch[owned.partition]++;
  }
  return scratch;
}

/**
 * False only when no partition is owned twice by running consumers of one group: the common case,
 * found in one pass with a bit mask per group (up to 30 partitions and 32 groups; else true).
 */
function mayHaveTwoOwners(state: GroupModelState): boolean {
  const n = state.partitionCount;
  const groupIds = state.groupIds;
  if (n > 30 || groupIds.length > masks.length) return true;
  masks.fill(0, 0, groupIds.length);
  for (const c of state.consumers) {
    if (c.status !== 'running') continue;
    const g = groupIds.indexOf(c.group);
    if (g < 0) continue;
    for (const owned of c.owned) {
      const p = owned.partition;
      if (p < 0 || p >= n) continue;
      if ((masks[g] & (1 << p)) !== 0) return true;
      masks[g] |= 1 << p;
    }
  }
  return false;
}
const masks = new Int32Array(32);

function check(state: GroupModelState): Case[] {
  if (!mayHaveTwoOwners(state)) return NO_CASES;
  let cases: Case[] | null = null;
  for (const groupId of state.groupIds) {
    // One pass over the group's running consumers counts each partition's owners.
    const counts = ownerCounts(state, groupId);
    for (let p = 0; p < state.partitionCount; p++) {
      if (counts[p] < 2) continue;
      // While its __consumer_offsets partition has no leader the group is loaded nowhere: judge
      // against what the log holds (the generation a new coordinator will load).
      const group = state.coordinator.groups.find((g) => g.groupId === groupId) ?? state.store.groups.find((g) => g.groupId === groupId)!;
      const owners: SingleOwnerData['owners'] = [];
      for (const c of state.consumers) {
        if (c.group !== groupId || c.status !== 'running' || !c.owned.some((o) => o.partition === p)) continue;
        const member = group.members.find((m) => m.memberId === c.memberId);
        const inCurrentGeneration = member !== undefined && c.generation === group.generation;
        const holder = c.groupInstanceId === null || member !== undefined ? undefined : group.members.find((m) => m.groupInstanceId === c.groupInstanceId);
        owners.push({
          consumer: c.clientId,
          memberId: c.memberId,
          generation: c.generation,
          inCurrentGeneration,
          assignedThere: inCurrentGeneration && member!.assignment.includes(p),
          ...(holder !== undefined ? { fencedBy: holder.memberId } : {}),
        });
      }
      const data: SingleOwnerData = { group: groupId, partition: p, timeMs: state.nowMs, groupGeneration: group.generation, owners };
      (cases ??= []).push({
        property: 'single-owner',
        summary: `${groupId} p${p} is owned by ${owners.map((o) => o.consumer).join(' and ')} at once`,
        data,
      });
    }
  }
  return cases ?? NO_CASES;
}

function explain(c: Case): string {
  const d = c.data as SingleOwnerData;
  const who = d.owners.map((o) => {
    const standing = o.inCurrentGeneration
      ? o.assignedThere
        ? `assigned it in the current generation ${d.groupGeneration}`
        : `a member of generation ${d.groupGeneration}, which does not assign it p${d.partition}`
      : o.fencedBy !== undefined
        ? `fenced as ${o.memberId}: its group.instance.id now belongs to ${o.fencedBy}, and it has not yet been answered FENCED_INSTANCE_ID`
        : o.memberId === ''
        ? 'no longer a member (its member id was reset) but not yet told to give it up'
        : `still acting on generation ${o.generation} as ${o.memberId}, which the coordinator (now at generation ${d.groupGeneration}) no longer counts`;
    return `${o.consumer} (${standing})`;
  });
  const zombie = d.owners.some((o) => !o.inCurrentGeneration || !o.assignedThere);
  return (
    `At ${d.timeMs}ms ${who.join(' and ')} both own partition ${d.partition} of ${d.group} and are running, so both may poll and process it. ` +
    (zombie
      ? 'The classic group protocol fences a stale member only when it next talks to the coordinator: until its next heartbeat or commit is refused, it keeps processing: single-owner is broken.'
      : 'Two members of one generation own the same partition: single-owner is broken.')
  );
}

export const singleOwner: GroupStateProperty = {
  kind: 'state',
  name: 'single-owner',
  doc: 'At no instant do two running members of one group both own the same partition.',
  guaranteedWhen(config: KmcConfig): Guarantee {
    const zombieFaults = config['model.group.faults'].filter((f) => f === 'pause' || f === 'isolate' || f === 'drop');
    const reasons: string[] = [];
    if (zombieFaults.length > 0) reasons.push(`model.group.faults includes ${zombieFaults.join(', ')} (a member that misses its session keeps processing until told; the classic protocol fences only its commits)`);
    // KIP-345: a second process with a running member's group.instance.id takes over its member
    // id and assignment at once (no rebalance); the old process keeps its partitions until its next
    // heartbeat or commit is answered FENCED_INSTANCE_ID.
    if (config['model.group.instance.ids'] === 'replacement') reasons.push('model.group.instance.ids=replacement (a replacement takes over a running static member\'s partitions before the old process learns it is fenced)');
    // Kafka's guidance: heartbeat.interval.ms "no higher than 1/3 of" session.timeout.ms. With less
    // slack a member that must first find a moved coordinator can miss its session or a join phase.
    const heartbeatMs = config['heartbeat.interval.ms'];
    if (config['session.timeout.ms'] < 3 * heartbeatMs) reasons.push(`session.timeout.ms=${config['session.timeout.ms']} is under 3 × heartbeat.interval.ms=${heartbeatMs} (a live member can miss its session)`);
    if (config['max.poll.interval.ms'] < 3 * heartbeatMs) reasons.push(`max.poll.interval.ms=${config['max.poll.interval.ms']} is under 3 × heartbeat.interval.ms=${heartbeatMs} (a live member can miss a join phase)`);
    return reasons.length === 0 ? { guaranteed: true } : { guaranteed: false, because: reasons.join('; ') };
  },
  check,
  explain,
};
