/**
 * The consumer's fetch against partition logs that retention shrinks: OFFSET_OUT_OF_RANGE with
 * each auto.offset.reset policy, NoOffsetForPartitionException, a committed offset below the log
 * start after a restart, a producer over virtual time, and the lag samples.
 */
import { describe, expect, it } from 'vitest';
import { groupModel } from '../../../model/group/index.ts';
import { deleteOldSegments } from '../../../model/group/partitionLog.ts';
import { lagSummary } from '../../../model/group/production.ts';
import type { GroupModelState } from '../../../model/group/types.ts';
import { lostProcessing } from '../../../properties/group/lostProcessing.ts';
import { CONSUMER_LAG_WINDOW, consumerLag } from '../../../properties/group/consumerLag.ts';
import { GROUP_LIMITS } from '../../../model/group/limits.ts';
import { nonmonotonicPoll } from '../../../properties/group/nonmonotonicPoll.ts';
import { pollSkip } from '../../../properties/group/pollSkip.ts';
import { apply, consumer, initState, runUntil, settle } from './drive.ts';

const ONE_CONSUMER = { 'num.partitions': 1, 'model.consumers': 1, 'model.group.records': 6, 'segment.bytes': 200, 'enable.auto.commit': false, 'max.poll.records': 2 };

/**
 * One consumer that started from the earliest offset, polled, processed and committed offsets
 * 0..1; then retention deletes offsets 0..3, and the consumer's auto.offset.reset is `policy`
 * (set after the start: with latest or none it would not have read offsets 0..1 at all).
 */
function behindRetention(policy: 'earliest' | 'latest' | 'none', overrides: Record<string, string | number | boolean> = {}): GroupModelState {
  const state = initState({ ...ONE_CONSUMER, ...overrides, 'auto.offset.reset': 'earliest' });
  runUntil(state, (s) => s.store.committed[0].offsets[0] === 2 && groupModel.enabled(s).some((e) => e.type === 'poll'));
  state.config['auto.offset.reset'] = policy;
  expect(consumer(state, 'consumer-1').owned[0]).toMatchObject({ position: 2, processedNext: 2 });
  const result = deleteOldSegments(state.logs[0], state.nowMs, { ...state.config, 'retention.bytes': 200 });
  expect(result).toMatchObject({ fromOffset: 0, toOffset: 4, segmentsDeleted: 2 });
  return state;
}

function finish(state: GroupModelState): void {
  settle(state);
  apply(state, { type: 'final-read' });
}

