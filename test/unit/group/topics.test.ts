/**
 * Several topics, per-consumer subscriptions, subscription changes (ConsumerCoordinator:
 * joinedSubscription, onJoinPrepare's cooperative revocation of unsubscribed topics) and
 * partitions added at run time (the leader's assignmentSnapshot vs its refreshed metadata).
 */
import { describe, expect, it } from 'vitest';
import { ConfigError, resolveConfig } from '../../../model/config.ts';
import { groupModel } from '../../../model/group/index.ts';
import { partitionLabel } from '../../../model/group/topics.ts';
import type { GroupModelState } from '../../../model/group/types.ts';
import { assignmentComplete } from '../../../properties/group/assignmentComplete.ts';
import { assignmentValid } from '../../../properties/group/assignmentValid.ts';
import { lostProcessing } from '../../../properties/group/lostProcessing.ts';
import { apply, consumer, initState, runUntil, settle } from './drive.ts';

function labelsOf(state: GroupModelState, clientId: string): string[] {
  return consumer(state, clientId).owned.map((o) => partitionLabel(state, o.partition));
}

/** Settles, checking the assignment properties after every step. */
function settleJudged(state: GroupModelState): string[] {
  const seen: string[] = [];
  runUntil(state, (s) => {
    for (const c of [...assignmentValid.check(s), ...assignmentComplete.check(s)]) seen.push(c.summary);
    return groupModel.settled(s);
  });
  return seen;
}

describe('several topics', () => {
  it('numbers partitions globally in creation order and assigns both topics to members subscribed to both', () => {
    const state = initState({ 'model.group.topics': 2 });
    expect(state.topics.partitions).toEqual([
      { topic: 'topic', partition: 0 },
      { topic: 'topic', partition: 1 },
      { topic: 'topic2', partition: 0 },
      { topic: 'topic2', partition: 1 },
    ]);
    expect(settleJudged(state)).toEqual([]);
    // range: each topic's partitions are split among its subscribers.
    expect(labelsOf(state, 'consumer-1')).toEqual(['topic-0', 'topic2-0']);
    expect(labelsOf(state, 'consumer-2')).toEqual(['topic-1', 'topic2-1']);
    expect(state.store.committed[0].offsets).toEqual([2, 2, 2, 2]);
  });

  it('gives each member only partitions of the topics it subscribes to (model.group.subscriptions)', () => {
    const state = initState({ 'model.group.topics': 2, 'model.group.subscriptions': '1;1,2', 'partition.assignment.strategy': 'cooperative-sticky' });
    expect(consumer(state, 'consumer-1').subscription).toEqual(['topic']);
    expect(consumer(state, 'consumer-2').subscription).toEqual(['topic', 'topic2']);
    expect(settleJudged(state)).toEqual([]);
    expect(labelsOf(state, 'consumer-1').every((l) => l.startsWith('topic-'))).toBe(true);
    expect([...labelsOf(state, 'consumer-1'), ...labelsOf(state, 'consumer-2')].sort()).toEqual(['topic-0', 'topic-1', 'topic2-0', 'topic2-1']);
    expect(labelsOf(state, 'consumer-2')).toContain('topic2-0');
    expect(labelsOf(state, 'consumer-2')).toContain('topic2-1');
  });

  it('leaves a topic nobody subscribes to unconsumed, and the group still settles', () => {
    const state = initState({ 'model.group.topics': 2, 'model.group.subscriptions': '1;1' });
    expect(settleJudged(state)).toEqual([]);
    expect(state.store.committed[0].offsets).toEqual([2, 2, -1, -1]);
  });
});

