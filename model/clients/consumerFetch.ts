/**
 * The consumer's fetch path against the partition logs: where a new owner starts (the committed
 * offset, or auto.offset.reset), what one poll() returns, and what happens when the position is
 * out of range. Records every position change and every poll in the history (pollHistory.ts).
 *
 * Kafka facts (KAFKA.md "Consumer and groups"; clients.md §3):
 * - The leader answers a fetch at an offset below the log start offset or above the log end
 *   offset with OFFSET_OUT_OF_RANGE (ReplicaManager.readFromLog / UnifiedLog.read). The consumer
 *   then resets the position by auto.offset.reset: earliest = the log start offset, latest = the
 *   log end offset (FetchCollector.handleOffsetOutOfRange, Fetcher's in older clients: with a
 *   reset policy, SubscriptionState.requestOffsetReset, then OffsetFetcher.resetPositionsIfNeeded
 *   looks the offset up). Without one (auto.offset.reset=none) it throws OffsetOutOfRangeException
 *   from poll() to the application ("raising error to the application since no reset policy is
 *   configured").
 * - A partition without a committed offset starts at auto.offset.reset (SubscriptionState
 *   .resetInitializingPositions); with none, poll() throws NoOffsetForPartitionException.
 * - A committed offset is used as the position as is; it is validated only by the next fetch, so
 *   a committed offset below the log start (after a restart or a rebalance) resets the same way.
 *
 * The model's application, on either exception, logs it and pauses the partition
 * (KafkaConsumer.pause): it keeps the partition and its other partitions, and reads nothing more
 * from it. The error is in the history (fetch-error) and the records it never reads show as
 * lost-processing if someone committed past them, else stay unread.
 */
import type { GroupModelState } from '../group/types.ts';
import type { ConsumerState, OwnedPartition } from './consumerTypes.ts';
import { GROUP_LIMITS } from '../group/limits.ts';

/** What one poll does to one partition: an out-of-range reset first, then records from..from+count-1. */
export interface PartitionPollPlan {
  partition: number;
  outOfRange: { position: number; logStartOffset: number; logEndOffset: number; policy: 'earliest' | 'latest' | 'none'; to: number } | null;
  from: number;
  count: number;
}

function isOutOfRange(state: GroupModelState, owned: OwnedPartition): boolean {
  const log = state.logs[owned.partition];
  return owned.position < log.logStartOffset || owned.position > log.logEndOffset;
}

/** True when a fetch of this partition would return records or an error (something for poll to do). */
export function hasFetchWork(state: GroupModelState, owned: OwnedPartition): boolean {
  if (owned.stoppedBy !== null || owned.position < 0) return false;
  return owned.position !== state.logs[owned.partition].logEndOffset || isOutOfRange(state, owned);
}

/**
 * Most records one poll() returns: max.poll.records, and no more than the consumer's fetch buffer
 * holds (GROUP_LIMITS.bufferRecordsMax). A Java poll returns fewer than max.poll.records whenever
 * its completed fetches hold fewer (fetch.max.bytes, max.partition.fetch.bytes; Fetcher.collectFetch),
 * so a poll bounded by the buffer is one Kafka can return.
 */
export function pollRecordsMax(state: GroupModelState): number {
  return Math.min(state.config['max.poll.records'], GROUP_LIMITS.bufferRecordsMax);
}

/** The plan of the next poll (pure: describe() and pollConsumer() share it). */
export function planPoll(state: GroupModelState, c: ConsumerState): PartitionPollPlan[] {
  const plans: PartitionPollPlan[] = [];
  let room = Math.min(pollRecordsMax(state), GROUP_LIMITS.bufferRecordsMax - c.buffer.length);
  for (const owned of c.owned) {
    if (room === 0) break;
    if (!hasFetchWork(state, owned)) continue;
    const log = state.logs[owned.partition];
    let from = owned.position;
    let outOfRange: PartitionPollPlan['outOfRange'] = null;
    if (isOutOfRange(state, owned)) {
      const policy = state.config['auto.offset.reset'];
      const to = policy === 'earliest' ? log.logStartOffset : policy === 'latest' ? log.logEndOffset : owned.position;
      outOfRange = { position: owned.position, logStartOffset: log.logStartOffset, logEndOffset: log.logEndOffset, policy, to };
      from = to;
    }
    const count = outOfRange?.policy === 'none' ? 0 : Math.min(room, log.logEndOffset - from);
    room -= count;
    plans.push({ partition: owned.partition, outOfRange, from, count });
  }
  return plans;
}

