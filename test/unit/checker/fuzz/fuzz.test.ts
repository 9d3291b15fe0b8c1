import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { fuzzScenario } from '../../../../checker/fuzz/fuzz.ts';
import type { FuzzResult } from '../../../../checker/fuzz/types.ts';
import { readCounterexample } from '../../../../reports/counterexample.ts';
import { replayCounterexample } from '../../../../checker/replayReport.ts';
import { replaySeed } from '../../../../checker/replayReport.ts';
import { loadScenarioFile } from '../../../../scenarios/file.ts';
import { fuzzExitCodeOf } from '../../../../reports/fuzzOutcome.ts';
import { configErrorOf } from './configErrorOf.ts';
import { tempDir, TOY_CONFIG_OVERRIDES, toyDeps, toyScenario } from '../fixtures.ts';

/** The toy register with acks=1: its planted bug (acked-durable) is allowed there, guaranteed under acks=all. */
const BASE = toyScenario({ name: 'toy-acks-1', config: { ...TOY_CONFIG_OVERRIDES, acks: '1' }, expect: 'hold' });
const VARY = ['acks', 'linger.ms', 'batch.size', 'retry.backoff.ms'];

/** The result without wall time, for comparing two campaigns. */
const stable = (result: FuzzResult): unknown => ({ ...result, durationMs: 0 });

