/**
 * Java's java.util.HashMap / HashSet iteration order, emulated, because the sticky assignors'
 * results depend on it (which member keeps its maxQuota partitions, which of two equal claims is
 * seen first, which earlier move a reassignment reverses). ../shared/reference/clients.md §4.3
 * "Determinism for exact reproduction" [derived: JDK behaviour, not from the Kafka sources]:
 * - `String.hashCode()` is `h = 31*h + c` over UTF-16 code units, in int32.
 * - `TopicPartition.hashCode()` is `31 * (31 + partition) + topic.hashCode()`
 *   (Kafka:clients/src/main/java/org/apache/kafka/common/TopicPartition.java).
 * - The bucket is `(h ^ (h >>> 16)) & (capacity - 1)`; a default table starts at 16 buckets and
 *   doubles whenever the size exceeds 3/4 of the capacity; it never shrinks.
 * - Iteration walks buckets in ascending order; within a bucket, entries keep insertion order
 *   (resizes split a bucket without reordering it; a removed key re-inserted goes to the tail).
 * Tree bins (8+ entries in one bucket of a table of 64+) are not emulated: kmc's groups are far
 * too small to reach them.
 */

export function javaStringHash(value: string): number {
  let hash = 0;
  for (let index = 0; index < value.length; index++) hash = (Math.imul(31, hash) + value.charCodeAt(index)) | 0;
  return hash;
}

export function javaTopicPartitionHash(topic: string, partition: number): number {
  return (Math.imul(31, (31 + partition) | 0) + javaStringHash(topic)) | 0;
}

/** The table capacity of a default-constructed HashMap that has held at most `sizeMax` entries. */
export function javaHashMapCapacity(sizeMax: number): number {
  let capacity = 16;
  while (sizeMax > capacity * 0.75) capacity *= 2;
  return capacity;
}

export function javaBucket(hash: number, capacity: number): number {
  return (hash ^ (hash >>> 16)) & (capacity - 1);
}

/** Keys of a default HashMap filled by inserting `keysInInsertionOrder`, in Java's iteration order. */
export function javaHashMapOrder<K>(keysInInsertionOrder: readonly K[], hashOf: (key: K) => number): K[] {
  const capacity = javaHashMapCapacity(keysInInsertionOrder.length);
  return keysInInsertionOrder
    .map((key, index) => ({ key, index, bucket: javaBucket(hashOf(key), capacity) }))
    .sort((a, b) => a.bucket - b.bucket || a.index - b.index)
    .map((entry) => entry.key);
}

/**
 * A set that iterates like a default java.util.HashSet: used where Java takes
 * `set.iterator().next()`. Membership is by identity (callers intern their keys).
 */
export class JavaOrderedHashSet<K> {
  private readonly entries: K[] = [];
  private sizeMax = 0;

  constructor(private readonly hashOf: (key: K) => number) {}

  get size(): number {
    return this.entries.length;
  }

  has(key: K): boolean {
    return this.entries.includes(key);
  }

  add(key: K): void {
    if (this.has(key)) return;
    this.entries.push(key);
    this.sizeMax = Math.max(this.sizeMax, this.entries.length);
  }

  delete(key: K): void {
    const index = this.entries.indexOf(key);
    if (index >= 0) this.entries.splice(index, 1);
  }

  /** The element Java's iterator returns first, or undefined when empty. */
  first(): K | undefined {
    const capacity = javaHashMapCapacity(this.sizeMax);
    let best: K | undefined;
    let bestBucket = Infinity;
    for (const key of this.entries) {
      const bucket = javaBucket(this.hashOf(key), capacity);
      if (bucket < bestBucket) {
        best = key;
        bestBucket = bucket;
      }
    }
    return best;
  }
}
