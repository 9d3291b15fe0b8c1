/** The README's vitest example for check-assignor, run as written on a correct cooperative plugin. */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkAssignor } from '../../../index.ts';

const MODULE = resolve(import.meta.dirname, '../../fixtures/assignors/kmc-cooperative.mts');

describe('the README example (default budget)', () => {
  it('keeps the contract and the group properties under faults, and moves no more than cooperative-sticky (seed kmc)', async () => {
    // As the README has it, plus no files and a call bound no loaded test machine reaches.
    const report = await checkAssignor(MODULE, { protocol: 'cooperative', seed: 'kmc', outDir: null, callTimeoutMs: 30_000 });
    expect(report.findings.map((f) => `${f.rule}: ${f.detail}`), 'rules broken').toEqual([]);
    expect(report.scenarioFailures, 'group scenarios').toEqual([]);
    expect(report.exitCode).toBe(0);
    const [ours, ...builtIns] = report.protocols[0].comparison;
    const sticky = builtIns.find((stats) => stats.name === 'cooperative-sticky');
    expect(ours.movedMeanPerRebalance).toBeLessThanOrEqual(sticky!.movedMeanPerRebalance);
  }, 60_000);
});
