/**
 * The broker's bounds on session.timeout.ms (group.min.session.timeout.ms, default 6000;
 * group.max.session.timeout.ms, default 1800000). GroupCoordinator.handleJoinGroup (and
 * GroupCoordinatorService.joinGroup in the new coordinator) answers a JoinGroup whose session
 * timeout lies outside them with INVALID_SESSION_TIMEOUT before looking at the group; the Java
 * consumer's JoinGroupResponseHandler treats it as fatal ("JoinGroup failed due to fatal error"),
 * and joinGroupIfNeeded throws the non-retriable InvalidSessionTimeoutException from poll().
 */
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../../model/config.ts';
import { handleBrokerRequest } from '../../../model/group/coordinator.ts';
import { groupModel } from '../../../model/group/index.ts';
import type { GroupRpc } from '../../../model/group/rpc.ts';
import { consumer, drain, initState, sentTo, settle } from './drive.ts';

const SUBSCRIPTION = { topics: ['topic'], ownedPartitions: [], generation: -1, previousAssignment: [] };

function join(sessionTimeoutMs: number): GroupRpc {
  return { type: 'JoinGroup', requestId: 'r', group: 'group-1', memberId: '', clientId: 'consumer-9', protocols: ['range'], subscription: SUBSCRIPTION, sessionTimeoutMs, rebalanceTimeoutMs: 6000 };
}

function answerTo(sessionTimeoutMs: number, bounds: Record<string, number>): string {
  const state = initState({ 'model.group.records': 0, ...bounds });
  settle(state);
  handleBrokerRequest(state, 1, 'consumer-9', join(sessionTimeoutMs));
  const [answer] = sentTo(state, 'broker-1', 'consumer-9');
  drain(state, 'broker-1', 'consumer-9');
  return answer.type === 'JoinGroupResponse' ? answer.error : answer.type;
}

describe('INVALID_SESSION_TIMEOUT (GroupCoordinator.handleJoinGroup)', () => {
  it('refuses a session timeout below group.min.session.timeout.ms or above group.max.session.timeout.ms; the bounds themselves are accepted', () => {
    const bounds = { 'group.min.session.timeout.ms': 2000, 'group.max.session.timeout.ms': 20000 };
    expect(answerTo(1999, bounds)).toBe('INVALID_SESSION_TIMEOUT');
    expect(answerTo(20001, bounds)).toBe('INVALID_SESSION_TIMEOUT');
    expect(answerTo(2000, bounds)).toBe('MEMBER_ID_REQUIRED');
    expect(answerTo(20000, bounds)).toBe('MEMBER_ID_REQUIRED');
  });

  it("has Kafka's defaults: 6000 and 1800000", () => {
    const config = resolveConfig({});
    expect([config['group.min.session.timeout.ms'], config['group.max.session.timeout.ms']]).toEqual([6000, 1800000]);
  });

  it('is fatal for the consumer: it exits, never joins, and the run still settles with an empty group', () => {
    // The group scenarios' 3000 ms session under Kafka's default lower bound of 6000.
    const state = initState({ 'group.min.session.timeout.ms': 6000, 'model.group.records': 2 });
    const lines = settle(state);
    expect(lines).toContain("broker-1 → consumer-1: JoinGroupResponse group-1 INVALID_SESSION_TIMEOUT: session.timeout.ms outside the broker's group.min/max.session.timeout.ms (fatal: the consumer exits)");
    expect(lines.filter((l) => l.includes('→ broker-1: JoinGroup'))).toHaveLength(2);
    expect([consumer(state, 'consumer-1').status, consumer(state, 'consumer-2').status]).toEqual(['failed', 'failed']);
    expect(state.coordinator.groups[0]).toMatchObject({ state: 'Empty', members: [], generation: 0 });
    expect(groupModel.settled(state)).toBe(true);
    expect(groupModel.healEvents(state)).toEqual([]);
  });

  it('the group scenarios lower group.min.session.timeout.ms to admit their 3000 ms session: their consumers join', () => {
    const state = initState({ 'model.group.records': 0 });
    expect(state.config['session.timeout.ms']).toBe(3000);
    expect(state.config['group.min.session.timeout.ms']).toBeLessThanOrEqual(3000);
    settle(state);
    expect(state.coordinator.groups[0]).toMatchObject({ state: 'Stable', generation: 1 });
  });
});
