import { describe, expect, it } from 'vitest';
import { groupModel } from '../../../model/group/index.ts';
import type { GroupRpc } from '../../../model/group/rpc.ts';
import { singleOwner } from '../../../properties/group/singleOwner.ts';
import { generationFenced } from '../../../properties/group/generationFenced.ts';
import { lostProcessing } from '../../../properties/group/lostProcessing.ts';
import { duplicateProcessing } from '../../../properties/group/duplicateProcessing.ts';
import { revokeBeforeAssign } from '../../../properties/group/revokeBeforeAssign.ts';
import { apply, consumer, initState, ownedOf, runUntil, settle } from './drive.ts';
import type { GroupModelState } from '../../../model/group/types.ts';

/** Every JoinGroup a consumer has sent, as the coordinator received them (from the trace). */
function joinGroups(lines: string[], clientId: string): string[] {
  return lines.filter((l) => l.startsWith(`${clientId} → broker-1: JoinGroup`));
}

function inFlightFrom(state: GroupModelState, from: string): GroupRpc[] {
  return state.wire.connections.filter((c) => c.from === from).flatMap((c) => c.inFlight.map((m) => m.body));
}

describe('eager and cooperative rebalancing', () => {
  it('eager: a member revokes everything before JoinGroup and claims nothing in it', () => {
    const state = initState({ 'model.group.faults': 'crash', 'model.group.records': 0 });
    settle(state);
    expect(ownedOf(state, 'consumer-1')).toEqual([0]);
    apply(state, { type: 'crash', consumer: 'consumer-2' });
    apply(state, { type: 'restart', consumer: 'consumer-2' });
    const lines = runUntil(state, (s) => consumer(s, 'consumer-1').joinState === 'joining');
    expect(ownedOf(state, 'consumer-1')).toEqual([]);
    expect(joinGroups(lines, 'consumer-1')).toEqual([]);
    const join = inFlightFrom(state, 'consumer-1').find((m) => m.type === 'JoinGroup');
    expect(join).toMatchObject({ type: 'JoinGroup', subscription: { ownedPartitions: [], previousAssignment: [0], generation: 1 } });
  });

  it('cooperative: a member keeps its partitions through the rebalance, and cooperative-sticky withholds a moving one for a round', () => {
    const state = initState({ 'partition.assignment.strategy': 'cooperative-sticky', 'model.group.faults': 'crash', 'model.group.records': 0 });
    apply(state, { type: 'crash', consumer: 'consumer-2' });
    runUntil(state, (s) => s.coordinator.groups[0].state === 'Stable' && ownedOf(s, 'consumer-1').length === 2, 3000, (e) => e.type === 'restart');
    apply(state, { type: 'restart', consumer: 'consumer-2' });
    const lines = settle(state);
    expect(joinGroups(lines, 'consumer-1')).toEqual([
      'consumer-1 → broker-1: JoinGroup group-1 (consumer-1-1, protocols cooperative-sticky, owns [0,1] (generation 1))',
      'consumer-1 → broker-1: JoinGroup group-1 (consumer-1-1, protocols cooperative-sticky, owns [0] (generation 2))',
    ]);
    const assignments = state.ghost.assignments.map((a) => `${a.generation}: ${a.assignments.map((x) => `${x.memberId} [${x.partitions.join(',')}]`).join(', ')}`);
    expect(assignments).toEqual(['1: consumer-1-1 [0,1]', '2: consumer-1-1 [0], consumer-2-2 []', '3: consumer-1-1 [0], consumer-2-2 [1]']);
    expect(ownedOf(state, 'consumer-2')).toEqual([1]);
  });

  it('cooperative-sticky never adds a partition its owner still claims (revoke-before-assign stays silent through a run)', () => {
    const state = initState({ 'partition.assignment.strategy': 'cooperative-sticky', 'model.consumers': 3, 'num.partitions': 3, 'model.group.faults': 'crash', 'model.group.records': 0 });
    settle(state);
    apply(state, { type: 'crash', consumer: 'consumer-1' });
    apply(state, { type: 'restart', consumer: 'consumer-1' });
    runUntil(state, (s) => groupModel.settled(s) || revokeBeforeAssign.check(s).length > 0);
    expect(revokeBeforeAssign.check(state)).toEqual([]);
    expect(groupModel.settled(state)).toBe(true);
  });
});

