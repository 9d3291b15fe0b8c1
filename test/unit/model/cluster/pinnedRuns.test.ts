/**
 * Random walks that once showed a model bug as a violation "guaranteed by Kafka", replayed from
 * their run seeds (the seed of run i of `kmc check --seed S` is S/run-i) on the config of the
 * command that found them. Each must now end without a model assertion or a violation Kafka
 * guarantees against under its config. Model changes shift the walks, so a seed keeps its
 * original events only until the model changes; the config stays a hold case either way.
 */
import { describe, expect, it } from 'vitest';
import { randomRun } from '../../../../checker/engines/random.ts';
import { clusterModel } from '../../../../model/cluster/index.ts';
import { resolveConfig } from '../../../../model/config.ts';
import { createClusterJudge } from '../../../../properties/judge.ts';
import { BUILTIN_SCENARIOS } from '../../../../scenarios/registry.ts';
import { findScenario } from '../../../../scenarios/findScenario.ts';

interface PinnedRun {
  /** The model bug the run showed. */
  bug: string;
  scenario: string;
  set: Record<string, string>;
  runSeed: string;
}

const PINNED: PinnedRun[] = [
  {
    bug: 'strong-isr: the leader forgot its pending ISR expansion when the controller connection dropped',
    scenario: 'acks-all-min-isr-2',
    set: { 'model.brokers': '7', 'num.partitions': '3', 'replication.factor': '3' },
    runSeed: 'scale-1/run-66',
  },
  {
    bug: 'strong-isr: the leader forgot its pending ISR expansion when the controller connection dropped (the built-in config, drops)',
    scenario: 'acks-all-min-isr-2',
    set: { 'model.faults': 'kill,drop' },
    runSeed: 'drop-1/run-1780',
  },
  {
    bug: 'model assertion: a legacy (high-watermark) truncation target inside one of the follower\'s batches',
    scenario: 'truncation-high-watermark',
    set: { 'model.records': '30', 'linger.ms': '200', 'model.faults': 'kill,pause,isolate,link,elect,power,drop', 'model.faults.max': '8' },
    runSeed: 'l1/run-1986',
  },
  {
    bug: 'model assertion: "append of epoch 1 after epoch 3" under kip-101 with fencing on',
    scenario: 'truncation-kip-101',
    set: { 'model.records': '10', 'model.fencing': 'true' },
    runSeed: 'e2/run-762',
  },
];

describe('pinned runs that showed model bugs hold', () => {
  for (const pinned of PINNED) {
    const sets = Object.entries(pinned.set).map(([k, v]) => `--set ${k}=${v}`).join(' ');
    it(`${pinned.scenario} ${sets} ${pinned.runSeed} (was: ${pinned.bug})`, () => {
      const scenario = findScenario(pinned.scenario, BUILTIN_SCENARIOS);
      const config = resolveConfig(scenario.config, pinned.set);
      const run = randomRun(clusterModel, config, createClusterJudge(config), { runSeed: pinned.runSeed, stepsMax: scenario.budget.stepsMax });
      expect(run.internalError).toBeNull();
      expect(run.findings.filter((f) => f.guaranteed).map((f) => `${f.property}: ${f.explanation}`)).toEqual([]);
    });
  }
});
