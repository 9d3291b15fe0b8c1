/**
 * The controller's partition changes as PartitionChangeBuilder makes them (metadata module, trunk of
 * late 2024): the ELR (KIP-966), the election order ISR, ELR, last known leader, unclean, and the
 * last known leader, on hand-set partition registrations.
 */
import { describe, expect, it } from 'vitest';
import { changePartition } from '../../../../model/cluster/partitionChange.ts';
import type { PartitionMeta } from '../../../../model/cluster/types.ts';
import { newCluster } from './drive.ts';

function meta(fields: Partial<PartitionMeta>): PartitionMeta {
  return { partition: 0, replicas: [1, 2, 3], leader: 1, leaderEpoch: 5, isr: [1, 2, 3], partitionEpoch: 7, elr: [], lastKnownElr: [], ...fields };
}

const everyone = (): boolean => true;
const allBut = (...ids: number[]) => (id: number): boolean => !ids.includes(id);

describe('the ELR (maybePopulateTargetElr)', () => {
  it('an ISR shrinking below min ISR keeps the replicas it loses as ELR; the leader and its epoch stay', () => {
    const state = newCluster({ 'min.insync.replicas': 2 });
    const m = meta({});
    expect(changePartition(state, m, { targetIsr: [1], acceptable: everyone, uncleanShutdown: -1 })).toBe(true);
    expect(m).toMatchObject({ leader: 1, leaderEpoch: 5, isr: [1], elr: [2, 3], lastKnownElr: [], partitionEpoch: 8 });
  });

  it('a shrink that stays at min ISR adds nothing to the ELR', () => {
    const state = newCluster({ 'min.insync.replicas': 2 });
    const m = meta({});
    changePartition(state, m, { targetIsr: [1, 2], acceptable: everyone, uncleanShutdown: -1 });
    expect(m).toMatchObject({ isr: [1, 2], elr: [] });
  });

  it('an ISR back at min ISR clears the ELR; an ISR still below it keeps the ELR minus the members that rejoined', () => {
    const state = newCluster({ 'min.insync.replicas': 3 });
    const m = meta({ isr: [1], elr: [2, 3] });
    changePartition(state, m, { targetIsr: [1, 2], acceptable: everyone, uncleanShutdown: -1 });
    expect(m).toMatchObject({ isr: [1, 2], elr: [3] });
    changePartition(state, m, { targetIsr: [1, 2, 3], acceptable: everyone, uncleanShutdown: -1 });
    expect(m).toMatchObject({ isr: [1, 2, 3], elr: [] });
  });

  it('a broker registering after an unclean shutdown leaves the ELR', () => {
    const state = newCluster({ 'min.insync.replicas': 2 });
    const m = meta({ isr: [1], elr: [2, 3] });
    changePartition(state, m, { targetIsr: [1], acceptable: allBut(3), uncleanShutdown: 3 });
    expect(m).toMatchObject({ isr: [1], elr: [2] });
  });

  it('with eligible.leader.replicas.version=0 (before 4.1) there is no ELR, and the last ISR member stays in the ISR', () => {
    const state = newCluster({ 'min.insync.replicas': 2, 'eligible.leader.replicas.version': 0 });
    const m = meta({});
    changePartition(state, m, { targetIsr: [1], acceptable: everyone, uncleanShutdown: -1 });
    expect(m).toMatchObject({ isr: [1], elr: [] });
    changePartition(state, m, { targetIsr: [], acceptable: allBut(1), uncleanShutdown: -1 });
    expect(m).toMatchObject({ leader: -1, leaderEpoch: 6, isr: [1], elr: [], lastKnownElr: [] });
    expect(state.ghost.elections).toEqual([]);
  });
});

describe('elections: ISR, then ELR, then the last known leader (electAnyLeader)', () => {
  it('the last ISR member fenced with ELR on: the ISR empties into the ELR, an unfenced ELR member leads alone', () => {
    const state = newCluster({ 'min.insync.replicas': 2 });
    const m = meta({ isr: [1], elr: [2, 3] });
    changePartition(state, m, { targetIsr: [], acceptable: allBut(1), uncleanShutdown: -1 });
    expect(m).toMatchObject({ leader: 2, leaderEpoch: 6, isr: [2], elr: [1, 3], lastKnownElr: [] });
    expect(state.ghost.elections).toEqual([{ partition: 0, leader: 2, leaderEpoch: 6, clean: true, timeMs: 0 }]);
  });

  it('with every ELR member fenced the partition goes offline with an empty ISR, remembering its last leader', () => {
    const state = newCluster({ 'min.insync.replicas': 2 });
    const m = meta({ isr: [1], elr: [2, 3] });
    changePartition(state, m, { targetIsr: [], acceptable: () => false, uncleanShutdown: -1 });
    expect(m).toMatchObject({ leader: -1, leaderEpoch: 6, isr: [], elr: [1, 2, 3], lastKnownElr: [1] });
    // An ELR member unfenced is elected (handleBrokerUnfenced); the last known leader is forgotten.
    changePartition(state, m, { targetIsr: m.isr, acceptable: (id) => id === 3, uncleanShutdown: -1 });
    expect(m).toMatchObject({ leader: 3, leaderEpoch: 7, isr: [3], elr: [1, 2], lastKnownElr: [] });
  });

  it('with ISR and ELR empty, the last known leader is elected uncleanly once acceptable, and only then', () => {
    const state = newCluster({ 'min.insync.replicas': 2 });
    const m = meta({ leader: -1, isr: [], elr: [], lastKnownElr: [1] });
    expect(changePartition(state, m, { targetIsr: [], acceptable: allBut(1), uncleanShutdown: -1 })).toBe(false);
    expect(m.leader).toBe(-1);
    changePartition(state, m, { targetIsr: [], acceptable: everyone, uncleanShutdown: -1 });
    expect(m).toMatchObject({ leader: 1, leaderEpoch: 6, isr: [1], elr: [], lastKnownElr: [] });
    expect(state.ghost.elections).toEqual([{ partition: 0, leader: 1, leaderEpoch: 6, clean: false, timeMs: 0, lastKnownLeader: true }]);
  });

  it('unclean.leader.election.enable elects any acceptable replica after them, and clears the ELR', () => {
    const state = newCluster({ 'min.insync.replicas': 2, 'unclean.leader.election.enable': true });
    const m = meta({ leader: -1, isr: [], elr: [], lastKnownElr: [1] });
    changePartition(state, m, { targetIsr: [], acceptable: allBut(1), uncleanShutdown: -1 });
    expect(m).toMatchObject({ leader: 2, isr: [2], elr: [], lastKnownElr: [] });
    expect(state.ghost.elections.map((e) => e.clean)).toEqual([false]);
  });

  it('a valid current leader stays, whatever else changes (no election, no epoch bump)', () => {
    const state = newCluster({ 'min.insync.replicas': 2 });
    const m = meta({});
    changePartition(state, m, { targetIsr: [1, 3], acceptable: everyone, uncleanShutdown: -1 });
    expect(m).toMatchObject({ leader: 1, leaderEpoch: 5, partitionEpoch: 8 });
    expect(changePartition(state, m, { targetIsr: [1, 3], acceptable: everyone, uncleanShutdown: -1 })).toBe(false);
    expect(m.partitionEpoch).toBe(8);
  });
});
