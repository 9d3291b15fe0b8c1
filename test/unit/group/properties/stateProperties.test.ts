/**
 * The group model's state properties: each fires on a minimal state that breaks it, stays silent
 * on a settled run, and finds nothing in a fresh state.
 */
import { describe, expect, it } from 'vitest';
import type { AssignmentRecord, CommitRecord, GroupModelState } from '../../../../model/group/types.ts';
import { assignmentComplete } from '../../../../properties/group/assignmentComplete.ts';
import { assignmentValid } from '../../../../properties/group/assignmentValid.ts';
import { committedOffsetMonotonic } from '../../../../properties/group/committedOffsetMonotonic.ts';
import { generationFenced } from '../../../../properties/group/generationFenced.ts';
import { revokeBeforeAssign } from '../../../../properties/group/revokeBeforeAssign.ts';
import { singleOwner } from '../../../../properties/group/singleOwner.ts';
import { consumer, groupConfig, initState, settle } from '../drive.ts';

function settled(overrides: Record<string, string | number | boolean> = {}): GroupModelState {
  const state = initState(overrides);
  settle(state);
  return state;
}

function assignmentRecord(state: GroupModelState, overrides: Partial<AssignmentRecord>): AssignmentRecord {
  return {
    step: state.stepCount,
    timeMs: state.nowMs,
    group: 'group-1',
    generation: 4,
    protocol: 'cooperative-sticky',
    rebalanceProtocol: 'cooperative',
    leader: 'm1',
    members: [
      { memberId: 'm1', clientId: 'consumer-1', topics: ['topic'], ownedPartitions: [] },
      { memberId: 'm2', clientId: 'consumer-2', topics: ['topic'], ownedPartitions: [] },
    ],
    assignments: [
      { memberId: 'm1', partitions: [0] },
      { memberId: 'm2', partitions: [1] },
    ],
    partitionCount: 2,
    partitionTopics: ['topic', 'topic'],
    ...overrides,
  };
}

function commitRecord(state: GroupModelState, overrides: Partial<CommitRecord>): CommitRecord {
  return {
    step: state.stepCount,
    timeMs: 2500,
    group: 'group-1',
    memberId: 'consumer-1-1',
    clientId: 'consumer-1',
    generation: 3,
    groupGeneration: 3,
    groupState: 'Stable',
    memberKnown: true,
    offsets: [{ partition: 0, offset: 5, previous: 4 }],
    coordinator: 1,
    ...overrides,
  };
}

describe('single-owner', () => {
  it('fires when two running members own one partition, naming the stale one', () => {
    const state = settled();
    const zombie = consumer(state, 'consumer-2');
    zombie.owned.push({ partition: 0, position: 2, processedNext: 2, committed: 2, stoppedBy: null });
    zombie.generation = 0;
    const cases = singleOwner.check(state);
    expect(cases.map((c) => c.summary)).toEqual(['group-1 p0 is owned by consumer-1 and consumer-2 at once']);
    expect(cases[0].data).toMatchObject({ group: 'group-1', partition: 0, groupGeneration: 1, owners: [{ consumer: 'consumer-1', inCurrentGeneration: true, assignedThere: true }, { consumer: 'consumer-2', generation: 0, inCurrentGeneration: false }] });
    expect(singleOwner.explain(cases[0])).toBe(
      `At ${state.nowMs}ms consumer-1 (assigned it in the current generation 1) and consumer-2 (still acting on generation 0 as ${zombie.memberId}, which the coordinator (now at generation 1) no longer counts) both own partition 0 of group-1 and are running, so both may poll and process it. ` +
        'The classic group protocol fences a stale member only when it next talks to the coordinator: until its next heartbeat or commit is refused, it keeps processing: single-owner is broken.',
    );
  });

  it('does not count a paused or crashed owner, and is silent on a settled group', () => {
    const state = settled();
    expect(singleOwner.check(state)).toEqual([]);
    const paused = consumer(state, 'consumer-2');
    paused.owned.push({ partition: 0, position: 0, processedNext: 0, committed: -1, stoppedBy: null });
    paused.status = 'paused';
    expect(singleOwner.check(state)).toEqual([]);
  });

  it('finds nothing in a fresh state', () => {
    expect(singleOwner.check(initState())).toEqual([]);
  });

  it('is guaranteed only without zombie-making faults and with heartbeats at most a third of the timeouts', () => {
    expect(singleOwner.guaranteedWhen(groupConfig({ 'model.group.faults': 'crash,failover' }))).toEqual({ guaranteed: true });
    expect(singleOwner.guaranteedWhen(groupConfig({ 'model.group.faults': 'crash,pause' }))).toEqual({
      guaranteed: false,
      because: 'model.group.faults includes pause (a member that misses its session keeps processing until told; the classic protocol fences only its commits)',
    });
    expect(singleOwner.guaranteedWhen(groupConfig({ 'model.group.faults': 'crash', 'session.timeout.ms': 2000 }))).toMatchObject({ guaranteed: false, because: 'session.timeout.ms=2000 is under 3 × heartbeat.interval.ms=1000 (a live member can miss its session)' });
  });
});

