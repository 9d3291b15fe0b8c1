/**
 * The consumer-group scenarios, run as a user runs them: `kmc check --scenario NAME` in a child
 * process, each meeting its expectation with its pinned seed; their counterexamples replay.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { kmc, listScenarios } from './kmc.ts';

const OUT = mkdtempSync(join(tmpdir(), 'kmc-group-e2e-'));
afterAll(() => rmSync(OUT, { recursive: true, force: true }));

interface JsonViolation {
  property: string;
  guaranteed: boolean;
  replay: string;
  file: string | null;
}

function check(args: string[]): { code: number | null; scenario: { name: string; verdict: string; expect: 'hold' | string[]; violations: JsonViolation[] } } {
  const run = kmc(['check', ...args, '--json', '--out', OUT]);
  const report = JSON.parse(run.stdout) as { scenarios: { name: string; verdict: string; expect: 'hold' | string[]; violations: JsonViolation[] }[] };
  return { code: run.code, scenario: report.scenarios[0] };
}

const GROUP_SCENARIOS: [name: string, expect: 'hold' | string[]][] = [
  ['group-member-crash', 'hold'],
  ['group-missed-generation', 'hold'],
  ['group-zombie-missed-sync', ['single-owner']],
  ['group-auto-commit-loss', ['lost-processing']],
  ['group-process-then-commit-duplicates', ['duplicate-processing']],
  ['group-coordinator-failover', 'hold'],
  ['group-two-groups-independent', 'hold'],
  ['group-coordinator-broker-crash', 'hold'],
  ['group-retention-outruns-slow-consumer', ['poll-skip', 'lost-processing']],
  ['group-static-member-restart', 'hold'],
  ['group-static-zombie-fenced', ['single-owner']],
  ['group-join-leave-storm', 'hold'],
  ['group-subscription-change', 'hold'],
  ['group-partitions-added', 'hold'],
  ['group-kafkajs-roundrobin-differing-subscriptions', ['assignment-valid']],
];

describe('kmc check: group scenarios (pinned seeds)', () => {
  it('kmc scenarios lists every group scenario with its expectation', () => {
    const listed = listScenarios();
    for (const [name, expect_] of GROUP_SCENARIOS) expect(listed.find((s) => s.name === name)?.expect).toEqual(expect_);
  });

  for (const [name, expectation] of GROUP_SCENARIOS) {
    it(`${name} ${expectation === 'hold' ? 'holds' : `violates ${expectation.join(', ')}`}`, () => {
      const { code, scenario } = check(['--scenario', name]);
      expect(code).toBe(0);
      expect(scenario.verdict).toBe('as-expected');
      if (expectation === 'hold') {
        expect(scenario.violations).toEqual([]);
        return;
      }
      for (const property of expectation) expect(scenario.violations.map((v) => v.property)).toContain(property);
      for (const v of scenario.violations) expect(v.guaranteed).toBe(false);
    });
  }

  it('a zombie counterexample replays from its file, and the run from its seed', () => {
    const { scenario } = check(['--scenario', 'group-zombie-missed-sync']);
    const violation = scenario.violations.find((v) => v.property === 'single-owner')!;
    expect(violation.replay).toBe(`npx kmc replay ${violation.file}`);
    const fromFile = kmc(['replay', violation.file!]);
    expect(fromFile.code).toBe(0);
    expect(fromFile.stdout).toContain('the recorded single-owner at step');
    expect(fromFile.stdout).toContain('came back');
    expect(fromFile.stdout).toContain('consumer-1 pauses (SIGSTOP)');
    const fromSeed = kmc(['replay', '--scenario', 'group-zombie-missed-sync', '--seed', 'kmc-17/run-25']);
    expect(fromSeed.code).toBe(0);
    expect(fromSeed.stdout).toContain('violates single-owner as expected');
  });

  it('--set that lets members pause turns a hold scenario into a single-owner finding, replay command first', () => {
    const run = kmc(['check', '--scenario', 'group-member-crash', '--set', 'model.group.faults=crash,pause', '--set', 'model.faults.max=2', '--out', OUT]);
    expect(run.code).toBe(1);
    const lines = run.stdout.split('\n');
    const first = lines.findIndex((l) => l.includes('npx kmc replay'));
    expect(first).toBeGreaterThan(0);
    expect(run.stdout).toContain('property: single-owner');
    expect(run.stdout).toContain('not guaranteed: possible because model.group.faults includes pause');
  });

  it('gives byte-identical traces in two processes for a run with every group feature on (static members, churn, retention, broker crashes)', () => {
    const args = [
      'check', '--scenario', 'group-retention-outruns-slow-consumer', '--json', '--runs', '30', '--all-violations',
      '--set', 'model.group.instance.ids=per-consumer', '--set', 'model.group.churn.max=2', '--set', 'model.group.faults=crash,pause,drop,broker-crash,failover',
      '--set', 'model.faults.max=3', '--set', 'model.brokers=3', '--set', 'offsets.topic.replication.factor=2',
    ];
    const first = kmc([...args, '--out', join(OUT, 'determinism-1')]);
    const second = kmc([...args, '--out', join(OUT, 'determinism-2')]);
    expect(first.code).toBe(second.code);
    const strip = (stdout: string): string => stdout.replace(/"durationMs":\s*\d+/g, '').replaceAll('determinism-1', 'X').replaceAll('determinism-2', 'X');
    expect(strip(second.stdout)).toBe(strip(first.stdout));
    expect(first.stdout).toContain('"violations"');
  });

  it('reports consumer lag by Burrow\'s rules when model.report asks for it', () => {
    const run = kmc(['check', '--scenario', 'group-retention-outruns-slow-consumer', '--set', 'model.report=consumer-lag', '--all-violations', '--out', OUT]);
    expect(run.stdout).toContain('property: consumer-lag');
    expect(run.stdout).toMatch(/Lag of group-1 on p0 over \d+ samples from \d+ms to \d+ms: .*\(Burrow: (ERROR|WARNING)\)/);
    expect(run.stdout).toContain('not guaranteed: possible because Kafka bounds no consumer\'s lag');
  });

  it('rejects a group key with a bad value as bad usage (exit 2)', () => {
    const run = kmc(['check', '--scenario', 'group-member-crash', '--set', 'partition.assignment.strategy=uniform']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('unknown value "uniform"');
  });
});
