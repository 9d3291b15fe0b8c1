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
