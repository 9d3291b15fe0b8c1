import { describe, expect, it } from 'vitest';
import { logMatching } from '../../../properties/logMatching.ts';
import { clusterState, setAllLogs, setLog } from './fixtures.ts';

describe('log-matching', () => {
  it('fires when two replicas differ below both high watermarks', () => {
    const state = clusterState();
    setAllLogs(state, '1:v1 1:v2 1:v3', 3);
    setLog(state, 2, '1:v1 2:v5', 2);
    const cases = logMatching.check(state);
    expect(cases.map((c) => c.summary)).toEqual([
      'brokers 1 and 2 disagree at p0 offset 1 below both high watermarks: v2 (epoch 1) vs v5 (epoch 2)',
      'brokers 2 and 3 disagree at p0 offset 1 below both high watermarks: v5 (epoch 2) vs v2 (epoch 1)',
    ]);
    expect(cases[0].data).toEqual({
      partition: 0,
      brokerA: 1,
      brokerB: 2,
      offset: 1,
      recordA: { epoch: 1, value: 'v2' },
      recordB: { epoch: 2, value: 'v5' },
      highWatermarkA: 3,
      highWatermarkB: 2,
    });
    expect(logMatching.explain(cases[0])).toBe(
      "Broker 1's replica of partition 0 has high watermark 3 and broker 2's has high watermark 2, so both count offset 1 as committed. " +
        'Yet broker 1 holds v2 (epoch 1) there and broker 2 holds v5 (epoch 2): the logs diverge below both high watermarks, ' +
        'so what a consumer reads at offset 1 depends on the broker: log matching is broken.',
    );
  });

  it('compares records by epoch as well as value', () => {
    const state = clusterState();
    setAllLogs(state, '1:v1', 1);
    setLog(state, 3, '2:v1', 1);
    expect(logMatching.check(state).map((c) => (c.data as { brokerA: number; brokerB: number }).brokerB)).toEqual([3, 3]);
  });

  it('does not fire for differences at or above either high watermark, or on brokers without state', () => {
    const state = clusterState({ partitions: 2 });
    setAllLogs(state, '1:v1 1:v2 1:v3', 3);
    setLog(state, 2, '1:v1 2:v5 2:v6', 1); // diverges at offset 1, at its own high watermark
    setAllLogs(state, '1:v1', 1, 1);
    setLog(state, 3, '3:v8 3:v9', 2, 1);
    state.brokers[2].status = 'crashed'; // broker 3's memory is gone
    expect(logMatching.check(state)).toEqual([]);
  });

  it('finds nothing in a fresh state', () => {
    expect(logMatching.check(clusterState({ partitions: 3 }))).toEqual([]);
  });
});
