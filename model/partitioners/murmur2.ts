/**
 * Java-compatible murmur2, as Kafka's producer hashes keys.
 * Behaviour: Kafka:clients/src/main/java/org/apache/kafka/common/utils/Utils.java (`murmur2`,
 * `toPositive`) and Kafka:.../producer/internals/BuiltInPartitioner.java (`partitionForKey`);
 * ../shared/reference/clients.md §1.1. Java ints are signed 32-bit with wrap-around: `Math.imul`
 * multiplies, `| 0` / `^` keep 32 bits, `>>>` is the unsigned shift.
 */

const SEED = 0x9747b28c;
const M = 0x5bd1e995;
const R = 24;

/** Kafka's `Utils.murmur2` over the serialised key bytes: a signed 32-bit int. */
export function murmur2(data: Uint8Array): number {
  const length = data.length;
  let h = (SEED ^ length) | 0;
  const wordCount = length >>> 2;
  for (let word = 0; word < wordCount; word++) {
    const offset = word * 4;
    let k = data[offset] | (data[offset + 1] << 8) | (data[offset + 2] << 16) | (data[offset + 3] << 24);
    k = Math.imul(k, M);
    k ^= k >>> R;
    k = Math.imul(k, M);
    h = Math.imul(h, M);
    h ^= k;
  }
  const tail = length & ~3;
  // Java's switch (length % 4) with deliberate fall-through: 3 → 2 → 1.
  const tailLength = length & 3;
  if (tailLength >= 3) h ^= data[tail + 2] << 16;
  if (tailLength >= 2) h ^= data[tail + 1] << 8;
  if (tailLength >= 1) {
    h ^= data[tail];
    h = Math.imul(h, M);
  }
  h ^= h >>> 13;
  h = Math.imul(h, M);
  h ^= h >>> 15;
  return h | 0;
}

/** Kafka's `Utils.toPositive`: clears the sign bit. Not `Math.abs` (which differs for negatives and for MIN_VALUE). */
export function toPositive(value: number): number {
  return value & 0x7fffffff;
}

/** `BuiltInPartitioner.partitionForKey`: `toPositive(murmur2(keyBytes)) % partitionCount`, over all partitions. */
export function partitionForKey(keyBytes: Uint8Array, partitionCount: number): number {
  if (!Number.isInteger(partitionCount) || partitionCount < 1) throw new RangeError(`partitionCount must be a positive integer, got ${partitionCount}`);
  return toPositive(murmur2(keyBytes)) % partitionCount;
}
