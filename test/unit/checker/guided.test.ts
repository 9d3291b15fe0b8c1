/**
 * The guided engine (checker/engines/guided.ts): deterministic for a seed, finds a built-in
 * violation, reports coverage, and works for a model without a coverage map (a plugin model).
 */
import { describe, expect, test } from 'vitest';
import { BUILTIN_SCENARIOS, depsFor } from '../../../index.ts';
import { checkScenario } from '../../../checker/index.ts';
import { guidedSearch } from '../../../checker/engines/guided.ts';
import { randomRunSeed } from '../../../checker/engines/random.ts';
import { formatJsonReport } from '../../../reports/json.ts';
import { formatScenarioText } from '../../../reports/text.ts';
import type { ScenarioResult } from '../../../checker/api.ts';
import { createToyModel, toyJudgeFor } from './toyModel.ts';
import { toyConfig } from './fixtures.ts';

function builtin(name: string) {
  const scenario = BUILTIN_SCENARIOS.find((s) => s.name === name);
  if (scenario === undefined) throw new Error(`no built-in ${name}`);
  return scenario;
}

/** A result without its wall time, the one field that may differ between two runs. */
const timeless = (result: ScenarioResult): ScenarioResult => ({ ...result, durationMs: 0 });

describe('guided engine', () => {
  test('finds the lost write of acks-1-leader-crash from seed g1, with its coverage and a replay command', () => {
    const scenario = builtin('acks-1-leader-crash');
    const result = checkScenario(scenario, { engine: 'guided', seed: 'g1', outDir: null }, depsFor(scenario));
    expect(result.verdict).toBe('as-expected');
    expect(result.engine).toBe('guided');
    const lostWrite = result.violations.find((v) => v.property === 'lost-write')!;
    expect(lostWrite.steps).toBeGreaterThan(0);
    // No file written: the command re-runs the guided search (a random walk's seed would not replay it).
    expect(lostWrite.replay).toBe('npx kmc check --scenario acks-1-leader-crash --engine guided --seed g1');
    expect(lostWrite.replayBySeed).toBeNull();
    expect(result.coverage!.features).toBeGreaterThan(20);
    expect(formatScenarioText(result)).toMatch(/\n {2}coverage: [\d,]+ abstract features, [\d,]+ new in the last 10% of runs/);
    expect(JSON.parse(formatJsonReport([result])).scenarios[0].coverage).toEqual(result.coverage);
  });

  test('the same seed gives the same runs, violations, coverage and report bytes; another seed other runs', () => {
    const scenario = { ...builtin('acks-all-min-isr-2'), budget: { ...builtin('acks-all-min-isr-2').budget, runs: 80 } };
    const check = (seed: string) => timeless(checkScenario(scenario, { engine: 'guided', seed, outDir: null }, depsFor(scenario)));
    const first = check('g7');
    const second = check('g7');
    expect(first.runs).toBe(80);
    expect(formatJsonReport([second])).toBe(formatJsonReport([first]));
    expect(formatScenarioText(second)).toBe(formatScenarioText(first));
    const other = check('g8');
    expect(other.events).not.toBe(first.events);
  });

  test('a model without a coverage map (a plugin model) is searched as well: fresh walks and mutations of violating runs', () => {
    const config = toyConfig();
    const judge = toyJudgeFor()(config);
    const result = guidedSearch(createToyModel(), config, judge, { seed: '1', runs: 200, stepsMax: 20 });
    expect(result.status).toBe('violated');
    expect(result.violations[0].run.findings.map((f) => f.property)).toEqual(['acked-durable']);
    // Until a run is kept every run starts fresh: run i is the random engine's run i.
    expect(result.violations[0].runSeed).toBe(randomRunSeed('1', result.violations[0].runIndex));
    // The only feature a model without a map yields is the finding, first reached by the last run.
    expect(result.coverage).toEqual({ features: 1, newInLastTenth: 1 });
  });
});
