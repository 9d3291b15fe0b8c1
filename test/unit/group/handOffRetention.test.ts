/**
 * A hand-off worker (commit-before-process with auto-commit) still holds queued records of a
 * partition when an out-of-range reset moves its position past records retention deleted: once
 * the queue drains, the worker is done up to the new position, and the group settles. Found by a
 * review of the merged group model (before, every such run ended did-not-settle, "guaranteed").
 */
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../../index.ts';
import { randomRun } from '../../../checker/engines/random.ts';
import { groupModel } from '../../../model/group/index.ts';
import { resolveConfig } from '../../../model/config.ts';
import { createGroupJudge } from '../../../properties/group/judge.ts';
import type { Scenario } from '../../../scenarios/scenario.ts';
import { GROUP_BASE } from '../../../scenarios/builtin/groupTiming.ts';

const handOffRetention: Scenario = {
  name: 'hand-off-retention',
  title: 'A hand-off worker behind a retention reset',
  doc: 'One consumer hands records to a worker and auto-commits; retention deletes records it has not reached.',
  model: 'group',
  config: {
    ...GROUP_BASE,
    'num.partitions': 1,
    'model.consumers': 1,
    'model.group.records': 8,
    'model.group.produce.interval.ms': 300,
    'retention.ms': 1500,
    'segment.ms': 400,
    'log.retention.check.interval.ms': 700,
    'model.group.processing': 'commit-before-process',
    'enable.auto.commit': true,
    'partition.assignment.strategy': 'range',
    'model.group.faults': 'none',
    'model.faults.max': 0,
  },
  expect: ['poll-skip'],
  budget: { engine: 'random', runs: 150, stepsMax: 200 },
  seed: 'rv',
};

describe('hand-off processing across a retention reset', () => {
  it('a run whose poll resets 2 → 8 while offsets 0 and 1 wait in the queue settles (run seed rv/run-82)', () => {
    const config = resolveConfig(handOffRetention.config);
    const run = randomRun(groupModel, config, createGroupJudge(config), { runSeed: 'rv/run-82', stepsMax: 200, describe: true });
    expect(run.internalError).toBeNull();
    expect(run.findings.map((f) => f.property)).not.toContain('did-not-settle');
    expect(run.trace.some((step) => step.description.includes('OFFSET_OUT_OF_RANGE at 2') && step.description.includes('reset to earliest 8'))).toBe(true);
  });

  it('settles: no did-not-settle, and what retention deleted is excused as retention\'s doing', async () => {
    const result = await runScenario(handOffRetention, { outDir: null });
    expect(result.internalError).toBeNull();
    const found = result.violations.map((v) => v.property);
    expect(found).not.toContain('did-not-settle');
    expect(result.violations.filter((v) => v.guaranteed)).toEqual([]);
  }, 60_000);
});
