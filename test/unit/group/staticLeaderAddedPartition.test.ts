/**
 * KIP-814's returning static leader (ConsumerCoordinator.onLeaderElected, skipAssignment branch):
 * it keeps the group's assignment and takes its assignmentSnapshot from the metadata it has on
 * return. A partition added while it was away is already in that snapshot, so no later refresh
 * differs from it, nobody rejoins, and the partition stays without an owner. Found by an
 * integration fuzz run of the group model (static members, churn, partitions added).
 */
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../../index.ts';
import type { Scenario } from '../../../scenarios/scenario.ts';
import { GROUP_BASE } from '../../../scenarios/builtin/groupTiming.ts';
import { assignmentComplete } from '../../../properties/group/assignmentComplete.ts';
import { resolveConfig } from '../../../model/config.ts';

const staticLeaderReturns: Scenario = {
  name: 'static-leader-misses-added-partition',
  title: 'A static leader closes and returns after a partition was added',
  doc: 'Two static members; the leader closes (no LeaveGroup: static) and starts again while an admin adds a partition.',
  model: 'group',
  config: {
    ...GROUP_BASE,
    'num.partitions': 2,
    'model.consumers': 2,
    'model.group.records': 2,
    'enable.auto.commit': false,
    'model.group.processing': 'commit-before-process',
    'model.group.faults': 'none',
    'model.faults.max': 0,
    'model.group.instance.ids': 'per-consumer',
    'model.group.churn.max': 2,
    'model.group.partitions.added.max': 1,
    'partition.assignment.strategy': 'cooperative-sticky',
  },
  expect: ['assignment-complete'],
  budget: { engine: 'random', runs: 400, stepsMax: 150 },
  seed: 'kmc-1',
};

describe('a returning static leader and a partition added while it was away (KIP-814)', () => {
  it('leaves the new partition unowned in a stable group: assignment-complete fires, not guaranteed, and the run never settles', async () => {
    const result = await runScenario(staticLeaderReturns, { outDir: null });
    expect(result.internalError).toBeNull();
    const complete = result.violations.find((v) => v.property === 'assignment-complete');
    expect(complete?.guaranteed).toBe(false);
    expect(result.violations.map((v) => v.property)).toContain('did-not-settle');
    expect(result.verdict).toBe('as-expected');
  }, 60_000);

  it('is promised again without static members, or without partitions added under eager rebalancing', () => {
    expect(assignmentComplete.guaranteedWhen(resolveConfig({ ...staticLeaderReturns.config, 'model.group.instance.ids': 'none' }))).toEqual({ guaranteed: true });
    expect(assignmentComplete.guaranteedWhen(resolveConfig({ ...staticLeaderReturns.config, 'model.group.partitions.added.max': 0, 'partition.assignment.strategy': 'range' }))).toEqual({ guaranteed: true });
    // Cooperative static members that restart have a second way to strand a partition (a withheld one).
    expect(assignmentComplete.guaranteedWhen(resolveConfig({ ...staticLeaderReturns.config, 'model.group.partitions.added.max': 0 }))).toMatchObject({ guaranteed: false, because: expect.stringContaining('static members under the cooperative protocol whose processes restart') });
  });

  it('with dynamic members the same workload assigns every added partition (the leader rejoins on its metadata refresh)', async () => {
    const result = await runScenario(staticLeaderReturns, { outDir: null, runs: 100, set: { 'model.group.instance.ids': 'none' } });
    expect(result.internalError).toBeNull();
    expect(result.violations.map((v) => v.property)).toEqual([]);
  }, 60_000);
});
