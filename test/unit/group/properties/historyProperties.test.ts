/**
 * The group model's history properties: each fires on a minimal history that breaks it, stays
 * silent on a clean run, and finds nothing in an empty history.
 */
import { describe, expect, it } from 'vitest';
import type { GroupModelState, ProcessOp } from '../../../../model/group/types.ts';
import type { PositionOp } from '../../../../model/group/pollHistory.ts';
import { toFinding } from '../../../../properties/findings.ts';
import { duplicateProcessing } from '../../../../properties/group/duplicateProcessing.ts';
import { lostProcessing } from '../../../../properties/group/lostProcessing.ts';
import { convergenceBoundMs, rebalanceConverges } from '../../../../properties/group/rebalanceConverges.ts';
import { apply, groupConfig, initState, settle } from '../drive.ts';

function finished(overrides: Record<string, string | number | boolean> = {}): GroupModelState {
  const state = initState(overrides);
  settle(state);
  apply(state, { type: 'final-read' });
  return state;
}

function processOp(overrides: Partial<ProcessOp>): ProcessOp {
  return { type: 'process', group: 'group-1', consumer: 'consumer-1', incarnation: 0, memberId: 'consumer-1-1', generation: 1, partition: 0, offset: 0, timeMs: 100, step: 10, ownedInGeneration: true, ...overrides };
}

describe('lost-processing', () => {
  it('fires on records below the final committed offset that nobody processed, naming the commit and the crash', () => {
    const state = finished();
    state.history = state.history.filter((op) => !(op.type === 'process' && op.partition === 1));
    state.history.unshift({ type: 'crash', consumer: 'consumer-2', group: 'group-1', incarnation: 0, timeMs: 700, step: 40, unprocessed: [{ partition: 1, offset: 0 }, { partition: 1, offset: 1 }], partitions: [] });
    const cases = lostProcessing.check(state);
    expect(cases.map((c) => c.summary)).toEqual(['group-1 p1 offsets 0 and 1 committed but never processed']);
    expect(cases[0].data).toMatchObject({ offsets: [0, 1], finalCommitted: 2, crash: { consumer: 'consumer-2', timeMs: 700 } });
    expect(lostProcessing.explain(cases[0])).toContain('group-1 ends with partition 1 committed up to 2, yet no member ever processed offsets 0 and 1.');
    expect(lostProcessing.explain(cases[0])).toContain('consumer-2 then crashed at 700ms still holding offset 0 unprocessed');
  });

  it('is silent when every committed record was processed, and before the final read', () => {
    expect(lostProcessing.check(finished())).toEqual([]);
    const unfinished = initState();
    settle(unfinished);
    unfinished.history = [];
    expect(lostProcessing.check(unfinished)).toEqual([]);
  });

  it('finds nothing in an empty history', () => {
    expect(lostProcessing.check(initState())).toEqual([]);
  });

  // group-retention-outruns-slow-consumer --seed 95041: retention deleted offsets 0 and 1 before any
  // consumer joined; the first member found nothing committed and auto.offset.reset=earliest started
  // it at the log start (SubscriptionState.resetInitializingPositions), so it committed past them.
  function deletedBeforeFirstRead(): GroupModelState {
    const state = finished({ 'retention.ms': 2000 });
    state.history = state.history.filter((op) => !(op.type === 'process' && op.partition === 1 && op.offset < 1));
    const start = state.history.findIndex((op) => op.type === 'position' && op.partition === 1);
    state.history[start] = { ...(state.history[start] as PositionOp), from: -1, to: 1, reason: 'no-committed-offset', logStartOffset: 1, timeMs: 3600 };
    return state;
  }

  it('excuses records retention deleted before the group first read the partition (no committed offset, reset to the log start)', () => {
    const cases = lostProcessing.check(deletedBeforeFirstRead());
    expect(cases.map((c) => c.summary)).toEqual(['group-1 p1 offset 0 committed but never processed']);
    expect(cases[0].allowedBecause).toBe('retention.ms=2000 deleted records in this run before the group processed them (retention deletes by age and size, processed or not)');
    expect(lostProcessing.explain(cases[0])).toContain('found nothing committed for partition 1 and auto.offset.reset started it at 1, the log start offset by then (1)');
    const finding = toFinding(lostProcessing, lostProcessing.guaranteedWhen(groupConfig({ 'retention.ms': 2000 })), cases);
    expect(finding.guaranteed).toBe(false);
  });

  it('still reports, as guaranteed, records no retention reset jumped over beside the excused ones', () => {
    const state = deletedBeforeFirstRead();
    state.history = state.history.filter((op) => !(op.type === 'process' && op.partition === 1));
    const cases = lostProcessing.check(state);
    expect(cases.map((c) => [c.summary, c.allowedBecause !== undefined])).toEqual([
      ['group-1 p1 offset 1 committed but never processed', false],
      ['group-1 p1 offset 0 committed but never processed', true],
    ]);
    expect(toFinding(lostProcessing, { guaranteed: true }, cases).guaranteed).toBe(true);
  });

  it('does not excuse a reset to the log start that jumped over nothing retention deleted', () => {
    const state = deletedBeforeFirstRead();
    const start = state.history.findIndex((op) => op.type === 'position' && op.partition === 1);
    state.history[start] = { ...(state.history[start] as PositionOp), logStartOffset: 0 };
    expect(lostProcessing.check(state).map((c) => c.allowedBecause)).toEqual([undefined]);
  });

  it('is guaranteed for process-then-commit from the earliest offset, whatever the retention; not for commit-before-process or latest', () => {
    expect(lostProcessing.guaranteedWhen(groupConfig({ 'model.group.processing': 'process-then-commit', 'retention.ms': -1 }))).toEqual({ guaranteed: true });
    // Retention is judged per run (Case.allowedBecause): Kafka's 7-day default never acts within one.
    expect(lostProcessing.guaranteedWhen(groupConfig({ 'model.group.processing': 'process-then-commit' }))).toEqual({ guaranteed: true });
    expect(lostProcessing.guaranteedWhen(groupConfig({ 'retention.ms': 1000, 'retention.bytes': 1000 }))).toEqual({ guaranteed: true });
    expect(lostProcessing.guaranteedWhen(groupConfig({ 'model.group.processing': 'commit-before-process', 'retention.ms': -1 }))).toEqual({
      guaranteed: false,
      because: 'model.group.processing=commit-before-process (at-most-once: a crash after the commit loses what it covered)',
    });
    expect(lostProcessing.guaranteedWhen(groupConfig({ 'auto.offset.reset': 'latest' }))).toMatchObject({ guaranteed: false });
  });
});

