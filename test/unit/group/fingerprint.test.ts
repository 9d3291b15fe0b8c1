/**
 * The group fingerprint: equal states hash equal whatever order faults filled state.faultCounts
 * in, and states that differ only in its key names hash apart. Before model/group/fingerprint.ts
 * the dictionary was hashed by its values in insertion order without key names: a crash then a
 * pause, and a pause then a crash, gave one state two fingerprints, and {crash: 1} and {pause: 1}
 * gave two states one (the same weakness the cluster fingerprint had).
 */
import { describe, expect, it } from 'vitest';
import { groupModel } from '../../../model/group/index.ts';
import { groupConfig } from './drive.ts';

function withFaultCounts(counts: Record<string, number>): string {
  const state = groupModel.init(groupConfig({ 'model.group.faults': 'crash,pause', 'model.faults.max': 4 }), 'gfp-1');
  state.faultCounts = counts;
  return groupModel.fingerprint(state);
}

describe('group fingerprint', () => {
  it('is the same for fault counts filled in either order', () => {
    expect(withFaultCounts({ total: 3, crash: 2, pause: 1 })).toBe(withFaultCounts({ total: 3, pause: 1, crash: 2 }));
  });

  it('tells fault counts of different kinds apart', () => {
    expect(withFaultCounts({ total: 1, crash: 1 })).not.toBe(withFaultCounts({ total: 1, pause: 1 }));
  });

  it('still tells different states apart and leaves the config out', () => {
    const config = groupConfig({ 'model.group.faults': 'crash,pause', 'model.faults.max': 4 });
    const state = groupModel.init(config, 'gfp-2');
    const before = groupModel.fingerprint(state);
    expect(groupModel.fingerprint(groupModel.clone(state))).toBe(before);
    groupModel.step(state, groupModel.enabled(state)[0]);
    expect(groupModel.fingerprint(state)).not.toBe(before);
  });
});
