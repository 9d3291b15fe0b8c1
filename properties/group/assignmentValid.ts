/**
 * assignment-valid: a leader's assignment names only existing partitions of topics the member
 * subscribes to, gives each partition to at most one member, and names only members of the
 * generation (reference/clients.md §4.5). Checked on every SyncGroup assignment the coordinator
 * receives. The built-in assignors promise it; a plugin may not keep the promise.
 */
import type { AssignmentRecord, GroupModelState } from '../../model/group/types.ts';
import { TOPIC } from '../../model/group/types.ts';
import type { Case, Guarantee } from '../property.ts';
import { NO_CASES } from '../noCases.ts';
import { entriesOfLastStep } from './ghostEntries.ts';
import type { GroupStateProperty } from './groupProperty.ts';

export type AssignmentValidData = {
  group: string;
  generation: number;
  protocol: string;
  leader: string;
  timeMs: number;
  kind: 'unknown-partition' | 'twice' | 'unknown-member' | 'not-subscribed';
  partition: number | null;
  members: string[];
  partitionCount: number;
};

export function assignmentProblems(record: AssignmentRecord): AssignmentValidData[] {
  const problems: AssignmentValidData[] = [];
  const base = { group: record.group, generation: record.generation, protocol: record.protocol, leader: record.leader, timeMs: record.timeMs, partitionCount: record.partitionCount };
  const holders = new Map<number, string[]>();
  for (const { memberId, partitions } of record.assignments) {
    const member = record.members.find((m) => m.memberId === memberId);
    if (member === undefined) {
      if (partitions.length > 0) problems.push({ ...base, kind: 'unknown-member', partition: null, members: [memberId] });
      continue;
    }
    if (partitions.length > 0 && !member.topics.includes(TOPIC)) problems.push({ ...base, kind: 'not-subscribed', partition: null, members: [memberId] });
    for (const p of partitions) {
      if (!Number.isInteger(p) || p < 0 || p >= record.partitionCount) {
        problems.push({ ...base, kind: 'unknown-partition', partition: p, members: [memberId] });
        continue;
      }
      holders.set(p, [...(holders.get(p) ?? []), memberId]);
    }
  }
  for (const [p, members] of [...holders].sort((a, b) => a[0] - b[0])) if (members.length > 1) problems.push({ ...base, kind: 'twice', partition: p, members });
  return problems;
}

function check(state: GroupModelState): Case[] {
  const records = entriesOfLastStep(state.ghost.assignments, state.stepCount);
  if (records === null) return NO_CASES;
  const cases: Case[] = [];
  for (const record of records) {
    for (const data of assignmentProblems(record)) {
      const what =
        data.kind === 'twice' ? `p${data.partition} to ${data.members.join(' and ')}`
          : data.kind === 'unknown-partition' ? `p${data.partition}, which does not exist, to ${data.members[0]}`
            : data.kind === 'unknown-member' ? `partitions to ${data.members[0]}, which is not a member`
              : `partitions of ${TOPIC} to ${data.members[0]}, which does not subscribe to it`;
      cases.push({ property: 'assignment-valid', summary: `${data.group} generation ${data.generation}: ${data.protocol} assigns ${what}`, data });
    }
  }
  return cases.length > 0 ? cases : NO_CASES;
}

function explain(c: Case): string {
  const d = c.data as AssignmentValidData;
  const head = `In generation ${d.generation} of ${d.group}, the leader ${d.leader} ran the ${d.protocol} assignor and sent its assignment in SyncGroup at ${d.timeMs}ms.`;
  switch (d.kind) {
    case 'twice': return `${head} It gives partition ${d.partition} to ${d.members.join(' and ')}: two members of one generation own it. assignment-valid is broken.`;
    case 'unknown-partition': return `${head} It gives partition ${d.partition} to ${d.members[0]}, but the topic has partitions 0..${d.partitionCount - 1}. assignment-valid is broken.`;
    case 'unknown-member': return `${head} It assigns partitions to ${d.members[0]}, which is not a member of the generation; the coordinator drops them, and they stay unowned. assignment-valid is broken.`;
    case 'not-subscribed': return `${head} It assigns partitions to ${d.members[0]}, which does not subscribe to their topic. assignment-valid is broken.`;
  }
}

export const assignmentValid: GroupStateProperty = {
  kind: 'state',
  name: 'assignment-valid',
  doc: 'An assignment names only existing partitions of subscribed topics, each at most once, to members of the generation.',
  guaranteedWhen: (): Guarantee => ({ guaranteed: true }),
  check,
  explain,
};
