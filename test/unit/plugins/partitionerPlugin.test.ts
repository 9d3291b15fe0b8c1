import { describe, expect, it } from 'vitest';
import { PluginLoadError, loadModule } from '../../../checker/plugins/loadModule.ts';
import { adaptKafkaJsPartitioner, detectPartitioner, toKafkaJsMessage, toKafkaJsPartitionMetadata } from '../../../checker/plugins/partitionerPlugin.ts';
import { createRng } from '../../../model/kernel/rng.ts';
import { createBuiltInPartitioner } from '../../../model/partitioners/builtIns.ts';
import { clusterView, simpleClusterView, type ClusterView, type PartitionerRecord } from '../../../model/partitioners/types.ts';
import { kafkajs } from '../partitioners/kafkajsReference.ts';

const fixtures = 'test/fixtures/partitioners';
const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

function detectionError(namespace: Record<string, unknown>): PluginLoadError {
  try {
    detectPartitioner(namespace, 'p.ts');
  } catch (error) {
    expect(error).toBeInstanceOf(PluginLoadError);
    return error as PluginLoadError;
  }
  throw new Error('expected a PluginLoadError');
}

describe('plugin style detection on the fixtures (in process)', () => {
  it.each([
    ['kmc-hash.js', 'kmc', 'kmc-hash-js', 'default'],
    ['kmc-hash.mjs', 'kmc', 'kmc-hash-mjs', 'partitioner'],
    ['kmc-hash.cjs', 'kmc', 'kmc-hash-cjs', 'partitioner'],
    ['kmc-hash.ts', 'kmc', 'kmc-hash-ts', 'partitioner'],
    ['kmc-hash.mts', 'kmc', 'kmc-hash-mts', 'default'],
    ['kafkajs-hash.js', 'kafkajs', 'kafkajs-hash', 'default'],
    ['kafkajs-hash.mjs', 'kafkajs', 'kafkajs-hash', 'createPartitioner'],
    ['kafkajs-hash.cjs', 'kafkajs', 'kafkajs-hash', 'default'],
    ['kafkajs-hash.ts', 'kafkajs', 'kafkajs-hash', 'createPartitioner'],
    ['kafkajs-hash.mts', 'kafkajs', 'kafkajs-hash', 'default'],
  ])('%s is %s style, named %s, from export %s', async (file, style, name, exportName) => {
    const detected = detectPartitioner(await loadModule(`${fixtures}/${file}`), `${fixtures}/${file}`);
    expect({ style: detected.style, name: detected.name, exportName: detected.exportName }).toEqual({ style, name, exportName });
    const partitioner = detected.create();
    expect(partitioner.convention).toBe(style === 'kafkajs' ? 'kafkajs' : 'java-custom');
    const partition = partitioner.partition({ topic: 't', key: utf8('user-1'), value: null }, simpleClusterView('t', 5));
    expect(Number.isInteger(partition) && partition >= 0 && partition < 5).toBe(true);
  });

  it('reports a module that exports nothing usable, listing what it exports', async () => {
    const namespace = await loadModule(`${fixtures}/exports-nothing.ts`);
    expect(() => detectPartitioner(namespace, `${fixtures}/exports-nothing.ts`)).toThrow(
      `${fixtures}/exports-nothing.ts: exports nothing usable: expected a default export or named export \`partitioner\``,
    );
  });
});

