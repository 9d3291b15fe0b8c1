/**
 * Static membership (KIP-345, group.instance.id): GroupMetadataManager.classicGroupJoinNewStaticMember
 * and updateStaticMemberThenRebalanceOrCompleteJoin, ClassicGroup.replaceStaticMember and
 * validateMember at the coordinator; AbstractCoordinator.maybeLeaveGroup and the fatal
 * FencedInstanceIdException at the consumer.
 */
import { describe, expect, it } from 'vitest';
import { handleBrokerRequest } from '../../../model/group/coordinator.ts';
import type { GroupRpc } from '../../../model/group/rpc.ts';
import type { GroupModelState } from '../../../model/group/types.ts';
import { groupModel } from '../../../model/group/index.ts';
import { ConfigError, resolveConfig } from '../../../model/config.ts';
import { singleOwner } from '../../../properties/group/singleOwner.ts';
import { generationFenced } from '../../../properties/group/generationFenced.ts';
import { apply, consumer, inFlightFrom, initState, ownedOf, runUntil, sentTo, settle } from './drive.ts';

const SUBSCRIPTION = { topics: ['topic'], ownedPartitions: [], generation: -1, previousAssignment: [] };

function staticJoin(memberId: string, groupInstanceId: string, from = 'consumer-9'): GroupRpc {
  return { type: 'JoinGroup', requestId: `r-${from}-${memberId || 'new'}`, group: 'group-1', memberId, groupInstanceId, clientId: from, protocols: ['range', 'cooperative-sticky'], subscription: SUBSCRIPTION, sessionTimeoutMs: 3000, rebalanceTimeoutMs: 6000 };
}

const STATIC = { 'model.group.instance.ids': 'per-consumer', 'model.group.records': 0 } as const;

describe('model.group.instance.ids', () => {
  it('derives group.instance.id from the consumer number, per group; a replacement shares its group\'s first id and starts stopped', () => {
    const ids = (mode: string) => initState({ 'model.group.instance.ids': mode, 'model.groups': 2, 'model.consumers': 3 }).consumers.map((c) => `${c.clientId}:${c.groupInstanceId}:${c.status}`);
    expect(ids('none')).toEqual(['consumer-1:null:running', 'consumer-2:null:running', 'consumer-3:null:running', 'consumer-4:null:running', 'consumer-5:null:running', 'consumer-6:null:running']);
    expect(ids('per-consumer')).toEqual(['consumer-1:instance-1:running', 'consumer-2:instance-2:running', 'consumer-3:instance-3:running', 'consumer-4:instance-4:running', 'consumer-5:instance-5:running', 'consumer-6:instance-6:running']);
    expect(ids('replacement')).toEqual(['consumer-1:instance-1:running', 'consumer-2:instance-2:running', 'consumer-3:instance-1:crashed', 'consumer-4:instance-4:running', 'consumer-5:instance-5:running', 'consumer-6:instance-4:crashed']);
  });

  it('rejects an unknown mode, and a replacement without a member to replace, naming the key (exit 2)', () => {
    expect(() => resolveConfig({ 'model.group.instance.ids': 'shared' })).toThrow('model.group.instance.ids=shared: must be one of none, per-consumer, replacement');
    expect(() => resolveConfig({ 'model.group.instance.ids': 'replacement', 'model.consumers': 1 })).toThrow(ConfigError);
    expect(() => resolveConfig({ 'model.group.instance.ids': 'replacement', 'model.consumers': 1 })).toThrow('model.group.instance.ids=replacement needs model.consumers >= 2 (got 1)');
  });
});

