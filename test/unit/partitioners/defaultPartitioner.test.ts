import { describe, expect, it } from 'vitest';
import { createRng } from '../../../model/kernel/rng.ts';
import { createBuiltInPartitioner, BUILT_IN_PARTITIONER_NAMES, isBuiltInPartitionerName } from '../../../model/partitioners/builtIns.ts';
import { DefaultPartitioner } from '../../../model/partitioners/defaultPartitioner.ts';
import { partitionForKey } from '../../../model/partitioners/murmur2.ts';
import { simpleClusterView, UNKNOWN_PARTITION } from '../../../model/partitioners/types.ts';

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('default (Java 3.3+ partition choice)', () => {
  const cluster = simpleClusterView('t', 6);

  it('uses an explicit partition first, then the key hash, then the built-in sticky partitioner', () => {
    const partitioner = new DefaultPartitioner({ rng: createRng('default-order') });
    expect(partitioner.choose({ topic: 't', key: utf8('k'), value: null, partition: 4 }, cluster)).toBe(4);
    expect(partitioner.choose({ topic: 't', key: utf8('k'), value: null }, cluster)).toBe(partitionForKey(utf8('k'), 6));
    expect(partitioner.choose({ topic: 't', key: new Uint8Array(0), value: null }, cluster)).toBe(partitionForKey(new Uint8Array(0), 6));
    expect(partitioner.choose({ topic: 't', key: null, value: null }, cluster)).toBe(UNKNOWN_PARTITION);
    const sticky = partitioner.partition({ topic: 't', key: null, value: null }, cluster);
    expect(sticky).toBe(partitioner.sticky('t').peek(cluster));
  });

  it('with partitioner.ignore.keys sends keyed records to the sticky partition', () => {
    const partitioner = new DefaultPartitioner({ rng: createRng('ignore-keys'), ignoreKeys: true });
    expect(partitioner.choose({ topic: 't', key: utf8('k'), value: null }, cluster)).toBe(UNKNOWN_PARTITION);
    expect(partitioner.choose({ topic: 't', key: utf8('k'), value: null, partition: 2 }, cluster)).toBe(2);
  });

  it('keeps one sticky partitioner per topic with stickyBatchSize = max(1, batch.size)', () => {
    const partitioner = new DefaultPartitioner({ rng: createRng('topics'), batchSizeBytes: 0 });
    expect(partitioner.sticky('a')).toBe(partitioner.sticky('a'));
    expect(partitioner.sticky('a')).not.toBe(partitioner.sticky('b'));
    expect(partitioner.sticky('a').stickyBatchSizeBytes).toBe(1);
  });

  it('is reproducible from its seed', () => {
    const draw = (seed: string) => {
      const partitioner = new DefaultPartitioner({ rng: createRng(seed), batchSizeBytes: 10 });
      const chosen: number[] = [];
      for (let i = 0; i < 20; i++) {
        chosen.push(partitioner.partition({ topic: 't', key: null, value: null }, cluster));
        partitioner.sticky('t').onAppend(10, true, cluster);
      }
      return chosen;
    };
    expect(draw('seed-1')).toEqual(draw('seed-1'));
    expect(draw('seed-1')).not.toEqual(draw('seed-2'));
  });
});

describe('built-in registry', () => {
  it('creates every built-in by name', () => {
    for (const name of BUILT_IN_PARTITIONER_NAMES) {
      const partitioner = createBuiltInPartitioner(name, { rng: createRng('registry') });
      expect(partitioner.name).toBe(name);
      expect(isBuiltInPartitionerName(name)).toBe(true);
    }
    expect(isBuiltInPartitionerName('uniform')).toBe(false);
  });

  it('declares how a producer calls each', () => {
    const conventions = Object.fromEntries(BUILT_IN_PARTITIONER_NAMES.map((name) => [name, createBuiltInPartitioner(name, { rng: createRng('c') }).convention]));
    expect(conventions).toEqual({ default: 'java-built-in', sticky: 'java-custom', 'round-robin': 'java-custom', 'legacy-round-robin': 'java-custom', 'kafkajs-default': 'kafkajs', 'kafkajs-legacy': 'kafkajs' });
  });
});