describe('subscription changes', () => {
  it('cooperative: the member revokes the partitions of the topic it dropped before JoinGroup, and the group rebalances onto the new subscriptions', () => {
    const state = initState({ 'model.group.topics': 2, 'model.group.subscriptions': '1;2', 'model.group.subscription.changes.max': 1, 'partition.assignment.strategy': 'cooperative-sticky', 'model.group.records': 0 });
    settle(state);
    expect(labelsOf(state, 'consumer-1')).toEqual(['topic-0', 'topic-1']);
    expect(labelsOf(state, 'consumer-2')).toEqual(['topic2-0', 'topic2-1']);
    expect(apply(state, { type: 'subscribe', consumer: 'consumer-1', topics: ['topic2'] })).toBe('consumer-1 subscribes to topic2');
    // The next poll() rejoins: topic's partitions are revoked at once (onJoinPrepare), topic2's are claimed by consumer-2 still.
    expect(consumer(state, 'consumer-1').owned).toEqual([]);
    expect(consumer(state, 'consumer-1').joinState).toBe('joining');
    expect(settleJudged(state)).toEqual([]);
    expect(labelsOf(state, 'consumer-1')).toHaveLength(1);
    expect(labelsOf(state, 'consumer-2')).toHaveLength(1);
    expect([...labelsOf(state, 'consumer-1'), ...labelsOf(state, 'consumer-2')].sort()).toEqual(['topic2-0', 'topic2-1']);
  });

  it('eager: a subscription change rebalances everyone and the new assignment follows the new subscriptions', () => {
    const state = initState({ 'model.group.topics': 2, 'model.group.subscription.changes.max': 2, 'partition.assignment.strategy': 'range' });
    settle(state);
    apply(state, { type: 'subscribe', consumer: 'consumer-2', topics: ['topic2'] });
    expect(settleJudged(state)).toEqual([]);
    expect(labelsOf(state, 'consumer-1')).toEqual(['topic-0', 'topic-1', 'topic2-0']);
    expect(labelsOf(state, 'consumer-2')).toEqual(['topic2-1']);
  });

  it('is offered only up to model.group.subscription.changes.max, and only with several topics', () => {
    const state = initState({ 'model.group.topics': 2, 'model.group.subscription.changes.max': 1, 'model.group.records': 0 });
    settle(state);
    const offered = groupModel.enabled(state).filter((e) => e.type === 'subscribe');
    expect(offered).toEqual([
      { type: 'subscribe', consumer: 'consumer-1', topics: ['topic'] },
      { type: 'subscribe', consumer: 'consumer-1', topics: ['topic2'] },
      { type: 'subscribe', consumer: 'consumer-2', topics: ['topic'] },
      { type: 'subscribe', consumer: 'consumer-2', topics: ['topic2'] },
    ]);
    apply(state, offered[0]);
    expect(groupModel.enabled(state).some((e) => e.type === 'subscribe')).toBe(false);
    const single = initState({ 'model.group.subscription.changes.max': 3, 'model.group.records': 0 });
    settle(single);
    expect(groupModel.enabled(single).some((e) => e.type === 'subscribe')).toBe(false);
  });
});

describe('partitions added at run time', () => {
  const added = { 'model.group.partitions.added.max': 1, 'metadata.max.age.ms': 2000, 'partition.assignment.strategy': 'cooperative-sticky' } as const;

  it('the leader notices the new partition at its metadata refresh and rejoins; the new partition is then owned and consumed from the start (auto.offset.reset=earliest)', () => {
    const state = initState(added);
    settle(state);
    const generation = state.coordinator.groups[0].generation;
    expect(apply(state, { type: 'create-partitions', topic: 'topic' })).toBe('an admin adds partition 2 to topic (CreatePartitions)');
    expect(state.partitionCount).toBe(3);
    expect(state.store.committed[0].offsets).toEqual([2, 2, -1]);
    // Until the leader's metadata shows it, the group stays stable and p2 is not yet owed an owner.
    expect(groupModel.settled(state)).toBe(false);
    expect(assignmentComplete.check(state)).toEqual([]);
    expect(settleJudged(state)).toEqual([]);
    expect(state.coordinator.groups[0].generation).toBeGreaterThan(generation);
    expect([...consumer(state, 'consumer-1').owned, ...consumer(state, 'consumer-2').owned].map((o) => o.partition).sort()).toEqual([0, 1, 2]);
    expect(state.store.committed[0].offsets).toEqual([2, 2, 2]);
    const leaderAssignment = state.ghost.assignments[state.ghost.assignments.length - 1];
    expect(leaderAssignment.partitionCount).toBe(3);
  });

  it('with auto.offset.reset=latest the records already in the new partition are skipped: the group starts it at its end', () => {
    const state = initState({ ...added, 'auto.offset.reset': 'latest' });
    settle(state);
    apply(state, { type: 'create-partitions', topic: 'topic' });
    settle(state);
    expect(state.history.filter((op) => op.type === 'process' && op.partition === 2)).toEqual([]);
    expect(state.store.committed[0].offsets[2]).toBe(2);
    apply(state, { type: 'final-read' });
    expect(lostProcessing.check(state).map((c) => c.summary)).toContain('group-1 p2 offsets 0 and 1 committed but never processed');
    expect(lostProcessing.guaranteedWhen(state.config)).toMatchObject({ guaranteed: false });
  });

  it('adds partitions only up to model.group.partitions.added.max, and arms no metadata refresh without it', () => {
    const state = initState({ ...added, 'model.group.topics': 2 });
    expect(groupModel.enabled(state).filter((e) => e.type === 'create-partitions')).toEqual([
      { type: 'create-partitions', topic: 'topic' },
      { type: 'create-partitions', topic: 'topic2' },
    ]);
    apply(state, { type: 'create-partitions', topic: 'topic2' });
    expect(partitionLabel(state, 4)).toBe('topic2-2');
    expect(groupModel.enabled(state).some((e) => e.type === 'create-partitions')).toBe(false);
    expect(initState().timers.some((t) => t.kind === 'metadata')).toBe(false);
  });
});

