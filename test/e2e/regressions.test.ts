/**
 * Reproductions of false alarms, run as a user would (kmc check --scenario FILE): each once
 * reported a violation "guaranteed by Kafka" that real Kafka does not have. Seeds are in the files.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kmc } from './kmc.ts';
import { PROPERTY_NAMES, clusterModel, loadScenarioFile, resolveConfig, type Finding } from '../../index.ts';
import { createClusterJudge } from '../../properties/judge.ts';
import { randomRun, randomRunSeed, randomSearch } from '../../checker/engines/random.ts';

/** Fixture scenarios that must hold, each once a false alarm (issue 8): file name, runs, why it holds. */
const HOLDING_FIXTURES: [name: string, runs: number, why: string][] = [
  ['delivery-timeout-split', 300, 'whole batches expire from their creation time, so acknowledged offsets stay right'],
  ['group-many-members-settle', 1, 'fifteen members heartbeating every 300 ms settle once the leaders refresh their metadata, 300 s after a partition was added (G5)'],
  ['reader-flapping-broker', 46, 'a final reader waiting through minutes of a fenced broker is no model assertion'],
  ['group-commit-keeps-session', 7, "a commit renews the member's session as a heartbeat does, so a member that reached its moved coordinator to commit is no zombie"],
];

describe.each(HOLDING_FIXTURES)('kmc check --scenario test/fixtures/scenarios/%s.json (%i runs)', (name, runs, why) => {
  it(`holds: ${why}`, () => {
    const out = mkdtempSync(join(tmpdir(), 'kmc-regression-'));
    const run = kmc(['check', '--scenario', `test/fixtures/scenarios/${name}.json`, '--out', out]);
    expect(run.stderr).not.toContain('internal error');
    expect(run.stdout).toMatch(new RegExp(`^✓ ${name} holds \\(${runs} runs?`, 'm'));
    expect(run.code).toBe(0);
  });
});

/**
 * The runs `npm run soak` found as false alarms, replayed from their seeds: each once ended with a
 * guaranteed violation or a model assertion (issue 8). A model change may move these walks
 * elsewhere; each must still hold.
 */
describe('soak findings replayed by seed', () => {
  const cases: [string, string[]][] = [
    // C2: retry.backoff.ms=0 retried NOT_ENOUGH_REPLICAS at one instant for ever (did-not-settle).
    ['retry.backoff.ms=0 retries wait a round trip', ['--scenario', 'diverging-epoch-holds', '--seed', 'soak-1-diverging-epoch-holds/config-18/run-0', '--set', 'retry.backoff.ms=0']],
    // C3: "the final read of partition 11 failed 200 times" (model assertion), 0.2 s at 1 ms a retry.
    [
      'the final reader waits in virtual time for a fenced broker',
      ['--scenario', 'acks-all-min-isr-2', '--seed', 'stop-9/config-21/minimise/run-41', '--set', 'num.partitions=12', '--set', 'replication.factor=1', '--set', 'min.insync.replicas=1', '--set', 'retry.backoff.ms=0'],
    ],
    // G3: a hand-off consumer with max.poll.records=500 never polled (did-not-settle).
    [
      'a poll returns at most what the fetch buffer holds',
      ['--scenario', 'group-member-crash', '--seed', 'soak-1-group-member-crash/config-12/run-0', '--set', 'max.poll.records=500', '--set', 'model.group.records=10', '--set', 'model.group.processing=commit-before-process'],
    ],
  ];
  it.each(cases)('%s: kmc replay exits 0', (_, args) => {
    const run = kmc(['replay', ...args]);
    expect(run.stdout).toContain('no violation this time');
    expect(run.stdout).not.toContain('INTERNAL ERROR');
    expect(run.code).toBe(0);
  });
});

describe('kmc replay --scenario group-static-member-restart --seed soak-1-group-static-member-restart/config-2/run-32 (G2)', () => {
  it('no model assertion: equal lag samples are cut at Burrow\'s window, though the retention check runs every 100 ms (issue 8)', () => {
    const run = kmc(['replay', '--scenario', 'group-static-member-restart', '--seed', 'soak-1-group-static-member-restart/config-2/run-32', '--set', 'log.retention.check.interval.ms=100', '--set', 'model.group.partitions.added.max=3']);
    expect(run.stdout).not.toContain('INTERNAL ERROR');
    expect(run.stdout).not.toContain('guaranteed by Kafka under this config');
    expect(run.code).not.toBe(3);
  });
});

describe('test/fixtures/scenarios/batches-split.json (seed 1, 1,500 runs of 500 steps)', () => {
  it('shows no violation Kafka guarantees: whole batches replicate, duplicates match whole ranges (issue 8; the old model failed at run 1199)', () => {
    const scenario = loadScenarioFile('test/fixtures/scenarios/batches-split.json', PROPERTY_NAMES);
    const config = resolveConfig(scenario.config);
    const guaranteedOnly = (finding: Finding): boolean => finding.guaranteed;
    const result = randomSearch(clusterModel, config, createClusterJudge(config), {
      seed: scenario.seed,
      runs: scenario.budget.runs,
      stepsMax: scenario.budget.stepsMax,
      counts: guaranteedOnly,
    });
    expect(result.internalError).toBeNull();
    expect(result.violations.map((v) => `${v.runSeed}: ${v.run.findings.filter(guaranteedOnly).map((f) => f.property).join(', ')}`)).toEqual([]);
    expect(result.runs).toBe(1500);
  });
});

/**
 * Runs that once showed a guaranteed violation, searched for guaranteed findings only (other
 * findings are allowed under these configs): fixture file, the run's index, why it holds.
 */
const GUARANTEED_FREE_RUNS: [name: string, runIndex: number, why: string][] = [
  ['min-isr-lowered-commit', 65, 'min.insync.replicas altered clears every ELR (KAFKA-18649), and a record committed under min.insync.replicas=1 carries no promise (found by kmc fuzz, seed merge-2, config 351)'],
  ['min-isr-altered-stale-elr', 9704, 'min.insync.replicas lowered from 3 to 2 clears the ELR, so a replica that left the ISR before is not judged as electable (found in review, seed r2)'],
];

describe.each(GUARANTEED_FREE_RUNS)('test/fixtures/scenarios/%s.json, run %i', (name, runIndex, why) => {
  it(`shows no violation Kafka guarantees: ${why}`, () => {
    const scenario = loadScenarioFile(`test/fixtures/scenarios/${name}.json`, PROPERTY_NAMES);
    const config = resolveConfig(scenario.config);
    const run = randomRun(clusterModel, config, createClusterJudge(config), { runSeed: randomRunSeed(scenario.seed, runIndex), stepsMax: scenario.budget.stepsMax });
    expect(run.internalError).toBeNull();
    expect(run.findings.filter((f) => f.guaranteed).map((f) => f.property)).toEqual([]);
  });
});
