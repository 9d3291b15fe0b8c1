/**
 * A replica's log and its leader epoch cache (Kafka's LeaderEpochFileCache): appends,
 * truncation and the end offset of an epoch.
 */
import { assert } from '../kernel/assert.ts';
import type { KmcConfig } from '../config.ts';
import { LIMITS } from '../limits.ts';
import type { EpochEntry, LogEntry, ReplicaState } from './types.ts';

/**
 * Whether epochs must grow along every log, so that an append of an older epoch after a newer
 * one is a model inconsistency. Only with epoch fencing (KIP-320) and a truncation rule that
 * cuts a follower back to the largest epoch it shares with the leader (KIP-279, the diverging
 * epoch): then a follower's log after truncation is a prefix of the leader's. The legacy rules
 * leave divergent tails in place (KIP-101 answers the start of the leader's next larger epoch,
 * which can lie past the divergence; the high-watermark rule keeps whatever is below the HW), and
 * the follower then appends the leader's older-epoch records after them, as Kafka 0.11–1.x did
 * (Log.appendAsFollower checks no epoch order, LeaderEpochFileCache.assign only warns; KAFKA-6361).
 */
export function epochOrderStrict(config: KmcConfig): boolean {
  const rule = config['model.truncation'];
  return config['model.fencing'] && (rule === 'kip-279' || rule === 'diverging-epoch');
}

export function logEndOffset(replica: ReplicaState): number {
  return replica.log.length;
}

/**
 * Whether `offset` falls between two batches of `log` (or at either end): the first offset of a
 * batch, or the log end. A record without batchStart is a batch of its own.
 */
export function isBatchBoundary(log: readonly LogEntry[], offset: number): boolean {
  return offset <= 0 || offset >= log.length || log[offset].batchStart !== false;
}

/** The first offset of the batch holding `offset` (LogSegment.read starts a fetch there). */
export function batchStartOf(log: readonly LogEntry[], offset: number): number {
  assert(offset >= 0 && offset < log.length, () => `offset ${offset} is outside the log (end ${log.length})`);
  let start = offset;
  while (start > 0 && log[start].batchStart === false) start--;
  return start;
}

/** The offset just past the batch that starts at `start`. */
export function batchEndOf(log: readonly LogEntry[], start: number): number {
  assert(isBatchBoundary(log, start) && start < log.length, () => `offset ${start} starts no batch`);
  let end = start + 1;
  while (end < log.length && log[end].batchStart === false) end++;
  return end;
}

/**
 * The latest epoch in the leader epoch cache, or -1 (Kafka's log.latestEpoch): what a follower
 * sends as lastFetchedEpoch and asks about in OffsetsForLeaderEpoch. It is the last record's
 * epoch, or an epoch this replica led without writing; without fencing the two can disagree.
 */
export function lastEpoch(replica: ReplicaState): number {
  const cache = replica.epochCache;
  return cache.length === 0 ? -1 : cache[cache.length - 1].epoch;
}

export function appendEntry(replica: ReplicaState, entry: LogEntry, strict: boolean): number {
  assert(replica.log.length < LIMITS.logRecordsMax, () => `partition ${replica.partition} log exceeds ${LIMITS.logRecordsMax} records`);
  const offset = replica.log.length;
  const cache = replica.epochCache;
  const latest = cache.length ? cache[cache.length - 1] : null;
  if (latest === null || latest.epoch !== entry.epoch) {
    // Under epochOrderStrict a replica only appends records of its epoch or older ones fetched in
    // order after a sound truncation, so epochs grow along the log; otherwise they need not.
    if (strict) assert(!cache.some((e) => e.epoch > entry.epoch && e.startOffset < offset), () => `append of epoch ${entry.epoch} after epoch ${latest?.epoch} on partition ${replica.partition}`);
    assignEntry(cache, entry.epoch, offset);
  }
  replica.log.push(entry);
  return offset;
}

/**
 * LeaderEpochFileCache.assign: entries for this or later epochs, and entries starting at or after
 * the offset (epochs that held no records), give way to the new entry.
 */
