/**
 * The topic's writes and deletions over virtual time: the producer that appends one record to
 * every partition each model.group.produce.interval.ms (or everything before the run), the
 * broker's periodic retention check (log.retention.check.interval.ms, LogManager.cleanupLogs),
 * and the lag samples the ghost keeps.
 */
import { assert } from '../kernel/assert.ts';
import { GROUP_LIMITS } from './limits.ts';
import { appendRecord, createPartitionLog, deleteOldSegments, type RetentionResult } from './partitionLog.ts';
import type { LagSample } from './pollHistory.ts';
import { setGroupTimer } from './timers.ts';
import type { GroupModelState } from './types.ts';

/** The node that owns the producer's timer. */
export const PRODUCER_NODE = 'producer';
/**
 * The node that runs the topic's retention check: the LogManager of the broker leading the topic's
 * partitions. The group model does not replicate the topic or fail its leader (broker-crash moves
 * only __consumer_offsets leadership), so this is a node of its own, never crashed.
 */
export const LOG_BROKER_NODE = 'log-manager';

/**
 * Whether the retention check can ever delete anything in this run: a limit in force at start, or
 * one an alter-config may set. Kafka's LogManager runs the check every
 * log.retention.check.interval.ms from startup whatever the limits; a check that can delete
 * nothing is not armed.
 */
function retentionEnabled(state: GroupModelState): boolean {
  if (state.config['retention.ms'] >= 0 || state.config['retention.bytes'] >= 0) return true;
  return state.config['model.group.faults'].includes('alter-config') && state.config['model.alter.configs'].some((a) => (a.key === 'retention.ms' || a.key === 'retention.bytes') && (a.value as number) >= 0);
}

/** Creates every partition's log, writes what is written before the run, starts the timers. */
export function startProduction(state: GroupModelState): void {
  state.logs = Array.from({ length: state.partitionCount }, (_, p) => createPartitionLog(p));
  const intervalMs = state.config['model.group.produce.interval.ms'];
  if (intervalMs === 0) {
    for (const log of state.logs) for (let i = 0; i < state.recordCount; i++) appendRecord(log, state.nowMs, state.config);
  } else if (state.recordCount > 0) {
    setGroupTimer(state, 'produce', PRODUCER_NODE, 'topic', intervalMs);
  }
  if (retentionEnabled(state)) setGroupTimer(state, 'log-retention', LOG_BROKER_NODE, 'topic', state.config['log.retention.check.interval.ms']);
}

/**
 * A partition added at run time (CreatePartitions) gets its log: written at once when everything
 * is written before the run, else by the producer's next appends (its timer re-armed if it had
 * finished).
 */
export function addPartitionLog(state: GroupModelState, partition: number): void {
  assert(partition === state.logs.length, `partition ${partition} is not the next one (${state.logs.length} logs)`);
  const log = createPartitionLog(partition);
  state.logs.push(log);
  const intervalMs = state.config['model.group.produce.interval.ms'];
  if (intervalMs === 0) {
    for (let i = 0; i < state.recordCount; i++) appendRecord(log, state.nowMs, state.config);
  } else if (state.recordCount > 0 && !state.timers.some((t) => t.kind === 'produce')) {
    setGroupTimer(state, 'produce', PRODUCER_NODE, 'topic', intervalMs);
  }
}

/** True once the producer wrote every record it will write. */
export function productionDone(state: GroupModelState): boolean {
  return state.logs.every((log) => log.logEndOffset >= state.recordCount);
}

/** The producer's timer: one record to every partition still short of model.group.records. */
export function onProduceTimer(state: GroupModelState): void {
  for (const log of state.logs) if (log.logEndOffset < state.recordCount) appendRecord(log, state.nowMs, state.config);
  if (!productionDone(state)) setGroupTimer(state, 'produce', PRODUCER_NODE, 'topic', state.config['model.group.produce.interval.ms']);
}

/** The broker's retention check over every partition; samples every group's lag after it. */
export function onRetentionTimer(state: GroupModelState): RetentionResult[] {
  const results = state.logs.map((log) => deleteOldSegments(log, state.nowMs, state.topicConfig));
  setGroupTimer(state, 'log-retention', LOG_BROKER_NODE, 'topic', state.config['log.retention.check.interval.ms']);
  for (const entry of state.store.committed) for (let p = 0; p < entry.offsets.length; p++) sampleLag(state, entry.groupId, p, 'retention-check');
  return results;
}

/** Log end offset minus the committed offset (nothing committed: minus the log start offset). */
export function lagOf(state: GroupModelState, group: string, partition: number): { logEndOffset: number; committed: number; lag: number } {
  const log = state.logs[partition];
  const committed = state.store.committed.find((e) => e.groupId === group)?.offsets[partition] ?? -1;
  const lag = log.logEndOffset - (committed >= 0 ? committed : log.logStartOffset);
  return { logEndOffset: log.logEndOffset, committed, lag };
}

/**
 * Records a lag sample of the group-partition, unless it is one more of a run of equal samples
 * (the same committed offset, log end and lag) already GROUP_LIMITS.lagSamplesRepeatedMax long:
 * the retention check samples every group-partition each log.retention.check.interval.ms, so an
 * idle group would otherwise add samples without bound, and past Burrow's window of equal samples
 * (consumer-lag) more of them change nothing a lag evaluation or the largest lag can show.
 */
export function sampleLag(state: GroupModelState, group: string, partition: number, at: LagSample['at']): void {
  const ghost = state.ghost;
  const value = lagOf(state, group, partition);
  let run = ghost.lagRuns.find((r) => r.group === group && r.partition === partition);
  const last = run === undefined ? null : ghost.lag[run.sampleIndex];
  const repeated = last !== null && last.committed === value.committed && last.logEndOffset === value.logEndOffset && last.lag === value.lag;
  if (repeated && run!.length >= GROUP_LIMITS.lagSamplesRepeatedMax) return;
  assert(ghost.lag.length < GROUP_LIMITS.ghostEntriesMax, `more than ${GROUP_LIMITS.ghostEntriesMax} lag samples`);
  ghost.lag.push({ timeMs: state.nowMs, group, partition, ...value, at });
  if (run === undefined) {
    run = { group, partition, sampleIndex: 0, length: 0 };
    ghost.lagRuns.push(run);
  }
  run.sampleIndex = ghost.lag.length - 1;
  run.length = repeated ? run.length + 1 : 1;
}

/** The largest lag seen per group-partition (the first time it was reached), in group and partition order. */
export function lagSummary(state: GroupModelState): { group: string; partition: number; lagMax: number; timeMs: number }[] {
  const summary: { group: string; partition: number; lagMax: number; timeMs: number }[] = [];
  for (const group of state.groupIds) {
    for (let p = 0; p < state.partitionCount; p++) {
      let best = { group, partition: p, lagMax: 0, timeMs: 0 };
      for (const s of state.ghost.lag) if (s.group === group && s.partition === p && s.lag > best.lagMax) best = { group, partition: p, lagMax: s.lag, timeMs: s.timeMs };
      summary.push(best);
    }
  }
  return summary;
}
