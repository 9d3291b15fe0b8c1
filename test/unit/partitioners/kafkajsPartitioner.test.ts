import { describe, expect, it } from 'vitest';
import type { Rng } from '../../../model/kernel/rng.ts';
import { createRng } from '../../../model/kernel/rng.ts';
import { KafkaJsPartitioner } from '../../../model/partitioners/kafkajsPartitioner.ts';
import { simpleClusterView } from '../../../model/partitioners/types.ts';
import { kafkajs, partitionMetadata } from './kafkajsReference.ts';

const nullKey = { topic: 't', key: null, value: null };

function fixedStart(start: number): Rng {
  return { next: () => 0, int: () => start, pick: <T>(items: readonly T[]) => items[0], chance: () => false };
}

describe('kafkajs-default / kafkajs-legacy (KafkaJS partitioners)', () => {
  it('send null keys round robin from the random start + 1 (pre-increment)', () => {
    const partitioner = new KafkaJsPartitioner('kafkajs-default', { rng: fixedStart(4) });
    const cluster = simpleClusterView('t', 3);
    expect(Array.from({ length: 5 }, () => partitioner.partition(nullKey, cluster))).toEqual([2, 0, 1, 2, 0]);
  });

  it('wrap the counter through toPositive at 2^32 like KafkaJS', () => {
    const partitioner = new KafkaJsPartitioner('kafkajs-legacy', { rng: fixedStart(0xffff_fffe) });
    const cluster = simpleClusterView('t', 5);
    // counters 0xffffffff, 0x100000000, ... → toPositive → 0x7fffffff, 0, 1
    expect(Array.from({ length: 3 }, () => partitioner.partition(nullKey, cluster))).toEqual([0x7fffffff % 5, 0, 1]);
  });

  it('skip partitions without a leader: 100 messages with partition 1 leaderless → 50/0/50 (KafkaJS spec)', () => {
    const partitioner = new KafkaJsPartitioner('kafkajs-default', { rng: createRng('kafkajs-leaderless') });
    const cluster = simpleClusterView('t', 3, { withoutLeader: [1] });
    const counts = [0, 0, 0];
    for (let i = 0; i < 100; i++) counts[partitioner.partition(nullKey, cluster)]++;
    expect(counts).toEqual([50, 0, 50]);
  });

  it('spread 30 messages 10/10/10 over 3 partitions (KafkaJS spec)', () => {
    const partitioner = new KafkaJsPartitioner('kafkajs-legacy', { rng: createRng('kafkajs-even') });
    const cluster = simpleClusterView('t', 3);
    const counts = [0, 0, 0];
    for (let i = 0; i < 30; i++) counts[partitioner.partition(nullKey, cluster)]++;
    expect(counts).toEqual([10, 10, 10]);
  });

  it('follow the same null-key cycle as installed KafkaJS, up to its crypto-random start', () => {
    const theirs = kafkajs.Partitioners.DefaultPartitioner();
    const metadata = partitionMetadata(5, [3]);
    const theirSequence = Array.from({ length: 12 }, () => theirs({ topic: 't', partitionMetadata: metadata, message: { value: null } }));
    const available = [0, 1, 2, 4];
    const offset = available.indexOf(theirSequence[0]);
    expect(theirSequence).toEqual(Array.from({ length: 12 }, (_, i) => available[(offset + i) % 4]));
    const ours = new KafkaJsPartitioner('kafkajs-default', { rng: fixedStart(offset + 3) });
    expect(Array.from({ length: 12 }, () => ours.partition(nullKey, simpleClusterView('t', 5, { withoutLeader: [3] })))).toEqual(theirSequence);
  });

  it('return explicit partitions as given', () => {
    const partitioner = new KafkaJsPartitioner('kafkajs-default', { rng: createRng('explicit') });
    expect(partitioner.partition({ topic: 't', key: new Uint8Array(0), value: null, partition: 2 }, simpleClusterView('t', 3))).toBe(2);
  });
});
