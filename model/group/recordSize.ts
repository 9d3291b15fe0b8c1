/**
 * The group model's record size. Every record is produced on its own, so it is one batch on
 * disk; Kafka sizes segments (segment.bytes) and retention (retention.bytes) in bytes of batches.
 * A fixed size makes "records per segment" a plain division (documented in the README).
 */
export const RECORD_BYTES = 100;
