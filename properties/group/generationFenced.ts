/**
 * generation-fenced: the coordinator accepts no offset commit from a member it does not know or
 * from a stale generation (ClassicGroup.validateOffsetCommit: UNKNOWN_MEMBER_ID,
 * ILLEGAL_GENERATION; REBALANCE_IN_PROGRESS while CompletingRebalance). This is what the classic
 * protocol does promise against zombies: they may process, but they cannot move the group's
 * committed offsets.
 */
import type { CommitRecord, GroupModelState } from '../../model/group/types.ts';
import type { Case, Guarantee } from '../property.ts';
import { NO_CASES } from '../noCases.ts';
import { entriesOfLastStep } from './ghostEntries.ts';
import type { GroupStateProperty } from './groupProperty.ts';

export type GenerationFencedData = {
  group: string;
  consumer: string;
  memberId: string;
  generation: number;
  groupGeneration: number;
  groupState: CommitRecord['groupState'];
  memberKnown: boolean;
  timeMs: number;
  offsets: { partition: number; offset: number }[];
  coordinator: number;
};

function isFenced(commit: CommitRecord): boolean {
  if (commit.generation < 0 && commit.memberId === '' && commit.groupState === 'Empty') return true; // a simple (non-group) commit
  return commit.memberKnown && commit.generation === commit.groupGeneration && commit.groupState !== 'CompletingRebalance';
}

function check(state: GroupModelState): Case[] {
  const commits = entriesOfLastStep(state.ghost.commits, state.stepCount);
  if (commits === null) return NO_CASES;
  const cases: Case[] = [];
  for (const commit of commits) {
    if (isFenced(commit)) continue;
    const data: GenerationFencedData = {
      group: commit.group,
      consumer: commit.clientId,
      memberId: commit.memberId,
      generation: commit.generation,
      groupGeneration: commit.groupGeneration,
      groupState: commit.groupState,
      memberKnown: commit.memberKnown,
      timeMs: commit.timeMs,
      offsets: commit.offsets.map((o) => ({ partition: o.partition, offset: o.offset })),
      coordinator: commit.coordinator,
    };
    const why = !commit.memberKnown ? `${commit.memberId || 'an unknown member'} is not a member` : commit.generation !== commit.groupGeneration ? `generation ${commit.generation} is stale (group at ${commit.groupGeneration})` : `the group is ${commit.groupState}`;
    cases.push({ property: 'generation-fenced', summary: `${commit.group} accepted a commit from ${commit.clientId}: ${why}`, data });
  }
  return cases.length > 0 ? cases : NO_CASES;
}

function explain(c: Case): string {
  const d = c.data as GenerationFencedData;
  const offsets = d.offsets.map((o) => `p${o.partition}=${o.offset}`).join(', ');
  const why = !d.memberKnown
    ? `${d.memberId || 'its member id'} is not a member of ${d.group} (UNKNOWN_MEMBER_ID)`
    : d.generation !== d.groupGeneration
      ? `it carries generation ${d.generation} while the group is in generation ${d.groupGeneration} (ILLEGAL_GENERATION)`
      : `the group is ${d.groupState}, waiting for the leader's assignment (REBALANCE_IN_PROGRESS)`;
  return `At ${d.timeMs}ms the coordinator (broker ${d.coordinator}) accepted ${d.consumer}'s OffsetCommit of ${offsets}, although ${why}. A stale member moved the group's committed offsets: generation-fenced is broken.`;
}

export const generationFenced: GroupStateProperty = {
  kind: 'state',
  name: 'generation-fenced',
  doc: 'No offset commit is accepted from an unknown member or a stale generation.',
  guaranteedWhen: (): Guarantee => ({ guaranteed: true }),
  check,
  explain,
};
