/**
 * assignment-valid and assignment-complete with several topics, differing subscriptions and
 * partitions added at run time: each fires on a minimal breaking state and stays silent where
 * Kafka's promise does not reach.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { rangeAssignor } from '../../../../model/assignors/range.ts';
import type { AssignmentRecord, GroupModelState } from '../../../../model/group/types.ts';
import { createPartition } from '../../../../model/group/topics.ts';
import { assignmentComplete } from '../../../../properties/group/assignmentComplete.ts';
import { assignmentValid } from '../../../../properties/group/assignmentValid.ts';
import { groupModel } from '../../../../model/group/index.ts';
import { apply, consumer, initState, runUntil, settle } from '../drive.ts';

const TWO_TOPICS = { 'model.group.topics': 2, 'model.group.subscriptions': '1;1,2', 'partition.assignment.strategy': 'cooperative-sticky' } as const;

/** A group run until it settled. */
function settledRun(overrides: Record<string, string | number | boolean>): GroupModelState {
  const state = initState(overrides);
  settle(state);
  return state;
}

/**
 * The settled run's last assignment record, with two made-up members: partitions 0,1 are topic's,
 * 2,3 topic2's; m1 subscribes to topic only, m2 to both.
 */
function record(state: GroupModelState, overrides: Partial<AssignmentRecord>): AssignmentRecord {
  const last = state.ghost.assignments[state.ghost.assignments.length - 1];
  return {
    ...last,
    step: state.stepCount,
    generation: 4,
    leader: 'm1',
    members: [{ memberId: 'm1', clientId: 'consumer-1', topics: ['topic'], ownedPartitions: [] }, { memberId: 'm2', clientId: 'consumer-2', topics: ['topic', 'topic2'], ownedPartitions: [] }],
    assignments: [{ memberId: 'm1', partitions: [0, 1] }, { memberId: 'm2', partitions: [2, 3] }],
    ...overrides,
  };
}

describe('assignment-valid with several topics', () => {
  it('fires when a member gets a partition of a topic it does not subscribe to, naming the topic and the partition', () => {
    const state = settledRun(TWO_TOPICS);
    state.ghost.assignments.push(record(state, { assignments: [{ memberId: 'm1', partitions: [0, 3] }, { memberId: 'm2', partitions: [1, 2] }] }));
    const cases = assignmentValid.check(state);
    expect(cases.map((c) => c.summary)).toEqual(['group-1 generation 4: cooperative-sticky assigns partitions of topic2 to m1, which does not subscribe to it']);
    expect(assignmentValid.explain(cases[0])).toContain('It assigns partitions of topic2 (topic2-1 among them) to m1, which does not subscribe to topic2. assignment-valid is broken.');
  });

  it('fires on a partition beyond the table at the assignment, and names partitions given twice as topic-partition', () => {
    const state = settledRun(TWO_TOPICS);
    state.ghost.assignments.push(record(state, { assignments: [{ memberId: 'm1', partitions: [0, 1] }, { memberId: 'm2', partitions: [1, 2, 3, 4] }] }));
    expect(assignmentValid.check(state).map((c) => c.summary)).toEqual([
      'group-1 generation 4: cooperative-sticky assigns p4, which does not exist, to m2',
      'group-1 generation 4: cooperative-sticky assigns topic-1 to m1 and m2',
    ]);
  });

  it('is silent on a valid assignment over differing subscriptions, and on an added partition once the table has it', () => {
    const state = settledRun(TWO_TOPICS);
    state.ghost.assignments.push(record(state, {}));
    expect(assignmentValid.check(state)).toEqual([]);
    state.ghost.assignments.push(record(state, { partitionCount: 5, partitionTopics: ['topic', 'topic', 'topic2', 'topic2', 'topic'], assignments: [{ memberId: 'm1', partitions: [0, 1, 4] }, { memberId: 'm2', partitions: [2, 3] }] }));
    expect(assignmentValid.check(state)).toEqual([]);
  });

  it('stays silent through a whole run with differing subscriptions, a subscription change and an added partition', () => {
    const state = initState({ ...TWO_TOPICS, 'model.group.subscription.changes.max': 1, 'model.group.partitions.added.max': 1, 'metadata.max.age.ms': 2000 });
    const fired: string[] = [];
    const judged = (s: GroupModelState): boolean => {
      for (const c of [...assignmentValid.check(s), ...assignmentComplete.check(s)]) fired.push(c.summary);
      return groupModel.settled(s);
    };
    runUntil(state, judged);
    apply(state, { type: 'subscribe', consumer: 'consumer-1', topics: ['topic2'] });
    runUntil(state, judged);
    apply(state, { type: 'create-partitions', topic: 'topic2' });
    runUntil(state, judged);
    expect(state.ghost.assignments.length).toBeGreaterThan(2);
    expect(state.ghost.assignments[state.ghost.assignments.length - 1].partitionCount).toBe(5);
    expect(fired).toEqual([]);
  });
});