describe('single-owner with static members (KIP-345)', () => {
  it('names an owner whose group.instance.id another process took over, and stops counting it once it exited fenced', () => {
    const state = settled({ 'model.group.instance.ids': 'per-consumer' });
    const zombie = consumer(state, 'consumer-2');
    const old = zombie.memberId;
    // consumer-2's instance id now belongs to a new member id that holds p0 (a replacement's JoinGroup).
    const group = state.coordinator.groups[0];
    group.members.find((m) => m.groupInstanceId === 'instance-2')!.memberId = 'instance-2-9';
    zombie.owned.push({ partition: 0, position: 2, processedNext: 2, committed: 2, stoppedBy: null });
    const cases = singleOwner.check(state);
    expect(cases[0].data).toMatchObject({ owners: [{ consumer: 'consumer-1' }, { consumer: 'consumer-2', memberId: old, inCurrentGeneration: false, fencedBy: 'instance-2-9' }] });
    expect(singleOwner.explain(cases[0])).toContain(`consumer-2 (fenced as ${old}: its group.instance.id now belongs to instance-2-9, and it has not yet been answered FENCED_INSTANCE_ID)`);
    zombie.status = 'fenced';
    expect(singleOwner.check(state)).toEqual([]);
  });

  it('is guaranteed with static members that crash and restart, not with a replacement process running beside the old one', () => {
    expect(singleOwner.guaranteedWhen(groupConfig({ 'model.group.instance.ids': 'per-consumer', 'model.group.faults': 'crash' }))).toEqual({ guaranteed: true });
    expect(singleOwner.guaranteedWhen(groupConfig({ 'model.group.instance.ids': 'replacement', 'model.consumers': 3 }))).toEqual({
      guaranteed: false,
      because: "model.group.instance.ids=replacement (a replacement takes over a running static member's partitions before the old process learns it is fenced)",
    });
  });
});

describe('assignment-valid', () => {
  it('fires on a partition given twice, a partition that does not exist, and a member not in the generation', () => {
    const state = settled();
    state.ghost.assignments.push(assignmentRecord(state, { assignments: [{ memberId: 'm1', partitions: [0, 1, 7] }, { memberId: 'm2', partitions: [1] }, { memberId: 'm9', partitions: [0] }] }));
    const cases = assignmentValid.check(state);
    expect(cases.map((c) => c.summary)).toEqual([
      'group-1 generation 4: cooperative-sticky assigns p7, which does not exist, to m1',
      'group-1 generation 4: cooperative-sticky assigns partitions to m9, which is not a member',
      'group-1 generation 4: cooperative-sticky assigns p1 to m1 and m2',
    ]);
    expect(assignmentValid.explain(cases[2])).toBe(
      `In generation 4 of group-1, the leader m1 ran the cooperative-sticky assignor and sent its assignment in SyncGroup at ${state.nowMs}ms. It gives partition 1 to m1 and m2: two members of one generation own it. assignment-valid is broken.`,
    );
  });

  it('fires on partitions given to a member that does not subscribe to the topic', () => {
    const state = settled();
    state.ghost.assignments.push(assignmentRecord(state, { members: [{ memberId: 'm1', clientId: 'consumer-1', topics: ['other'], ownedPartitions: [] }, { memberId: 'm2', clientId: 'consumer-2', topics: ['topic'], ownedPartitions: [] }] }));
    expect(assignmentValid.check(state).map((c) => (c.data as { kind: string }).kind)).toEqual(['not-subscribed']);
  });

  it('is silent on a valid assignment, and judges only the assignments of the last step', () => {
    const state = settled();
    state.ghost.assignments.push(assignmentRecord(state, {}));
    expect(assignmentValid.check(state)).toEqual([]);
    state.ghost.assignments.push(assignmentRecord(state, { step: state.stepCount - 1, assignments: [{ memberId: 'm1', partitions: [9] }] }));
    expect(assignmentValid.check(state)).toEqual([]);
  });

  it('finds nothing in a fresh state', () => {
    expect(assignmentValid.check(initState())).toEqual([]);
  });
});