describe('join/leave churn', () => {
  it('close sends LeaveGroup so the group rebalances at once; start joins again as a new member', () => {
    const state = initState({ 'model.group.churn.max': 1, 'partition.assignment.strategy': 'cooperative-sticky' });
    settle(state);
    const memberId = consumer(state, 'consumer-2').memberId;
    expect(apply(state, { type: 'close', consumer: 'consumer-2' })).toBe('consumer-2 closes (KafkaConsumer.close(): leaves the group, the process ends)');
    expect(consumer(state, 'consumer-2').status).toBe('closed');
    expect(groupModel.enabled(state).some((e) => e.type === 'close')).toBe(false);
    const lines = runUntil(state, (s) => s.coordinator.groups[0].members.length === 1 && groupModel.settled({ ...s, consumers: s.consumers.filter((c) => c.status !== 'closed') }), 3000, (e) => e.type === 'start');
    expect(lines).toContain(`consumer-2 → broker-1: LeaveGroup group-1 (${memberId})`);
    expect(lines.some((l) => l.includes('session of'))).toBe(false);
    expect(consumer(state, 'consumer-1').owned.map((o) => o.partition)).toEqual([0, 1]);
    expect(apply(state, { type: 'start', consumer: 'consumer-2' })).toBe('consumer-2 starts again (a new process, a new member)');
    expect(settleJudged(state)).toEqual([]);
    expect(consumer(state, 'consumer-2').memberId).not.toBe(memberId);
    expect(consumer(state, 'consumer-2').incarnation).toBe(1);
  });

  it('a consumer closes only between polls with everything it consumed committed', () => {
    const state = initState({ 'model.group.churn.max': 5, 'enable.auto.commit': true });
    runUntil(state, (s) => consumer(s, 'consumer-1').buffer.length > 0);
    expect(groupModel.enabled(state)).not.toContainEqual({ type: 'close', consumer: 'consumer-1' });
    settle(state);
    expect(groupModel.enabled(state)).toContainEqual({ type: 'close', consumer: 'consumer-1' });
  });

  it('the settle phase starts every closed consumer again (healEvents)', () => {
    const state = initState({ 'model.group.churn.max': 2 });
    settle(state);
    apply(state, { type: 'close', consumer: 'consumer-1' });
    apply(state, { type: 'close', consumer: 'consumer-2' });
    expect(groupModel.healEvents(state)).toEqual([
      { type: 'start', consumer: 'consumer-1' },
      { type: 'start', consumer: 'consumer-2' },
    ]);
    expect(groupModel.settled(state)).toBe(false);
  });
});

describe('config', () => {
  it('reads model.group.subscriptions as topic numbers per consumer and checks them', () => {
    expect(resolveConfig({ 'model.group.topics': 2, 'model.group.subscriptions': '1,2;2' })['model.group.subscriptions']).toEqual([[1, 2], [2]]);
    expect(resolveConfig({})['model.group.subscriptions']).toEqual([]);
    expect(() => resolveConfig({ 'model.group.topics': 2, 'model.group.subscriptions': '1;3' })).toThrow('model.group.subscriptions: consumer 2 names topic 3, but model.group.topics=2 (topics are numbered 1..2)');
    expect(() => resolveConfig({ 'model.group.topics': 2, 'model.group.subscriptions': '1' })).toThrow('model.group.subscriptions names 1 consumers but model.consumers=2');
    expect(() => resolveConfig({ 'model.group.subscriptions': 'a;1' })).toThrow(ConfigError);
    expect(() => resolveConfig({ 'model.group.subscriptions': '1,1;1' })).toThrow('model.group.subscriptions: consumer 1 names a topic twice');
    expect(() => resolveConfig({ 'model.group.topics': 4 })).toThrow('model.group.topics=4: must be between 1 and 3');
    expect(() => resolveConfig({ 'model.group.churn.max': -1 })).toThrow('model.group.churn.max=-1: must be between 0 and 50');
  });
});