describe('detectPartitioner on module namespaces', () => {
  const kmcObject = { name: 'mine', partition: () => 0 };

  it('prefers the default export, then `partitioner`, then `createPartitioner`', () => {
    expect(detectPartitioner({ default: kmcObject, createPartitioner: () => () => 1 }, 'p.ts').exportName).toBe('default');
    expect(detectPartitioner({ default: 42, partitioner: kmcObject }, 'p.ts').exportName).toBe('partitioner');
    expect(detectPartitioner({ createPartitioner: () => () => 1 }, 'p.ts').style).toBe('kafkajs');
  });

  it('instantiates a class with a partition method afresh for every create()', () => {
    class Counting {
      calls = 0;
      partition(): number {
        return this.calls++;
      }
    }
    const detected = detectPartitioner({ default: Counting }, 'counting.ts');
    expect(detected.style).toBe('kmc');
    expect(detected.name).toBe('counting');
    const first = detected.create();
    const cluster = simpleClusterView('t', 9);
    first.partition({ topic: 't', key: null, value: null }, cluster);
    expect(first.partition({ topic: 't', key: null, value: null }, cluster)).toBe(1);
    expect(detected.create().partition({ topic: 't', key: null, value: null }, cluster)).toBe(0);
  });

  it('calls onNewBatch with the object as `this`', () => {
    const target = {
      switched: [] as number[],
      partition: () => 0,
      onNewBatch(this: { switched: number[] }, _topic: string, _cluster: ClusterView, prev: number) {
        this.switched.push(prev);
      },
    };
    const partitioner = detectPartitioner({ partitioner: target }, 'p.ts').create();
    partitioner.onNewBatch?.('t', simpleClusterView('t', 2), 1);
    expect(target.switched).toEqual([1]);
  });

  it('reports exports nothing usable for a `partitioner` that is a bare function, and for an empty module', () => {
    expect(detectionError({ partitioner: () => 0 }).rule).toBe('exports-nothing-usable');
    expect(detectionError({}).detail).toContain('it exports nothing');
  });

  it('reports a factory that returns something other than a function', () => {
    const error = detectionError({ default: () => 42 });
    expect(error.rule).toBe('exports-nothing-usable');
    expect(error.detail).toContain('returned number');
  });

  it('reports a factory or constructor that throws as threw-while-loading', () => {
    const throwing = detectionError({
      createPartitioner: () => {
        throw new Error('no config');
      },
    });
    expect(throwing.rule).toBe('threw-while-loading');
    expect(throwing.detail).toBe('threw while loading: createPartitioner() threw: no config');
    class Broken {
      constructor() {
        throw new Error('ctor');
      }
      partition(): number {
        return 0;
      }
    }
    expect(detectionError({ default: Broken }).detail).toBe('threw while loading: new default() threw: ctor');
  });
});

describe('KafkaJS adapter', () => {
  const cluster = clusterView('t', [
    { partition: 1, leader: -1, replicas: [1, 2], isr: [] },
    { partition: 0, leader: 2, replicas: [2, 0], isr: [2, 0] },
  ]);

  it('builds partitionMetadata in list order with partitionErrorCode 0 and leader -1 when none', () => {
    expect(toKafkaJsPartitionMetadata(cluster)).toEqual([
      { partitionErrorCode: 0, partitionId: 1, leader: -1, replicas: [1, 2], isr: [], offlineReplicas: [] },
      { partitionErrorCode: 0, partitionId: 0, leader: 2, replicas: [2, 0], isr: [2, 0], offlineReplicas: [] },
    ]);
  });

  it('passes keys and values as Buffers and the explicit partition only when set', () => {
    const message = toKafkaJsMessage({ topic: 't', key: utf8('k'), value: null, partition: null });
    expect(Buffer.isBuffer(message.key)).toBe(true);
    expect(message.key!.toString()).toBe('k');
    expect(message.value).toBeNull();
    expect('partition' in message).toBe(false);
    expect(toKafkaJsMessage({ topic: 't', key: null, value: utf8('v'), partition: 3 })).toMatchObject({ key: null, partition: 3 });
  });

  it('makes installed KafkaJS DefaultPartitioner agree with kmc default on keyed records (seed adapter)', () => {
    const adapted = adaptKafkaJsPartitioner(kafkajs.Partitioners.DefaultPartitioner(), 'kafkajs');
    const ours = createBuiltInPartitioner('default', { rng: createRng('adapter') });
    const rng = createRng('adapter');
    const big = simpleClusterView('t', 24, { withoutLeader: [5] });
    const mismatches: PartitionerRecord[] = [];
    for (let i = 0; i < 2000; i++) {
      const record = { topic: 't', key: Uint8Array.from({ length: rng.int(30) }, () => rng.int(256)), value: null };
      if (adapted.partition(record, big) !== ours.partition(record, big)) mismatches.push(record);
    }
    expect(mismatches).toEqual([]);
  });

  it('lets KafkaJS skip leaderless partitions for null keys', () => {
    const adapted = adaptKafkaJsPartitioner(kafkajs.Partitioners.DefaultPartitioner(), 'kafkajs');
    for (let i = 0; i < 10; i++) expect(adapted.partition({ topic: 't', key: null, value: null }, cluster)).toBe(0);
  });
});

describe('CommonJS shapes', () => {
  it('finds `createPartitioner` and `partitioner` inside module.exports when the lexer did not name them', () => {
    expect(detectPartitioner({ default: { createPartitioner: () => () => 0 } }, 'p.cjs').exportName).toBe('module.exports.createPartitioner');
    expect(detectPartitioner({ default: { partitioner: { partition: () => 0 } } }, 'p.cjs').exportName).toBe('module.exports.partitioner');
  });
});
