import { describe, expect, it } from 'vitest';
import { createClusterJudge } from '../../../properties/judge.ts';
import { partitionSkew } from '../../../properties/partitionSkew.ts';
import { clusterState, safeConfig, sendOk } from './fixtures.ts';

const hot = () => ({
  ops: [
    sendOk('v1', 0, { key: 'hot', partition: 0, partitionCount: 3 }),
    sendOk('v2', 1, { key: 'hot', partition: 0, partitionCount: 3 }),
    sendOk('v3', 2, { key: 'hot', partition: 0, partitionCount: 3 }),
    sendOk('v4', 0, { key: 'k1', partition: 1, partitionCount: 3 }),
  ],
});

describe('partition-skew', () => {
  it('reports a hot key: the busiest partition has at least twice the mean load', () => {
    const cases = partitionSkew.check(hot(), safeConfig());
    expect(cases).toHaveLength(1);
    expect(cases[0].summary).toBe('partition 0 got 3 of 4 records (max/mean 2.25)');
    expect(cases[0].data).toMatchObject({ recordsByPartition: [3, 1, 0], busiest: 0, hotKey: 'hot', hotKeyRecords: 3 });
    expect(partitionSkew.explain(cases[0])).toContain('Key hot alone sent 3 of them');
  });
  it('stays silent on a balanced spread, and with one partition', () => {
    const balanced = { ops: [0, 1, 2, 0, 1, 2].map((p, i) => sendOk(`v${i + 1}`, i, { key: `k${p}`, partition: p, partitionCount: 3 })) };
    expect(partitionSkew.check(balanced, safeConfig())).toEqual([]);
    expect(partitionSkew.check({ ops: [sendOk('v1', 0)] }, safeConfig())).toEqual([]);
  });
  it('is empty on an empty history', () => {
    expect(partitionSkew.check({ ops: [] }, safeConfig())).toEqual([]);
  });
  it('is informational: never guaranteed, and judged only when model.report asks for it', () => {
    expect(partitionSkew.guaranteedWhen(safeConfig()).guaranteed).toBe(false);
    const state = clusterState();
    state.history = hot();
    expect(createClusterJudge(safeConfig()).atEnd(state).map((f) => f.property)).not.toContain('partition-skew');
    const asked = createClusterJudge(safeConfig({ 'model.report': 'partition-skew' }));
    expect(asked.atEnd(state).map((f) => f.property)).toContain('partition-skew');
  });
});
