/**
 * Replays reported like checks: a replay becomes a ScenarioResult, so the text and JSON reports
 * and the exit codes work unchanged. Its `replayed` field says what was replayed and whether the
 * recorded violation came back.
 *
 * Verdict: like `kmc check`, against an expectation — by default `hold`, so a replay that still
 * shows the violation is 'unexpected' (exit 1) and one that no longer does is 'as-expected'.
 * Pass the scenario's own `expect` to judge it as its check would: each violation by its role
 * (checker/verdict.ts violationRole), and of the expected properties only the one the file
 * recorded must come back (missingExpected): the check found the others in other runs.
 */
import type { Expectation } from '../scenarios/scenario.ts';
import type { Counterexample } from '../reports/counterexample.ts';
import type { CheckDeps, Scenario, ScenarioResult, ViolationReport } from './api.ts';
import { describeInternalError } from './internalError.ts';
import { replayFileCommand, replaySeedCommand } from './commands.ts';
import { verdictFor } from './verdict.ts';
import { findingStepOf } from './run.ts';
import { startWallBudget } from './wallClock.ts';
import { replayCounterexampleEvents, replayScenario, type ReplayResult, type ScenarioReplayOptions } from './replay.ts';

interface ReplayFrame {
  name: string;
  title: string;
  expect: Expectation;
  /** The seed shown to the user (fast-check's for a pbt replay). */
  reportSeed: string;
  command: string;
  file: string | null;
  durationMs: number;
}

function toScenarioResult(replayed: ReplayResult, frame: ReplayFrame): ScenarioResult {
  const violations: ViolationReport[] = replayed.findings.map((finding) => ({
    property: finding.property,
    doc: finding.doc,
    explanation: finding.explanation,
    guaranteed: finding.guaranteed,
    because: finding.because,
    seed: frame.reportSeed,
    steps: replayed.trace.length,
    step: findingStepOf(replayed, finding.property) ?? replayed.trace.length,
    replay: frame.command,
    replayBySeed: null,
    file: frame.file,
    trace: replayed.trace,
    cases: finding.cases,
    stepsOriginal: replayed.trace.length,
  }));
  const internalError = replayed.internalError && `${describeInternalError(replayed.internalError)}; replay: ${frame.command}`;
  return {
    name: frame.name,
    title: frame.title,
    config: replayed.config,
    expect: frame.expect,
    verdict: verdictFor(frame.expect, violations, internalError !== null, replayed),
    status: internalError !== null ? 'interrupted' : violations.length > 0 ? 'violated' : 'passed',
    engine: replayed.engine,
    seed: frame.reportSeed,
    runs: 1,
    events: replayed.trace.length,
    violations,
    durationMs: frame.durationMs,
    internalError,
    replayed: { source: replayed.source, expected: replayed.expected, reproduced: replayed.reproduced },
  };
}

/**
 * `kmc replay FILE`: replays a counterexample read with readCounterexample(file). Throws
 * CounterexampleError or ReplayError (both bad input: exit 2).
 */
export function replayCounterexample(counterexample: Counterexample, deps: CheckDeps, options: { file?: string; expect?: Expectation } = {}): ScenarioResult {
  const wall = startWallBudget();
  const source = options.file ?? `counterexample of ${counterexample.scenario ?? counterexample.model.name}`;
  const replayed = replayCounterexampleEvents(counterexample, source, deps);
  return toScenarioResult(replayed, {
    name: counterexample.scenario ?? counterexample.model.name,
    title: `replay of ${source}`,
    expect: options.expect ?? 'hold',
    reportSeed: counterexample.seed,
    command: options.file !== undefined ? replayFileCommand(options.file) : `(counterexample of ${counterexample.violation.property})`,
    file: options.file ?? null,
    durationMs: wall.elapsedMs(),
  });
}

/**
 * `kmc replay --scenario NAME --seed S [--path P]`: one random run from its run seed, or the
 * pbt counterexample at fast-check's seed and path. Judged against `expect` (default: the
 * scenario's, or `hold` when --set overrides are given). Throws ConfigError or ReplayError.
 */
export function replaySeed(
  scenario: Scenario,
  options: ScenarioReplayOptions & { scenarioRef?: string; expect?: Expectation },
  deps: CheckDeps,
): ScenarioResult {
  const wall = startWallBudget();
  const replayed = replayScenario(scenario, options, deps);
  const overridden = options.set !== undefined && Object.keys(options.set).length > 0;
  return toScenarioResult(replayed, {
    name: scenario.name,
    title: scenario.title,
    expect: options.expect ?? (overridden ? 'hold' : scenario.expect),
    reportSeed: options.seed,
    command: replaySeedCommand(options.scenarioRef ?? scenario.name, options.seed, options.set, options.path),
    file: null,
    durationMs: wall.elapsedMs(),
  });
}
