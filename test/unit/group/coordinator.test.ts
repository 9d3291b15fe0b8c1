import { describe, expect, it } from 'vitest';
import { handleBrokerRequest, offsetCommitError, selectProtocol } from '../../../model/group/coordinator.ts';
import type { GroupRpc } from '../../../model/group/rpc.ts';
import type { ClassicGroup, GroupModelState } from '../../../model/group/types.ts';
import { groupModel } from '../../../model/group/index.ts';
import { apply, consumer, initState, ownedOf, runUntil, settle } from './drive.ts';

/** The messages broker `from` has queued for node `to`, oldest first. */
function sentTo(state: GroupModelState, from: string, to: string): GroupRpc[] {
  return state.wire.connections.find((c) => c.from === from && c.to === to)?.inFlight.map((m) => m.body) ?? [];
}

/** Takes what waits for the scripted client, which no consumer of the model will read. */
function drain(state: GroupModelState, from: string, to: string): void {
  const connection = state.wire.connections.find((c) => c.from === from && c.to === to);
  if (connection) connection.inFlight.length = 0;
}

const SUBSCRIPTION = { topics: ['topic'], ownedPartitions: [], generation: -1, previousAssignment: [] };

function join(memberId: string, protocols = ['range']): GroupRpc {
  return { type: 'JoinGroup', requestId: `r-${memberId || 'new'}`, group: 'group-1', memberId, clientId: 'consumer-9', protocols, subscription: SUBSCRIPTION, sessionTimeoutMs: 3000, rebalanceTimeoutMs: 6000 };
}

/** A scripted new dynamic member: JoinGroup, MEMBER_ID_REQUIRED, JoinGroup again with the given id (KIP-394). */
function joinNew(state: GroupModelState, protocols = ['range']): string {
  handleBrokerRequest(state, 1, 'consumer-9', join('', protocols));
  const answer = sentTo(state, 'broker-1', 'consumer-9').at(-1);
  if (answer?.type !== 'JoinGroupResponse' || answer.error !== 'MEMBER_ID_REQUIRED') throw new Error(`expected MEMBER_ID_REQUIRED, got ${JSON.stringify(answer)}`);
  drain(state, 'broker-1', 'consumer-9');
  handleBrokerRequest(state, 1, 'consumer-9', join(answer.memberId, protocols));
  return answer.memberId;
}

describe('ClassicGroup.selectProtocol', () => {
  it('picks among protocols every member supports the one most members prefer', () => {
    expect(selectProtocol([{ protocols: ['range', 'roundrobin'] }, { protocols: ['roundrobin', 'range'] }, { protocols: ['roundrobin'] }])).toBe('roundrobin');
    expect(selectProtocol([{ protocols: ['range', 'roundrobin'] }, { protocols: ['range', 'roundrobin'] }, { protocols: ['roundrobin', 'range'] }])).toBe('range');
  });

  it('breaks a tie by name, not by member order', () => {
    expect(selectProtocol([{ protocols: ['sticky', 'range'] }, { protocols: ['range', 'sticky'] }])).toBe('range');
    expect(selectProtocol([{ protocols: ['range', 'sticky'] }, { protocols: ['sticky', 'range'] }])).toBe('range');
  });
});

describe('ClassicGroup.validateOffsetCommit', () => {
  const group = (state: ClassicGroup['state'], generation = 3): ClassicGroup => ({
    groupId: 'g',
    state,
    generation,
    protocol: 'range',
    leader: 'm1',
    members: state === 'Empty' ? [] : [{ memberId: 'm1', groupInstanceId: null, clientId: 'c', protocols: ['range'], subscription: SUBSCRIPTION, sessionTimeoutMs: 1, rebalanceTimeoutMs: 1, awaitingJoin: null, awaitingSync: null, assignment: [] }],
    initialDelayPending: false,
    pendingMembers: [],
    pendingSyncMembers: [],
  });

  it('accepts the current generation while Stable or PreparingRebalance, and simple commits to an empty group', () => {
    expect(offsetCommitError(group('Stable'), 'm1', 3)).toBe('NONE');
    expect(offsetCommitError(group('PreparingRebalance'), 'm1', 3)).toBe('NONE');
    expect(offsetCommitError(group('Empty'), '', -1)).toBe('NONE');
  });

  it('fences unknown members, stale generations, and commits while CompletingRebalance', () => {
    expect(offsetCommitError(group('Stable'), 'm2', 3)).toBe('UNKNOWN_MEMBER_ID');
    expect(offsetCommitError(group('Stable'), 'm1', 2)).toBe('ILLEGAL_GENERATION');
    expect(offsetCommitError(group('CompletingRebalance'), 'm1', 3)).toBe('REBALANCE_IN_PROGRESS');
    expect(offsetCommitError(group('Empty'), 'm1', 3)).toBe('UNKNOWN_MEMBER_ID');
    expect(offsetCommitError(group('Stable'), '', -1)).toBe('UNKNOWN_MEMBER_ID');
  });
});