describe('a static member joins (KIP-345)', () => {
  it('joins without MEMBER_ID_REQUIRED; its member id starts with its group.instance.id', () => {
    const state = initState(STATIC);
    const lines = settle(state);
    expect(lines.some((l) => l.includes('MEMBER_ID_REQUIRED'))).toBe(false);
    expect(lines).toContain('consumer-1 → broker-1: JoinGroup group-1 (new member, group.instance.id instance-1, protocols range,cooperative-sticky)');
    expect(state.coordinator.groups[0].members.map((m) => [m.groupInstanceId, m.memberId])).toEqual([
      ['instance-1', 'instance-1-1'],
      ['instance-2', 'instance-2-2'],
    ]);
  });

  it("the leader's JoinGroup answer carries each member's group.instance.id, which the assignors order static members by", () => {
    const state = initState(STATIC);
    const leaderAnswer = (s: GroupModelState) => inFlightFrom(s, 'broker-1').find((m) => m.type === 'JoinGroupResponse' && m.members.length > 0);
    runUntil(state, (s) => leaderAnswer(s) !== undefined);
    expect(leaderAnswer(state)).toMatchObject({ members: [{ memberId: 'instance-1-1', groupInstanceId: 'instance-1' }, { memberId: 'instance-2-2', groupInstanceId: 'instance-2' }] });
  });

  it('a follower restarted within session.timeout.ms gets a new member id and its partitions back, with no rebalance', () => {
    const state = initState(STATIC);
    settle(state);
    const group = state.coordinator.groups[0];
    const follower = state.consumers.find((c) => c.memberId !== group.leader)!.clientId;
    const before = { generation: group.generation, owned: ownedOf(state, follower), memberId: consumer(state, follower).memberId, assignments: state.ghost.assignments.length };
    apply(state, { type: 'crash', consumer: follower });
    apply(state, { type: 'restart', consumer: follower });
    const lines = settle(state);
    expect(lines.some((l) => l.includes('session of') || l.includes('rebalance timeout') || l.includes('REBALANCE_IN_PROGRESS'))).toBe(false);
    expect(state.coordinator.groups[0].generation).toBe(before.generation);
    expect(state.ghost.assignments).toHaveLength(before.assignments);
    expect(ownedOf(state, follower)).toEqual(before.owned);
    expect(consumer(state, follower).memberId).not.toBe(before.memberId);
    expect(state.coordinator.groups[0].members.map((m) => m.memberId)).not.toContain(before.memberId);
  });

  it('a leader restarted within session.timeout.ms stays leader and skips the assignment (KIP-814)', () => {
    const state = initState(STATIC);
    settle(state);
    const group = state.coordinator.groups[0];
    const leader = state.consumers.find((c) => c.memberId === group.leader)!.clientId;
    const owned = ownedOf(state, leader);
    apply(state, { type: 'crash', consumer: leader });
    apply(state, { type: 'restart', consumer: leader });
    const lines = settle(state);
    expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^broker-1 → ${leader}: JoinGroupResponse group-1: instance-\\d-\\d+ back in generation 1 as leader, no rebalance \\(skipAssignment\\)$`)));
    expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^${leader} → broker-1: SyncGroup group-1 \\(instance-\\d-\\d+, generation 1\\)$`)));
    expect(state.coordinator.groups[0].leader).toBe(consumer(state, leader).memberId);
    expect(ownedOf(state, leader)).toEqual(owned);
    expect(state.ghost.assignments).toHaveLength(1);
  });

  it('a static member whose session expires is still evicted, and the group rebalances', () => {
    const state = initState(STATIC);
    settle(state);
    const gone = consumer(state, 'consumer-2').memberId;
    apply(state, { type: 'crash', consumer: 'consumer-2' });
    const lines = runUntil(state, (s) => s.coordinator.groups[0].generation === 2 && s.coordinator.groups[0].state === 'Stable' && ownedOf(s, 'consumer-1').length === 2, 3000, (e) => e.type === 'restart');
    expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^broker-1: session of ${gone} expires at \\d+ms$`)));
    expect(state.coordinator.groups[0].members.map((m) => m.groupInstanceId)).toEqual(['instance-1']);
  });
});

describe('fencing by group.instance.id', () => {
  it('answers FENCED_INSTANCE_ID to every later request of the replaced member id, commits included', () => {
    const state = initState(STATIC);
    settle(state);
    const old = consumer(state, 'consumer-2').memberId;
    apply(state, { type: 'crash', consumer: 'consumer-2' });
    apply(state, { type: 'restart', consumer: 'consumer-2' });
    settle(state);
    const committed = state.store.committed[0].offsets.slice();
    const commits = state.ghost.commits.length;
    const fields = { group: 'group-1', memberId: old, groupInstanceId: 'instance-2', generation: 1 };
    handleBrokerRequest(state, 1, 'consumer-9', { type: 'Heartbeat', requestId: 'h', ...fields });
    handleBrokerRequest(state, 1, 'consumer-9', { type: 'SyncGroup', requestId: 's', ...fields, assignments: [] });
    handleBrokerRequest(state, 1, 'consumer-9', { type: 'OffsetCommit', requestId: 'o', ...fields, offsets: [{ partition: 0, offset: 1 }] });
    handleBrokerRequest(state, 1, 'consumer-9', staticJoin(old, 'instance-2'));
    handleBrokerRequest(state, 1, 'consumer-9', { type: 'Heartbeat', requestId: 'u', ...fields, groupInstanceId: 'instance-7' });
    expect(sentTo(state, 'broker-1', 'consumer-9').map((m) => ('error' in m ? m.error : m.type))).toEqual(['FENCED_INSTANCE_ID', 'FENCED_INSTANCE_ID', 'FENCED_INSTANCE_ID', 'FENCED_INSTANCE_ID', 'UNKNOWN_MEMBER_ID']);
    expect(state.store.committed[0].offsets).toEqual(committed);
    expect(state.ghost.commits).toHaveLength(commits);
  });

  it('answers a held JoinGroup of the replaced member id with FENCED_INSTANCE_ID', () => {
    const state = initState(STATIC);
    settle(state);
    handleBrokerRequest(state, 1, 'consumer-9', staticJoin('', 'instance-9', 'consumer-9'));
    expect(state.coordinator.groups[0].state).toBe('PreparingRebalance');
    handleBrokerRequest(state, 1, 'consumer-8', staticJoin('', 'instance-9', 'consumer-8'));
    expect(sentTo(state, 'broker-1', 'consumer-9')).toMatchObject([{ type: 'JoinGroupResponse', error: 'FENCED_INSTANCE_ID', memberId: 'instance-9-3' }]);
    expect(state.coordinator.groups[0].members.filter((m) => m.groupInstanceId === 'instance-9').map((m) => m.memberId)).toEqual(['instance-9-4']);
  });

  it('a replacement process takes over a running member: the old one owns its partitions until FENCED_INSTANCE_ID, then exits', () => {
    const state = initState({ 'model.group.instance.ids': 'replacement', 'model.consumers': 3, 'model.group.records': 0 });
    expect(consumer(state, 'consumer-3')).toMatchObject({ status: 'crashed', groupInstanceId: 'instance-1', incarnation: -1 });
    runUntil(state, (s) => s.coordinator.groups[0].state === 'Stable' && ownedOf(s, 'consumer-1').length > 0 && s.coordinator.groups[0].pendingSyncMembers.length === 0, 3000, (e) => e.type === 'restart');
    const owned = ownedOf(state, 'consumer-1');
    const generation = state.coordinator.groups[0].generation;
    expect(apply(state, { type: 'restart', consumer: 'consumer-3' })).toBe('consumer-3 starts with group.instance.id instance-1 (a replacement process)');
    runUntil(state, (s) => ownedOf(s, 'consumer-3').length > 0, 3000, (e) => e.type === 'restart');
    // Both own the partitions now: the coordinator moved them without a rebalance; consumer-1 does not know yet.
    expect(ownedOf(state, 'consumer-3')).toEqual(owned);
    expect(ownedOf(state, 'consumer-1')).toEqual(owned);
    expect(state.coordinator.groups[0].generation).toBe(generation);
    expect(singleOwner.check(state).map((c) => c.summary)).toEqual(owned.map((p) => `group-1 p${p} is owned by consumer-1 and consumer-3 at once`));
    expect(singleOwner.explain(singleOwner.check(state)[0])).toContain('its group.instance.id now belongs to instance-1-');
    const lines = runUntil(state, (s) => consumer(s, 'consumer-1').status === 'fenced');
    // Its next heartbeat or auto-commit, whichever comes first, is refused.
    const [, request] = /^broker-1 → consumer-1: (Heartbeat|OffsetCommit)Response group-1 FENCED_INSTANCE_ID$/.exec(lines.at(-1)!)!;
    expect(state.history.filter((op) => op.type === 'fenced')).toMatchObject([{ consumer: 'consumer-1', groupInstanceId: 'instance-1', request, owned }]);
    expect(singleOwner.check(state)).toEqual([]);
    expect(inFlightFrom(state, 'consumer-1')).toEqual([]);
    settle(state);
    expect(groupModel.enabled(state).some((e) => e.type === 'restart')).toBe(false);
    expect(state.coordinator.groups[0].generation).toBe(generation);
    expect(generationFenced.check(state)).toEqual([]);
  });
});

describe('a static member never sends LeaveGroup (AbstractCoordinator.maybeLeaveGroup)', () => {
  it('stuck in processing past max.poll.interval.ms, it resets its member id without LeaveGroup and rejoins by its instance id, with no rebalance', () => {
    // consumer-2's heartbeats move the clock in steps, so the pause ends before consumer-1's session does.
    const state = initState({ 'model.group.instance.ids': 'per-consumer', 'model.group.faults': 'pause', 'session.timeout.ms': 20000, 'enable.auto.commit': false });
    runUntil(state, (s) => consumer(s, 'consumer-1').buffer.length > 0, 3000, (e) => e.type === 'process');
    const first = consumer(state, 'consumer-1').memberId;
    const generation = state.coordinator.groups[0].generation;
    apply(state, { type: 'pause', consumer: 'consumer-1' });
    runUntil(state, (s) => s.nowMs > 7000, 3000, (e) => e.type === 'resume');
    apply(state, { type: 'resume', consumer: 'consumer-1' });
    runUntil(state, (s) => consumer(s, 'consumer-1').memberId === '', 100, (e) => e.type === 'process');
    expect(inFlightFrom(state, 'consumer-1').some((m) => m.type === 'LeaveGroup')).toBe(false);
    const lines = settle(state);
    expect(lines.some((l) => l.includes('LeaveGroup'))).toBe(false);
    expect(consumer(state, 'consumer-1').memberId).not.toBe(first);
    expect(state.coordinator.groups[0].generation).toBe(generation);
  });
});
