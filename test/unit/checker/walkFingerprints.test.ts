/**
 * Random walks pinned by a hash of what they did: for several built-in scenarios of both models
 * (and the 7 brokers x 10 partitions configuration `npm run bench` measures), the first runs of a
 * random search from a fixed seed — every event, every finding with its step and its cases, how
 * each run ended — and a bounded exhaustive search (states, depth, transitions). A change meant to
 * make the engines or the models faster must leave every hash unchanged: same seed, same events,
 * same verdicts, same counterexample files. A change to the model's meaning shifts the walks; then
 * re-pin the hashes (and bump the model's version) in the same commit, saying why.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { randomRun, randomRunSeed } from '../../../checker/engines/random.ts';
import { exploreScenario } from '../../../checker/index.ts';
import { clusterDeps, groupDeps } from '../../../index.ts';
import { resolveConfigWith } from '../../../model/config.ts';
import { BUILTIN_SCENARIOS } from '../../../scenarios/registry.ts';
import { findScenario } from '../../../scenarios/findScenario.ts';

interface PinnedWalks {
  scenario: string;
  set: Record<string, string>;
  runs: number;
  /** sha256 (first 16 hex digits) of the runs' events, findings, steps and phases. */
  hash: string;
}

const SEED = 'pin-1';

const PINNED: PinnedWalks[] = [
  { scenario: 'acks-all-min-isr-2', set: {}, runs: 40, hash: 'ffb772b9260b38de' },
  { scenario: 'acks-all-min-isr-2', set: { 'model.brokers': '7', 'num.partitions': '10' }, runs: 6, hash: '6990e8092a53cdd1' },
  { scenario: 'acks-all-min-isr-1', set: {}, runs: 30, hash: '0d595bbfd61c9bca' },
  { scenario: 'truncation-kip-279', set: {}, runs: 30, hash: 'd787e36c922e7f32' },
  { scenario: 'last-replica-standing-elr', set: {}, runs: 30, hash: '021fbe03b5585185' },
  { scenario: 'min-isr-lowered-live', set: {}, runs: 30, hash: 'f566ab7b4dc5dd4e' },
  { scenario: 'producer-retries-idempotent', set: {}, runs: 30, hash: 'e3698c37b385136b' },
  { scenario: 'partitions-added-keyed', set: {}, runs: 20, hash: '656c774c83a9a6ea' },
  { scenario: 'acks-all-five-brokers', set: {}, runs: 10, hash: '26c1f61435318355' },
  { scenario: 'group-member-crash', set: {}, runs: 10, hash: 'e8a45285b71d0f97' },
  { scenario: 'group-coordinator-broker-crash', set: {}, runs: 10, hash: 'bd95b12dd01de4e8' },
];

function hashOf(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 16);
}

function walksHash(pinned: PinnedWalks): string {
  const scenario = findScenario(pinned.scenario, BUILTIN_SCENARIOS);
  const deps = scenario.model === 'group' ? groupDeps : clusterDeps;
  const config = resolveConfigWith(deps.configExtensions ?? {}, scenario.config, pinned.set);
  const judge = deps.judgeFor(config);
  const runs = [];
  for (let runIndex = 0; runIndex < pinned.runs; runIndex++) {
    const run = randomRun(deps.model, config, judge, { runSeed: randomRunSeed(SEED, runIndex), stepsMax: scenario.budget.stepsMax });
    runs.push({
      events: run.events,
      faultEvents: run.faultEvents.length,
      findings: run.findings.map((f) => ({ property: f.property, guaranteed: f.guaranteed, because: f.because, explanation: f.explanation, cases: f.cases })),
      findingSteps: run.findingSteps,
      phase: run.phase,
      internalError: run.internalError?.message ?? null,
    });
  }
  return hashOf(runs);
}

describe(`random walks from seed ${SEED} are pinned`, () => {
  for (const pinned of PINNED) {
    const sets = Object.entries(pinned.set).map(([k, v]) => ` --set ${k}=${v}`).join('');
    it(`${pinned.scenario}${sets}: ${pinned.runs} runs`, () => {
      expect(walksHash(pinned)).toBe(pinned.hash);
    });
  }
});

describe('a bounded exhaustive search is pinned', () => {
  // Re-pinned when the cluster fingerprint began hashing state.faultCounts by sorted key (model/cluster/fingerprint.ts):
  // equal states reached by faults of different kinds in different orders now match (5,608 -> 5,585 transitions for 3,000 states).
  it('acks-all-min-isr-2 --set model.faults.max=2, 3,000 states (without partial-order reduction)', () => {
    const scenario = findScenario('acks-all-min-isr-2', BUILTIN_SCENARIOS);
    const result = exploreScenario({ ...scenario, expect: 'hold' }, { seed: SEED, outDir: null, statesMax: 3000, set: { 'model.faults.max': '2' }, reduction: false }, clusterDeps);
    expect(hashOf([result.statesDistinct, result.depthReached, result.transitions, result.status, result.violations.length])).toBe('6dfa3a20f7504b2b');
  });
});
