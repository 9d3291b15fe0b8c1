/**
 * The member states under which Kafka's assignor bugs fired, reached by the group model under the
 * release whose consumer produces them (model/clients/consumerRelease.ts):
 * - KAFKA-13419 (Kafka 3.0-3.3): a member whose SyncGroup was answered REBALANCE_IN_PROGRESS after
 *   the others completed the generation rejoins still owning its partitions, claiming them with an
 *   older generation than the others';
 * - KAFKA-12983 (before 3.0): a member that fell out of the group after onJoinPrepare ran rejoins
 *   as a new member (no member id) still owning and claiming its partitions;
 * - KAFKA-12984 (before 3.0): two members claim one partition with the same generation (none).
 * Each is found by seeded random walks (faults included), as the checker's random engine walks.
 */
import { describe, expect, it } from 'vitest';
import { groupModel, type GroupModelState } from '../../../model/group/index.ts';
import { randomRun, randomRunSeed } from '../../../checker/engines/random.ts';
import type { Judge } from '../../../checker/judge.ts';
import { claimGenerationAt, joinPrepareAfterResetAt } from '../../../model/clients/consumerRelease.ts';
import { groupConfig } from './drive.ts';

/**
 * The checker's random walks (randomRun: swarm weights, heal, settle) with a probe as the only
 * property: the seed of the first walk in which `found` held after some step, or null.
 */
function search(overrides: Record<string, string | number | boolean>, found: (state: GroupModelState) => boolean, walks: number, stepsMax = 120): string | null {
  const config = groupConfig(overrides);
  const judge: Judge<GroupModelState> = {
    afterStep: (state) => (found(state) ? [{ property: 'probe', doc: '', cases: [], guaranteed: true, because: null, explanation: '' }] : []),
    atEnd: () => [],
  };
  for (let walk = 0; walk < walks; walk++) {
    const runSeed = randomRunSeed('claims', walk);
    if (randomRun(groupModel, config, judge, { runSeed, stepsMax, stopAtProperty: 'probe' }).findings.length > 0) return runSeed;
  }
  return null;
}

/** The claims the coordinator hands the leader: members of a group that completed its join phase. */
function joinedClaims(state: GroupModelState): { group: string; memberId: string; owned: number[]; generation: number }[][] {
  return state.coordinator.groups
    .filter((g) => g.state === 'CompletingRebalance')
    .map((g) => g.members.map((m) => ({ group: g.groupId, memberId: m.memberId, owned: m.subscription.ownedPartitions, generation: m.subscription.generation })));
}

const COOPERATIVE = { 'partition.assignment.strategy': 'cooperative-sticky', 'num.partitions': 3, 'model.consumers': 3, 'model.group.records': 0 };

describe('claims in cooperative JoinGroups follow the Kafka release (consumerRelease.ts)', () => {
  it('are part of group model version 5: counterexample files of earlier versions are refused', () => {
    expect(groupModel.version).toBe('5');
  });

  it('carry no generation before 3.0, the last applied assignment\'s in 3.0-3.3 (KAFKA-12984), the last joined from 3.4 (KIP-792)', () => {
    expect(claimGenerationAt('2.8')).toBe('none');
    expect(claimGenerationAt('3.0')).toBe('assigned');
    expect(claimGenerationAt('3.3')).toBe('assigned');
    expect(claimGenerationAt('3.4')).toBe('joined');
    expect(claimGenerationAt('4.1')).toBe('joined');
    expect(joinPrepareAfterResetAt('2.8')).toBe(false);
    expect(joinPrepareAfterResetAt('3.0')).toBe(true);
  });

  it('Kafka 3.3: a member that missed a generation (SyncGroup answered REBALANCE_IN_PROGRESS, KAFKA-13419) claims its partitions with an older generation than the others', () => {
    const found = search({ ...COOPERATIVE, 'model.kafka.version': '3.3', 'model.group.faults': 'crash', 'model.faults.max': 3 }, (state) =>
      joinedClaims(state).some((members) => {
        const newest = Math.max(...members.map((m) => m.generation));
        return members.some((m) => m.owned.length > 0 && m.generation >= 0 && m.generation < newest);
      }),
    400);
    expect(found).not.toBeNull();
  });

  it('Kafka 4.1: the same walks never show it: every claim carries the generation its member last joined (ConsumerProtocolSubscription.generationId)', () => {
    const found = search({ ...COOPERATIVE, 'model.kafka.version': '4.1', 'model.group.faults': 'crash', 'model.faults.max': 3 }, (state) =>
      joinedClaims(state).some((members) => {
        const newest = Math.max(...members.map((m) => m.generation));
        return members.some((m) => m.owned.length > 0 && m.generation < newest);
      }),
    100);
    expect(found).toBeNull();
  });

  it('Kafka 2.8: a member that lost its member id after onJoinPrepare (KAFKA-12983) rejoins still owning and claiming its partitions', () => {
    const found = search({ ...COOPERATIVE, 'model.kafka.version': '2.8', 'model.group.faults': 'isolate', 'model.faults.max': 2 }, (state) =>
      state.consumers.some((c) => c.status === 'running' && c.memberId === '' && c.joinState === 'joining' && c.owned.length > 0),
    400);
    expect(found).not.toBeNull();
  });

  it('Kafka 2.8: two members claim one partition with the same generation (the input of KAFKA-12984)', () => {
    const found = search({ ...COOPERATIVE, 'model.kafka.version': '2.8', 'model.group.faults': 'isolate', 'model.faults.max': 2 }, (state) =>
      joinedClaims(state).some((members) => members.some((a, i) => members.some((b, j) => j > i && a.generation === b.generation && a.owned.some((p) => b.owned.includes(p))))),
    400);
    expect(found).not.toBeNull();
  });
});