describe('kmc fuzz on the toy model', () => {
  test('finds the bug Kafka guarantees against only under acks=all, minimised to acks alone (seed f1)', () => {
    const out = tempDir();
    const result = fuzzScenario(BASE, { vary: VARY, seed: 'f1', configs: 12, runs: 40, outDir: out }, toyDeps());
    expect(result).toMatchObject({ scenario: 'toy-acks-1', model: 'cluster', seed: 'f1', configsTried: 12, configsSkipped: 0, stoppedBy: 'configs' });
    expect(result.vary).toEqual(['acks', 'retry.backoff.ms', 'batch.size', 'linger.ms']);
    expect(result.findings.map((f) => [f.kind, f.property, f.changes, f.keysMinimised])).toEqual([['violation', 'acked-durable', { acks: 'all' }, true]]);
    const [finding] = result.findings;
    expect(finding.configsShowing).toBeGreaterThan(1);
    expect(finding.configs).toHaveLength(finding.configsShowing);
    expect(Object.keys(finding.changesDrawn).length).toBeGreaterThan(1);
    expect(finding.violation).toMatchObject({ property: 'acked-durable', guaranteed: true, steps: 4 });
    expect(fuzzExitCodeOf(result)).toBe(1);

    // The replay commands come first-one-first: the counterexample, the run by its seed, the search.
    expect(finding.replay).toEqual([
      `npx kmc replay ${finding.counterexample}`,
      `npx kmc replay --scenario ${finding.scenarioFile} --seed ${finding.runSeed}`,
      `npx kmc check --scenario ${finding.scenarioFile}`,
    ]);
    const scenario = loadScenarioFile(finding.scenarioFile!, []);
    expect(scenario).toMatchObject({ expect: 'hold', config: { ...BASE.config, acks: 'all' }, budget: { engine: 'random', stepsMax: BASE.budget.stepsMax } });
    expect(scenario.name).toBe(`toy-acks-1-fuzz-${finding.configs[0]}`);
    expect(JSON.parse(readFileSync(finding.scenarioFile!, 'utf8')).format).toBe('kmc-scenario/1');

    const replayed = replayCounterexample(readCounterexample(finding.counterexample!), toyDeps());
    expect(replayed.replayed?.reproduced).toBe(true);
    expect(replayed.verdict).toBe('unexpected');
    const bySeed = replaySeed(scenario, { seed: finding.runSeed }, toyDeps());
    expect(bySeed.violations.map((v) => [v.property, v.guaranteed])).toEqual([['acked-durable', true]]);
  });

  test('the same seed and budget give the same campaign, findings and files', () => {
    const a = fuzzScenario(BASE, { vary: VARY, seed: 'f2', configs: 8, runs: 20, outDir: null }, toyDeps());
    const b = fuzzScenario(BASE, { vary: VARY, seed: 'f2', configs: 8, runs: 20, outDir: null }, toyDeps());
    expect(stable(b)).toEqual(stable(a));
    const other = fuzzScenario(BASE, { vary: VARY, seed: 'f3', configs: 8, runs: 20, outDir: null }, toyDeps());
    expect(other.events).not.toBe(a.events);
  });

  test('without files the finding replays from the base scenario, its run seed and --set of the changes', () => {
    const result = fuzzScenario(BASE, { vary: ['acks'], seed: 'f1', configs: 3, runs: 40, outDir: null }, toyDeps());
    const [finding] = result.findings;
    expect(finding).toMatchObject({ scenarioFile: null, counterexample: null, changes: { acks: 'all' } });
    expect(finding.replay).toEqual([`npx kmc replay --scenario toy-acks-1 --seed ${finding.runSeed} --set acks=all`]);
    const bySeed = replaySeed(BASE, { seed: finding.runSeed, set: { acks: 'all' } }, toyDeps());
    expect(bySeed.violations.map((v) => v.property)).toEqual(['acked-durable']);
  });

  test('a model assertion is a finding of its own (exit 3), minimised to the key that reaches it', () => {
    const deps = toyDeps({ bug: false, assertOnWrite: 3 });
    const result = fuzzScenario(BASE, { vary: ['model.records', 'linger.ms', 'retry.backoff.ms', 'batch.size'], seed: 'f4', configs: 10, runs: 10, outDir: tempDir() }, deps);
    const assertions = result.findings.filter((f) => f.kind === 'internal-error');
    expect(assertions).toHaveLength(1);
    const [finding] = assertions;
    expect(Object.keys(finding.changes)).toEqual(['model.records']);
    expect(Number(finding.changes['model.records'])).toBeGreaterThanOrEqual(3);
    expect(finding.internalError).toMatch(/^model assertion failed at step \d+ \(seed f4\/config-\d+\/.*run-\d+\): planted model assertion: r1 wrote v3$/);
    expect(finding.replay[0]).toBe(`npx kmc replay --scenario ${finding.scenarioFile} --seed ${finding.runSeed}`);
    expect(fuzzExitCodeOf(result)).toBe(3);
    const replayed = replaySeed(loadScenarioFile(finding.scenarioFile!, []), { seed: finding.runSeed }, deps);
    expect(replayed.internalError).toContain('planted model assertion');
  });

  test('nothing to find: no finding, exit 0', () => {
    const result = fuzzScenario(BASE, { vary: VARY, seed: 'f5', configs: 5, runs: 10, outDir: null }, toyDeps({ bug: false }));
    expect(result.findings).toEqual([]);
    expect(result.runs).toBe(50);
    expect(fuzzExitCodeOf(result)).toBe(0);
  });

  test('the wall-clock budget and an abort end the campaign between configs', () => {
    const timed = fuzzScenario(BASE, { vary: VARY, seed: 'f6', timeMs: 1, runs: 10_000, outDir: null }, toyDeps({ bug: false }));
    expect(timed.stoppedBy).toBe('time');
    expect(timed.configsTried).toBeLessThanOrEqual(1);
    const aborted = fuzzScenario(BASE, { vary: VARY, seed: 'f6', configs: 5, outDir: null, signal: AbortSignal.abort() }, toyDeps());
    expect(aborted).toMatchObject({ stoppedBy: 'interrupted', configsTried: 0, runs: 0, findings: [] });
  });

  test('an event budget ends the campaign between configs, deterministically', () => {
    const budget = { vary: VARY, seed: 'f7', runs: 10, eventsMax: 1500, outDir: null };
    const a = fuzzScenario(BASE, budget, toyDeps({ bug: false }));
    expect(a.stoppedBy).toBe('events');
    expect(a.events).toBeGreaterThanOrEqual(1500);
    expect(a.configsTried).toBeGreaterThan(1);
    expect(stable(fuzzScenario(BASE, budget, toyDeps({ bug: false })))).toEqual(stable(a));
  });

  test('bad input: a base the validator refuses, a seed too long, a range with no legal config', () => {
    expect(configErrorOf(() => fuzzScenario(BASE, { set: { 'model.brokers': '2' }, configs: 1, outDir: null }, toyDeps()))).toBe(
      'scenario toy-acks-1: replication.factor=3 exceeds model.brokers=2: a partition cannot have more replicas than there are brokers',
    );
    expect(configErrorOf(() => fuzzScenario(BASE, { seed: 'x'.repeat(61), configs: 1, outDir: null }, toyDeps()))).toMatch(/^--seed x+: kmc fuzz takes a seed of at most 60 characters/);
    const cramped = { 'model.brokers': '2', 'replication.factor': '2', 'min.insync.replicas': '2' };
    expect(configErrorOf(() => fuzzScenario(BASE, { set: cramped, vary: ['replication.factor'], configs: 1, outDir: null }, toyDeps()))).toMatch(
      /^--vary replication\.factor: no legal configuration around scenario toy-acks-1 in 100 draws: min\.insync\.replicas=2 exceeds replication\.factor=1: acks=all writes could never succeed \(\d+ of 100\); every drawn value equals the base scenario's \(\d+ of 100\)$/,
    );
  });
});