describe('coordinator requests', () => {
  it('answers requests of stale generations and unknown members with ILLEGAL_GENERATION and UNKNOWN_MEMBER_ID', () => {
    const state = initState();
    settle(state);
    const member = consumer(state, 'consumer-1').memberId;
    handleBrokerRequest(state, 1, 'consumer-9', { type: 'Heartbeat', requestId: 'h1', group: 'group-1', memberId: member, generation: 0 });
    handleBrokerRequest(state, 1, 'consumer-9', { type: 'Heartbeat', requestId: 'h2', group: 'group-1', memberId: 'nobody', generation: 1 });
    handleBrokerRequest(state, 1, 'consumer-9', { type: 'SyncGroup', requestId: 's1', group: 'group-1', memberId: member, generation: 7, assignments: [] });
    handleBrokerRequest(state, 1, 'consumer-9', { type: 'OffsetCommit', requestId: 'o1', group: 'group-1', memberId: member, generation: 0, offsets: [{ partition: 0, offset: 1 }] });
    expect(sentTo(state, 'broker-1', 'consumer-9').map((m) => ('error' in m ? m.error : m.type))).toEqual(['ILLEGAL_GENERATION', 'UNKNOWN_MEMBER_ID', 'ILLEGAL_GENERATION', 'ILLEGAL_GENERATION']);
    expect(state.store.committed[0].offsets).toEqual([2, 2]);
  });

  it('refuses a JoinGroup whose protocols no member supports (INCONSISTENT_GROUP_PROTOCOL)', () => {
    const state = initState();
    settle(state);
    handleBrokerRequest(state, 1, 'consumer-9', join('', ['roundrobin']));
    expect(sentTo(state, 'broker-1', 'consumer-9')).toMatchObject([{ type: 'JoinGroupResponse', error: 'INCONSISTENT_GROUP_PROTOCOL' }]);
    expect(state.coordinator.groups[0].state).toBe('Stable');
  });

  it('starts a rebalance when a new member joins: heartbeats get REBALANCE_IN_PROGRESS, commits of the current generation are still accepted', () => {
    const state = initState();
    settle(state);
    const member = consumer(state, 'consumer-1').memberId;
    joinNew(state);
    expect(state.coordinator.groups[0].state).toBe('PreparingRebalance');
    handleBrokerRequest(state, 1, 'consumer-9', { type: 'Heartbeat', requestId: 'h', group: 'group-1', memberId: member, generation: 1 });
    handleBrokerRequest(state, 1, 'consumer-9', { type: 'OffsetCommit', requestId: 'o', group: 'group-1', memberId: member, generation: 1, offsets: [{ partition: 0, offset: 2 }] });
    expect(sentTo(state, 'broker-1', 'consumer-9').map((m) => ('error' in m ? m.error : m.type))).toEqual(['REBALANCE_IN_PROGRESS', 'NONE']);
  });

  // Found by kmc fuzz around group-coordinator-broker-crash (seed mf-f1, config 53): a member
  // that reached its moved coordinator only to commit had its session expire 300 ms later, and
  // single-owner broke, reported as guaranteed.
  it('a commit in Stable or PreparingRebalance keeps the member\'s session alive, as Kafka does (GroupCoordinator.doCommitOffsets, OffsetMetadataManager.commitOffset)', () => {
    const state = initState();
    settle(state);
    const member = consumer(state, 'consumer-1').memberId;
    const sessionDueMs = (): number => state.timers.find((t) => t.kind === 'session' && t.target === `group-1/${member}`)!.dueMs;
    state.nowMs += 1000;
    handleBrokerRequest(state, 1, 'consumer-9', { type: 'OffsetCommit', requestId: 'o1', group: 'group-1', memberId: member, generation: 1, offsets: [{ partition: 0, offset: 2 }] });
    expect(sessionDueMs()).toBe(state.nowMs + 3000);
    expect(sentTo(state, 'broker-1', 'consumer-9')).toMatchObject([{ type: 'OffsetCommitResponse', error: 'NONE' }]);
    joinNew(state);
    expect(state.coordinator.groups[0].state).toBe('PreparingRebalance');
    state.nowMs += 1000;
    handleBrokerRequest(state, 1, 'consumer-9', { type: 'OffsetCommit', requestId: 'o2', group: 'group-1', memberId: member, generation: 1, offsets: [{ partition: 0, offset: 2 }] });
    expect(sessionDueMs()).toBe(state.nowMs + 3000);
    expect(sentTo(state, 'broker-1', 'consumer-9').filter((m) => m.type === 'OffsetCommitResponse')).toMatchObject([{ error: 'NONE' }]);
  });

  it('answers NOT_COORDINATOR from a broker that is not the coordinator; any broker answers FindCoordinator', () => {
    const state = initState();
    handleBrokerRequest(state, 2, 'consumer-9', join(''));
    handleBrokerRequest(state, 2, 'consumer-9', { type: 'FindCoordinator', requestId: 'f', group: 'group-1' });
    expect(sentTo(state, 'broker-2', 'consumer-9')).toMatchObject([
      { type: 'JoinGroupResponse', error: 'NOT_COORDINATOR' },
      { type: 'FindCoordinatorResponse', coordinator: 1 },
    ]);
  });
});