describe('assignment-complete', () => {
  it('fires when a quiescent, stable group leaves a partition without an owner', () => {
    const state = settled();
    const owner = state.consumers.find((c) => c.owned.some((o) => o.partition === 1))!;
    const member = state.coordinator.groups[0].members.find((m) => m.memberId === owner.memberId)!;
    owner.owned = owner.owned.filter((o) => o.partition !== 1);
    member.assignment = member.assignment.filter((p) => p !== 1);
    const cases = assignmentComplete.check(state);
    expect(cases.map((c) => c.summary)).toEqual(['group-1 is stable in generation 1 with p1 unowned']);
    expect(assignmentComplete.explain(cases[0])).toContain('Yet p1 has no owner, so nobody consumes it. assignment-complete is broken.');
  });

  it('is silent while a member still has to rejoin (a cooperative round in progress)', () => {
    const state = settled();
    const owner = state.consumers.find((c) => c.owned.some((o) => o.partition === 1))!;
    const member = state.coordinator.groups[0].members.find((m) => m.memberId === owner.memberId)!;
    owner.owned = owner.owned.filter((o) => o.partition !== 1);
    member.assignment = member.assignment.filter((p) => p !== 1);
    owner.rejoinNeeded = true;
    expect(assignmentComplete.check(state)).toEqual([]);
  });

  it('is silent on a settled group and finds nothing in a fresh state', () => {
    expect(assignmentComplete.check(settled({ 'num.partitions': 3, 'model.consumers': 3 }))).toEqual([]);
    expect(assignmentComplete.check(initState())).toEqual([]);
  });
});

describe('revoke-before-assign', () => {
  it('fires when a partition another member still claims is added to a member in the same generation', () => {
    const state = settled();
    state.ghost.assignments.push(
      assignmentRecord(state, {
        members: [
          { memberId: 'm1', clientId: 'consumer-1', topics: ['topic'], ownedPartitions: [0, 1] },
          { memberId: 'm2', clientId: 'consumer-2', topics: ['topic'], ownedPartitions: [] },
        ],
      }),
    );
    const cases = revokeBeforeAssign.check(state);
    expect(cases.map((c) => c.summary)).toEqual(['group-1 generation 4 gives p1 to m2 while m1 still owns it']);
    expect(revokeBeforeAssign.explain(cases[0])).toBe(
      `In generation 4 of group-1 (cooperative-sticky, cooperative), m1 rejoined still owning partition 1, as cooperative members do. The assignment sent at ${state.nowMs}ms adds partition 1 to m2 in that same generation, instead of withholding it until m1 has revoked it: m2 may start on it while m1 is still processing it. revoke-before-assign is broken.`,
    );
  });

  it('is silent when the moving partition is withheld, and when members keep what they claim', () => {
    const state = settled();
    const members = [
      { memberId: 'm1', clientId: 'consumer-1', topics: ['topic'], ownedPartitions: [0, 1] },
      { memberId: 'm2', clientId: 'consumer-2', topics: ['topic'], ownedPartitions: [] },
    ];
    state.ghost.assignments.push(assignmentRecord(state, { members, assignments: [{ memberId: 'm1', partitions: [0] }, { memberId: 'm2', partitions: [] }] }));
    state.ghost.assignments.push(assignmentRecord(state, { members, assignments: [{ memberId: 'm1', partitions: [0, 1] }, { memberId: 'm2', partitions: [] }] }));
    expect(revokeBeforeAssign.check(state)).toEqual([]);
  });

  it('finds nothing in a fresh state', () => {
    expect(revokeBeforeAssign.check(initState())).toEqual([]);
  });
});

