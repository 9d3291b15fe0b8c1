/**
 * Fake ScenarioResult data for report and CLI tests: shaped like the engines' output, built
 * without running a model.
 */
import type { ExploreResult, ScenarioResult, ViolationReport } from '../../../checker/api.ts';
import type { TraceStep } from '../../../model/kernel/trace.ts';

export function fakeTrace(length: number): TraceStep[] {
  return Array.from({ length }, (_, i) => ({
    index: i + 1,
    timeMs: i * 100,
    event: { type: 'deliver' },
    description: `event number ${i + 1}`,
  }));
}

export function fakeViolation(overrides: Partial<ViolationReport> = {}): ViolationReport {
  return {
    property: 'lost-write',
    doc: 'An acknowledged write is missing from the final read.',
    explanation: 'Let W = send of v3, acknowledged with acks=1 at p0 offset 2.\nThe final read of p0 has no v3: a lost write.',
    guaranteed: false,
    because: 'acks=1',
    seed: '42/run-17',
    steps: 5,
    replay: 'npx kmc replay kmc-out/acks-1-leader-crash-lost-write-42_run-17.json',
    file: 'kmc-out/acks-1-leader-crash-lost-write-42_run-17.json',
    trace: fakeTrace(5),
    cases: [],
    stepsOriginal: 212,
    ...overrides,
  };
}

export function fakeResult(overrides: Partial<ScenarioResult> = {}): ScenarioResult {
  return {
    name: 'acks-all-min-isr-2',
    title: 'acks=all with min.insync.replicas=2 loses nothing',
    config: { acks: 'all', 'min.insync.replicas': 2 },
    expect: 'hold',
    verdict: 'as-expected',
    status: 'passed',
    engine: 'random',
    seed: '42',
    runs: 500,
    events: 812_344,
    violations: [],
    durationMs: 4100,
    internalError: null,
    ...overrides,
  };
}

/** A scenario that must violate lost-write, and did. */
export function fakeExpectedViolation(overrides: Partial<ScenarioResult> = {}): ScenarioResult {
  return fakeResult({
    name: 'acks-1-leader-crash',
    title: 'acks=1 loses a write when the leader crashes',
    config: { acks: 1 },
    expect: ['lost-write'],
    status: 'violated',
    runs: 37,
    events: 4210,
    durationMs: 300,
    violations: [fakeViolation()],
    ...overrides,
  });
}

/** A `kmc explore` result: a ScenarioResult with the extent of the searched space. */
export function fakeExploreResult(overrides: Partial<ExploreResult> = {}): ExploreResult {
  return {
    ...fakeResult({ engine: 'exhaustive', runs: 1, events: 40_000 }),
    statesDistinct: 12_345,
    depthMax: 20,
    statesMax: 50_000,
    transitions: 40_000,
    depthReached: 14,
    complete: true,
    statesPerSecond: 3000,
    reduction: { method: 'sleep-sets', transitionsPruned: 10_000, statesReexpanded: 2 },
    bytesPerState: 120,
    frontierPeak: 1234,
    ...overrides,
  };
}
