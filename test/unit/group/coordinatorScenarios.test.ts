/**
 * The coordinator scenarios use per-partition placement: which broker coordinates which group
 * follows from Utils.abs(groupId.hashCode) % offsets.topic.num.partitions (50 by default) and
 * the replica placement; and a scripted path through group-coordinator-broker-crash (every broker
 * crashes in turn, the coordinating one first) keeps the scenario's claims.
 */
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../../model/config.ts';
import { groupModel } from '../../../model/group/index.ts';
import { coordinatorOf } from '../../../model/group/offsetsTopic.ts';
import type { GroupModelState } from '../../../model/group/types.ts';
import { singleOwner } from '../../../properties/group/singleOwner.ts';
import { groupCoordinatorBrokerCrash, groupCoordinatorFailover, groupTwoGroupsIndependent } from '../../../scenarios/builtin/groupCoordinator.ts';
import type { Scenario } from '../../../scenarios/scenario.ts';
import { apply, runUntil } from './drive.ts';

function init(scenario: Scenario): GroupModelState {
  return groupModel.init(resolveConfig(scenario.config), scenario.seed);
}

describe('coordinator scenarios: placement', () => {
  it('group-two-groups-independent: the two groups are coordinated by different brokers', () => {
    const state = init(groupTwoGroupsIndependent);
    expect(state.offsetsTopic.map((p) => [p.partition, p.groups, p.leader])).toEqual([
      [0, ['group-2'], 1],
      [49, ['group-1'], 2],
    ]);
    expect(state.groupIds.map((g) => coordinatorOf(state, g))).toEqual([2, 1]);
  });

  it('group-coordinator-failover and group-coordinator-broker-crash: group-1 starts on broker 2, with replicas 2, 3, 1', () => {
    for (const scenario of [groupCoordinatorFailover, groupCoordinatorBrokerCrash]) {
      const state = init(scenario);
      expect(state.offsetsTopic).toMatchObject([{ partition: 49, replicas: [2, 3, 1], leader: 2 }]);
    }
  });
});

describe('group-coordinator-broker-crash, one scripted path', () => {
  it('every broker crashes, the coordinator first: the group follows the leadership, nothing owned twice, every record processed once', () => {
    const state = init(groupCoordinatorBrokerCrash);
    let doubleOwned = 0;
    const watch = (s: GroupModelState): boolean => {
      doubleOwned += singleOwner.check(s).length;
      return false;
    };
    runUntil(state, (s) => watch(s) || s.history.some((op) => op.type === 'process'), 3000);
    apply(state, { type: 'broker-crash', broker: 2 });
    expect(coordinatorOf(state, 'group-1')).toBe(3);
    runUntil(state, (s) => watch(s) || s.consumers.every((c) => c.coordinator === 3), 3000, (e) => e.type === 'broker-restart');
    apply(state, { type: 'broker-crash', broker: 3 });
    expect(coordinatorOf(state, 'group-1')).toBe(1);
    apply(state, { type: 'broker-crash', broker: 1 });
    expect(coordinatorOf(state, 'group-1')).toBe(-1);
    runUntil(state, (s) => watch(s) || s.nowMs >= 5000, 3000, (e) => e.type === 'broker-restart');
    runUntil(state, (s) => watch(s) || groupModel.settled(s), 3000);
    expect(doubleOwned).toBe(0);
    expect(coordinatorOf(state, 'group-1')).toBe(1);
    const processed = state.history.flatMap((op) => (op.type === 'process' ? [`p${op.partition}@${op.offset}`] : []));
    expect(processed.slice().sort()).toEqual(['p0@0', 'p0@1', 'p0@2', 'p1@0', 'p1@1', 'p1@2']);
    expect(state.store.committed[0].offsets).toEqual([3, 3]);
  });
});