describe('duplicate-processing', () => {
  it('fires on a record processed twice in one group, with each processing', () => {
    const state = finished();
    state.history.push(processOp({ consumer: 'consumer-2', incarnation: 1, memberId: 'consumer-2-5', generation: 3, partition: 0, offset: 1, timeMs: 4000, ownedInGeneration: false }));
    const cases = duplicateProcessing.check(state);
    expect(cases.map((c) => c.summary)).toEqual(['group-1 p0 offset 1 processed more than once']);
    expect(duplicateProcessing.explain(cases[0])).toMatch(/^In group-1, partition 0 offset 1 was processed 2 times: first by consumer-1 as consumer-1-1 in generation 1 at \d+ms; then by consumer-2 \(restarted 1×\) as consumer-2-5 in generation 3 at 4000ms, without owning the partition in the group's current generation\./);
  });

  it('does not count the same record processed once by each of two groups', () => {
    const state = finished({ 'model.groups': 2 });
    expect(duplicateProcessing.check(state)).toEqual([]);
    expect(state.history.filter((op) => op.type === 'process' && op.partition === 0 && op.offset === 0)).toHaveLength(2);
  });

  it('finds nothing in an empty history', () => {
    expect(duplicateProcessing.check(initState())).toEqual([]);
  });

  it('is guaranteed only for commit-before-process with synchronous commits', () => {
    expect(duplicateProcessing.guaranteedWhen(groupConfig({ 'model.group.processing': 'commit-before-process', 'enable.auto.commit': false }))).toEqual({ guaranteed: true });
    expect(duplicateProcessing.guaranteedWhen(groupConfig({ 'model.group.processing': 'commit-before-process', 'enable.auto.commit': true })).guaranteed).toBe(false);
    expect(duplicateProcessing.guaranteedWhen(groupConfig({ 'model.group.processing': 'process-then-commit' })).guaranteed).toBe(false);
  });
});

describe('rebalance-converges', () => {
  it('fires when a group took longer than the bound to become stable after a fault ended', () => {
    const state = finished();
    const boundMs = convergenceBoundMs(state.config);
    expect(boundMs).toBe(3000 + 6000 + 100 + 4 * 1000);
    state.ghost.convergenceWorst[0] = { group: 'group-1', waitedMs: boundMs + 1, fromMs: 1000, toMs: 1000 + boundMs + 1 };
    const cases = rebalanceConverges.check(state);
    expect(cases.map((c) => c.summary)).toEqual(['group-1 took 13101ms to become stable after a fault ended (bound 13100ms)']);
    expect(rebalanceConverges.explain(cases[0])).toContain('beyond the 13100ms that session.timeout.ms + max.poll.interval.ms + group.initial.rebalance.delay.ms + 4 × heartbeat.interval.ms allow');
  });

  it('is silent on a run that converged in time, and records the initial join as a convergence', () => {
    const state = finished();
    expect(rebalanceConverges.check(state)).toEqual([]);
    expect(state.ghost.convergenceWorst[0].waitedMs).toBe(100);
  });

  it('finds nothing before the final read', () => {
    const state = initState();
    state.ghost.convergenceWorst[0].waitedMs = 10 ** 9;
    expect(rebalanceConverges.check(state)).toEqual([]);
  });
});