describe('a zombie that missed its SyncGroup', () => {
  it('wakes owning a partition already given to another member, processes it, and has its commit fenced', () => {
    const state = initState({ 'partition.assignment.strategy': 'cooperative-sticky', 'model.group.faults': 'pause', 'model.group.records': 2 });
    // consumer-1 sends its SyncGroup of generation 1, then stops before the answer arrives.
    runUntil(state, (s) => consumer(s, 'consumer-1').syncRequestId !== null);
    apply(state, { type: 'pause', consumer: 'consumer-1' });
    const evicted = consumer(state, 'consumer-1').memberId;
    runUntil(state, (s) => ownedOf(s, 'consumer-2').length === 2, 3000, (e) => e.type === 'resume');
    expect(state.coordinator.groups[0].members.map((m) => m.memberId)).not.toContain(evicted);
    expect(consumer(state, 'consumer-1')).toMatchObject({ status: 'paused', generation: 1, memberId: evicted });

    apply(state, { type: 'resume', consumer: 'consumer-1' });
    runUntil(state, (s) => singleOwner.check(s).length > 0);
    const [overlap] = singleOwner.check(state);
    expect(overlap.summary).toBe('group-1 p0 is owned by consumer-1 and consumer-2 at once');
    expect(singleOwner.explain(overlap)).toContain(`consumer-1 (still acting on generation 1 as ${evicted}`);

    // It polls and processes p0 as a zombie until a response refuses it; then it rejoins claiming nothing.
    const lines = settle(state);
    expect(lines.some((l) => l.startsWith('broker-1 → consumer-1: ') && l.endsWith('UNKNOWN_MEMBER_ID'))).toBe(true);
    expect(state.ghost.commits.filter((c) => c.memberId === evicted && c.generation === 1 && c.timeMs > 0 && c.offsets.some((o) => o.offset > 0))).toEqual([]);
    expect(generationFenced.check(state)).toEqual([]);
    const zombieWork = state.history.filter((op) => op.type === 'process' && op.memberId === evicted);
    expect(zombieWork.length).toBeGreaterThan(0);
    expect(zombieWork.every((op) => op.type === 'process' && !op.ownedInGeneration)).toBe(true);
    expect(consumer(state, 'consumer-1').memberId).not.toBe(evicted);
    apply(state, { type: 'final-read' });
    expect(lostProcessing.check(state)).toEqual([]);
  });
});

describe('processing models under a crash', () => {
  it('commit-before-process with auto-commit: a crash after the commit and before processing loses the records', () => {
    const state = initState({ 'model.group.processing': 'commit-before-process', 'enable.auto.commit': true, 'model.group.faults': 'crash', 'num.partitions': 1, 'model.consumers': 1 });
    runUntil(state, (s) => consumer(s, 'consumer-1').buffer.length === 2, 3000, (e) => e.type === 'process');
    runUntil(state, (s) => s.store.committed[0].offsets[0] === 2, 3000, (e) => e.type === 'process');
    apply(state, { type: 'crash', consumer: 'consumer-1' });
    apply(state, { type: 'restart', consumer: 'consumer-1' });
    settle(state);
    apply(state, { type: 'final-read' });
    const cases = lostProcessing.check(state);
    expect(cases.map((c) => c.summary)).toEqual(['group-1 p0 offsets 0 and 1 committed but never processed']);
    expect(lostProcessing.explain(cases[0])).toContain('consumer-1 then crashed at');
  });

  it('process-then-commit: a crash after processing and before the commit duplicates the records and loses none', () => {
    const state = initState({ 'model.group.processing': 'process-then-commit', 'enable.auto.commit': false, 'model.group.faults': 'crash', 'num.partitions': 1, 'model.consumers': 1 });
    runUntil(state, (s) => s.history.some((op) => op.type === 'process'));
    expect(consumer(state, 'consumer-1').commit).toMatchObject({ kind: 'sync', purpose: 'after-process' });
    apply(state, { type: 'crash', consumer: 'consumer-1' });
    apply(state, { type: 'restart', consumer: 'consumer-1' });
    settle(state);
    apply(state, { type: 'final-read' });
    expect(duplicateProcessing.check(state).map((c) => c.summary)).toEqual(['group-1 p0 offsets 0 and 1 processed more than once']);
    expect(lostProcessing.check(state)).toEqual([]);
  });

  it('commit-before-process with commitSync: the batch is processed only after its commit succeeded', () => {
    const state = initState({ 'model.group.processing': 'commit-before-process', 'enable.auto.commit': false, 'num.partitions': 1, 'model.consumers': 1 });
    const lines = settle(state);
    const polled = lines.indexOf('consumer-1 polls p0 offsets 0..1');
    const committed = lines.indexOf('broker-1 → consumer-1: OffsetCommitResponse group-1 NONE', polled);
    const processed = lines.indexOf('consumer-1 processes p0@0 p0@1');
    expect(polled).toBeGreaterThan(0);
    expect(lines[polled + 1]).toBe('consumer-1 → broker-1: OffsetCommit group-1 (consumer-1-1, generation 1) p0=2');
    expect(committed).toBeGreaterThan(polled);
    expect(processed).toBeGreaterThan(committed);
  });
});