describe('OFFSET_OUT_OF_RANGE after retention moved the log start', () => {
  it('earliest: the position resets to the log start, the poll skips the deleted records, and they are lost to the group', () => {
    const state = behindRetention('earliest');
    expect(apply(state, { type: 'poll', consumer: 'consumer-1' })).toBe('consumer-1 polls p0 OFFSET_OUT_OF_RANGE at 2 (log start 4, log end 6), reset to earliest 4; p0 offsets 4..5');
    expect(state.history.filter((op) => op.type === 'position').map((op) => op.type === 'position' && `${op.reason} ${op.from}->${op.to}`)).toEqual(['no-committed-offset -1->0', 'out-of-range 2->4']);
    finish(state);
    expect(pollSkip.check(state).map((c) => c.summary)).toEqual(['consumer-1 skipped group-1 p0 offsets 2..3 between two polls']);
    expect(pollSkip.explain(pollSkip.check(state)[0])).toContain('its fetch at offset 2 got OFFSET_OUT_OF_RANGE (retention had moved the log start offset to 4; log end 6) and auto.offset.reset=earliest moved the position to 4. It never read offsets 2..3: poll-skip.');
    expect(nonmonotonicPoll.check(state)).toEqual([]);
    const lost = lostProcessing.check(state);
    expect(lost.map((c) => c.summary)).toEqual(['group-1 p0 offsets 2 and 3 committed but never processed']);
    expect(lostProcessing.explain(lost[0])).toContain("Retention deleted them first: at 100ms consumer-1's fetch at offset 2 got OFFSET_OUT_OF_RANGE (log start 4)");
  });

  it('latest: the position jumps to the log end and nothing is returned', () => {
    const state = behindRetention('latest');
    expect(apply(state, { type: 'poll', consumer: 'consumer-1' })).toBe('consumer-1 polls p0 OFFSET_OUT_OF_RANGE at 2 (log start 4, log end 6), reset to latest 6');
    expect(consumer(state, 'consumer-1').owned[0]).toMatchObject({ position: 6, processedNext: 6 });
    expect(consumer(state, 'consumer-1').buffer).toEqual([]);
    finish(state);
    expect(state.store.committed[0].offsets).toEqual([6]);
    // Retention deleted 2 and 3 (excused); latest also jumped over 4 and 5, which were still there
    // (auto.offset.reset=latest makes lost-processing not guaranteed for the config as a whole).
    expect(lostProcessing.check(state).map((c) => [c.summary, c.allowedBecause !== undefined])).toEqual([
      ['group-1 p0 offsets 4 and 5 committed but never processed', false],
      ['group-1 p0 offsets 2 and 3 committed but never processed', true],
    ]);
  });

  it('none: poll() throws OffsetOutOfRangeException, the application pauses the partition, and the run still settles', () => {
    const state = behindRetention('none');
    expect(apply(state, { type: 'poll', consumer: 'consumer-1' })).toBe('consumer-1 polls p0 OFFSET_OUT_OF_RANGE at 2 (log start 4, log end 6): auto.offset.reset=none, OffsetOutOfRangeException, the application pauses p0');
    expect(consumer(state, 'consumer-1').owned[0]).toMatchObject({ position: 2, stoppedBy: 'OffsetOutOfRangeException' });
    expect(state.history.filter((op) => op.type === 'fetch-error')).toEqual([expect.objectContaining({ consumer: 'consumer-1', partition: 0, position: 2, exception: 'OffsetOutOfRangeException', logStartOffset: 4, logEndOffset: 6 })]);
    expect(groupModel.enabled(state).some((e) => e.type === 'poll')).toBe(false);
    settle(state);
    expect(apply(state, { type: 'final-read' })).toMatch(/; auto\.offset\.reset=none: consumer-1 paused group-1 p0 on OffsetOutOfRangeException at \d+ms$/);
    expect(state.store.committed[0].offsets).toEqual([2]);
    expect(lostProcessing.check(state)).toEqual([]);
    expect(pollSkip.check(state)).toEqual([]);
  });

  it('none with nothing committed: NoOffsetForPartitionException, nothing read', () => {
    const state = initState({ ...ONE_CONSUMER, 'auto.offset.reset': 'none' });
    finish(state);
    expect(state.history.filter((op) => op.type === 'fetch-error').map((op) => op.type === 'fetch-error' && `${op.partition} ${op.exception} ${op.position}`)).toEqual(['0 NoOffsetForPartitionException -1']);
    expect(state.history.some((op) => op.type === 'process' || op.type === 'poll')).toBe(false);
  });

  it('a committed offset below the log start after a restart resets the same way, in a new run of polls (no poll-skip)', () => {
    const state = behindRetention('earliest', { 'model.group.faults': 'crash' });
    apply(state, { type: 'crash', consumer: 'consumer-1' });
    apply(state, { type: 'restart', consumer: 'consumer-1' });
    finish(state);
    const positions = state.history.filter((op) => op.type === 'position').map((op) => op.type === 'position' && `${op.incarnation} ${op.reason} ${op.from}->${op.to}`);
    expect(positions).toEqual(['0 no-committed-offset -1->0', '1 committed -1->2', '1 out-of-range 2->4']);
    expect(pollSkip.check(state)).toEqual([]);
    expect(lostProcessing.check(state).map((c) => c.summary)).toEqual(['group-1 p0 offsets 2 and 3 committed but never processed']);
  });
});

