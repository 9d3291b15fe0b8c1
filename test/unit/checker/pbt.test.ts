import { describe, expect, test } from 'vitest';
import { traceToJsonLines } from '../../../model/kernel/trace.ts';
import { pbtReplay, pbtSearch, pbtSeed } from '../../../checker/engines/pbt.ts';
import { SHORTEST_BUG_DEPTH, createToyModel, toyJudgeFor } from './toyModel.ts';
import { toyConfig } from './fixtures.ts';

const config = toyConfig();
const judge = toyJudgeFor()(config);

describe('pbt engine (seed 1)', () => {
  const result = pbtSearch(createToyModel(), config, judge, { seed: '1', runs: 300, stepsMax: 20 });
  const [violation] = result.violations;

  test('finds the planted bug and reports fast-check seed and path', () => {
    expect(result.status).toBe('violated');
    expect(violation.run.findings.map((f) => f.property)).toEqual(['acked-durable']);
    expect(violation.fcSeed).toBe(pbtSeed('1', 0));
    expect(violation.path).toMatch(/^\d+(:\d+)*$/);
  });

  test('fast-check shrinks the choice sequence to the shortest fault phase', () => {
    expect(violation.numShrinks).toBeGreaterThan(0);
    expect(violation.choices.length).toBe(SHORTEST_BUG_DEPTH);
    expect(violation.run.trace.map((s) => s.event.type)).toEqual(['write', 'deliver', 'deliver', 'crash']);
  });

  test('{ seed, path } replays the shrunk counterexample exactly', () => {
    const replayed = pbtReplay(createToyModel(), config, judge, { fcSeed: violation.fcSeed, path: violation.path, stepsMax: 20 });
    expect(replayed?.choices).toEqual(violation.choices);
    expect(traceToJsonLines(replayed!.run.trace)).toBe(traceToJsonLines(violation.run.trace));
    expect(replayed!.run.findings.map((f) => f.property)).toEqual(['acked-durable']);
  });

  test('shrinking stops at shrinkRunsMax, and the path still replays the counterexample it stopped at', () => {
    const unshrunk = pbtSearch(createToyModel(), config, judge, { seed: '1', runs: 300, stepsMax: 20, shrinkRunsMax: 0 });
    const [first] = unshrunk.violations;
    expect(first.numShrinks).toBe(0);
    expect(first.choices.length).toBeGreaterThan(violation.choices.length);
    const replayed = pbtReplay(createToyModel(), config, judge, { fcSeed: first.fcSeed, path: first.path, stepsMax: 20 });
    expect(replayed?.choices).toEqual(first.choices);
    expect(traceToJsonLines(replayed!.run.trace)).toBe(traceToJsonLines(first.run.trace));
  });

  test('the same seed gives the same search', () => {
    const again = pbtSearch(createToyModel(), config, judge, { seed: '1', runs: 300, stepsMax: 20 });
    expect(again.violations[0].path).toBe(violation.path);
    expect(again.runs).toBe(result.runs);
  });

  test('without the bug it passes all runs', () => {
    const passing = pbtSearch(createToyModel({ bug: false }), config, judge, { seed: '1', runs: 40, stepsMax: 20 });
    expect(passing).toMatchObject({ status: 'passed', runs: 40, violations: [] });
  });

  test('keeps searching in new rounds until every wanted property is found', () => {
    const both = toyJudgeFor({ crashedTwice: true })(config);
    const found = pbtSearch(createToyModel(), config, both, { seed: '1', runs: 1000, stepsMax: 20, stopWhen: (f) => f.has('acked-durable') && f.has('crashed-twice') });
    const properties = new Set(found.violations.flatMap((v) => v.run.findings.map((f) => f.property)));
    expect(properties).toEqual(new Set(['acked-durable', 'crashed-twice']));
    expect(new Set(found.violations.map((v) => v.fcSeed)).size).toBe(found.violations.length);
  });

  test('a model assertion is an internal error with the fast-check seed and path, not a violation', () => {
    const broken = pbtSearch(createToyModel({ assertOnWrite: 1 }), config, judge, { seed: '1', runs: 50, stepsMax: 20 });
    expect(broken.violations).toEqual([]);
    expect(broken.status).toBe('interrupted');
    expect(broken.internalError).toMatchObject({ kind: 'model-assertion', fcSeed: pbtSeed('1', 0) });
    expect(broken.internalError?.path).toMatch(/^\d+(:\d+)*$/);
  });
});

/**
 * The --time budget may change how many runs a search completes, never which violation it
 * reports for them (issue 8: `acks-1-leader-crash --seed 5 --engine pbt`, --time 1200ms and
 * 1300ms reported different properties, because the time limit cut shrinking short). The budget
 * here is a clock that ticks once per model run, so every stopping point is tried, none timed.
 */
describe('pbt engine: a budget stops the search between runs, never inside shrinking', () => {
  function countingToyModel(options: Parameters<typeof createToyModel>[0] = {}): { model: ReturnType<typeof createToyModel>; modelRuns: () => number } {
    const model = createToyModel(options);
    let runs = 0;
    const init = model.init.bind(model);
    return { model: { ...model, init: (c, seed) => (runs++, init(c, seed)) }, modelRuns: () => runs };
  }

  test('a signal aborted during the search ends it as interrupted after the run in progress', () => {
    const controller = new AbortController();
    const counted = countingToyModel({ bug: false });
    const init = counted.model.init;
    const model = { ...counted.model, init: (c: typeof config, seed: string) => (counted.modelRuns() === 2 && controller.abort(), init(c, seed)) };
    const result = pbtSearch(model, config, judge, { seed: '1', runs: 50, stepsMax: 20, signal: controller.signal });
    expect(result).toMatchObject({ status: 'interrupted', runs: 3, violations: [] });
  });

  const reported = (result: ReturnType<typeof pbtSearch>) => result.violations.map((v) => ({ fcSeed: v.fcSeed, path: v.path, choices: v.choices, properties: v.run.findings.map((f) => f.property) }));

  for (const [label, judgeOf, stopWhen] of [
    ['one property', judge, undefined],
    ['two properties over several rounds', toyJudgeFor({ crashedTwice: true })(config), (f: ReadonlySet<string>) => f.has('acked-durable') && f.has('crashed-twice')],
  ] as const) {
    test(`${label} (seed 1): stopped after any number of model runs, it reports what the runs it completed show`, () => {
      const options = { seed: '1', runs: 1000, stepsMax: 20, ...(stopWhen ? { stopWhen } : {}) };
      const whole = countingToyModel();
      pbtSearch(whole.model, config, judgeOf, options);
      for (let budgetRuns = 1; budgetRuns <= whole.modelRuns() + 1; budgetRuns++) {
        const counted = countingToyModel();
        const stopped = pbtSearch(counted.model, config, judgeOf, { ...options, budget: { expired: () => counted.modelRuns() >= budgetRuns } });
        const unbudgeted = pbtSearch(createToyModel(), config, judgeOf, { ...options, runs: stopped.runs });
        expect({ budgetRuns, violations: reported(stopped) }).toEqual({ budgetRuns, violations: reported(unbudgeted) });
        if (stopped.violations.length === 0) expect(stopped.status).toBe('budget-exhausted');
      }
    });
  }
});