describe('the poll timer (max.poll.interval.ms)', () => {
  it('a member stuck in processing for longer than max.poll.interval.ms leaves the group and rejoins as a new member', () => {
    const state = initState({ 'model.group.faults': 'pause', 'num.partitions': 1, 'model.consumers': 1, 'session.timeout.ms': 20000, 'enable.auto.commit': false });
    runUntil(state, (s) => consumer(s, 'consumer-1').buffer.length > 0, 3000, (e) => e.type === 'process');
    const first = consumer(state, 'consumer-1').memberId;
    apply(state, { type: 'pause', consumer: 'consumer-1' });
    runUntil(state, (s) => s.nowMs > 7000, 3000, (e) => e.type === 'resume');
    apply(state, { type: 'resume', consumer: 'consumer-1' });
    const lines = runUntil(state, (s) => inFlightFrom(s, 'consumer-1').some((m) => m.type === 'LeaveGroup'), 100, (e) => e.type === 'process');
    expect(lines.at(-1)).toBe('consumer-1: heartbeat timer fires at 1000ms');
    expect(consumer(state, 'consumer-1')).toMatchObject({ memberId: '', generation: -1, rejoinNeeded: true });
    settle(state);
    expect(consumer(state, 'consumer-1').memberId).not.toBe(first);
  });
});

describe('rejoinNeeded (AbstractCoordinator)', () => {
  // AbstractCoordinator clears rejoinNeeded in one place only: SyncGroupResponseHandler on NONE
  // ("Successfully synced group": state = STABLE, rejoinNeeded = false). A requestRejoin made while
  // the JoinGroup or SyncGroup is out is answered by that rebalance, not by another one.
  it('a rejoin requested during the rebalance is cleared by the SyncGroup that ends it: no further JoinGroup', () => {
    const state = initState({ 'model.group.records': 0 });
    runUntil(state, (s) => consumer(s, 'consumer-1').syncRequestId !== null);
    consumer(state, 'consumer-1').rejoinNeeded = true; // e.g. an OffsetCommit answered REBALANCE_IN_PROGRESS meanwhile
    const generation = consumer(state, 'consumer-1').generation;
    runUntil(state, (s) => consumer(s, 'consumer-1').syncRequestId === null);
    expect(consumer(state, 'consumer-1')).toMatchObject({ joinState: 'stable', rejoinNeeded: false, generation });
    const lines = settle(state);
    expect(joinGroups(lines, 'consumer-1')).toEqual([]);
    expect(state.coordinator.groups[0].generation).toBe(generation);
  });

  it('stays set while the JoinGroup is out, as Java keeps it until SyncGroup succeeds', () => {
    const state = initState({ 'model.group.records': 0 });
    settle(state);
    consumer(state, 'consumer-1').rejoinNeeded = true;
    runUntil(state, (s) => consumer(s, 'consumer-1').joinState === 'joining');
    expect(consumer(state, 'consumer-1').rejoinNeeded).toBe(true);
    settle(state);
    expect(consumer(state, 'consumer-1').rejoinNeeded).toBe(false);
  });
});
