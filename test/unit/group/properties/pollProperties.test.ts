/**
 * poll-skip and nonmonotonic-poll (Jepsen's definitions, reference/anomalies.md) on minimal
 * histories: each fires, stays silent where a run of polls ends (a new ownership, a seek, a new
 * process), and finds nothing in an empty history.
 */
import { describe, expect, it } from 'vitest';
import type { PollOp, PositionOp } from '../../../../model/group/pollHistory.ts';
import type { GroupModelState } from '../../../../model/group/types.ts';
import { nonmonotonicPoll } from '../../../../properties/group/nonmonotonicPoll.ts';
import { pollSkip } from '../../../../properties/group/pollSkip.ts';
import { groupConfig, initState } from '../drive.ts';
import { toFinding } from '../../../../properties/findings.ts';

function poll(from: number, to: number, overrides: Partial<PollOp> = {}): PollOp {
  return { type: 'poll', group: 'group-1', consumer: 'consumer-1', incarnation: 0, memberId: 'consumer-1-1', generation: 1, batches: [{ partition: 0, from, to }], timeMs: from * 100, step: from, ...overrides };
}

function position(reason: PositionOp['reason'], from: number, to: number, overrides: Partial<PositionOp> = {}): PositionOp {
  return { type: 'position', group: 'group-1', consumer: 'consumer-1', incarnation: 0, memberId: 'consumer-1-1', generation: 1, partition: 0, from, to, reason, logStartOffset: 0, logEndOffset: 10, timeMs: 250, step: 3, ...overrides };
}

function withHistory(history: GroupModelState['history']): GroupModelState {
  const state = initState();
  state.history = history;
  return state;
}

