import { describe, expect, it } from 'vitest';
import { groupModel, type GroupEvent, type GroupModelState } from '../../../model/group/index.ts';
import { createRng } from '../../../model/kernel/rng.ts';
import { groupConfig } from './drive.ts';

/** What the engines took before the shortcut: the first non-fault event of enabled(). */
function fromEnabled(state: GroupModelState): GroupEvent | null {
  return groupModel.enabled(state).find((e) => !groupModel.isFault(e)) ?? null;
}

describe('group model: firstNonFault', () => {
  it('is the first non-fault event of enabled() at every step of random walks with faults, then while settling', () => {
    const config = groupConfig({ 'model.groups': 2, 'model.consumers': 3, 'num.partitions': 4, 'model.group.faults': 'crash,pause,isolate,drop,failover,broker-crash', 'model.faults.max': 6 });
    let compared = 0;
    for (let walk = 0; walk < 12; walk++) {
      const state = groupModel.init(config, `walk-${walk}`);
      const rng = createRng(`first-non-fault-${walk}`);
      for (let step = 0; step < 400; step++) {
        expect(groupModel.firstNonFault!(state)).toEqual(fromEnabled(state));
        compared++;
        // A random event for the first 150 steps (faults included), then settling as the engines do.
        const enabled = groupModel.enabled(state);
        const event = step < 150 ? (enabled.length > 0 ? enabled[Math.floor(rng.next() * enabled.length)] : null) : fromEnabled(state);
        if (event === null) break;
        groupModel.step(state, event);
      }
    }
    expect(compared).toBeGreaterThan(1000);
  });
});
