/**
 * `kmc check-partitioner` as a user runs it: the real launcher in a child process, on the plugin
 * fixtures of test/fixtures/partitioners/.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kmc } from './kmc.ts';

const fixtures = 'test/fixtures/partitioners';
const out = mkdtempSync(join(tmpdir(), 'kmc-e2e-check-partitioner-'));
const LONG_MS = 180_000;

describe('kmc check-partitioner', () => {
  it(
    'passes a correct kmc-style TypeScript plugin with the default budget: exit 0, the three sections and the table',
    () => {
      const run = kmc(['check-partitioner', `${fixtures}/kmc-hash.ts`, '--out', out], { timeoutMs: LONG_MS });
      expect(run.code).toBe(0);
      const lines = run.stdout.split('\n');
      expect(lines[0]).toBe(`kmc check-partitioner: kmc-hash-ts (${fixtures}/kmc-hash.ts, kmc style), seed kmc`);
      expect(run.stdout).toContain('(a) Contract: ✓ holds: no-throw, returns-in-time, integer, non-negative, in-range, deterministic (seed kmc)');
      expect(run.stdout).toContain('(b) End to end: 3 scenarios with faults and retries, up to 200 walks each');
      for (const scenario of ['partitioner-keyed-failover', 'partitioner-keyed-retries', 'partitioner-null-keys-failover']) {
        expect(run.stdout).toMatch(new RegExp(`\\n  ✓ ${scenario} holds \\(200 runs, `));
      }
      expect(run.stdout).toMatch(/\n {4}✓ default: 3 of 3 scenarios held \(600 runs, /);
      expect(run.stdout).toMatch(/\n {4}✓ sticky: 3 of 3 scenarios held \(600 runs, /);
      expect(run.stdout).toMatch(/\n {4}✓ round-robin: 3 of 3 scenarios held \(600 runs, /);
      expect(run.stdout).toContain('(c) Load, side by side with the built-ins:');
      expect(run.stdout).toMatch(/\n {26}kmc-hash-ts {2}default {4}sticky {2}round-robin\n/);
      expect(run.stdout).toMatch(/\n✓ kmc-hash-ts: contract holds, 3 of 3 scenarios held, load measured \([\d.]+ s\)\nexit 0: /);
      expect(lines.length).toBeLessThan(60);
    },
    LONG_MS,
  );

  it('passes a correct KafkaJS-style plugin (--runs 30)', () => {
    const run = kmc(['check-partitioner', `${fixtures}/kafkajs-hash.js`, '--runs', '30', '--out', out]);
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n')[0]).toBe(`kmc check-partitioner: kafkajs-hash (${fixtures}/kafkajs-hash.js, kafkajs style), seed kmc`);
    expect(run.stdout).toContain('explicit-partition (seed kmc)');
    expect(run.stdout).toContain('✓ kafkajs-hash: contract holds, 3 of 3 scenarios held, load measured');
  });

  const broken: [string, string, string][] = [
    ['out-of-range.cjs', 'out-of-range', 'in-range'],
    ['throws-on-record-kafkajs.js', 'throws-on-record-kafkajs', 'no-throw'],
    ['nondeterministic.ts', 'nondeterministic', 'deterministic'],
    ['never-returns-kafkajs.mjs', 'never-returns-kafkajs', 'returns-in-time'],
  ];
  for (const [file, plugin, rule] of broken) {
    it(`rejects ${file}: exit 1, naming the plugin and the rule "${rule}", scenarios skipped`, () => {
      const run = kmc(['check-partitioner', `${fixtures}/${file}`, '--out', out]);
      expect(run.code).toBe(1);
      expect(run.stdout).toContain(`(a) Contract: ✗ 1 rule broken (seed kmc)\n  ${plugin}: broke "${rule}" (`);
      expect(run.stdout).toContain(`(b) End to end: skipped: the contract is broken (${rule}); fix the contract first`);
      expect(run.stdout).toContain(`✗ ${plugin}: contract broken (${rule}), end to end skipped`);
      expect(run.stdout.trimEnd().split('\n').pop()).toBe('exit 1: a broken contract or an end-to-end violation');
    });
  }

  it('says in one line on stderr that a missing module cannot be used: exit 2, nothing on stdout', () => {
    const run = kmc(['check-partitioner', `${fixtures}/missing.ts`]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^kmc: test\/fixtures\/partitioners\/missing\.ts: unusable partitioner module \(module-not-found\): module not found \(looked for \/.*missing\.ts\)\n$/);
  });

  it('rejects a module that exports nothing usable with exit 2', () => {
    const run = kmc(['check-partitioner', `${fixtures}/exports-nothing.ts`]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('unusable partitioner module (exports-nothing-usable)');
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
  });

  it('prints one JSON document with --json; a violation found end to end replays without the plugin (seed kmc)', () => {
    const run = kmc(['check-partitioner', `${fixtures}/salted-per-instance.mjs`, '--json', '--runs', '20', '--out', out]);
    expect(run.code).toBe(1);
    const doc = JSON.parse(run.stdout);
    expect(Object.keys(doc).slice(0, 6)).toEqual(['ok', 'plugin', 'contract', 'endToEnd', 'loadStats', 'comparison']);
    expect(doc).toMatchObject({ ok: false, plugin: 'salted-per-instance', exitCode: 1, contract: { passed: true, findings: [] }, loadStats: { partitioner: 'salted-per-instance' } });
    expect(doc.comparison.columns).toEqual(['salted-per-instance', 'default', 'sticky', 'round-robin']);
    expect(doc.endToEnd).toHaveLength(12);
    const first = doc.endToEnd[0];
    expect(first).toMatchObject({ scenario: 'partitioner-keyed-failover', partitioner: 'salted-per-instance', builtIn: false, verdict: 'unexpected' });
    expect(first.violations[0]).toMatchObject({ property: 'key-partition-stable' });
    const file: string = first.violations[0].file;
    expect(first.violations[0].replay).toBe(`npx kmc replay ${file}`);
    expect(existsSync(file)).toBe(true);

    const replay = kmc(['replay', file]);
    expect(replay.code).toBe(1);
    expect(replay.stdout).toContain(`replayed ${file}: the recorded key-partition-stable at step`);
    expect(replay.stdout).toContain('came back');
  });
});