describe('poll-skip', () => {
  it('fires when the next poll of a partition starts more than one offset past the last', () => {
    const cases = pollSkip.check(withHistory([position('committed', -1, 0), poll(0, 1), poll(4, 5)]));
    expect(cases.map((c) => c.summary)).toEqual(['consumer-1 skipped group-1 p0 offsets 2..3 between two polls']);
    expect(pollSkip.explain(cases[0])).toBe(
      'consumer-1 owned partition 0 of group-1 throughout (no revocation, no seek). Its poll at 0ms ended at offset 1; its next poll, at 400ms (generation 1), began at offset 4. It never read offsets 2..3: poll-skip.',
    );
  });

  it('an auto.offset.reset after OFFSET_OUT_OF_RANGE does not end the run: the jump is the skip', () => {
    const cases = pollSkip.check(withHistory([poll(0, 1), position('out-of-range', 2, 3, { logStartOffset: 3, logEndOffset: 5, timeMs: 300 }), poll(3, 4)]));
    expect(cases.map((c) => c.summary)).toEqual(['consumer-1 skipped group-1 p0 offset 2 between two polls']);
    expect(cases[0].data).toMatchObject({ skipped: { from: 2, to: 2 }, reset: { from: 2, to: 3, logStartOffset: 3, timeMs: 300 } });
    expect(pollSkip.explain(cases[0])).toContain('At 300ms its fetch at offset 2 got OFFSET_OUT_OF_RANGE (retention had moved the log start offset to 3; log end 5)');
  });

  it('excuses a skip made by a retention reset in the run (not guaranteed), but not one without a reset', () => {
    const state = withHistory([poll(0, 1), position('out-of-range', 2, 3, { logStartOffset: 3, logEndOffset: 5, timeMs: 300 }), poll(3, 4)]);
    state.config = groupConfig({ 'retention.ms': 1000 });
    const [excused] = pollSkip.check(state);
    expect(excused.allowedBecause).toBe('retention.ms=1000 deleted records in this run a consumer had not read (retention deletes by age and size, processed or not); OFFSET_OUT_OF_RANGE then reset its position past them (auto.offset.reset=earliest)');
    const finding = toFinding(pollSkip, pollSkip.guaranteedWhen(state.config), [excused]);
    expect(finding).toMatchObject({ guaranteed: false, because: excused.allowedBecause });
    const [bare] = pollSkip.check(withHistory([poll(0, 1), poll(4, 5)]));
    expect(bare.allowedBecause).toBeUndefined();
    // One unexcused case makes the finding a broken guarantee, and it leads.
    const mixed = toFinding(pollSkip, { guaranteed: true }, [excused, bare]);
    expect(mixed.guaranteed).toBe(true);
    expect(mixed.cases[0]).toBe(bare);
  });

  it('is silent on contiguous polls, and across a new ownership, a seek, a restart or another partition', () => {
    expect(pollSkip.check(withHistory([poll(0, 1), poll(2, 3), poll(4, 4)]))).toEqual([]);
    expect(pollSkip.check(withHistory([poll(0, 1), position('committed', -1, 6), poll(6, 7)]))).toEqual([]);
    expect(pollSkip.check(withHistory([poll(0, 1), position('no-committed-offset', -1, 6), poll(6, 7)]))).toEqual([]);
    expect(pollSkip.check(withHistory([poll(0, 1), position('seek', 2, 5), poll(5, 6)]))).toEqual([]);
    expect(pollSkip.check(withHistory([poll(0, 1), poll(6, 7, { incarnation: 1 })]))).toEqual([]);
    expect(pollSkip.check(withHistory([poll(0, 1), poll(6, 7, { consumer: 'consumer-2' })]))).toEqual([]);
    expect(pollSkip.check(withHistory([poll(0, 1), poll(6, 7, { batches: [{ partition: 1, from: 6, to: 7 }] })]))).toEqual([]);
  });

  it('finds nothing in an empty history', () => {
    expect(pollSkip.check(initState())).toEqual([]);
  });

  it('is guaranteed under every config: a skip is excused only by a retention reset in the run itself', () => {
    expect(pollSkip.guaranteedWhen(groupConfig({ 'retention.ms': -1, 'retention.bytes': -1 }))).toEqual({ guaranteed: true });
    expect(pollSkip.guaranteedWhen(groupConfig({ 'retention.ms': 1000, 'auto.offset.reset': 'latest' }))).toEqual({ guaranteed: true });
    expect(pollSkip.guaranteedWhen(groupConfig()).guaranteed).toBe(true);
  });
});

describe('nonmonotonic-poll', () => {
  it('fires when the next poll starts at or before the last offset of the previous one, with no seek between', () => {
    const cases = nonmonotonicPoll.check(withHistory([poll(0, 3), poll(2, 3)]));
    expect(cases.map((c) => c.summary)).toEqual(['consumer-1 polled group-1 p0 from offset 2 after reading up to 3']);
    expect(nonmonotonicPoll.explain(cases[0])).toContain('its next poll, at 200ms (generation 1), began at offset 2, at or before it');
    expect(nonmonotonicPoll.check(withHistory([poll(0, 3), poll(3, 4)])).map((c) => c.data)).toEqual([expect.objectContaining({ previousOffset: 3, nextOffset: 3 })]);
  });

  it('is silent after a seek back or a new ownership, and on contiguous polls', () => {
    expect(nonmonotonicPoll.check(withHistory([poll(0, 3), position('seek', 4, 2), poll(2, 3)]))).toEqual([]);
    expect(nonmonotonicPoll.check(withHistory([poll(0, 3), position('committed', -1, 0), poll(0, 1)]))).toEqual([]);
    expect(nonmonotonicPoll.check(withHistory([poll(0, 3), poll(4, 5)]))).toEqual([]);
  });

  it('finds nothing in an empty history, and is guaranteed under every configuration', () => {
    expect(nonmonotonicPoll.check(initState())).toEqual([]);
    expect(nonmonotonicPoll.guaranteedWhen(groupConfig({ 'retention.ms': 0, 'auto.offset.reset': 'latest' }))).toEqual({ guaranteed: true });
  });
});
