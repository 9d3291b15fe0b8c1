/**
 * The cluster model's firstNonFault answers what enabled(state).find((e) => !isFault(e)) would,
 * at every state a random walk passes through (fault phase, heal, settle, final read), under
 * fault mixes that exercise each kind of non-fault event: deliveries, sends, timers, restarts,
 * resumes, heal and the OS write-back (power losses).
 */
import { describe, expect, it } from 'vitest';
import { randomRun, randomRunSeed } from '../../../../checker/engines/random.ts';
import { clusterModel, type ClusterEvent, type ClusterState } from '../../../../model/cluster/index.ts';
import type { Model } from '../../../../model/kernel/model.ts';
import { resolveConfig } from '../../../../model/config.ts';
import { createClusterJudge } from '../../../../properties/judge.ts';
import { BUILTIN_SCENARIOS } from '../../../../scenarios/registry.ts';
import { findScenario } from '../../../../scenarios/findScenario.ts';

const CASES: { scenario: string; set: Record<string, string> }[] = [
  { scenario: 'acks-all-min-isr-2', set: {} },
  { scenario: 'acks-all-min-isr-1', set: {} },
  { scenario: 'last-replica-standing-elr', set: {} },
  { scenario: 'min-isr-lowered-live', set: { 'model.faults': 'kill,power,pause,shutdown,isolate,split,link,one-way,drop,elect,alter-config' } },
];

describe('cluster firstNonFault', () => {
  for (const { scenario: name, set } of CASES) {
    it(`matches enabled().find(not a fault) along 20 walks of ${name} (seed fnf-1)`, () => {
      const scenario = findScenario(name, BUILTIN_SCENARIOS);
      const config = resolveConfig(scenario.config, set);
      const firstNonFault = clusterModel.firstNonFault!;
      const mismatches: string[] = [];
      const asked = new Map<string, number>();
      const checked: Model<ClusterState, ClusterEvent, typeof config> = {
        ...clusterModel,
        firstNonFault(state) {
          const got = firstNonFault(state);
          const want = clusterModel.enabled(state).find((e) => !clusterModel.isFault(e)) ?? null;
          if (JSON.stringify(got) !== JSON.stringify(want)) mismatches.push(`${JSON.stringify(got)} instead of ${JSON.stringify(want)}`);
          asked.set(got?.type ?? 'none', (asked.get(got?.type ?? 'none') ?? 0) + 1);
          return got;
        },
      };
      for (let runIndex = 0; runIndex < 20; runIndex++) {
        const run = randomRun(checked, config, createClusterJudge(config), { runSeed: randomRunSeed('fnf-1', runIndex), stepsMax: scenario.budget.stepsMax });
        expect(run.internalError).toBeNull();
      }
      expect(mismatches).toEqual([]);
      for (const type of ['deliver', 'timer']) expect(asked.get(type) ?? 0).toBeGreaterThan(0);
    });
  }
});