function logBounds(state: GroupModelState, partition: number): { logStartOffset: number; logEndOffset: number } {
  const log = state.logs[partition];
  return { logStartOffset: log.logStartOffset, logEndOffset: log.logEndOffset };
}

/** Records a position change that no poll made. */
export function recordPosition(state: GroupModelState, c: ConsumerState, partition: number, from: number, to: number, reason: 'committed' | 'no-committed-offset' | 'out-of-range' | 'seek'): void {
  state.history.push({ type: 'position', group: c.group, consumer: c.clientId, incarnation: c.incarnation, memberId: c.memberId, generation: c.generation, partition, from, to, reason, ...logBounds(state, partition), timeMs: state.nowMs, step: state.stepCount });
}

function recordFetchError(state: GroupModelState, c: ConsumerState, owned: OwnedPartition, exception: 'OffsetOutOfRangeException' | 'NoOffsetForPartitionException'): void {
  owned.stoppedBy = exception;
  state.history.push({ type: 'fetch-error', group: c.group, consumer: c.clientId, incarnation: c.incarnation, partition: owned.partition, position: owned.position, exception, ...logBounds(state, owned.partition), timeMs: state.nowMs, step: state.stepCount });
}

/** OffsetFetch answered `committed` (-1: none) for a partition the consumer has no position for. */
export function initPosition(state: GroupModelState, c: ConsumerState, owned: OwnedPartition, committed: number): void {
  owned.committed = committed;
  if (committed >= 0) {
    owned.position = committed;
    owned.processedNext = committed;
    recordPosition(state, c, owned.partition, -1, committed, 'committed');
    return;
  }
  const policy = state.config['auto.offset.reset'];
  if (policy === 'none') {
    recordFetchError(state, c, owned, 'NoOffsetForPartitionException');
    return;
  }
  const log = state.logs[owned.partition];
  const start = policy === 'earliest' ? log.logStartOffset : log.logEndOffset;
  owned.position = start;
  owned.processedNext = start;
  recordPosition(state, c, owned.partition, -1, start, 'no-committed-offset');
}

/** Applies a poll's plan: resets, then records into the buffer; records the poll. */
export function applyPollPlan(state: GroupModelState, c: ConsumerState, plans: readonly PartitionPollPlan[]): void {
  const batches: { partition: number; from: number; to: number }[] = [];
  for (const plan of plans) {
    const owned = c.owned.find((o) => o.partition === plan.partition)!;
    if (plan.outOfRange !== null) {
      if (plan.outOfRange.policy === 'none') {
        recordFetchError(state, c, owned, 'OffsetOutOfRangeException');
        continue;
      }
      recordPosition(state, c, owned.partition, owned.position, plan.outOfRange.to, 'out-of-range');
      const holdsBuffered = c.buffer.some((r) => r.partition === owned.partition);
      owned.position = plan.outOfRange.to;
      if (!holdsBuffered) owned.processedNext = plan.outOfRange.to;
    }
    for (let i = 0; i < plan.count; i++) {
      c.buffer.push({ partition: owned.partition, offset: owned.position });
      owned.position++;
    }
    if (plan.count > 0) batches.push({ partition: owned.partition, from: plan.from, to: plan.from + plan.count - 1 });
  }
  if (batches.length > 0) state.history.push({ type: 'poll', group: c.group, consumer: c.clientId, incarnation: c.incarnation, memberId: c.memberId, generation: c.generation, batches, timeMs: state.nowMs, step: state.stepCount });
}