function assignEntry(cache: EpochEntry[], epoch: number, startOffset: number): void {
  for (let i = cache.length - 1; i >= 0; i--) if (cache[i].epoch >= epoch || cache[i].startOffset >= startOffset) cache.splice(i, 1);
  cache.push({ epoch, startOffset });
}

/**
 * Records that a leader starts `epoch` at its log end (Partition.makeLeader assigns the epoch start
 * offset). Entries for epochs that never got a record at or past that offset are replaced.
 */
export function assignEpochStart(replica: ReplicaState, epoch: number, strict: boolean): void {
  const cache = replica.epochCache;
  if (cache.length && cache[cache.length - 1].epoch === epoch) return; // already known: a no-op
  if (strict) assert(!cache.some((e) => e.epoch > epoch), () => `epoch ${epoch} assigned after a later epoch on partition ${replica.partition}`);
  assignEntry(cache, epoch, replica.log.length);
}

/**
 * Truncates the log to `offset` records and the epoch cache with it; the HW follows. Kafka
 * truncates only between batches (LogSegment.truncateTo cuts at the position of the batch holding
 * the offset): every truncation point is a batch start or the log end, since logs hold whole
 * batches and the offsets a follower truncates to are log ends, high watermarks and epoch starts.
 */
export function truncateTo(replica: ReplicaState, offset: number): number {
  assert(offset >= 0, () => `truncation offset ${offset} is negative`);
  assert(isBatchBoundary(replica.log, offset), () => `partition ${replica.partition}: truncation to offset ${offset}, inside a batch`);
  const removed = Math.max(0, replica.log.length - offset);
  // Epoch entries starting at or past the offset describe no record below it: they go even when
  // no record does (an epoch led without writing), else a divergence would repeat for ever.
  const cache = replica.epochCache;
  while (cache.length && cache[cache.length - 1].startOffset >= offset) cache.pop();
  if (removed === 0) return 0;
  replica.log.length = offset;
  if (replica.flushedCount > offset) replica.flushedCount = offset;
  if (replica.highWatermark > offset) replica.highWatermark = offset;
  return removed;
}

/**
 * LeaderEpochFileCache.endOffsetFor, as OffsetsForLeaderEpoch answers since KIP-279 and as the
 * diverging epoch is computed: the largest epoch <= `epoch` this replica knows, and its end offset
 * (the start of the next epoch, or the log end for the latest). For an `epoch` below every cached
 * one, since Kafka 2.1 (KAFKA-7415, with KIP-320) `epoch` itself and the start offset of the first
 * cached epoch ("the data has already been removed from the log and we want to ensure that the
 * follower can replicate correctly beginning from the leader's start offset"); 2.0 answered
 * undefined (`belowFirstEpochAnswered` false), and the follower fell back to its high watermark.
 * (-1, -1) when `epoch` is undefined or the cache empty.
 */
export function endOffsetForEpoch(replica: ReplicaState, epoch: number, belowFirstEpochAnswered = true): { epoch: number; endOffset: number } {
  const cache = replica.epochCache;
  for (let i = cache.length - 1; i >= 0; i--) {
    if (cache[i].epoch <= epoch) {
      const endOffset = i + 1 < cache.length ? cache[i + 1].startOffset : replica.log.length;
      return { epoch: cache[i].epoch, endOffset };
    }
  }
  if (belowFirstEpochAnswered && epoch >= 0 && cache.length > 0) return { epoch, endOffset: cache[0].startOffset };
  return { epoch: -1, endOffset: -1 };
}

/**
 * OffsetsForLeaderEpoch as answered under KIP-101 (before KIP-279): the log end if `epoch` is the
 * latest epoch, else the start offset of the first epoch greater than `epoch`; -1 if none
 * (the follower then falls back to its high watermark). reference/replication.md §1.3.
 */
export function endOffsetForEpochKip101(replica: ReplicaState, epoch: number): number {
  const cache = replica.epochCache;
  if (cache.length === 0) return -1;
  if (cache[cache.length - 1].epoch === epoch) return replica.log.length;
  for (let i = 0; i < cache.length; i++) if (cache[i].epoch > epoch) return cache[i].startOffset;
  return -1;
}
