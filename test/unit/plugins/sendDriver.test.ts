import { describe, expect, it } from 'vitest';
import { runSends } from '../../../checker/plugins/batchRuns.ts';
import { SendDriver, estimateRecordBytes, RECORD_BATCH_HEADER_BYTES } from '../../../checker/plugins/sendDriver.ts';
import { createRng } from '../../../model/kernel/rng.ts';
import { createBuiltInPartitioner } from '../../../model/partitioners/builtIns.ts';
import { DefaultPartitioner } from '../../../model/partitioners/defaultPartitioner.ts';
import { simpleClusterView, type Partitioner, type PartitionerRecord } from '../../../model/partitioners/types.ts';

const value = new Uint8Array(100);
const nullKeyRecords = (count: number): PartitionerRecord[] => Array.from({ length: count }, () => ({ topic: 't', key: null, value }));
const recordBytes = estimateRecordBytes({ topic: 't', key: null, value });

describe('estimateRecordBytes', () => {
  it('counts key, value, their varint lengths and the record overhead', () => {
    expect(estimateRecordBytes({ topic: 't', key: null, value: null })).toBe(7);
    expect(estimateRecordBytes({ topic: 't', key: new Uint8Array(3), value: new Uint8Array(100) })).toBe(/* body */ 1 + 1 + 1 + 1 + 3 + 2 + 100 + 1 + /* zig-zag varint of 110 */ 2);
  });
});

describe('SendDriver call conventions', () => {
  it('java-custom: RoundRobinPartitioner is called twice on every new batch, so with P even only odd partitions fill (KAFKA-9965)', () => {
    const cluster = simpleClusterView('t', 6);
    const roundRobin = createBuiltInPartitioner('round-robin', { rng: createRng('rr') });
    const sent = runSends(roundRobin, nullKeyRecords(3000), cluster, { batchSizeBytes: 1000 });
    const counts = [0, 0, 0, 0, 0, 0];
    for (const partition of sent.partitions) counts[partition]++;
    expect(counts[0] + counts[2] + counts[4]).toBe(0);
    expect(counts[1]).toBeGreaterThan(900);
  });

  it('java-custom: onNewBatch gets the partition that needed a new batch, then partition() is asked again', () => {
    const calls: string[] = [];
    let next = 0;
    const spy: Partitioner = {
      name: 'spy',
      partition: () => {
        calls.push(`partition→${next}`);
        return next;
      },
      onNewBatch: (_topic, _cluster, prev) => {
        calls.push(`onNewBatch(${prev})`);
        next = 1 - next;
      },
    };
    const driver = new SendDriver(spy, { batchSizeBytes: RECORD_BATCH_HEADER_BYTES + 2 * recordBytes });
    const cluster = simpleClusterView('t', 2);
    const chosen = nullKeyRecords(4).map((record) => driver.send(record, cluster));
    expect(chosen).toEqual([1, 1, 0, 0]);
    expect(calls).toEqual(['partition→0', 'onNewBatch(0)', 'partition→1', 'partition→1', 'partition→1', 'onNewBatch(1)', 'partition→0', 'partition→0']);
  });

  it('java-custom: an explicit partition is used without asking partition(), but still triggers onNewBatch', () => {
    const calls: string[] = [];
    const spy: Partitioner = { name: 'spy', partition: () => (calls.push('partition'), 0), onNewBatch: (_t, _c, prev) => void calls.push(`onNewBatch(${prev})`) };
    const driver = new SendDriver(spy);
    expect(driver.send({ topic: 't', key: null, value, partition: 1 }, simpleClusterView('t', 2))).toBe(1);
    expect(calls).toEqual(['onNewBatch(1)']);
  });

  it('kafkajs: one call per record, no onNewBatch', () => {
    let calls = 0;
    const kafkajsStyle: Partitioner = { name: 'k', convention: 'kafkajs', partition: () => (calls++, 0), onNewBatch: () => { throw new Error('never called'); } };
    const sent = runSends(kafkajsStyle, nullKeyRecords(50), simpleClusterView('t', 2), { batchSizeBytes: 300 });
    expect(sent.failure).toBeNull();
    expect(calls).toBe(50);
  });

  it('sticky (KIP-480) switches partition with every new batch', () => {
    const sticky = createBuiltInPartitioner('sticky', { rng: createRng('kip480-driver') });
    const perBatch = 5;
    const sent = runSends(sticky, nullKeyRecords(40), simpleClusterView('t', 4), { batchSizeBytes: RECORD_BATCH_HEADER_BYTES + perBatch * recordBytes });
    const runs: number[] = [];
    for (const partition of sent.partitions) if (runs.length === 0 || runs[runs.length - 1] !== partition) runs.push(partition);
    // The first batch gets perBatch records, later ones likewise; consecutive batches never share a partition.
    expect(runs.length).toBe(8);
    for (let i = 1; i < runs.length; i++) expect(runs[i]).not.toBe(runs[i - 1]);
  });

  it('default (KIP-794) stays on a partition for batch.size bytes, switching when its batch is full', () => {
    const batchSizeBytes = RECORD_BATCH_HEADER_BYTES + 10 * recordBytes;
    const partitioner = new DefaultPartitioner({ rng: createRng('kip794-driver'), batchSizeBytes });
    const driver = new SendDriver(partitioner, { batchSizeBytes });
    const cluster = simpleClusterView('t', 8);
    const chosen = nullKeyRecords(30).map((record) => driver.send(record, cluster) as number);
    // 10 records fill a batch (header + 10 records = batch.size) and reach stickyBatchSize: switch.
    expect(new Set(chosen.slice(0, 10)).size).toBe(1);
    expect(new Set(chosen.slice(10, 20)).size).toBe(1);
    expect(partitioner.sticky('t').producedBytes).toBe(0);
  });

  it('stops at the first violation and names the record', () => {
    let calls = 0;
    const breaksLater: Partitioner = { name: 'b', convention: 'kafkajs', partition: () => (++calls === 3 ? 9 : 0) };
    const sent = runSends(breaksLater, nullKeyRecords(10), simpleClusterView('t', 2));
    expect(sent.partitions).toEqual([0, 0]);
    expect(sent.failure).toEqual({ index: 2, violation: { rule: 'in-range', detail: 'returned 9, but the topic has 2 partitions (0..1)' } });
  });
});