describe('generation-fenced', () => {
  it('fires on a commit accepted from a stale generation, an unknown member, or while CompletingRebalance', () => {
    const state = settled();
    state.ghost.commits.push(commitRecord(state, { generation: 2 }));
    state.ghost.commits.push(commitRecord(state, { memberKnown: false, memberId: 'consumer-1-9' }));
    state.ghost.commits.push(commitRecord(state, { groupState: 'CompletingRebalance' }));
    const cases = generationFenced.check(state);
    expect(cases.map((c) => c.summary)).toEqual([
      'group-1 accepted a commit from consumer-1: generation 2 is stale (group at 3)',
      'group-1 accepted a commit from consumer-1: consumer-1-9 is not a member',
      'group-1 accepted a commit from consumer-1: the group is CompletingRebalance',
    ]);
    expect(generationFenced.explain(cases[0])).toBe(
      "At 2500ms the coordinator (broker 1) accepted consumer-1's OffsetCommit of p0=5, although it carries generation 2 while the group is in generation 3 (ILLEGAL_GENERATION). A stale member moved the group's committed offsets: generation-fenced is broken.",
    );
  });

  it('is silent on commits of the current generation, simple commits to an empty group, and every commit of a settled run', () => {
    const state = settled();
    expect(state.ghost.commits.length).toBeGreaterThan(0);
    expect(generationFenced.check(state)).toEqual([]);
    state.ghost.commits.push(commitRecord(state, {}));
    state.ghost.commits.push(commitRecord(state, { memberId: '', generation: -1, groupState: 'Empty', memberKnown: false }));
    expect(generationFenced.check(state)).toEqual([]);
  });

  it('finds nothing in a fresh state', () => {
    expect(generationFenced.check(initState())).toEqual([]);
  });

  it('fires on a commit accepted from a static member id that a replacement fenced (no longer a member)', () => {
    const state = settled({ 'model.group.instance.ids': 'per-consumer' });
    state.ghost.commits.push(commitRecord(state, { memberKnown: false, memberId: 'instance-1-1' }));
    expect(generationFenced.check(state).map((c) => c.summary)).toEqual(['group-1 accepted a commit from consumer-1: instance-1-1 is not a member']);
  });
});

describe('committed-offset-monotonic', () => {
  it('fires when an accepted commit moves a committed offset backwards', () => {
    const state = settled();
    state.ghost.commits.push(commitRecord(state, { offsets: [{ partition: 1, offset: 2, previous: 5 }] }));
    const cases = committedOffsetMonotonic.check(state);
    expect(cases.map((c) => c.summary)).toEqual(['group-1 p1 committed offset went from 5 back to 2']);
    expect(committedOffsetMonotonic.explain(cases[0])).toBe(
      "group-1's committed offset of partition 1 was 5. At 2500ms the coordinator accepted consumer-1's commit of offset 2 (consumer-1-1, generation 3): the group moved backwards, and whoever next starts on partition 1 re-reads offsets 2..4. committed-offset-monotonic is broken.",
    );
  });

  it('is silent on first commits, equal and growing offsets', () => {
    const state = settled();
    state.ghost.commits.push(commitRecord(state, { offsets: [{ partition: 0, offset: 0, previous: -1 }, { partition: 1, offset: 5, previous: 5 }, { partition: 1, offset: 6, previous: 5 }] }));
    expect(committedOffsetMonotonic.check(state)).toEqual([]);
  });

  it('finds nothing in a fresh state', () => {
    expect(committedOffsetMonotonic.check(initState())).toEqual([]);
  });
});
