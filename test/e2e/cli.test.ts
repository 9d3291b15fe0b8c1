/**
 * The command line as a user meets it: help, listing scenarios, and every kind of bad input
 * answered with exit 2 and one line on stderr. (Runs that need the engines are in
 * integration.test.ts.)
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kmc, listScenarios } from './kmc.ts';

const dir = mkdtempSync(join(tmpdir(), 'kmc-e2e-cli-'));

/** Exit 2, nothing on stdout, exactly one line on stderr: returns it. */
function badInput(args: string[]): string {
  const run = kmc(args);
  expect(run.stdout).toBe('');
  expect(run.code).toBe(2);
  const lines = run.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  return lines[0];
}

describe('kmc (e2e): help', () => {
  it('kmc --help prints the commands and exit codes, exit 0', () => {
    const run = kmc(['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('  kmc check [--scenario NAME|FILE]...');
    expect(run.stdout).toContain('  kmc replay FILE');
    expect(run.stdout).toContain('Exit codes:');
    expect(run.stderr).toBe('');
  });

  it('kmc check --help prints the flags, exit 0', () => {
    const run = kmc(['check', '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('--set key=value');
  });
});

describe('kmc (e2e): bad input is exit 2 and one line', () => {
  it('an unknown command, with the nearest', () => {
    expect(badInput(['chekc'])).toBe('kmc: unknown command "chekc"; did you mean "check"? (kmc --help lists the commands)');
  });

  it('an unknown flag', () => {
    expect(badInput(['check', '--rusn', '5'])).toBe('kmc: unknown flag --rusn for kmc check; did you mean --runs? (kmc check --help lists the flags)');
  });

  it('a bad --set', () => {
    expect(badInput(['check', '--set', 'acks=2'])).toBe('kmc: --set acks=2: acks must be 0, 1, all or -1');
    expect(badInput(['check', '--set', 'min.insync.replica=2'])).toBe('kmc: --set min.insync.replica=2: unknown config key "min.insync.replica"; did you mean "min.insync.replicas"?');
    expect(badInput(['check', '--set', 'acks'])).toBe('kmc: --set acks: expected key=value, such as --set acks=all');
  });

  it('a static key named among the alterations of a run (model.alter.configs), with what Kafka needs to change it', () => {
    expect(badInput(['check', '--set', 'model.faults=kill,alter-config', '--set', 'model.alter.configs=min.insync.replicas=1,replication.factor=2'])).toBe(
      'kmc: --set model.alter.configs=min.insync.replicas=1,replication.factor=2: replication.factor is a static config: Kafka needs a partition reassignment (kafka-reassign-partitions) to change it (not alterable with kafka-configs); ' +
        'alterable in a run: min.insync.replicas (cluster model), unclean.leader.election.enable (cluster model), retention.ms (group model), retention.bytes (group model)',
    );
  });

  it('a Kafka version kmc does not model, with the nearest earlier release', () => {
    expect(badInput(['check', '--set', 'model.kafka.version=4.2'])).toBe(
      'kmc: --set model.kafka.version=4.2: model.kafka.version must be a Kafka release kmc models (known: 0.10, 0.11, 1.0, 1.1, 2.0 to 2.8, 3.0 to 3.9, 4.0, 4.1); did you mean "4.1"?',
    );
    const file = join(dir, 'bad-version.json');
    writeFileSync(file, JSON.stringify({ format: 'kmc-scenario/1', name: 'bad-version', config: { 'model.kafka.version': '2.9' } }));
    expect(badInput(['check', '--scenario', file])).toBe(
      `kmc: ${file}: config: model.kafka.version=2.9: must be a Kafka release kmc models (known: 0.10, 0.11, 1.0, 1.1, 2.0 to 2.8, 3.0 to 3.9, 4.0, 4.1); did you mean "2.8"?`,
    );
  });

  it('a version whose producer cannot have a scenario\'s settings', () => {
    expect(badInput(['check', '--scenario', 'acks-all-min-isr-2', '--set', 'model.kafka.version=0.10'])).toBe(
      'kmc: scenario acks-all-min-isr-2 with --set model.kafka.version=0.10: enable.idempotence=true needs Kafka 0.11 or later (KIP-98), but model.kafka.version=0.10',
    );
  });

  it('a bad --time and --runs', () => {
    expect(badInput(['check', '--time', '30'])).toBe('kmc: --time 30: needs a unit, ms, s or m (for example 30s)');
    expect(badInput(['check', '--runs', '0'])).toBe('kmc: --runs 0: must be a whole number from 1 to 1,000,000,000');
  });

  it('a missing counterexample file', () => {
    expect(badInput(['replay', join(dir, 'gone.json')])).toBe(`kmc: ${join(dir, 'gone.json')}: cannot read the counterexample file: no such file`);
  });

  it('a malformed scenario file', () => {
    const file = join(dir, 'bad-scenario.json');
    writeFileSync(file, JSON.stringify({ format: 'kmc-scenario/1', name: 'bad', config: { acks: 'some' } }));
    expect(badInput(['check', '--scenario', file])).toBe(`kmc: ${file}: config: acks=some: must be 0, 1, all or -1`);
  });
});

describe('kmc (e2e): scenarios', () => {
  it('kmc scenarios lists the built-in scenarios, exit 0', () => {
    const run = kmc(['scenarios']);
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n')[0]).toMatch(/^NAME +EXPECT +ENGINE +KAFKA +TITLE$/);
    expect(run.stdout).toMatch(/\ntruncation-kip-279 +violate strong-isr +random +2\.0 +Kafka 2\.0: /);
    expect(run.stdout).toContain('KAFKA: the release whose rules a scenario follows (model.kafka.version, default 4.1)');
    for (const scenario of listScenarios()) expect(run.stdout).toContain(`\n${scenario.name} `);
  });

  it('an unknown scenario is exit 2, with the nearest name', () => {
    const [first] = listScenarios();
    const typo = first.name.slice(0, -1);
    expect(badInput(['check', '--scenario', typo])).toBe(
      `kmc: --scenario ${typo}: unknown scenario; did you mean "${first.name}"? (kmc scenarios lists them; a scenario file must end in .json)`,
    );
  });
});
