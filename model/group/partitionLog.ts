/**
 * One partition's log in the group model: segments, log start and log end offsets, and the time
 * each record was appended. Not replicated, so the high watermark is the log end offset.
 *
 * Kafka facts it follows (Kafka: core/src/main/scala/kafka/log/UnifiedLog.scala, storage
 * LogSegment.shouldRoll):
 * - Appends go to the active (last) segment. Before an append the active segment is rolled when
 *   the record would not fit in segment.bytes (`size > segmentBytes - messagesSize`), or when it
 *   is not empty and its first record is older than segment.ms (`timeWaitedForRoll > segmentMs`,
 *   segment.jitter.ms taken as 0).
 * - The retention check (UnifiedLog.deleteOldSegments, every log.retention.check.interval.ms)
 *   runs the retention.bytes pass, then the retention.ms pass. Each deletes the oldest segments
 *   while its predicate holds and stops at the first that fails it (deletableSegments):
 *   retention.bytes deletes a segment while the log, without it, is still at least retention.bytes
 *   large (deleteRetentionSizeBreachedSegments: `diff - segment.size >= 0`); retention.ms deletes
 *   a segment whose newest record is more than retention.ms old (deleteRetentionMsBreachedSegments:
 *   `now - segment.largestTimestamp > retentionMs`). Whole segments only; an empty active segment
 *   is never deleted; a non-empty active segment can be: the log rolls a new empty one first
 *   (deleteSegments), so the log start offset may reach the log end offset.
 * - After a deletion the log start offset is the base offset of the oldest remaining segment.
 *
 * Timestamps are append times (message.timestamp.type=LogAppendTime in effect): the model's
 * producer sends each record as it is appended.
 */
import type { KmcConfig } from '../config.ts';
import { assert } from '../kernel/assert.ts';
import { RECORD_BYTES } from './recordSize.ts';

export interface LogSegment {
  baseOffset: number;
  records: number;
  /** Append time of its first record (-1: empty). */
  firstAppendMs: number;
  /** Append time of its newest record (-1: empty): what retention.ms compares. */
  largestTimestampMs: number;
}

export interface PartitionLog {
  partition: number;
  logStartOffset: number;
  logEndOffset: number;
  /** Oldest first; the last is the active segment. Never empty. */
  segments: LogSegment[];
  /** Append time of every offset ever written (index = offset), deleted ones included. */
  appendTimesMs: number[];
}

export type RetentionReason = 'retention.bytes' | 'retention.ms';

export interface RetentionResult {
  partition: number;
  fromOffset: number;
  toOffset: number;
  segmentsDeleted: number;
  reasons: RetentionReason[];
}

function emptySegment(baseOffset: number): LogSegment {
  return { baseOffset, records: 0, firstAppendMs: -1, largestTimestampMs: -1 };
}

/** A new, empty partition log (at creation, or for a partition added at run time). */
export function createPartitionLog(partition: number): PartitionLog {
  return { partition, logStartOffset: 0, logEndOffset: 0, segments: [emptySegment(0)], appendTimesMs: [] };
}

export function logSizeBytes(log: PartitionLog): number {
  let records = 0;
  for (const segment of log.segments) records += segment.records;
  return records * RECORD_BYTES;
}

function activeSegment(log: PartitionLog): LogSegment {
  return log.segments[log.segments.length - 1];
}

function shouldRoll(segment: LogSegment, nowMs: number, config: KmcConfig): boolean {
  if (segment.records * RECORD_BYTES > config['segment.bytes'] - RECORD_BYTES) return true;
  return segment.records > 0 && nowMs - segment.firstAppendMs > config['segment.ms'];
}

/** Appends one record at `nowMs`; returns its offset. */
export function appendRecord(log: PartitionLog, nowMs: number, config: KmcConfig): number {
  if (shouldRoll(activeSegment(log), nowMs, config)) log.segments.push(emptySegment(log.logEndOffset));
  const segment = activeSegment(log);
  if (segment.records === 0) segment.firstAppendMs = nowMs;
  segment.records++;
  segment.largestTimestampMs = nowMs;
  const offset = log.logEndOffset;
  log.appendTimesMs.push(nowMs);
  log.logEndOffset++;
  return offset;
}

/** deletableSegments: how many oldest segments `deletable` allows, never an empty active one. */
function deletablePrefix(log: PartitionLog, deletable: (segment: LogSegment) => boolean): number {
  let count = 0;
  for (let i = 0; i < log.segments.length; i++) {
    const segment = log.segments[i];
    if (i === log.segments.length - 1 && segment.records === 0) break;
    if (!deletable(segment)) break;
    count++;
  }
  return count;
}

/** deleteSegments: removes the oldest `count` segments (rolling first if that is all of them). */
function deleteSegments(log: PartitionLog, count: number): void {
  if (count === 0) return;
  if (count === log.segments.length) log.segments.push(emptySegment(log.logEndOffset));
  log.segments.splice(0, count);
  log.logStartOffset = log.segments[0].baseOffset;
  assert(log.logStartOffset <= log.logEndOffset, `p${log.partition}: log start ${log.logStartOffset} beyond log end ${log.logEndOffset}`);
}

/**
 * One retention check of one partition (UnifiedLog.deleteOldSegments, cleanup.policy=delete),
 * with the retention configs in force (the topics' dynamic configs: GroupModelState.topicConfig).
 */
export function deleteOldSegments(log: PartitionLog, nowMs: number, config: Pick<KmcConfig, 'retention.ms' | 'retention.bytes'>): RetentionResult {
  const fromOffset = log.logStartOffset;
  let segmentsDeleted = 0;
  const reasons: RetentionReason[] = [];
  const retentionBytes = config['retention.bytes'];
  const size = logSizeBytes(log);
  if (retentionBytes >= 0 && size >= retentionBytes) {
    let diff = size - retentionBytes;
    const count = deletablePrefix(log, (segment) => {
      const segmentBytes = segment.records * RECORD_BYTES;
      if (diff - segmentBytes < 0) return false;
      diff -= segmentBytes;
      return true;
    });
    if (count > 0) reasons.push('retention.bytes');
    deleteSegments(log, count);
    segmentsDeleted += count;
  }
  const retentionMs = config['retention.ms'];
  if (retentionMs >= 0) {
    const count = deletablePrefix(log, (segment) => nowMs - segment.largestTimestampMs > retentionMs);
    if (count > 0) reasons.push('retention.ms');
    deleteSegments(log, count);
    segmentsDeleted += count;
  }
  return { partition: log.partition, fromOffset, toOffset: log.logStartOffset, segmentsDeleted, reasons };
}
