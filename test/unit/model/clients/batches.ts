/** Hand-built producer batches for unit tests (model/clients/producerTypes.ts ProducerBatch). */
import type { ProducerBatch } from '../../../../model/clients/producerTypes.ts';
import { RECORD_BATCH_HEADER_BYTES } from '../../../../model/clients/recordSize.ts';

let batchNext = 1;

/** A never-drained batch of `records` records of `recordBytes` each on `partition`, with `fields` over it. */
export function testBatch(partition: number, records: number, fields: Partial<ProducerBatch> = {}, recordBytes = 9): ProducerBatch {
  const id = batchNext++;
  return {
    batchId: `t${id}`,
    partition,
    records: Array.from({ length: records }, (_, i) => ({ opId: `send-${id}-${i}`, value: `v${id}.${i}`, key: null, sizeBytes: recordBytes })),
    sizeBytes: RECORD_BATCH_HEADER_BYTES + recordBytes * records,
    createdMs: 0,
    attempts: 0,
    retry: false,
    retryNotBeforeMs: 0,
    maybeWritten: false,
    producerEpoch: -1,
    baseSequence: -1,
    sequenceReset: false,
    ...fields,
  };
}