describe('production over virtual time and lag', () => {
  it('appends one record per partition every model.group.produce.interval.ms; the run settles only once all are written and read', () => {
    const state = initState({ ...ONE_CONSUMER, 'model.group.records': 3, 'model.group.produce.interval.ms': 1000 });
    expect(state.logs[0]).toMatchObject({ logStartOffset: 0, logEndOffset: 0 });
    expect(groupModel.settled(state)).toBe(false);
    finish(state);
    expect(state.logs[0].appendTimesMs).toEqual([1000, 2000, 3000]);
    expect(state.store.committed[0].offsets).toEqual([3]);
  });

  it('samples lag (log end minus committed) at every accepted commit and at the final read; the final-read line names the largest', () => {
    const state = initState({ ...ONE_CONSUMER });
    settle(state);
    expect(apply(state, { type: 'final-read' })).toMatch(/^final read of every group's committed offsets \(largest lag seen: group-1 p0 6 at 100ms\)$/);
    // process-then-commit commits the starting position (0) before the first batch.
    expect(state.ghost.lag.map((s) => `${s.at} ${s.committed} ${s.lag}`)).toEqual(['commit 0 6', 'commit 2 4', 'commit 4 2', 'commit 6 0', 'final-read 6 0']);
    expect(lagSummary(state)).toEqual([{ group: 'group-1', partition: 0, lagMax: 6, timeMs: 100 }]);
  });

  // Model assertion G2 of issue 8 ("more than 20000 lag samples", group-static-member-restart
  // --set log.retention.check.interval.ms=100): the retention check samples every group-partition.
  it('keeps at most lagSamplesRepeatedMax equal samples in a row per group-partition, however long the run idles', () => {
    const state = initState({ ...ONE_CONSUMER, 'num.partitions': 3, 'log.retention.check.interval.ms': 100, 'retention.ms': 604800000 });
    settle(state);
    const settledMs = state.nowMs;
    runUntil(state, (s) => s.nowMs >= settledMs + 3_000_000, 200_000);
    const retentionSamples = state.ghost.lag.filter((s) => s.at === 'retention-check');
    for (let p = 0; p < 3; p++) expect(retentionSamples.filter((s) => s.partition === p).length).toBeLessThanOrEqual(GROUP_LIMITS.lagSamplesRepeatedMax);
    expect(state.ghost.lag.length).toBeLessThan(100);
    expect(lagSummary(state)).toEqual([0, 1, 2].map((partition) => ({ group: 'group-1', partition, lagMax: 6, timeMs: expect.any(Number) })));
  });

  it('the equal samples it keeps cover Burrow\'s window, so consumer-lag judges a stalled partition as before', () => {
    expect(GROUP_LIMITS.lagSamplesRepeatedMax).toBeGreaterThanOrEqual(CONSUMER_LAG_WINDOW);
    // A consumer that never commits: the log end stays, the lag stays 6, sample after sample.
    const state = initState({ ...ONE_CONSUMER, 'log.retention.check.interval.ms': 100, 'retention.ms': 604800000, 'model.group.processing': 'commit-before-process', 'enable.auto.commit': false });
    state.consumers[0].status = 'crashed';
    runUntil(state, (s) => s.nowMs >= 100_000, 200_000, (e) => e.type === 'restart');
    expect(state.ghost.lag).toHaveLength(GROUP_LIMITS.lagSamplesRepeatedMax);
    expect(consumerLag.check(state).map((c) => c.summary)).toEqual(['group-1 p0 stalled: lag 6 → 6 over 3 samples (max 6 at 100ms)']);
  });

  it('a retention check samples every group-partition and says what it deletes', () => {
    const state = initState({ ...ONE_CONSUMER, 'retention.bytes': 200, 'log.retention.check.interval.ms': 100 });
    const lines = runUntil(state, (s) => s.logs[0].logStartOffset > 0);
    expect(lines.filter((l) => l.includes('retention check'))).toEqual(['log-manager: retention check at 100ms: p0 deletes 2 segments (retention.bytes), log start 0 → 4 (log end 6)']);
    expect(state.ghost.lag.filter((s) => s.at === 'retention-check')).toEqual([{ timeMs: 100, group: 'group-1', partition: 0, logEndOffset: 6, committed: expect.any(Number), lag: expect.any(Number), at: 'retention-check' }]);
  });
});

// False alarm G3 of issue 8: with max.poll.records above the consumer's 256-record fetch buffer,
// a commit-before-process loop with auto-commit never polled (did-not-settle reported as
// guaranteed), and a process-then-commit consumer would have overfilled its buffer.
describe('max.poll.records above the fetch buffer (GROUP_LIMITS.bufferRecordsMax)', () => {
  const oneConsumer = { 'num.partitions': 1, 'model.consumers': 1, 'max.poll.records': 500 };

  it('commit-before-process with auto-commit (the hand-off loop) polls, and a poll returns what is there', () => {
    const state = initState({ ...oneConsumer, 'model.group.records': 10, 'model.group.processing': 'commit-before-process', 'enable.auto.commit': true });
    runUntil(state, (s) => groupModel.enabled(s).some((e) => e.type === 'poll'));
    expect(apply(state, { type: 'poll', consumer: 'consumer-1' })).toBe('consumer-1 polls p0 offsets 0..9');
    finish(state);
    expect(state.store.committed[0].offsets).toEqual([10]);
  });

  it('process-then-commit: a poll returns at most 256 records, as a Java poll returns fewer than max.poll.records when its fetches hold fewer', () => {
    const state = initState({ ...oneConsumer, 'num.partitions': 2, 'model.group.records': 150, 'enable.auto.commit': false });
    runUntil(state, (s) => groupModel.enabled(s).some((e) => e.type === 'poll'));
    expect(apply(state, { type: 'poll', consumer: 'consumer-1' })).toBe('consumer-1 polls p0 offsets 0..149, p1 offsets 0..105');
    finish(state);
    expect(state.store.committed[0].offsets).toEqual([150, 150]);
  });
});
