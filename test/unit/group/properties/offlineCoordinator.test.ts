/**
 * The group properties with coordinators on several brokers, and while a group's
 * __consumer_offsets partition has no leader (every ISR replica down): the group is loaded
 * nowhere, and the properties judge against what the partition's log holds.
 */
import { describe, expect, it } from 'vitest';
import { groupModel } from '../../../../model/group/index.ts';
import type { GroupModelState } from '../../../../model/group/types.ts';
import { assignmentComplete } from '../../../../properties/group/assignmentComplete.ts';
import { rebalanceConverges } from '../../../../properties/group/rebalanceConverges.ts';
import { singleOwner } from '../../../../properties/group/singleOwner.ts';
import { apply, consumer, groupConfig, initState, runUntil, settle } from '../drive.ts';

const OFFLINE = { 'offsets.topic.num.partitions': 50, 'model.brokers': 3, 'offsets.topic.replication.factor': 2, 'model.group.faults': 'broker-crash', 'model.faults.max': 4 };

/** Settled, then both replicas of group-1's partition (49: brokers 2, 3) crash. */
function offline(): GroupModelState {
  const state = initState(OFFLINE);
  settle(state);
  apply(state, { type: 'broker-crash', broker: 2 });
  apply(state, { type: 'broker-crash', broker: 3 });
  expect(state.coordinator.groups).toEqual([]);
  return state;
}

describe('group properties while the coordinator is unavailable', () => {
  it('single-owner stays guaranteed under broker crashes and failovers: the group reloads its assignment, no member goes stale', () => {
    expect(singleOwner.guaranteedWhen(groupConfig({ 'model.group.faults': 'broker-crash,failover' }))).toEqual({ guaranteed: true });
  });

  it('single-owner fires on two owners of one partition, judged against the generation in __consumer_offsets', () => {
    const state = offline();
    const stale = consumer(state, 'consumer-2');
    stale.owned.push({ partition: 0, position: 2, processedNext: 2, committed: 2, stoppedBy: null });
    stale.generation = 0;
    const cases = singleOwner.check(state);
    expect(cases.map((c) => c.summary)).toEqual(['group-1 p0 is owned by consumer-1 and consumer-2 at once']);
    expect(cases[0].data).toMatchObject({ groupGeneration: 1, owners: [{ consumer: 'consumer-1', inCurrentGeneration: true, assignedThere: true }, { consumer: 'consumer-2', inCurrentGeneration: false }] });
  });

  it('single-owner and assignment-complete stay silent: members keep their partitions, the group is not stable anywhere', () => {
    const state = offline();
    runUntil(state, (s) => s.nowMs >= 2000, 3000, (e) => e.type === 'broker-restart');
    expect(state.consumers.map((c) => c.owned.length)).toEqual([1, 1]);
    expect(singleOwner.check(state)).toEqual([]);
    expect(assignmentComplete.check(state)).toEqual([]);
    expect(groupModel.settled(state)).toBe(false);
  });

  it('rebalance-converges stays silent when the brokers come back: the group converges within the bound after the restart', () => {
    const state = offline();
    runUntil(state, (s) => s.nowMs >= 2000, 3000, (e) => e.type === 'broker-restart');
    settle(state);
    apply(state, { type: 'final-read' });
    // The last fault-related event is the restart that brought the partition back; the group converged after it.
    expect(state.ghost.faultEndMs).toBeGreaterThanOrEqual(2000);
    expect(state.ghost.convergedMs[0]).toBeGreaterThanOrEqual(state.ghost.faultEndMs);
    expect(rebalanceConverges.check(state)).toEqual([]);
    expect(state.offsetsTopic[0]).toMatchObject({ leader: 3, isr: [2, 3] });
  });
});