describe('assignment-complete with several topics', () => {
  it('fires when a partition of a subscribed topic has no owner in a stable group', () => {
    const state = settledRun(TWO_TOPICS);
    const owner = state.consumers.find((c) => c.owned.some((o) => o.partition === 3))!;
    const member = state.coordinator.groups[0].members.find((m) => m.memberId === owner.memberId)!;
    owner.owned = owner.owned.filter((o) => o.partition !== 3);
    member.assignment = member.assignment.filter((p) => p !== 3);
    const cases = assignmentComplete.check(state);
    expect(cases.map((c) => c.summary)).toEqual([`group-1 is stable in generation ${state.coordinator.groups[0].generation} with p3 unowned`]);
    expect(cases[0].data).toMatchObject({ unowned: [3], topics: ['topic', 'topic2'] });
  });

  it('is silent on partitions of a topic no member subscribes to', () => {
    const state = settledRun({ 'model.group.topics': 2, 'model.group.subscriptions': '1;1' });
    expect(consumer(state, 'consumer-1').owned.length + consumer(state, 'consumer-2').owned.length).toBe(2);
    expect(assignmentComplete.check(state)).toEqual([]);
  });

  it('is silent on a partition added after the generation was assigned, and fires once the generation knew it', () => {
    const state = settledRun({ ...TWO_TOPICS, 'model.group.partitions.added.max': 1 });
    createPartition(state, 'topic2');
    expect(assignmentComplete.check(state)).toEqual([]);
    const leader = state.consumers.find((c) => c.memberId === state.coordinator.groups[0].leader)!;
    leader.assignmentSnapshot = { partitions: state.partitionCount, topics: ['topic', 'topic2'] };
    expect(assignmentComplete.check(state).map((c) => (c.data as { unowned: number[] }).unowned)).toEqual([[4]]);
  });
});

describe('assignment-valid guarantee', () => {
  it("is not promised with kafkajs-roundrobin when subscriptions differ (KafkaJS's assigner ignores them), and promised otherwise", () => {
    const differing = initState({ ...TWO_TOPICS, 'partition.assignment.strategy': 'kafkajs-roundrobin' }).config;
    expect(assignmentValid.guaranteedWhen(differing)).toMatchObject({ guaranteed: false });
    expect(assignmentValid.guaranteedWhen(initState({ 'model.group.topics': 2, 'partition.assignment.strategy': 'kafkajs-roundrobin' }).config)).toEqual({ guaranteed: true });
    expect(assignmentValid.guaranteedWhen(initState(TWO_TOPICS).config)).toEqual({ guaranteed: true });
  });

  it('a kafkajs-roundrobin leader with differing subscriptions breaks it at the first SyncGroup', () => {
    const state = initState({ ...TWO_TOPICS, 'model.consumers': 3, 'model.group.subscriptions': '1;2;1,2', 'partition.assignment.strategy': 'kafkajs-roundrobin' });
    const fired: string[] = [];
    runUntil(state, (s) => {
      fired.push(...assignmentValid.check(s).map((c) => c.summary));
      return s.ghost.assignments.length > 0;
    });
    fired.push(...assignmentValid.check(state).map((c) => c.summary));
    expect(fired[0]).toMatch(/kafkajs-roundrobin assigns partitions of topic2? to consumer-\d-\d, which does not subscribe to it/);
  });
});

const originalRangeAssign = rangeAssignor.assign.bind(rangeAssignor);

describe('what the leader sends for partitions its metadata does not know', () => {
  const breakRange = (extra: { topic: string; partition: number }) =>
    vi.spyOn(rangeAssignor, 'assign').mockImplementation(function (this: unknown, input) {
      const output = originalRangeAssign(input);
      output.assignments[0][1].push(extra);
      return output;
    });

  afterEach(() => vi.restoreAllMocks());

  it('with one topic, an unknown partition goes to the coordinator as its number, and assignment-valid fires on it', () => {
    breakRange({ topic: 'topic', partition: 7 });
    const state = initState({ 'partition.assignment.strategy': 'range' });
    runUntil(state, (s) => s.ghost.assignments.length > 0);
    expect(assignmentValid.check(state).map((c) => c.summary)).toEqual(['group-1 generation 1: range assigns p7, which does not exist, to consumer-1-1']);
  });

  it('with several topics, a partition with no global index is dropped', () => {
    breakRange({ topic: 'topic2', partition: 9 });
    const state = initState({ 'model.group.topics': 2, 'partition.assignment.strategy': 'range' });
    runUntil(state, (s) => s.ghost.assignments.length > 0);
    expect(state.ghost.assignments[0].assignments.flatMap((a) => a.partitions).sort()).toEqual([0, 1, 2, 3]);
  });
});
