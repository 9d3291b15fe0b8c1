/**
 * Dynamic retention in the group model: an admin's alter-config of retention.ms or
 * retention.bytes is in force at the next retention check (UnifiedLog.deleteOldSegments reads the
 * log's current LogConfig), and a lost record it made possible is excused naming the alteration.
 */
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../../index.ts';
import { groupModel } from '../../../model/group/index.ts';
import { groupRetentionOutrunsSlowConsumer } from '../../../scenarios/builtin/groupRetention.ts';
import { apply, initState, runUntil } from './drive.ts';

const RETENTION_OFF_UNTIL_ALTERED = {
  'retention.ms': -1,
  'segment.bytes': 100,
  'log.retention.check.interval.ms': 1000,
  'model.group.faults': 'alter-config',
  'model.alter.configs': 'retention.ms=500',
  'model.faults.max': 1,
};

describe('group model: alter-config of retention', () => {
  it('arms the retention check from the start when an alteration can set a limit, and deletes by the value in force', () => {
    const state = initState(RETENTION_OFF_UNTIL_ALTERED);
    expect(state.timers.find((t) => t.kind === 'log-retention')).toMatchObject({ dueMs: 1000 });
    const first = runUntil(state, (s) => s.nowMs >= 1000 && !s.timers.some((t) => t.kind === 'log-retention' && t.dueMs === 1000));
    expect(first).toContain('log-manager: retention check at 1000ms: p0 nothing to delete (log start 0, log end 2), p1 nothing to delete (log start 0, log end 2)');
    const event = groupModel.enabled(state).find((e) => e.type === 'alter-config');
    expect(event).toEqual({ type: 'alter-config', key: 'retention.ms', value: 500 });
    expect(apply(state, event!)).toBe('admin sets retention.ms=500 on every topic (kafka-configs --alter; was -1): the retention checks from now on delete by it');
    expect(state.topicConfig['retention.ms']).toBe(500);
    expect(state.ghost.alterations).toEqual([{ timeMs: state.nowMs, key: 'retention.ms', value: 500, previous: -1 }]);
    expect(state.faultCounts).toMatchObject({ total: 1, 'alter-config': 1 });
    const second = runUntil(state, (s) => s.logs[0].logStartOffset > 0);
    expect(second.at(-1)).toMatch(/^log-manager: retention check at 2000ms: p0 deletes 2 segments \(retention\.ms\), log start 0 → 2/);
    // Only a value not in force is offered, within the fault budget.
    expect(groupModel.enabled(state).some((e) => e.type === 'alter-config')).toBe(false);
  });

  it('does not arm a check that could never delete anything', () => {
    expect(initState({ 'retention.ms': -1 }).timers.some((t) => t.kind === 'log-retention')).toBe(false);
    expect(initState({ ...RETENTION_OFF_UNTIL_ALTERED, 'model.alter.configs': 'retention.ms=-1,retention.bytes=-1', 'retention.bytes': 100 }).timers.some((t) => t.kind === 'log-retention')).toBe(true);
  });

  it('a slow consumer that loses records to a retention limit set during the run is excused, naming the alteration', async () => {
    const result = await runScenario(groupRetentionOutrunsSlowConsumer, {
      outDir: null,
      runs: 300,
      set: { 'retention.ms': '-1', 'model.group.faults': 'pause,alter-config', 'model.alter.configs': 'retention.ms=2000', 'model.faults.max': '2' },
    });
    expect(result.internalError).toBeNull();
    const lost = result.violations.find((v) => v.property === 'lost-processing');
    expect(lost).toBeDefined();
    expect(lost!.guaranteed).toBe(false);
    expect(lost!.because).toMatch(/^retention\.ms=2000 \(set by the admin at \d+ms with kafka-configs --alter\) deleted records in this run before the group processed them/);
  }, 60_000);
});
