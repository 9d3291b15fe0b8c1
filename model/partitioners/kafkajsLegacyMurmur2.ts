/**
 * KafkaJS's legacy murmur2 (the hash of `Partitioners.LegacyPartitioner`, the KafkaJS default
 * before v2.0.0). Not Java-compatible: it is Kafka's algorithm evaluated in JavaScript doubles.
 * Behaviour read from KJS:src/producer/partitioners/legacy/murmur2.js and its spec vectors
 * (../shared/reference/clients.md §3.2); this is kmc's own code reproducing that behaviour:
 *
 * 1. Products are double multiplications (`a * b`), exact only up to 2^53; bits above that are
 *    rounded away before the next 32-bit operation truncates the value (ECMAScript ToInt32 /
 *    ToUint32, i.e. the exact value of the double modulo 2^32).
 * 2. The word loop runs while `i < length / 4` with a fractional bound, so it runs
 *    ceil(length/4) times: the last, partial word is mixed in the loop (missing bytes read as 0)
 *    and then again by the tail switch.
 * Everything else is Kafka's murmur2.
 */

const SEED = 0x9747b28c;
const M = 0x5bd1e995;
const R = 24;

/** ECMAScript ToInt32 of a double (what JS `^` and `|` apply to their operands). */
function toInt32(value: number): number {
  return value | 0;
}

/** ECMAScript ToUint32 (what JS `>>>` applies to its left operand). */
function toUint32(value: number): number {
  return value >>> 0;
}

/** The legacy hash of the key bytes, as KafkaJS computes it (a signed 32-bit int). */
export function kafkajsLegacyMurmur2(data: Uint8Array): number {
  const length = data.length;
  const byteAt = (index: number): number => (index < length ? data[index] : 0);
  // h and k hold doubles between steps, exactly as in the JS original.
  let h: number = toInt32(SEED ^ length);
  const wordCount = Math.ceil(length / 4);
  for (let word = 0; word < wordCount; word++) {
    const offset = word * 4;
    // `+` of int32 terms: the top byte term is signed, so k lies in [-2^31, 2^31).
    let k: number = byteAt(offset) + (byteAt(offset + 1) << 8) + (byteAt(offset + 2) << 16) + toInt32(byteAt(offset + 3) << 24);
    k = k * M;
    k = toInt32(k) ^ (toUint32(k) >>> R);
    k = k * M;
    h = h * M;
    h = toInt32(h) ^ toInt32(k);
  }
  const tail = length & ~3;
  // The original's switch (length % 4) with fall-through: 3 → 2 → 1.
  const tailLength = length % 4;
  if (tailLength >= 3) h = toInt32(h) ^ (byteAt(tail + 2) << 16);
  if (tailLength >= 2) h = toInt32(h) ^ (byteAt(tail + 1) << 8);
  if (tailLength >= 1) {
    h = toInt32(h) ^ byteAt(tail);
    h = h * M;
  }
  h = toInt32(h) ^ (toUint32(h) >>> 13);
  h = h * M;
  h = toInt32(h) ^ (toUint32(h) >>> 15);
  return h;
}
