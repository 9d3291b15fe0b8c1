import { describe, expect, it } from 'vitest';
import { generateLoadWorkload, partitionerLoadStats, type KeySetLoad, type LoadStatsResult } from '../../../../checker/partitionerCheck/loadStats.ts';
import { builtInPartitionerHandle, inProcessPartitionerHandle } from '../../../../checker/plugins/inProcessHandle.ts';

const workload = generateLoadWorkload({ seed: 'load-stats' });
const decoder = new TextDecoder();

function keySet(result: LoadStatsResult, name: KeySetLoad['keySet']): KeySetLoad {
  const load = result.keySets.find((k) => k.keySet === name);
  if (load === undefined) throw new Error(`no ${name}`);
  return load;
}

describe('generated key sets (seed load-stats)', () => {
  it('are reproducible from the seed and differ across seeds', () => {
    const again = generateLoadWorkload({ seed: 'load-stats' });
    const other = generateLoadWorkload({ seed: 'other' });
    const keysOf = (w: typeof workload) => w.keySets[0].records.slice(0, 50).map((r) => decoder.decode(r.key!));
    expect(keysOf(again)).toEqual(keysOf(workload));
    expect(keysOf(other)).not.toEqual(keysOf(workload));
  });

  it('have the documented shapes: 20,000 records, 10,000 distinct keys, 3 hot keys carrying half', () => {
    for (const set of workload.keySets) expect(set.records.length).toBe(20_000);
    expect(new Set(workload.growthRecords.map((r) => decoder.decode(r.key!))).size).toBe(10_000);
    const hot = workload.keySets.find((s) => s.keySet === 'hot-keys')!.records;
    const hotKeys = new Set(workload.growthRecords.slice(0, 3).map((r) => decoder.decode(r.key!)));
    const hotShare = hot.filter((r) => hotKeys.has(decoder.decode(r.key!))).length / hot.length;
    expect(hotShare).toBeGreaterThan(0.48);
    expect(hotShare).toBeLessThan(0.52);
    const zipf = workload.keySets.find((s) => s.keySet === 'zipf')!.records;
    const top = zipf.filter((r) => decoder.decode(r.key!) === decoder.decode(workload.growthRecords[0].key!)).length / zipf.length;
    // 1 / Σ_{r ≤ 10^4} r^-1.1 ≈ 0.151
    expect(top).toBeGreaterThan(0.14);
    expect(top).toBeLessThan(0.16);
    expect(workload.keySets.find((s) => s.keySet === 'null-keys')!.records.every((r) => r.key === null)).toBe(true);
  });
});

describe('load statistics of known partitioners (seed load-stats, 12 partitions)', () => {
  it('default: uniform keys load evenly; hot and Zipf keys do not; mod hashing remaps most keys on growth', async () => {
    const result = await partitionerLoadStats(builtInPartitionerHandle('default'), workload);
    expect(result.failure).toBeNull();
    const uniform = keySet(result, 'uniform');
    expect(uniform.counts.reduce((a, b) => a + b, 0)).toBe(20_000);
    expect(uniform.degreesOfFreedom).toBe(11);
    expect(uniform.maxMeanRatio).toBeLessThan(1.15);
    expect(uniform.chiSquare).toBeLessThan(60); // order of the degrees of freedom
    expect(uniform.pValue).toBeGreaterThan(1e-4);
    const hot = keySet(result, 'hot-keys');
    expect(hot.maxMeanRatio).toBeGreaterThan(2); // one hot key alone is 1/6 of the records = 2× the mean
    expect(hot.chiSquare).toBeGreaterThan(5_000);
    expect(hot.pValue).toBeLessThan(1e-100);
    expect(keySet(result, 'zipf').maxMeanRatio).toBeGreaterThan(1.5);
    const [toPlusOne, toDouble] = result.growth;
    expect([toPlusOne.from, toPlusOne.to, toDouble.to]).toEqual([12, 13, 24]);
    expect(toPlusOne.remappedFraction).toBeGreaterThan(0.88);
    expect(toPlusOne.remappedFraction).toBeLessThan(0.96);
    expect(toDouble.remappedFraction).toBeGreaterThan(0.45);
    expect(toDouble.remappedFraction).toBeLessThan(0.55);
  });

  it('kafkajs-default spreads null keys perfectly (round robin per message); round-robin as a Java partitioner.class fills only half the partitions (KAFKA-9965)', async () => {
    const kafkajs = await partitionerLoadStats(builtInPartitionerHandle('kafkajs-default'), workload);
    expect(keySet(kafkajs, 'null-keys').maxMeanRatio).toBeCloseTo(1, 2);
    expect(keySet(kafkajs, 'null-keys').chiSquare).toBeLessThan(1);
    const roundRobin = await partitionerLoadStats(builtInPartitionerHandle('round-robin'), workload);
    const nullKeys = keySet(roundRobin, 'null-keys');
    expect(nullKeys.maxMeanRatio).toBeCloseTo(2, 2);
    expect(nullKeys.counts.filter((count) => count === 0).length).toBe(6);
  });

  it('is reproducible: the same seed gives the same statistics', async () => {
    const first = await partitionerLoadStats(builtInPartitionerHandle('sticky'), workload);
    const second = await partitionerLoadStats(builtInPartitionerHandle('sticky'), generateLoadWorkload({ seed: 'load-stats' }));
    expect(second).toEqual(first);
  });

  it('stops at the first broken rule and reports it with the record', async () => {
    const handle = inProcessPartitionerHandle(() => ({
      name: 'no-null-keys',
      partition: (record, cluster) => {
        if (record.key === null) throw new Error('needs a key');
        return record.key.length % cluster.partitionCount;
      },
    }));
    const result = await partitionerLoadStats(handle, { seed: 'load-stats', records: 500, keyUniverse: 200 });
    expect(result.keySets.map((k) => k.keySet)).toEqual(['uniform', 'zipf', 'hot-keys']);
    expect(result.failure).toMatchObject({ rule: 'no-throw', plugin: 'no-null-keys', input: { key: null, topic: 'kmc-load', partitionCount: 12 } });
    expect(result.growth).toEqual([]);
  });
});
