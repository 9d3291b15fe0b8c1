import { describe, expect, it } from 'vitest';
import { formatJsonReport, toJsonReport } from '../../../reports/json.ts';
import { fakeExpectedViolation, fakeExploreResult, fakeResult, fakeViolation } from './fixtures.ts';

describe('the --json document', () => {
  it('has ok and scenarios first, then extra fields', () => {
    const report = toJsonReport([fakeResult()]);
    expect(Object.keys(report).slice(0, 2)).toEqual(['ok', 'scenarios']);
    expect(report.ok).toBe(true);
    expect(report.exitCode).toBe(0);
    expect(report.format).toBe('kmc-report/1');
  });

  it('has the documented scenario fields first, in order', () => {
    const [scenario] = toJsonReport([fakeExpectedViolation()]).scenarios;
    expect(Object.keys(scenario).slice(0, 7)).toEqual(['name', 'config', 'expect', 'verdict', 'runs', 'events', 'violations']);
    expect(scenario).toMatchObject({
      name: 'acks-1-leader-crash',
      config: { acks: 1 },
      expect: ['lost-write'],
      verdict: 'as-expected',
      runs: 37,
      events: 4210,
      status: 'violated',
      engine: 'random',
      statesDistinct: null,
      internalError: null,
    });
  });

  it('has the documented violation fields first, in order', () => {
    const [violation] = toJsonReport([fakeExpectedViolation()]).scenarios[0].violations;
    expect(Object.keys(violation).slice(0, 6)).toEqual(['property', 'explanation', 'seed', 'steps', 'replay', 'file']);
    const v = fakeViolation();
    expect(violation).toMatchObject({ property: v.property, explanation: v.explanation, seed: v.seed, steps: 5, replay: v.replay, file: v.file, stepsOriginal: 212, because: 'acks=1' });
    expect(violation.trace).toHaveLength(5);
  });

  it('is not ok when an expectation is not met, or on an internal error', () => {
    expect(toJsonReport([fakeResult(), fakeResult({ verdict: 'unexpected' })])).toMatchObject({ ok: false, exitCode: 1 });
    expect(toJsonReport([fakeResult({ verdict: 'unexpected', internalError: 'boom' })])).toMatchObject({ ok: false, exitCode: 3 });
  });

  it('prints as one parseable document with a final newline', () => {
    const text = formatJsonReport([fakeResult(), fakeExpectedViolation()]);
    expect(text.endsWith('}\n')).toBe(true);
    expect(JSON.parse(text)).toEqual(toJsonReport([fakeResult(), fakeExpectedViolation()]));
  });

  it('carries what a replay replayed, and the space an exploration searched', () => {
    const replayed = { source: 'kmc-out/x.json', expected: { property: 'lost-write', step: 31 }, reproduced: true };
    expect(toJsonReport([fakeResult({ replayed })]).scenarios[0]).toMatchObject({ replayed, space: null });
    expect(toJsonReport([fakeExploreResult()]).scenarios[0]).toMatchObject({
      replayed: null,
      statesDistinct: 12_345,
      space: { depthMax: 20, statesMax: 50_000, depthReached: 14, transitions: 40_000, complete: true, statesPerSecond: 3000, bytesPerState: 120, frontierPeak: 1234, reduction: { method: 'sleep-sets', transitionsPruned: 10_000, statesReexpanded: 2 } },
    });
    expect(toJsonReport([fakeExploreResult({ reduction: null })]).scenarios[0].space?.reduction).toBeNull();
  });

  it("carries a violation's detection step and seed replay command when the engine gives them", () => {
    const [v] = toJsonReport([fakeExpectedViolation({ violations: [fakeViolation({ step: 31, replayBySeed: 'npx kmc replay --scenario s --seed 42/run-17' })] })]).scenarios[0].violations;
    expect(v).toMatchObject({ step: 31, replayBySeed: 'npx kmc replay --scenario s --seed 42/run-17' });
    const [bare] = toJsonReport([fakeExpectedViolation()]).scenarios[0].violations;
    expect(bare).toMatchObject({ step: null, replayBySeed: null });
  });

  it("carries the guided engine's coverage, null for the other engines", () => {
    const coverage = { features: 412, newInLastTenth: 3 };
    expect(toJsonReport([fakeResult({ engine: 'guided', coverage })]).scenarios[0]).toMatchObject({ engine: 'guided', coverage });
    expect(toJsonReport([fakeResult()]).scenarios[0].coverage).toBeNull();
  });
});
