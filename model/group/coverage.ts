/**
 * The group model's abstract coverage map (Model.coverage), for coverage-guided search: what a run
 * reached that matters to the classic group protocol, in a bounded set of small string features.
 *
 * Per group (its id left out: groups are alike): the coordinator's group state (Empty,
 * PreparingRebalance, CompletingRebalance, Stable: the rebalance phases), its generation
 * (bucketed), members and members yet to sync; and each change of it (old -> new).
 * Per consumer: status, join state, its generation against its group's (equal, one behind, more,
 * none), partitions owned (bucketed) and whether it owns them from a stale generation (a claim the
 * next JoinGroup carries), whether it must rejoin.
 * Events of a step: each assignment computed (members claiming partitions, and whether two claim
 * one partition), each commit (member known, its generation against the group's, the group's
 * state), each fencing recorded in the history, every error a message sent in the step carries.
 */
import type { CoverageObserver } from '../kernel/model.ts';
import { bucket, forEachSent, sentErrorFeature } from '../kernel/coverageSupport.ts';
import type { ConsumerState } from '../clients/consumerTypes.ts';
import type { GroupEvent } from './events.ts';
import type { ClassicGroup, GroupModelState } from './types.ts';

/** Generations counted apart; later ones fall in one bucket. */
const GENERATION_TOP = 6;
/** Members, pending members and owned partitions counted apart. */
const COUNT_TOP = 4;

/** A generation against the group's current one: '=', '-1', '-2+', 'none' (-1), '+' (ahead). */
export function generationRelation(generation: number, groupGeneration: number): string {
  if (generation < 0) return 'none';
  const behind = groupGeneration - generation;
  return behind === 0 ? '=' : behind < 0 ? '+' : behind === 1 ? '-1' : '-2+';
}

/** The abstract state of one group at its coordinator. */
export function groupFeature(group: ClassicGroup): string {
  return `group:${group.state}|gen${bucket(group.generation, GENERATION_TOP)}|members${bucket(group.members.length, COUNT_TOP)}|sync${bucket(group.pendingSyncMembers.length, COUNT_TOP)}`;
}

/** The abstract state of one consumer, against its group's generation (-1: no group known). */
export function consumerFeature(consumer: ConsumerState, groupGeneration: number): string {
  const owned = consumer.owned.length;
  const stale = owned > 0 && consumer.ownedGeneration >= 0 && consumer.ownedGeneration < groupGeneration ? 1 : 0;
  return (
    `consumer:${consumer.status}|${consumer.joinState}|gen${generationRelation(consumer.generation, groupGeneration)}` +
    `|owned${bucket(owned, COUNT_TOP)}|stale-claim${stale}|rejoin${consumer.rejoinNeeded ? 1 : 0}`
  );
}

class GroupCoverage implements CoverageObserver<GroupModelState, GroupEvent> {
  private readonly previous = new Map<string, string>();
  private assignmentsSeen: number;
  private commitsSeen: number;
  private historySeen: number;
  private readonly sentSeen = new Map<string, number>();

  constructor(state: GroupModelState) {
    this.assignmentsSeen = state.ghost.assignments.length;
    this.commitsSeen = state.ghost.commits.length;
    this.historySeen = state.history.length;
  }

  observe(state: GroupModelState, _event: GroupEvent, add: (feature: string) => void): void {
    const generationOf = new Map<string, number>();
    for (const group of state.coordinator.groups) {
      generationOf.set(group.groupId, group.generation);
      this.changed(`group:${group.groupId}`, groupFeature(group), add);
    }
    for (const consumer of state.consumers) add(consumerFeature(consumer, generationOf.get(consumer.group) ?? -1));
    const assignments = state.ghost.assignments;
    for (; this.assignmentsSeen < assignments.length; this.assignmentsSeen++) {
      const record = assignments[this.assignmentsSeen];
      const claims = new Map<number, number>();
      let claiming = 0;
      for (const member of record.members) {
        if (member.ownedPartitions.length > 0) claiming++;
        for (const p of member.ownedPartitions) claims.set(p, (claims.get(p) ?? 0) + 1);
      }
      const double = [...claims.values()].some((n) => n > 1) ? 1 : 0;
      add(`assign:${record.rebalanceProtocol}|claiming${bucket(claiming, COUNT_TOP)}|double-claim${double}`);
    }
    const commits = state.ghost.commits;
    for (; this.commitsSeen < commits.length; this.commitsSeen++) {
      const commit = commits[this.commitsSeen];
      add(`commit:known${commit.memberKnown ? 1 : 0}|gen${generationRelation(commit.generation, commit.groupGeneration)}|${commit.groupState}`);
    }
    const history = state.history;
    for (; this.historySeen < history.length; this.historySeen++) {
      const op = history[this.historySeen];
      if (op.type === 'fenced') add(`fenced:${op.request}`);
      else if (op.type === 'process' && !op.ownedInGeneration) add('process:not-owned-in-generation');
    }
    forEachSent(state.wire.connections, this.sentSeen, (body) => {
      const error = sentErrorFeature(body);
      if (error !== null) add(error);
    });
  }

  /** Adds `feature` and the change to it when the thing named `key` changed abstract state. */
  private changed(key: string, feature: string, add: (feature: string) => void): void {
    const previous = this.previous.get(key) ?? '';
    if (previous === feature) return;
    add(feature);
    add(`${previous} -> ${feature}`);
    this.previous.set(key, feature);
  }
}

/** A coverage observer for one run of the group model, from its initial state. */
export function groupCoverage(state: GroupModelState): CoverageObserver<GroupModelState, GroupEvent> {
  return new GroupCoverage(state);
}
