/**
 * Sizes of records and batches in the v2 format, as the producer's accumulator counts them for
 * batch.size and the built-in sticky partitioner counts produced bytes.
 */

/** Kafka's DefaultRecordBatch.RECORD_BATCH_OVERHEAD: a v2 batch header. */
export const RECORD_BATCH_HEADER_BYTES = 61;

/** Length of a zig-zag encoded varint, as DefaultRecord uses for lengths and deltas. */
export function varintBytes(value: number): number {
  let zigzag = value >= 0 ? value * 2 : -value * 2 - 1;
  let bytes = 1;
  while (zigzag >= 0x80) {
    zigzag = Math.floor(zigzag / 0x80);
    bytes++;
  }
  return bytes;
}

/**
 * Approximate size of a record inside a v2 batch (Kafka DefaultRecord.sizeInBytes): attributes,
 * timestamp and offset deltas (taken as one byte each), key and value with their lengths (-1 for
 * null), no headers, plus the record's own length prefix.
 */
export function recordSizeBytes(keyLength: number, valueLength: number): number {
  const body = 1 + 1 + 1 + varintBytes(keyLength) + Math.max(0, keyLength) + varintBytes(valueLength) + Math.max(0, valueLength) + varintBytes(0);
  return body + varintBytes(body);
}
