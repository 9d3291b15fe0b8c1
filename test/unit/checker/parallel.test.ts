/**
 * checker/parallel/: random walks in worker threads give the caller what its own walks give.
 * Scenario results are the same with 1, 2 and 4 workers, and with a budget that runs out (a
 * budget that counts runs, in place of --time's wall clock) only the runs done before it count.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { runScenarioByName, type ScenarioResult } from '../../../index.ts';
import { closeRunPools } from '../../../checker/parallel/index.ts';

afterAll(closeRunPools);

/** A budget that runs out after `runs` runs (asked once before each run). */
function runsBudget(runs: number): { expired(): boolean } {
  let asked = 0;
  return { expired: () => asked++ >= runs };
}

const withoutWallTime = (result: ScenarioResult): ScenarioResult => ({ ...result, durationMs: 0 });

describe('--workers: the same results for any number of worker threads', () => {
  it('truncation-kip-279 (seed kmc-6): violations at runs 238 and 436, the same with 1, 2 and 4 workers', async () => {
    const one = await runScenarioByName('truncation-kip-279', { outDir: null, seed: 'kmc-6' });
    expect(one.runs).toBe(437);
    for (const workers of [2, 4]) {
      expect(withoutWallTime(await runScenarioByName('truncation-kip-279', { outDir: null, seed: 'kmc-6', workers }))).toEqual(withoutWallTime(one));
    }
  }, 120_000);

  it('a budget that runs out: the runs done before it decide, with 1 or 2 workers (cut before the violation of run 238, between it and that of run 436, after both)', async () => {
    const expected = new Map([
      [200, { status: 'budget-exhausted', properties: [] as string[] }],
      [300, { status: 'violated', properties: ['nonmonotonic-send'] }],
      [437, { status: 'violated', properties: ['nonmonotonic-send', 'strong-isr'] }],
    ]);
    for (const [cut, { status, properties }] of expected) {
      const one = await runScenarioByName('truncation-kip-279', { outDir: null, seed: 'kmc-6', budget: runsBudget(cut) });
      const two = await runScenarioByName('truncation-kip-279', { outDir: null, seed: 'kmc-6', budget: runsBudget(cut), workers: 2 });
      expect(withoutWallTime(two)).toEqual(withoutWallTime(one));
      expect(one.runs).toBe(cut);
      expect(one.status).toBe(status);
      expect(one.violations.map((v) => v.property)).toEqual(properties);
    }
  }, 120_000);

  it('a scenario that holds (acks-all-min-isr-2, 200 runs): the same runs and events with 1 and 2 workers', async () => {
    const one = await runScenarioByName('acks-all-min-isr-2', { outDir: null, runs: 200 });
    const two = await runScenarioByName('acks-all-min-isr-2', { outDir: null, runs: 200, workers: 2 });
    expect(withoutWallTime(two)).toEqual(withoutWallTime(one));
    expect(one.verdict).toBe('as-expected');
  }, 120_000);

  it('refuses a worker count outside 1..64', async () => {
    await expect(runScenarioByName('acks-all-min-isr-2', { workers: 0 })).rejects.toThrow('workers 0: must be a whole number from 1 to 64');
  });
});
