import { describe, expect, it } from 'vitest';
import { groupModel } from '../../../model/group/index.ts';
import { apply, consumer, initState, ownedOf, runUntil, settle } from './drive.ts';

describe('group model: a fault-free run', () => {
  it('joins, assigns every partition once, processes every record once and commits the log end', () => {
    const state = initState({ 'num.partitions': 3, 'model.consumers': 3, 'model.group.records': 3 });
    const lines = settle(state);
    expect(lines[0]).toBe('consumer-1 → broker-1: FindCoordinator group-1');
    expect(lines).toContain('broker-1: initial rebalance delay of group-1 ends at 100ms');
    const group = state.coordinator.groups[0];
    expect(group.state).toBe('Stable');
    expect(group.generation).toBe(1);
    expect(group.protocol).toBe('range');
    expect([0, 1, 2].map((p) => state.consumers.filter((c) => c.owned.some((o) => o.partition === p)).length)).toEqual([1, 1, 1]);
    expect(state.store.committed[0].offsets).toEqual([3, 3, 3]);
    const processed = state.history.filter((op) => op.type === 'process').map((op) => (op.type === 'process' ? `${op.partition}@${op.offset}` : ''));
    expect(processed.sort()).toEqual(['0@0', '0@1', '0@2', '1@0', '1@1', '1@2', '2@0', '2@1', '2@2']);
  });

  it('is deterministic: the same config and seed give the same events and fingerprints', () => {
    const a = initState();
    const b = initState();
    expect(settle(a)).toEqual(settle(b));
    expect(groupModel.fingerprint(a)).toBe(groupModel.fingerprint(b));
  });

  it('clones deeply: stepping a clone leaves the original as it was', () => {
    const state = initState();
    const before = groupModel.fingerprint(state);
    const copy = groupModel.clone(state);
    settle(copy);
    expect(groupModel.fingerprint(state)).toBe(before);
    expect(groupModel.fingerprint(copy)).not.toBe(before);
    expect(copy.config).toBe(state.config);
  });

  it('runs the final read once settled, and only then', () => {
    const state = initState();
    expect(groupModel.enabled(state).some((e) => e.type === 'final-read')).toBe(false);
    settle(state);
    apply(state, { type: 'final-read' });
    expect(groupModel.finalReadDone(state)).toBe(true);
    expect(state.history.filter((op) => op.type === 'final-offsets')).toEqual([{ type: 'final-offsets', group: 'group-1', offsets: [2, 2], timeMs: state.nowMs }]);
  });

  it('advances time only when nothing can be delivered or processed (timeliness)', () => {
    const state = initState({ 'enable.auto.commit': false });
    runUntil(state, (s) => s.wire.connections.some((c) => c.inFlight.length > 0));
    expect(groupModel.enabled(state).some((e) => e.type === 'timer')).toBe(false);
    settle(state);
    expect(groupModel.enabled(state).some((e) => e.type === 'timer')).toBe(true);
  });

  it('keeps two groups on one topic apart: own generations, assignments and offsets', () => {
    const state = initState({ 'model.groups': 2, 'model.group.records': 1 });
    settle(state);
    expect(state.coordinator.groups.map((g) => [g.groupId, g.state, g.members.length])).toEqual([
      ['group-1', 'Stable', 2],
      ['group-2', 'Stable', 2],
    ]);
    expect(state.store.committed).toEqual([
      { groupId: 'group-1', offsets: [1, 1] },
      { groupId: 'group-2', offsets: [1, 1] },
    ]);
    // Every record processed once per group.
    for (const group of ['group-1', 'group-2']) expect(state.history.filter((op) => op.type === 'process' && op.group === group)).toHaveLength(2);
    expect(ownedOf(state, 'consumer-1').length + ownedOf(state, 'consumer-2').length).toBe(2);
    expect(consumer(state, 'consumer-3').group).toBe('group-2');
  });
});