describe('membership over time', () => {
  it('evicts a crashed member when its session expires, and gives its partitions to the others', () => {
    const state = initState({ 'model.group.faults': 'crash', 'model.group.records': 0 });
    settle(state);
    const dead = consumer(state, 'consumer-2').memberId;
    apply(state, { type: 'crash', consumer: 'consumer-2' });
    const lines = runUntil(state, (s) => s.coordinator.groups[0].state === 'Stable' && s.coordinator.groups[0].generation === 2 && ownedOf(s, 'consumer-1').length === 2, 3000, (e) => e.type === 'restart');
    // Its last sign of life is its auto-commit at 500 ms, which renewed its session (3000 ms).
    expect(lines).toContain(`broker-1: session of ${dead} expires at 3500ms`);
    expect(state.coordinator.groups[0].members.map((m) => m.memberId)).toEqual([consumer(state, 'consumer-1').memberId]);
  });

  it('evicts a member that does not rejoin within the rebalance timeout (max.poll.interval.ms)', () => {
    const state = initState({ 'model.group.faults': 'pause', 'session.timeout.ms': 20000, 'model.group.records': 0 });
    settle(state);
    const slow = consumer(state, 'consumer-2').memberId;
    apply(state, { type: 'pause', consumer: 'consumer-2' });
    const startMs = state.nowMs;
    joinNew(state);
    const lines = runUntil(state, (s) => s.coordinator.groups[0].generation === 2, 3000, (e) => e.type === 'resume');
    expect(lines.filter((l) => l.includes('rebalance timeout of group-1'))).toEqual([`broker-1: rebalance timeout of group-1 at ${startMs + 6000}ms`]);
    expect(state.coordinator.groups[0].members.map((m) => m.memberId)).not.toContain(slow);
  });

  it('fails over: the new coordinator loads the group Stable from __consumer_offsets, the old one answers NOT_COORDINATOR', () => {
    const state = initState({ 'model.group.faults': 'failover' });
    settle(state);
    const before = state.coordinator.groups[0];
    apply(state, { type: 'failover', partition: 0, broker: 2 });
    expect(state.offsetsTopic[0].leader).toBe(2);
    expect(state.coordinator.groups[0]).toMatchObject({ state: 'Stable', generation: before.generation, leader: before.leader });
    expect(state.coordinator.groups[0].members.map((m) => [m.memberId, m.assignment])).toEqual(before.members.map((m) => [m.memberId, m.assignment]));
    expect(state.timers.filter((t) => t.kind === 'session').map((t) => t.node)).toEqual(['broker-2', 'broker-2']);
    const lines = settle(state);
    expect(lines.some((l) => l.includes('broker-1 → consumer-') && l.includes('NOT_COORDINATOR'))).toBe(true);
    expect(lines.some((l) => l.includes('FindCoordinatorResponse group-1: broker 2'))).toBe(true);
    expect(state.coordinator.groups[0].generation).toBe(before.generation);
    expect(consumer(state, 'consumer-1').coordinator).toBe(2);
  });

  it('fails over in the middle of a rebalance: held JoinGroups get NOT_COORDINATOR and the group restarts from the last written generation', () => {
    const state = initState({ 'model.group.faults': 'failover', 'model.group.records': 0 });
    settle(state);
    joinNew(state);
    runUntil(state, (s) => s.coordinator.groups[0].members.filter((m) => m.awaitingJoin !== null).length === 2);
    expect(state.coordinator.groups[0].state).toBe('PreparingRebalance');
    apply(state, { type: 'failover', partition: 0, broker: 2 });
    expect(state.coordinator.groups[0]).toMatchObject({ state: 'Stable', generation: 1 });
    expect(state.coordinator.groups[0].members).toHaveLength(2);
    expect(sentTo(state, 'broker-1', 'consumer-9')).toMatchObject([{ type: 'JoinGroupResponse', error: 'NOT_COORDINATOR' }]);
    drain(state, 'broker-1', 'consumer-9');
    settle(state);
    expect(groupModel.settled(state)).toBe(true);
  });
});
