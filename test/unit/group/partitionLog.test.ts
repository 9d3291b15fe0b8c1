/**
 * The partition log's segment and retention rules (Kafka: UnifiedLog.deleteOldSegments,
 * deleteRetentionMsBreachedSegments, deleteRetentionSizeBreachedSegments, deletableSegments,
 * LogSegment.shouldRoll), at their edges.
 */
import { describe, expect, it } from 'vitest';
import { resolveConfig, type KmcConfig } from '../../../model/config.ts';
import { appendRecord, createPartitionLog, deleteOldSegments, logSizeBytes, type PartitionLog } from '../../../model/group/partitionLog.ts';

function config(overrides: Record<string, number> = {}): KmcConfig {
  return resolveConfig({ 'segment.bytes': 200, 'retention.ms': -1, 'retention.bytes': -1, ...overrides });
}

/** A log with one record appended at each of `timesMs`. */
function logWith(timesMs: number[], c: KmcConfig): PartitionLog {
  const log = createPartitionLog(0);
  for (const t of timesMs) appendRecord(log, t, c);
  return log;
}

const bases = (log: PartitionLog): number[] => log.segments.map((s) => s.baseOffset);

describe('segments', () => {
  it('rolls the active segment when the next 100-byte record would not fit in segment.bytes', () => {
    const log = logWith([0, 0, 0, 0, 0], config({ 'segment.bytes': 200 }));
    expect(bases(log)).toEqual([0, 2, 4]);
    expect(log.logEndOffset).toBe(5);
    expect(logSizeBytes(log)).toBe(500);
    expect(bases(logWith([0, 0, 0], config({ 'segment.bytes': 299 })))).toEqual([0, 2]);
    expect(bases(logWith([0, 0, 0], config({ 'segment.bytes': 100 })))).toEqual([0, 1, 2]);
  });

  it('rolls a non-empty active segment once its first record is more than segment.ms old', () => {
    const c = config({ 'segment.bytes': 100000, 'segment.ms': 1000 });
    expect(bases(logWith([0, 1000], c))).toEqual([0]);
    expect(bases(logWith([0, 1001, 1500, 2001], c))).toEqual([0, 1]);
    expect(bases(logWith([0, 1001, 1500, 2002], c))).toEqual([0, 1, 3]);
  });
});

describe('retention check', () => {
  it('retention.ms deletes the oldest segments whose newest record is more than retention.ms old, and stops at the first that is not', () => {
    const c = config({ 'retention.ms': 1000 });
    const log = logWith([0, 100, 500, 600, 900, 2000], c);
    expect(bases(log)).toEqual([0, 2, 4]);
    const result = deleteOldSegments(log, 1601, c);
    expect(result).toEqual({ partition: 0, fromOffset: 0, toOffset: 4, segmentsDeleted: 2, reasons: ['retention.ms'] });
    expect(log.logStartOffset).toBe(4);
    expect(bases(log)).toEqual([4]);
  });

  it('keeps a segment whose newest record is exactly retention.ms old', () => {
    const c = config({ 'retention.ms': 1000 });
    const log = logWith([0, 500, 700], c);
    expect(deleteOldSegments(log, 1500, c).segmentsDeleted).toBe(0);
    expect(deleteOldSegments(log, 1501, c)).toMatchObject({ toOffset: 2, segmentsDeleted: 1 });
  });

  it('deletes a non-empty active segment by rolling a new one first: the log start reaches the log end', () => {
    const c = config({ 'retention.ms': 0 });
    const log = logWith([0, 0, 0], c);
    const result = deleteOldSegments(log, 1, c);
    expect(result).toMatchObject({ fromOffset: 0, toOffset: 3, segmentsDeleted: 2 });
    expect(log.logStartOffset).toBe(3);
    expect(log.logEndOffset).toBe(3);
    expect(log.segments).toEqual([{ baseOffset: 3, records: 0, firstAppendMs: -1, largestTimestampMs: -1 }]);
    expect(deleteOldSegments(log, 10, c).segmentsDeleted).toBe(0);
    expect(appendRecord(log, 10, c)).toBe(3);
  });

  it('retention.bytes deletes the oldest segments while the log stays at least retention.bytes without them', () => {
    const c = config({ 'retention.bytes': 200 });
    const log = logWith([0, 0, 0, 0, 0], c); // segments of 200, 200, 100 bytes
    expect(deleteOldSegments(log, 0, c)).toMatchObject({ toOffset: 2, segmentsDeleted: 1, reasons: ['retention.bytes'] });
    expect(logSizeBytes(log)).toBe(300);
    const exact = logWith([0, 0, 0, 0], config({ 'retention.bytes': 200 }));
    expect(deleteOldSegments(exact, 0, c)).toMatchObject({ toOffset: 2, segmentsDeleted: 1 });
    expect(deleteOldSegments(exact, 0, c).segmentsDeleted).toBe(0);
    const small = logWith([0], c);
    expect(deleteOldSegments(small, 0, c).segmentsDeleted).toBe(0);
  });

  it('retention.bytes=0 deletes every non-empty segment, the active one included', () => {
    const c = config({ 'retention.bytes': 0 });
    const log = logWith([0, 0, 0], c);
    expect(deleteOldSegments(log, 0, c)).toMatchObject({ toOffset: 3, segmentsDeleted: 2 });
  });

  it('runs the retention.bytes pass before the retention.ms pass', () => {
    const c = config({ 'retention.bytes': 400, 'retention.ms': 1000 });
    const log = logWith([0, 0, 0, 0, 0, 5000], c); // 600 bytes: 0-1, 2-3, 4-5
    expect(deleteOldSegments(log, 2000, c)).toMatchObject({ toOffset: 4, segmentsDeleted: 2, reasons: ['retention.bytes', 'retention.ms'] });
  });

  it('-1 keeps everything, however old or large', () => {
    const c = config();
    const log = logWith([0, 0, 0, 0, 0], c);
    expect(deleteOldSegments(log, 1e12, c)).toEqual({ partition: 0, fromOffset: 0, toOffset: 0, segmentsDeleted: 0, reasons: [] });
  });

  it('never deletes the empty active segment of an empty log', () => {
    const c = config({ 'retention.ms': 0, 'retention.bytes': 0 });
    const log = createPartitionLog(2);
    expect(deleteOldSegments(log, 100, c).segmentsDeleted).toBe(0);
    expect(log).toEqual(createPartitionLog(2));
  });
});
