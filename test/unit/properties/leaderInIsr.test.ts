import { describe, expect, it } from 'vitest';
import { leaderInIsr } from '../../../properties/leaderInIsr.ts';
import { clusterState } from './fixtures.ts';

describe('leader-in-isr', () => {
  it('fires when the controller leader is outside the controller ISR', () => {
    const state = clusterState({ partitions: 2 });
    state.controller.partitions[1].leader = 2;
    state.controller.partitions[1].leaderEpoch = 3;
    state.controller.partitions[1].isr = [1, 3];
    const cases = leaderInIsr.check(state);
    expect(cases).toHaveLength(1);
    expect(cases[0].summary).toBe('p1 leader broker 2 (epoch 3) is not in the ISR [1, 3]');
    expect(cases[0].data).toEqual({ partition: 1, leader: 2, leaderEpoch: 3, isr: [1, 3] });
    expect(leaderInIsr.explain(cases[0])).toBe(
      'The controller names broker 2 leader of partition 1 in leader epoch 3, but its ISR is [1, 3]. ' +
        'A leader is by definition in sync (the ISR is measured against it); a leader outside the ISR means the controller elected or kept a replica it does not count as caught up: leader-in-ISR is broken.',
    );
  });

  it('does not fire for a leader in the ISR or for no leader', () => {
    const state = clusterState({ partitions: 2 });
    state.controller.partitions[0].isr = [1];
    state.controller.partitions[1].leader = -1;
    state.controller.partitions[1].isr = [];
    expect(leaderInIsr.check(state)).toEqual([]);
  });

  it('finds nothing in a fresh state', () => {
    expect(leaderInIsr.check(clusterState())).toEqual([]);
  });
});
