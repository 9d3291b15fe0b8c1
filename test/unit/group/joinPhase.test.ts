/**
 * The join and sync phases' deadlines: the MEMBER_ID_REQUIRED round trip of a new dynamic member
 * (KIP-394, GroupMetadataManager.classicGroupJoinNewDynamicMember), a pending member id that never
 * comes back (removePendingMemberAndUpdateClassicGroup), and members that never send SyncGroup
 * (KAFKA-12890, expirePendingSync).
 */
import { describe, expect, it } from 'vitest';
import { handleBrokerRequest } from '../../../model/group/coordinator.ts';
import type { GroupRpc } from '../../../model/group/rpc.ts';
import { consumer, drain, initState, runUntil, sentTo, settle } from './drive.ts';

const SUBSCRIPTION = { topics: ['topic'], ownedPartitions: [], generation: -1, previousAssignment: [] };

function join(memberId: string, sessionTimeoutMs = 3000): GroupRpc {
  return { type: 'JoinGroup', requestId: `r-${memberId || 'new'}`, group: 'group-1', memberId, clientId: 'consumer-9', protocols: ['range'], subscription: SUBSCRIPTION, sessionTimeoutMs, rebalanceTimeoutMs: 6000 };
}

describe('MEMBER_ID_REQUIRED (KIP-394)', () => {
  it('a new consumer is answered MEMBER_ID_REQUIRED with a member id, and joins again with it', () => {
    const state = initState({ 'model.group.records': 0 });
    const lines = settle(state);
    const ofConsumer1 = lines.filter((l) => /consumer-1 → broker-1: JoinGroup|broker-1 → consumer-1: JoinGroupResponse/.test(l));
    expect(ofConsumer1).toEqual([
      'consumer-1 → broker-1: JoinGroup group-1 (new member, protocols range,cooperative-sticky)',
      'broker-1 → consumer-1: JoinGroupResponse group-1 MEMBER_ID_REQUIRED: join again as consumer-1-1',
      'consumer-1 → broker-1: JoinGroup group-1 (consumer-1-1, protocols range,cooperative-sticky)',
      expect.stringMatching(/^broker-1 → consumer-1: JoinGroupResponse group-1: consumer-1-1 in generation 1/),
    ]);
    expect(consumer(state, 'consumer-1').memberId).toBe('consumer-1-1');
    expect(state.coordinator.groups[0].pendingMembers).toEqual([]);
  });

  it('a pending member id does not rebalance the group, and is forgotten after its session timeout if it never comes back', () => {
    const state = initState({ 'model.group.records': 0 });
    settle(state);
    const group = state.coordinator.groups[0];
    handleBrokerRequest(state, 1, 'consumer-9', join(''));
    const [answer] = sentTo(state, 'broker-1', 'consumer-9');
    expect(answer).toMatchObject({ type: 'JoinGroupResponse', error: 'MEMBER_ID_REQUIRED' });
    const pending = (answer as Extract<GroupRpc, { type: 'JoinGroupResponse' }>).memberId;
    drain(state, 'broker-1', 'consumer-9');
    expect(group).toMatchObject({ state: 'Stable', generation: 1, pendingMembers: [pending] });
    const startMs = state.nowMs;
    const lines = runUntil(state, (s) => s.coordinator.groups[0].pendingMembers.length === 0);
    expect(lines.at(-1)).toBe(`broker-1: session of ${pending} expires at ${startMs + 3000}ms`);
    expect(state.coordinator.groups[0]).toMatchObject({ state: 'Stable', generation: 1 });
    handleBrokerRequest(state, 1, 'consumer-9', join(pending));
    expect(sentTo(state, 'broker-1', 'consumer-9')).toMatchObject([{ type: 'JoinGroupResponse', error: 'UNKNOWN_MEMBER_ID' }]);
  });

  it('a pending member id that sends LeaveGroup is forgotten at once (classicGroupLeave)', () => {
    const state = initState({ 'model.group.records': 0 });
    settle(state);
    handleBrokerRequest(state, 1, 'consumer-9', join(''));
    const pending = (sentTo(state, 'broker-1', 'consumer-9')[0] as Extract<GroupRpc, { type: 'JoinGroupResponse' }>).memberId;
    drain(state, 'broker-1', 'consumer-9');
    handleBrokerRequest(state, 1, 'consumer-9', { type: 'LeaveGroup', requestId: 'l', group: 'group-1', memberId: pending });
    expect(sentTo(state, 'broker-1', 'consumer-9')).toMatchObject([{ type: 'LeaveGroupResponse', error: 'NONE' }]);
    expect(state.coordinator.groups[0]).toMatchObject({ state: 'Stable', generation: 1, pendingMembers: [] });
    expect(state.timers.filter((t) => t.target === `group-1/${pending}`)).toEqual([]);
  });

  it('the join phase waits for a pending member id (ClassicGroup.hasAllMembersJoined)', () => {
    const state = initState({ 'model.group.records': 0, 'session.timeout.ms': 20000 });
    settle(state);
    handleBrokerRequest(state, 1, 'consumer-9', join('', 20000));
    const pending = (sentTo(state, 'broker-1', 'consumer-9')[0] as Extract<GroupRpc, { type: 'JoinGroupResponse' }>).memberId;
    drain(state, 'broker-1', 'consumer-9');
    // consumer-1 rejoins (as the leader does when it wants a rebalance): both members are back, one id is still pending.
    consumer(state, 'consumer-1').rejoinNeeded = true;
    const startMs = state.nowMs;
    const lines = runUntil(state, (s) => s.coordinator.groups[0].generation === 2);
    // Both members rejoined within a heartbeat; the phase ends only at the rebalance timeout.
    expect(lines.filter((l) => l.includes('→ broker-1: JoinGroup'))).toHaveLength(2);
    const [, endMs] = /^broker-1: rebalance timeout of group-1 at (\d+)ms$/.exec(lines.at(-1)!)!;
    expect(Number(endMs)).toBeGreaterThanOrEqual(startMs + 6000);
    expect(state.coordinator.groups[0].pendingMembers).toEqual([pending]);
  });
});

