import { describe, expect, test } from 'vitest';
import type { FuzzFinding, FuzzResult } from '../../../checker/fuzz/types.ts';
import { formatFuzzFindingText, formatFuzzHeader, formatFuzzTextReport } from '../../../reports/fuzzText.ts';
import { formatFuzzJsonReport, toJsonFuzzReport } from '../../../reports/fuzzJson.ts';
import { fuzzExitCodeOf } from '../../../reports/fuzzOutcome.ts';
import { fakeViolation } from './fixtures.ts';

function fakeFinding(overrides: Partial<FuzzFinding> = {}): FuzzFinding {
  const file = 'kmc-out/fuzz-s1/acks-all-min-isr-2-fuzz-3-leader-completeness-s1_config-3_run-7.json';
  return {
    kind: 'violation',
    property: 'leader-completeness',
    summary: 'The true leader holds every acks=all record acknowledged ok.',
    configs: [3, 8, 9],
    configsShowing: 5,
    changes: { 'delivery.timeout.ms': 3300 },
    changesDrawn: { 'delivery.timeout.ms': 3300, 'linger.ms': 0, 'model.records': 40 },
    keysMinimised: true,
    runSeed: 's1/config-3/run-7',
    scenarioFile: 'kmc-out/fuzz-s1/acks-all-min-isr-2-fuzz-3.json',
    counterexample: file,
    replay: [`npx kmc replay ${file}`, 'npx kmc replay --scenario kmc-out/fuzz-s1/acks-all-min-isr-2-fuzz-3.json --seed s1/config-3/run-7', 'npx kmc check --scenario kmc-out/fuzz-s1/acks-all-min-isr-2-fuzz-3.json'],
    violation: fakeViolation({ property: 'leader-completeness', guaranteed: true, because: null, replay: `npx kmc replay ${file}`, file }),
    internalError: null,
    ...overrides,
  };
}

function fakeFuzz(overrides: Partial<FuzzResult> = {}): FuzzResult {
  return {
    scenario: 'acks-all-min-isr-2',
    scenarioRef: 'acks-all-min-isr-2',
    model: 'cluster',
    seed: 's1',
    vary: ['delivery.timeout.ms', 'linger.ms', 'model.records'],
    runsPerConfig: 100,
    stepsMax: 250,
    configsTried: 40,
    configsSkipped: 0,
    runs: 3_900,
    events: 1_234_567,
    stoppedBy: 'time',
    findings: [],
    notMinimised: [],
    durationMs: 30_123,
    ...overrides,
  };
}

describe('kmc fuzz reports', () => {
  test('a finding: its heading, then the command that replays it, the trace and the property, then the other commands', () => {
    const text = formatFuzzFindingText(fakeFinding());
    const lines = text.split('\n');
    expect(lines[0]).toBe('✗ leader-completeness, guaranteed by Kafka, violated with delivery.timeout.ms=3300 (config 3; also configs 8, 9 and 2 more; minimised from 3 changed keys)');
    expect(lines[1]).toBe('  npx kmc replay kmc-out/fuzz-s1/acks-all-min-isr-2-fuzz-3-leader-completeness-s1_config-3_run-7.json');
    expect(lines[2]).toBe('  trace: 5 events (minimised from 212), seed 42/run-17');
    expect(text).toContain('  guaranteed by Kafka under this config: a violation here is a bug\n');
    expect(text).toContain(
      '  also replays with:\n    npx kmc replay --scenario kmc-out/fuzz-s1/acks-all-min-isr-2-fuzz-3.json --seed s1/config-3/run-7\n    npx kmc check --scenario kmc-out/fuzz-s1/acks-all-min-isr-2-fuzz-3.json\n  scenario file: kmc-out/fuzz-s1/acks-all-min-isr-2-fuzz-3.json',
    );
    expect(formatFuzzFindingText(fakeFinding({ keysMinimised: false, configs: [3], configsShowing: 1 })).split('\n')[0]).toBe(
      '✗ leader-completeness, guaranteed by Kafka, violated with delivery.timeout.ms=3300 (config 3; minimised from 3 changed keys; minimisation cut short by the budget)',
    );
  });

  test('the header names the keys varied, or says every key of the model; the summary says what stopped it', () => {
    expect(formatFuzzHeader(fakeFuzz())).toBe(
      'kmc fuzz acks-all-min-isr-2 (cluster model), seed s1: varying 3 keys (delivery.timeout.ms, linger.ms, model.records), 100 runs of at most 250 steps per config\n',
    );
    expect(formatFuzzHeader(fakeFuzz({ vary: Array.from({ length: 33 }, () => 'linger.ms') as FuzzResult['vary'] }))).toContain('varying 33 keys (every key of the cluster model that kmc fuzz varies)');
    const text = formatFuzzTextReport(fakeFuzz({ findings: [fakeFinding()], configsSkipped: 2 }));
    expect(text.endsWith(
      '✗ fuzz acks-all-min-isr-2: 40 configs tried (2 more given up: no legal draw), 3,900 runs, 1,234,567 events (stopped by --time): guaranteed violations of leader-completeness, no model assertion\n' +
        'exit 1: a violation of a property Kafka guarantees under the config that showed it\n',
    )).toBe(true);
    expect(text).not.toContain('30.1');
  });

  test('findings beyond the bound are listed one line each, and count for the exit code', () => {
    const notMinimised = Array.from({ length: 12 }, (_, i) => ({ kind: 'violation' as const, property: 'strong-isr', config: 50 + i, runSeed: `s1/config-${50 + i}/run-0`, changes: { 'model.brokers': 7 } }));
    const result = fakeFuzz({ notMinimised });
    const text = formatFuzzTextReport(result);
    expect(text).toContain('12 more findings beyond the 0 minimised (not minimised):\n  config 50: strong-isr with model.brokers=7, run seed s1/config-50/run-0\n');
    expect(text).toContain('  ... and 2 more\n');
    expect(fuzzExitCodeOf(result)).toBe(1);
    expect(fuzzExitCodeOf(fakeFuzz({ notMinimised: [{ ...notMinimised[0], kind: 'internal-error', property: null }] }))).toBe(3);
  });

  test('--json: one document, the named fields first, nothing from wall time', () => {
    const text = formatFuzzJsonReport(fakeFuzz({ findings: [fakeFinding()] }));
    expect(text.endsWith('}\n')).toBe(true);
    const doc = JSON.parse(text);
    expect(Object.keys(doc).slice(0, 6)).toEqual(['ok', 'seed', 'configsTried', 'runs', 'events', 'findings']);
    expect(Object.keys(doc.findings[0]).slice(0, 6)).toEqual(['kind', 'property', 'changes', 'scenarioFile', 'counterexample', 'replay']);
    expect(doc).toMatchObject({ ok: false, exitCode: 1, format: 'kmc-fuzz/1', stoppedBy: 'time' });
    expect(text).not.toContain('durationMs');
    expect(toJsonFuzzReport(fakeFuzz()).ok).toBe(true);
  });
});
