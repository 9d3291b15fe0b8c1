import { describe, expect, it } from 'vitest';
import { createRng } from '../../../model/kernel/rng.ts';
import { createBuiltInPartitioner } from '../../../model/partitioners/builtIns.ts';
import { kafkajsLegacyMurmur2 } from '../../../model/partitioners/kafkajsLegacyMurmur2.ts';
import { murmur2, partitionForKey, toPositive } from '../../../model/partitioners/murmur2.ts';
import { simpleClusterView } from '../../../model/partitioners/types.ts';
import { kafkajs, kafkajsJavaMurmur2Reference, kafkajsLegacyMurmur2Reference, partitionMetadata } from './kafkajsReference.ts';

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

/** Random keys from a seeded Rng: lengths 0..40 (every tail length), bytes or UTF-8 text. */
function randomKeys(seed: string, count: number): Uint8Array[] {
  const rng = createRng(seed);
  return Array.from({ length: count }, () => {
    const length = rng.int(41);
    if (rng.chance(0.5)) return Uint8Array.from({ length }, () => rng.int(256));
    let text = '';
    for (let i = 0; i < length; i++) text += String.fromCharCode(rng.chance(0.9) ? 32 + rng.int(95) : 0xa0 + rng.int(0x2000));
    return utf8(text);
  });
}

describe('murmur2 (Kafka Utils.murmur2)', () => {
  // Kafka:clients/src/test/java/org/apache/kafka/common/utils/UtilsTest.java testMurmur2
  const javaVectors: [string, Uint8Array, number][] = [
    ['"21"', utf8('21'), -973932308],
    ['"foobar"', utf8('foobar'), -790332482],
    ['"a-little-bit-long-string"', utf8('a-little-bit-long-string'), -985981536],
    ['"a-little-bit-longer-string"', utf8('a-little-bit-longer-string'), -1486304829],
    ['"lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8"', utf8('lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8'), -58897971],
    ["{'a','b','c'}", Uint8Array.of(0x61, 0x62, 0x63), 479470107],
  ];
  it.each(javaVectors)('hashes %s like Java', (_, bytes, expected) => {
    expect(murmur2(bytes)).toBe(expected);
  });

  it('hashes the empty key (it is hashed, not treated as null)', () => {
    expect(Number.isInteger(murmur2(new Uint8Array(0)))).toBe(true);
    expect(partitionForKey(new Uint8Array(0), 7)).toBe(toPositive(murmur2(new Uint8Array(0))) % 7);
  });

  it('toPositive masks the sign bit instead of taking Math.abs', () => {
    expect(toPositive(-973932308)).toBe(-973932308 & 0x7fffffff);
    expect(toPositive(-973932308)).not.toBe(973932308);
    expect(toPositive(-2147483648)).toBe(0);
    expect(toPositive(-1)).toBe(0x7fffffff);
    expect(toPositive(42)).toBe(42);
  });

  it('partitionForKey is toPositive(murmur2) % partitionCount', () => {
    expect(partitionForKey(utf8('21'), 10)).toBe((-973932308 & 0x7fffffff) % 10);
    expect(() => partitionForKey(utf8('21'), 0)).toThrow(RangeError);
  });

  it('matches KafkaJS Java-compatible murmur2 on 10,000 random keys (seed murmur2-java)', () => {
    const keys = randomKeys('murmur2-java', 10_000);
    const mismatches = keys.filter((key) => murmur2(key) !== kafkajsJavaMurmur2Reference(Buffer.from(key)));
    expect(mismatches).toEqual([]);
  });
});

describe('kafkajsLegacyMurmur2 (KafkaJS LegacyPartitioner hash)', () => {
  // KJS:src/producer/partitioners/legacy/murmur2.spec.js
  const legacyVectors: [string, number][] = [
    ['0', 272173970],
    ['1', 1311020360],
    ['128', 2053105854],
    ['2187', -2081355488],
    ['16384', 204404061],
    ['78125', -677491393],
    ['279936', -622460209],
    ['823543', 651276451],
    ['2097152', 944683677],
    ['4782969', -892695770],
    ['10000000', -1778616326],
    ['19487171', -518311627],
    ['35831808', 556972389],
    ['62748517', -233806557],
    ['105413504', -109398538],
    ['170859375', 102939717],
  ];
  it.each(legacyVectors)('hashes "%s" to %i', (key, expected) => {
    expect(kafkajsLegacyMurmur2(utf8(key))).toBe(expected);
  });

  it('differs from the Java hash (it is not Java-compatible)', () => {
    expect(kafkajsLegacyMurmur2(utf8('21'))).not.toBe(murmur2(utf8('21')));
  });

  it('matches the installed KafkaJS legacy murmur2 on 10,000 random keys (seed murmur2-legacy)', () => {
    const keys = randomKeys('murmur2-legacy', 10_000);
    const mismatches = keys.filter((key) => kafkajsLegacyMurmur2(key) !== kafkajsLegacyMurmur2Reference(Buffer.from(key)));
    expect(mismatches).toEqual([]);
  });
});

describe('keyed partition choice against KafkaJS (10,000 random keys, seed keyed-vs-kafkajs)', () => {
  const keys = randomKeys('keyed-vs-kafkajs', 10_000);
  const counts = [1, 7, 12, 64];

  it.each(counts)('default equals KafkaJS DefaultPartitioner with %i partitions', (partitionCount) => {
    const ours = createBuiltInPartitioner('default', { rng: createRng('unused') });
    const theirs = kafkajs.Partitioners.DefaultPartitioner();
    const cluster = simpleClusterView('t', partitionCount);
    const metadata = partitionMetadata(partitionCount);
    const mismatches = keys.filter((key) => ours.partition({ topic: 't', key, value: null }, cluster) !== theirs({ topic: 't', partitionMetadata: metadata, message: { key: Buffer.from(key), value: null } }));
    expect(mismatches).toEqual([]);
  });

  it.each(counts)('kafkajs-legacy equals KafkaJS LegacyPartitioner with %i partitions', (partitionCount) => {
    const ours = createBuiltInPartitioner('kafkajs-legacy', { rng: createRng('unused') });
    const theirs = kafkajs.Partitioners.LegacyPartitioner();
    const cluster = simpleClusterView('t', partitionCount);
    const metadata = partitionMetadata(partitionCount);
    const mismatches = keys.filter((key) => ours.partition({ topic: 't', key, value: null }, cluster) !== theirs({ topic: 't', partitionMetadata: metadata, message: { key: Buffer.from(key), value: null } }));
    expect(mismatches).toEqual([]);
  });

  it('keyed records count every partition, with or without a leader (Java partitionsForTopic().size())', () => {
    const ours = createBuiltInPartitioner('default', { rng: createRng('unused') });
    const theirs = kafkajs.Partitioners.DefaultPartitioner();
    const cluster = simpleClusterView('t', 6, { withoutLeader: [0, 3] });
    const metadata = partitionMetadata(6, [0, 3]);
    for (const key of keys.slice(0, 500)) {
      const expected = theirs({ topic: 't', partitionMetadata: metadata, message: { key: Buffer.from(key), value: null } });
      expect(ours.partition({ topic: 't', key, value: null }, cluster)).toBe(expected);
      expect(ours.partition({ topic: 't', key, value: null }, cluster)).toBe(partitionForKey(key, 6));
    }
  });
});
