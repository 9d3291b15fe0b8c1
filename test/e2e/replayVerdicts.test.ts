/**
 * A replay judges a counterexample exactly as the check that wrote it did (DESIGN.md, Reports):
 * for a set of checks covering every kind of finding (an expected violation and its companions,
 * a violation Kafka guarantees against, a finding excused by the run itself, a liveness finding
 * that is or is not promised, a state invariant, each engine, a --set run and a scenario file),
 * every counterexample file written is replayed, and the replay must show the recorded property
 * at its step, judge its guarantee the same way, and exit as the check judged that violation: 1
 * when it alone breaks the expectation, else 0.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BUILTIN_SCENARIOS, exitCodeOf, findScenario, replayCounterexampleFile, runScenario, type CheckOptions, type Scenario } from '../../index.ts';
import { violationRole } from '../../checker/verdict.ts';

const outRoot = mkdtempSync(join(tmpdir(), 'kmc-replay-verdicts-'));
afterAll(() => rmSync(outRoot, { recursive: true, force: true }));

/** Kinds of finding the checks reached (the last test asserts the set is complete). */
const kinds = new Set<string>();

const builtin = (name: string): Scenario => findScenario(name, BUILTIN_SCENARIOS);

/** A user's scenario (as a scenario file gives it): not built in, so its expectation travels in the file. */
const userScenario: Scenario = {
  ...builtin('acks-1-leader-crash'),
  name: 'my-acks-1',
  title: 'a scenario file expecting lost-write and unseen',
  expect: ['lost-write', 'unseen'],
};

const CHECKS: { label: string; scenario: Scenario; options: CheckOptions }[] = [
  { label: 'an expected violation with companions (random)', scenario: builtin('acks-1-leader-crash'), options: {} },
  { label: 'the same with the pbt engine', scenario: builtin('acks-1-leader-crash'), options: { engine: 'pbt', seed: '5', runs: 150 } },
  { label: 'the same with the exhaustive engine', scenario: builtin('acks-1-leader-crash'), options: { engine: 'exhaustive' } },
  { label: 'a final-state property beside the state invariant that saw it first', scenario: builtin('truncation-kip-101'), options: {} },
  { label: 'findings excused by retention in the run (seed 95041)', scenario: builtin('group-retention-outruns-slow-consumer'), options: { seed: '95041' } },
  { label: 'did-not-settle, not promised under an assignor that ignores subscriptions (seed kmc-8/x)', scenario: builtin('group-kafkajs-roundrobin-differing-subscriptions'), options: { seed: 'kmc-8/x', runs: 6 } },
  { label: 'a --set run, which expects hold', scenario: builtin('acks-1-leader-crash'), options: { set: { 'model.records': '6' } } },
  { label: 'a group --set run, which expects hold', scenario: builtin('group-zombie-missed-sync'), options: { set: { 'model.group.faults': 'pause,crash' }, runs: 100 } },
  { label: 'a scenario file with its own expectation', scenario: userScenario, options: {} },
];

describe('replaying every counterexample a check writes gives the check\'s verdict', () => {
  for (const [i, { label, scenario, options }] of CHECKS.entries()) {
    it(`${label}: ${scenario.name}${options.seed ? ` --seed ${options.seed}` : ''}`, async () => {
      const outDir = join(outRoot, String(i));
      const check = await runScenario(scenario, { ...options, outDir });
      expect(check.internalError).toBeNull();
      const written = check.violations.filter((v) => v.file !== null);
      expect(written.length).toBeGreaterThan(0);
      for (const violation of written) {
        const replay = await replayCounterexampleFile(violation.file!);
        const where = `${violation.property} in ${violation.file}`;
        expect(replay.replayed?.reproduced, where).toBe(true);
        const again = replay.violations.find((v) => v.property === violation.property);
        expect(again && { guaranteed: again.guaranteed, because: again.because }, where).toEqual({ guaranteed: violation.guaranteed, because: violation.because });
        const unexpected = violationRole(check.expect, violation) === 'unexpected';
        expect({ where, exit: exitCodeOf([replay]) }).toEqual({ where, exit: unexpected ? 1 : 0 });
      }
      for (const v of written) {
        kinds.add(violationRole(check.expect, v));
        if (v.property === 'did-not-settle' || v.property === 'final-read-incomplete') kinds.add(`liveness-${v.guaranteed ? 'promised' : 'not-promised'}`);
        if (v.because?.includes('in this run')) kinds.add('excused-by-run');
      }
    }, 120_000);
  }

  it('the checks above reach every kind of finding: expected, also found, unexpected, excused by the run, liveness not promised', () => {
    expect([...kinds].sort()).toEqual(['also-found', 'excused-by-run', 'expected', 'liveness-not-promised', 'unexpected']);
  });
});
