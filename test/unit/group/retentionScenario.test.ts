/**
 * group-retention-outruns-slow-consumer against its controls: the same workload and faults with
 * retention off, or with auto.offset.reset=none, never skips a record between polls, and with
 * retention off never loses one (a paused zombie may still process records twice: at-least-once).
 * What the scenario finds is retention's doing.
 */
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../../index.ts';
import { groupRetentionOutrunsSlowConsumer } from '../../../scenarios/builtin/groupRetention.ts';

describe('group-retention-outruns-slow-consumer, controls', () => {
  it('with retention.ms=-1 the same runs find no poll-skip and no lost-processing', async () => {
    const result = await runScenario(groupRetentionOutrunsSlowConsumer, { outDir: null, runs: 60, set: { 'retention.ms': '-1' } });
    expect(result.internalError).toBeNull();
    const found = result.violations.map((v) => v.property);
    expect(found).not.toContain('poll-skip');
    expect(found).not.toContain('lost-processing');
  }, 60_000);

  it('with auto.offset.reset=none no poll skips; the out-of-range partition is paused instead', async () => {
    const result = await runScenario(groupRetentionOutrunsSlowConsumer, { outDir: null, runs: 60, set: { 'auto.offset.reset': 'none' } });
    expect(result.internalError).toBeNull();
    expect(result.violations.map((v) => v.property)).not.toContain('poll-skip');
  }, 60_000);
});