describe('SyncGroup timeout (KAFKA-12890)', () => {
  it('removes a member that never sends SyncGroup within the rebalance timeout, and rebalances without it', () => {
    const state = initState({ 'model.group.records': 0, 'session.timeout.ms': 20000 });
    settle(state);
    handleBrokerRequest(state, 1, 'consumer-9', join('', 20000));
    const newcomer = (sentTo(state, 'broker-1', 'consumer-9')[0] as Extract<GroupRpc, { type: 'JoinGroupResponse' }>).memberId;
    drain(state, 'broker-1', 'consumer-9');
    handleBrokerRequest(state, 1, 'consumer-9', join(newcomer, 20000));
    runUntil(state, (s) => s.coordinator.groups[0].state === 'Stable' && s.coordinator.groups[0].generation === 2 && s.coordinator.groups[0].pendingSyncMembers.length === 1);
    // The newcomer got its JoinGroup answer (it waits, undelivered, for consumer-9) but never syncs.
    const group = state.coordinator.groups[0];
    expect(group.pendingSyncMembers).toEqual([newcomer]);
    expect(group.members.map((m) => m.memberId)).toContain(newcomer);
    const lines = runUntil(state, (s) => s.coordinator.groups[0].generation === 3 && s.coordinator.groups[0].state === 'Stable' && s.coordinator.groups[0].pendingSyncMembers.length === 0);
    const deadline = lines.find((l) => l.includes('SyncGroup deadline of group-1'));
    expect(deadline).toMatch(/^broker-1: SyncGroup deadline of group-1 \(members that have not synced are removed\) at \d+ms$/);
    expect(lines.some((l) => l.includes(`session of ${newcomer} expires`))).toBe(false);
    expect(state.coordinator.groups[0].members.map((m) => m.memberId)).not.toContain(newcomer);
    expect(state.timers.filter((t) => t.kind === 'pending-sync')).toEqual([]);
  });

  it('a static member id replaced before it synced still owes its SyncGroup: the deadline rebalances the group (ClassicGroup.replaceStaticMember, expirePendingSync)', () => {
    const state = initState({ 'model.group.records': 0, 'session.timeout.ms': 20000, 'model.group.instance.ids': 'per-consumer' });
    settle(state);
    const staticJoin = (from: string, memberId: string): GroupRpc => ({ ...(join(memberId, 20000) as Extract<GroupRpc, { type: 'JoinGroup' }>), requestId: `r-${from}-${memberId || 'new'}`, clientId: from, groupInstanceId: 'instance-9' });
    handleBrokerRequest(state, 1, 'consumer-9', staticJoin('consumer-9', ''));
    runUntil(state, (s) => s.coordinator.groups[0].state === 'Stable' && s.coordinator.groups[0].generation === 2 && s.coordinator.groups[0].pendingSyncMembers.length === 1);
    const group = state.coordinator.groups[0];
    const first = group.members.find((m) => m.groupInstanceId === 'instance-9')!.memberId;
    expect(group.pendingSyncMembers).toEqual([first]);
    // A second process with instance-9 joins a Stable group: its id replaces the first, no rebalance.
    handleBrokerRequest(state, 1, 'consumer-8', staticJoin('consumer-8', ''));
    expect(group.state).toBe('Stable');
    expect(group.members.map((m) => m.memberId)).not.toContain(first);
    expect(group.pendingSyncMembers).toEqual([first]);
    const lines = runUntil(state, (s) => s.coordinator.groups[0].state === 'PreparingRebalance');
    expect(lines[lines.length - 1]).toMatch(/^broker-1: SyncGroup deadline of group-1 \(members that have not synced are removed\) at \d+ms$/);
    expect(group.generation).toBe(2);
  });

  it('stays silent when every member syncs: no deadline is left behind', () => {
    const state = initState({ 'model.group.records': 0 });
    settle(state);
    expect(state.coordinator.groups[0].pendingSyncMembers).toEqual([]);
    expect(state.timers.filter((t) => t.kind === 'pending-sync')).toEqual([]);
  });
});
