/**
 * A replacement static process (KIP-345) takes over the group leader's group.instance.id after
 * that leader changed its subscription at run time. The replacement starts with the initial
 * subscription; the coordinator answers it in a Stable group without a rebalance and, as the
 * returning leader, it skips the assignment (KIP-814, ConsumerCoordinator.onLeaderElected), so it
 * keeps the old process's partitions and nothing assigns the topics only it subscribes to. Kafka
 * has this gap in every release (KAFKA-12759, a classic-protocol fix still open), so
 * assignment-complete is not guaranteed there. Found by kmc fuzz around group-join-leave-storm
 * (seed group-1-group-join-leave-storm, config 5, minimised to the four keys below).
 */
import { describe, expect, it } from 'vitest';
import { groupDeps } from '../../../index.ts';
import { replaySeed } from '../../../checker/replayReport.ts';
import { resolveConfig } from '../../../model/config.ts';
import { assignmentComplete } from '../../../properties/group/assignmentComplete.ts';
import { groupJoinLeaveStorm } from '../../../scenarios/builtin/groupTopics.ts';
import type { Scenario } from '../../../scenarios/scenario.ts';

const replacedAfterSubscriptionChange: Scenario = {
  ...groupJoinLeaveStorm,
  name: 'static-replacement-after-subscription-change',
  config: {
    ...groupJoinLeaveStorm.config,
    'model.consumers': 2,
    'model.group.instance.ids': 'replacement',
    'model.group.topics': 2,
    'model.group.subscription.changes.max': 3,
  },
  expect: 'hold',
};

describe('a replacement static leader after its predecessor changed subscription (KAFKA-12759)', () => {
  it('leaves topic2 unowned in a stable group: assignment-complete fires, not guaranteed (run seed group-1-group-join-leave-storm/config-5/minimise/run-11)', () => {
    const result = replaySeed(replacedAfterSubscriptionChange, { seed: 'group-1-group-join-leave-storm/config-5/minimise/run-11' }, groupDeps);
    expect(result.internalError).toBeNull();
    const complete = result.violations.find((v) => v.property === 'assignment-complete');
    expect(complete?.explanation).toContain('p3, p4 and p5 have no owner');
    expect(complete?.guaranteed).toBe(false);
    expect(complete?.because).toContain('KAFKA-12759');
    expect(result.violations.filter((v) => v.guaranteed)).toEqual([]);
  });

  it('is guaranteed again without subscription changes, or without a replacement process', () => {
    const config = replacedAfterSubscriptionChange.config;
    expect(assignmentComplete.guaranteedWhen(resolveConfig({ ...config, 'model.group.subscription.changes.max': 0 }))).toEqual({ guaranteed: true });
    expect(assignmentComplete.guaranteedWhen(resolveConfig({ ...config, 'model.group.instance.ids': 'per-consumer' }))).toEqual({ guaranteed: true });
    expect(assignmentComplete.guaranteedWhen(resolveConfig(config))).toMatchObject({ guaranteed: false });
  });
});
