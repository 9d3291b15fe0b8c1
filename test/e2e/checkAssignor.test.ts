/**
 * `kmc check-assignor` as a user runs it: the real launcher in a child process, on the plugin
 * fixtures of test/fixtures/assignors/.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { kmc } from './kmc.ts';

const fixtures = 'test/fixtures/assignors';
const out = mkdtempSync(join(tmpdir(), 'kmc-e2e-check-assignor-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));
const LONG_MS = 180_000;

describe('kmc check-assignor', () => {
  it(
    'passes a correct kmc-style plugin with the default budget: exit 0, the three sections and the table',
    () => {
      const run = kmc(['check-assignor', `${fixtures}/kmc-good.ts`, '--out', out], { timeoutMs: LONG_MS });
      expect(run.code).toBe(0);
      const lines = run.stdout.split('\n');
      expect(lines[0]).toBe(`kmc check-assignor ${fixtures}/kmc-good.ts: least-loaded (kmc style, supports eager; seed kmc)`);
      expect(run.stdout).toContain('\neager protocol\n(a) Contract (seed ');
      expect(run.stdout).toContain('✓ valid passed, complete passed, deterministic passed, balanced passed');
      expect(run.stdout).toContain('(b) Group scenarios (least-loaded):');
      expect(run.stdout).toMatch(/\n {2}✓ group-coordinator-failover \(expect hold\): held \([\d,]+ runs, /);
      expect(run.stdout).toMatch(/\n {2}✓ group-auto-commit-loss \(may show lost-processing\): /);
      expect(run.stdout).toContain('(c) Side by side (');
      expect(run.stdout).toMatch(/\n {2}assignor +max-min load +moved\/rebalance +moved max +rounds max +not converged\n {2}least-loaded \(plugin\) +1 /);
      expect(lines.at(-2)).toMatch(/^✓ exit 0: the assignor keeps its contract and every group scenario ended as with the built-ins \([\d.]+ s\)$/);
    },
    LONG_MS,
  );

  it('prints one JSON document with --json for a KafkaJS-style plugin, and --protocol cooperative checks that protocol alone', () => {
    const kafkajs = kmc(['check-assignor', `${fixtures}/kafkajs-good.js`, '--json', '--runs', '20', '--out', out]);
    expect(kafkajs.code).toBe(0);
    const report = JSON.parse(kafkajs.stdout);
    expect(report).toMatchObject({ ok: true, exitCode: 0, plugin: 'LeastLoadedAssigner', style: 'kafkajs', unusable: null, findings: [], format: 'kmc-assignor-report/1' });
    expect(report.protocols.map((p: { protocol: string }) => p.protocol)).toEqual(['eager']);
    expect(report.protocols[0].comparison[0]).toMatchObject({ name: 'LeastLoadedAssigner', violation: null });
    const cooperative = kmc(['check-assignor', `${fixtures}/kmc-cooperative.mts`, '--protocol', 'cooperative', '--json', '--runs', '20', '--out', out]);
    expect(cooperative.code).toBe(0);
    const coop = JSON.parse(cooperative.stdout);
    expect(coop.protocols.map((p: { protocol: string }) => p.protocol)).toEqual(['cooperative']);
    expect(coop.protocols[0].scenarios.map((s: { scenario: string; verdict: string }) => `${s.scenario}:${s.verdict}`)).toEqual(['group-member-crash:passed', 'group-missed-generation:passed', 'group-zombie-missed-sync:passed', 'group-subscription-change:passed', 'group-partitions-added:passed']);
  });

  it('rejects a broken assignor in each style: exit 1, naming the plugin, the rule and the input', () => {
    for (const [file, rule] of [
      ['broken-throws.ts', 'threw'],
      ['kafkajs-broken-unknown-member.js', 'unknown-member'],
    ]) {
      const run = kmc(['check-assignor', `${fixtures}/${file}`, '--runs', '10', '--out', out]);
      expect(run.code).toBe(1);
      expect(run.stdout).toContain(`  ${fixtures}/${file}: broke "${rule}" (`);
      expect(run.stdout).toMatch(/\n {4}input: \{"topics":\[/);
      expect(run.stdout.trimEnd().split('\n').pop()).toMatch(new RegExp(`^✗ exit 1: a broken rule, or a group scenario with a violation the built-in configuration does not show; rules broken: ${rule}`));
    }
  });

  it('says in one line on stderr, exit 2, that a module cannot be used', () => {
    const run = kmc(['check-assignor', `${fixtures}/not-an-assignor.ts`]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(new RegExp(`^kmc: ${fixtures}/not-an-assignor.ts: unusable assignor module \\(exports-nothing-usable\\): exports no assignor`));
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
  });

  it(
    'fails an assignor that voids claims of an older generation (the claim rule before KAFKA-14639) in group-missed-generation: revoke-before-assign, which the built-in cooperative-sticky holds',
    () => {
      const module = `${fixtures}/broken-stale-claim.ts`;
      // A generous wall budget: the check shares it among the scenarios, and a loaded machine must not cut one short.
      const run = kmc(['check-assignor', module, '--protocol', 'cooperative', '--json', '--time', '150s', '--out', out], { timeoutMs: LONG_MS });
      expect(run.code).toBe(1);
      const report = JSON.parse(run.stdout);
      const scenarios = report.protocols[0].scenarios as { scenario: string; verdict: string; violations: { property: string; guaranteed: boolean }[] }[];
      const missed = scenarios.find((s) => s.scenario === 'group-missed-generation')!;
      expect(missed.verdict).toBe('violated');
      expect(missed.violations.map((v) => `${v.property}:${v.guaranteed}`)).toContain('revoke-before-assign:true');
      // Only the scenario that reaches a claim of an older generation shows it: elsewhere the plugin is Kafka's own.
      expect(scenarios.filter((s) => s.verdict === 'violated').map((s) => s.scenario)).toEqual(['group-missed-generation']);
      const builtIn = kmc(['check', '--scenario', 'group-missed-generation', '--out', out]);
      expect(builtIn.code).toBe(0);
      expect(builtIn.stdout).toContain('✓ group-missed-generation holds (600 runs,');
    },
    LONG_MS,
  );

  it('writes counterexamples of the group scenarios that replay with --assignor MODULE', () => {
    const module = `${fixtures}/scenario-double-assign.ts`;
    const run = kmc(['check-assignor', module, '--runs', '10', '--json', '--out', out]);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout);
    const violation = report.protocols[0].scenarios.find((s: { verdict: string }) => s.verdict === 'violated').violations[0];
    expect(violation.replay).toBe(`npx kmc replay ${violation.file} --assignor ${module}`);
    const replay = kmc(['replay', violation.file, '--assignor', module]);
    expect(replay.code).toBe(1);
    expect(replay.stdout).toContain(`the recorded ${violation.property} at step ${violation.step} came back`);
    const without = kmc(['replay', violation.file]);
    expect(without.code).toBe(2);
    expect(without.stderr).toContain('not a built-in assignor: the file was written by kmc check-assignor; replay it with --assignor MODULE');
  });
});
