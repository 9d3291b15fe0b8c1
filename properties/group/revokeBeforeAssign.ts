/**
 * revoke-before-assign (cooperative rebalancing, KIP-429): an assignment never hands a member a
 * partition that another member still claims to own in the same rebalance; the partition is
 * withheld for a round, its owner revokes it and rejoins, and the next rebalance assigns it
 * (reference/clients.md §4.4: no partition is both added to one member and revoked from another
 * in the same generation). Under the eager protocol members claim nothing (they revoked
 * everything before joining), so the property holds trivially.
 */
import type { GroupModelState } from '../../model/group/types.ts';
import type { Case, Guarantee } from '../property.ts';
import { NO_CASES } from '../noCases.ts';
import { entriesOfLastStep } from './ghostEntries.ts';
import type { GroupStateProperty } from './groupProperty.ts';

export type RevokeBeforeAssignData = {
  group: string;
  generation: number;
  protocol: string;
  timeMs: number;
  partition: number;
  /** The member the assignment adds the partition to. */
  addedTo: string;
  /** The member that claimed it in its JoinGroup subscription. */
  ownedBy: string;
};

function check(state: GroupModelState): Case[] {
  const records = entriesOfLastStep(state.ghost.assignments, state.stepCount);
  if (records === null) return NO_CASES;
  const cases: Case[] = [];
  for (const record of records) {
    for (const { memberId, partitions } of record.assignments) {
      const self = record.members.find((m) => m.memberId === memberId);
      for (const p of partitions) {
        if (self !== undefined && self.ownedPartitions.includes(p)) continue;
        const owner = record.members.find((m) => m.memberId !== memberId && m.ownedPartitions.includes(p));
        if (owner === undefined) continue;
        const data: RevokeBeforeAssignData = { group: record.group, generation: record.generation, protocol: record.protocol, timeMs: record.timeMs, partition: p, addedTo: memberId, ownedBy: owner.memberId };
        cases.push({ property: 'revoke-before-assign', summary: `${record.group} generation ${record.generation} gives p${p} to ${memberId} while ${owner.memberId} still owns it`, data });
      }
    }
  }
  return cases.length > 0 ? cases : NO_CASES;
}

function explain(c: Case): string {
  const d = c.data as RevokeBeforeAssignData;
  return (
    `In generation ${d.generation} of ${d.group} (${d.protocol}, cooperative), ${d.ownedBy} rejoined still owning partition ${d.partition}, as cooperative members do. ` +
    `The assignment sent at ${d.timeMs}ms adds partition ${d.partition} to ${d.addedTo} in that same generation, instead of withholding it until ${d.ownedBy} has revoked it: ` +
    `${d.addedTo} may start on it while ${d.ownedBy} is still processing it. revoke-before-assign is broken.`
  );
}

export const revokeBeforeAssign: GroupStateProperty = {
  kind: 'state',
  name: 'revoke-before-assign',
  doc: 'A cooperative rebalance never gives a member a partition another member still owns.',
  guaranteedWhen: (): Guarantee => ({ guaranteed: true }),
  check,
  explain,
};
