/**
 * committed-offset-monotonic: a group's committed offset of a partition never goes backwards
 * (KAFKA.md, group invariants: "committed offsets do not go backwards unless a reset says so";
 * nothing here resets offsets). Checked on every commit the coordinator accepts, across
 * coordinator failovers (the offsets come back from __consumer_offsets).
 */
import type { GroupModelState } from '../../model/group/types.ts';
import type { Case, Guarantee } from '../property.ts';
import { NO_CASES } from '../noCases.ts';
import { entriesOfLastStep } from './ghostEntries.ts';
import type { GroupStateProperty } from './groupProperty.ts';

export type CommittedOffsetMonotonicData = {
  group: string;
  partition: number;
  previous: number;
  offset: number;
  consumer: string;
  memberId: string;
  generation: number;
  timeMs: number;
};

function check(state: GroupModelState): Case[] {
  const commits = entriesOfLastStep(state.ghost.commits, state.stepCount);
  if (commits === null) return NO_CASES;
  const cases: Case[] = [];
  for (const commit of commits) {
    for (const o of commit.offsets) {
      if (o.previous < 0 || o.offset >= o.previous) continue;
      const data: CommittedOffsetMonotonicData = { group: commit.group, partition: o.partition, previous: o.previous, offset: o.offset, consumer: commit.clientId, memberId: commit.memberId, generation: commit.generation, timeMs: commit.timeMs };
      cases.push({ property: 'committed-offset-monotonic', summary: `${commit.group} p${o.partition} committed offset went from ${o.previous} back to ${o.offset}`, data });
    }
  }
  return cases.length > 0 ? cases : NO_CASES;
}

function explain(c: Case): string {
  const d = c.data as CommittedOffsetMonotonicData;
  return (
    `${d.group}'s committed offset of partition ${d.partition} was ${d.previous}. At ${d.timeMs}ms the coordinator accepted ${d.consumer}'s commit of offset ${d.offset} ` +
    `(${d.memberId}, generation ${d.generation}): the group moved backwards, and whoever next starts on partition ${d.partition} re-reads offsets ${d.offset}..${d.previous - 1}. committed-offset-monotonic is broken.`
  );
}

export const committedOffsetMonotonic: GroupStateProperty = {
  kind: 'state',
  name: 'committed-offset-monotonic',
  doc: "A group's committed offset of a partition never goes backwards.",
  guaranteedWhen: (): Guarantee => ({ guaranteed: true }),
  check,
  explain,
};
