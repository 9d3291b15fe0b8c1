/**
 * The group model's coverage map (model/group/coverage.ts): generations, rebalance phases, stale
 * claims, double claims, commits and fencing each show as features. A real group is driven
 * (first non-fault event, as the settle phase does) with an observer watching every step.
 */
import { describe, expect, it } from 'vitest';
import { groupModel, type GroupEvent, type GroupModelState } from '../../../model/group/index.ts';
import { consumerFeature, generationRelation, groupFeature } from '../../../model/group/coverage.ts';
import { initState } from './drive.ts';

const WAIT: GroupEvent = { type: 'heal' };

function watched(): { state: GroupModelState; features: Set<string>; observe: (event?: GroupEvent) => string[]; settle: () => void } {
  const state = initState();
  const observer = groupModel.coverage!(state);
  const features = new Set<string>();
  const observe = (event: GroupEvent = WAIT): string[] => {
    const added: string[] = [];
    observer.observe(state, event, (f) => {
      added.push(f);
      features.add(f);
    });
    return added;
  };
  const settle = (): void => {
    for (let i = 0; i < 3000 && !groupModel.settled(state); i++) {
      const event = groupModel.firstNonFault!(state);
      if (event === null || event.type === 'final-read') break;
      groupModel.step(state, event);
      observe(event);
    }
  };
  return { state, features, observe, settle };
}

describe('group coverage', () => {
  it('rebalance phases and generations a group goes through as its members join', () => {
    const { features, settle } = watched();
    settle();
    const phases = [...features].filter((f) => f.startsWith('group:') && !f.includes(' -> '));
    // pendingSyncMembers: members the coordinator still awaits a SyncGroup from (KAFKA-12890's pending-sync timer).
    expect(phases).toEqual([
      'group:Empty|gen0|members0|sync0',
      'group:PreparingRebalance|gen0|members1|sync0',
      'group:PreparingRebalance|gen0|members2|sync0',
      'group:CompletingRebalance|gen1|members2|sync2',
      'group:Stable|gen1|members2|sync1',
      'group:Stable|gen1|members2|sync0',
    ]);
    expect(features).toContain('group:CompletingRebalance|gen1|members2|sync2 -> group:Stable|gen1|members2|sync1');
    expect(features.size).toBeLessThan(60);
  });

  it('generations are bucketed: the sixth and later fall together', () => {
    const { state, settle } = watched();
    settle();
    const group = state.coordinator.groups[0];
    expect(groupFeature({ ...group, generation: 5 })).toContain('|gen5|');
    expect(groupFeature({ ...group, generation: 9 })).toContain('|gen6+|');
  });

  it("a member's generation against its group's: equal, one behind, more, none", () => {
    expect(generationRelation(4, 4)).toBe('=');
    expect(generationRelation(3, 4)).toBe('-1');
    expect(generationRelation(1, 4)).toBe('-2+');
    expect(generationRelation(-1, 4)).toBe('none');
  });

  it('a member that owns partitions from a stale generation (the claim its next JoinGroup carries)', () => {
    const { state, settle } = watched();
    settle();
    const member = state.consumers.find((c) => c.owned.length > 0)!;
    const generation = state.coordinator.groups[0].generation;
    expect(consumerFeature(member, generation)).toContain('|stale-claim0|');
    expect(consumerFeature({ ...member, generation: generation - 1, ownedGeneration: generation - 1 }, generation)).toMatch(/\|gen-1\|.*\|stale-claim1\|/);
  });

  it('assignments: members claiming owned partitions, and two claiming one partition', () => {
    const { state, observe, settle } = watched();
    settle();
    const record = state.ghost.assignments[state.ghost.assignments.length - 1];
    state.ghost.assignments.push({ ...record, members: record.members.map((m) => ({ ...m, ownedPartitions: [0] })) });
    expect(observe()).toContain(`assign:${record.rebalanceProtocol}|claiming2|double-claim1`);
  });

  it('commits with a stale generation, and fencing recorded in the history', () => {
    const { state, observe, settle } = watched();
    settle();
    const commit = { step: 1, timeMs: 0, group: 'g', memberId: 'm', clientId: 'c', generation: 1, groupGeneration: 3, groupState: 'PreparingRebalance' as const, memberKnown: true, offsets: [], coordinator: 1 };
    state.ghost.commits.push(commit);
    expect(observe()).toContain('commit:known1|gen-2+|PreparingRebalance');
    state.history.push({ type: 'fenced', consumer: 'c', group: 'g', incarnation: 0, groupInstanceId: 'i', memberId: 'm', request: 'Heartbeat', timeMs: 0, step: 1, owned: [] });
    expect(observe()).toContain('fenced:Heartbeat');
  });
});
