/**
 * The cluster fingerprint: equal states hash equal whatever order events filled the state's two
 * dictionaries in (state.faultCounts, ghost.minIsrWrites), and states that differ only in a
 * dictionary's key names hash apart. Before model/cluster/fingerprint.ts, nested objects were
 * hashed by their values in insertion order without key names: a cut then an election, and an
 * election then a cut, gave one state two fingerprints (the search without partial-order
 * reduction counted it twice), and {link: 1} and {elect: 1} gave two states one.
 */
import { describe, expect, it } from 'vitest';
import { clusterModel, type ClusterState } from '../../../../model/cluster/index.ts';
import { resolveConfig } from '../../../../model/config.ts';
import type { MinIsrWrite } from '../../../../model/cluster/types.ts';

function base(): ClusterState {
  return clusterModel.init(resolveConfig({ 'model.faults': 'link,elect', 'model.faults.max': 5 }), 'fpr-1');
}

function withFaultCounts(counts: Record<string, number>): string {
  const state = base();
  state.faultCounts = counts;
  return clusterModel.fingerprint(state);
}

function withMinIsrWrites(writes: Record<string, MinIsrWrite>): string {
  const state = base();
  state.ghost.minIsrWrites = writes;
  return clusterModel.fingerprint(state);
}

const write = (broker: number): MinIsrWrite => ({ partition: 0, minIsr: 1, broker, timeMs: 0, at: 'append' });

describe('cluster fingerprint', () => {
  it('is the same for fault counts filled in either order', () => {
    expect(withFaultCounts({ total: 3, link: 2, elect: 1 })).toBe(withFaultCounts({ total: 3, elect: 1, link: 2 }));
  });

  it('tells fault counts of different kinds apart', () => {
    expect(withFaultCounts({ total: 1, link: 1 })).not.toBe(withFaultCounts({ total: 1, elect: 1 }));
  });

  it('is the same for min.insync.replicas writes recorded in either order, and tells their records apart', () => {
    expect(withMinIsrWrites({ 'v-1': write(1), 'v-2': write(2) })).toBe(withMinIsrWrites({ 'v-2': write(2), 'v-1': write(1) }));
    expect(withMinIsrWrites({ 'v-1': write(1) })).not.toBe(withMinIsrWrites({ 'v-2': write(1) }));
  });

  it('is the same for two cuts then an election as for the election then the two cuts', () => {
    const state = base();
    const cut = clusterModel.enabled(state).find((e) => e.type === 'partition')!;
    const elect = { type: 'elect' as const, partition: 0, broker: state.controller.partitions[0].isr.find((b) => b !== state.controller.partitions[0].leader)! };
    const a = clusterModel.clone(state);
    clusterModel.step(a, cut);
    const secondCut = clusterModel.enabled(a).find((e) => e.type === 'partition')!;
    clusterModel.step(a, secondCut);
    clusterModel.step(a, elect);
    const b = clusterModel.clone(state);
    clusterModel.step(b, elect);
    clusterModel.step(b, cut);
    clusterModel.step(b, secondCut);
    expect(clusterModel.fingerprint(a)).toBe(clusterModel.fingerprint(b));
  });

  it('leaves out the step counter and the config', () => {
    const a = base();
    const b = clusterModel.clone(a);
    b.stepCount += 7;
    b.config = { ...b.config };
    expect(clusterModel.fingerprint(a)).toBe(clusterModel.fingerprint(b));
  });
});
