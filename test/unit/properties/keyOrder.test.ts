import { describe, expect, it } from 'vitest';
import { keyOrder } from '../../../properties/keyOrder.ts';
import { safeConfig, sendOk } from './fixtures.ts';

const history = (...ops: ReturnType<typeof sendOk>[]) => ({ ops });

describe('key-order', () => {
  it('fires when a key went to a second partition after partitions were added', () => {
    const cases = keyOrder.check(
      history(
        sendOk('v1', 0, { key: 'k0', partition: 0, partitionCount: 1 }),
        sendOk('v2', 1, { key: 'k0', partition: 0, partitionCount: 1 }),
        sendOk('v3', 0, { key: 'k0', partition: 1, partitionCount: 2 }),
      ),
      safeConfig(),
    );
    expect(cases).toHaveLength(1);
    expect(cases[0].summary).toBe('key k0 went to partitions 0, 1');
    expect(cases[0].data).toMatchObject({ key: 'k0', first: { value: 'v1', partition: 0 }, moved: { value: 'v3', partition: 1, partitionCount: 2 }, partitionCounts: [1, 2] });
    const text = keyOrder.explain(cases[0]);
    expect(text).toContain('a consumer may read M before F');
    expect(text).toContain('hash(key) % P changed with P');
  });
  it('stays silent when every key keeps its partition, and ignores null keys', () => {
    expect(
      keyOrder.check(
        history(sendOk('v1', 0, { key: 'k0', partition: 0 }), sendOk('v2', 0, { key: 'k1', partition: 1, partitionCount: 2 }), sendOk('v3', 1, { key: 'k0', partition: 0 }), sendOk('v4', 1, { partition: 1, partitionCount: 2 })),
        safeConfig(),
      ),
    ).toEqual([]);
  });
  it('is empty on an empty history', () => {
    expect(keyOrder.check({ ops: [] }, safeConfig())).toEqual([]);
  });
  it('is guaranteed unless partitions can be added or keys are ignored', () => {
    expect(keyOrder.guaranteedWhen(safeConfig())).toEqual({ guaranteed: true });
    expect(keyOrder.guaranteedWhen(safeConfig({ 'model.faults': 'add-partition' }))).toEqual({ guaranteed: false, because: 'model.faults includes add-partition (hash(key) % P changes when partitions are added)' });
    expect(keyOrder.guaranteedWhen(safeConfig({ 'partitioner.class': 'round-robin' }))).toEqual({ guaranteed: false, because: 'partitioner.class=round-robin (keys are ignored)' });
  });
});
