/**
 * The cluster model's footprint claim (Model.footprint), which partial-order reduction relies
 * on: two events enabled at a state whose footprints are disjoint commute, and neither disables
 * the other. Checked on every such pair at every state of seeded random walks, under fault mixes
 * that exercise each event with a footprint (deliveries, sends, timers due now, network cuts,
 * heal, admin elections, OS write-backs, resumes).
 */
import { describe, expect, it } from 'vitest';
import { clusterModel, type ClusterEvent, type ClusterState } from '../../../../model/cluster/index.ts';
import { resolveConfig } from '../../../../model/config.ts';
import { createRng } from '../../../../model/kernel/rng.ts';
import { BUILTIN_SCENARIOS } from '../../../../scenarios/registry.ts';
import { findScenario } from '../../../../scenarios/findScenario.ts';

const CASES: { scenario: string; set: Record<string, string> }[] = [
  { scenario: 'truncation-kip-279', set: {} },
  { scenario: 'truncation-kip-101', set: {} },
  { scenario: 'acks-all-min-isr-2', set: { 'model.faults': 'isolate,split,link,one-way,elect,pause,power', 'model.faults.max': '6' } },
  { scenario: 'acks-all-min-isr-2', set: { 'model.records': '6', 'linger.ms': '5', 'model.faults': 'link,elect', 'model.faults.max': '3' } },
];

const WALKS = 6;
const WALK_STEPS = 70;

function key(event: ClusterEvent): string {
  return JSON.stringify(event);
}

function disjoint(a: readonly string[], b: readonly string[]): boolean {
  return !a.some((r) => b.includes(r));
}

/** Applies `first` then `second` to a copy of `state`; null when `second` is no longer enabled. */
function both(state: ClusterState, first: ClusterEvent, second: ClusterEvent): string | null {
  const copy = clusterModel.clone(state);
  clusterModel.step(copy, first);
  if (!clusterModel.enabled(copy).some((e) => key(e) === key(second))) return null;
  clusterModel.step(copy, second);
  return clusterModel.fingerprint(copy);
}

describe('cluster footprint: events with disjoint footprints commute', () => {
  for (const { scenario: name, set } of CASES) {
    it(`holds for every independent pair along ${WALKS} walks of ${name} ${JSON.stringify(set)} (seed fp-1)`, () => {
      const config = resolveConfig(findScenario(name, BUILTIN_SCENARIOS).config, set);
      const failures: string[] = [];
      const pairsByType = new Map<string, number>();
      for (let walk = 0; walk < WALKS; walk++) {
        const rng = createRng(`fp-1/${name}/${walk}`);
        const state = clusterModel.init(config, `fp-1/${walk}`);
        for (let step = 0; step < WALK_STEPS; step++) {
          const enabled = clusterModel.enabled(state);
          if (enabled.length === 0) break;
          const footprints = enabled.map((e) => clusterModel.footprint!(state, e));
          for (let i = 0; i < enabled.length; i++) {
            for (let j = i + 1; j < enabled.length; j++) {
              const fi = footprints[i];
              const fj = footprints[j];
              if (fi === null || fj === null || !disjoint(fi, fj)) continue;
              const pair = [enabled[i].type, enabled[j].type].sort().join('+');
              pairsByType.set(pair, (pairsByType.get(pair) ?? 0) + 1);
              const ab = both(state, enabled[i], enabled[j]);
              const ba = both(state, enabled[j], enabled[i]);
              if (ab === null || ba === null || ab !== ba) {
                failures.push(`walk ${walk} step ${step}: ${key(enabled[i])} and ${key(enabled[j])} ${ab === null || ba === null ? 'disable one another' : 'do not commute'}`);
              }
            }
          }
          clusterModel.step(state, rng.pick(enabled));
        }
      }
      expect(failures.slice(0, 5)).toEqual([]);
      // The walks met independent pairs of deliveries, and of deliveries with other events.
      expect(pairsByType.get('deliver+deliver') ?? 0).toBeGreaterThan(0);
      expect([...pairsByType.keys()].filter((p) => p !== 'deliver+deliver').length).toBeGreaterThan(0);
    });
  }

  it('names no footprint for a timer that advances virtual time, a crash or the final read', () => {
    const config = resolveConfig(findScenario('truncation-kip-279', BUILTIN_SCENARIOS).config, {});
    const state = clusterModel.init(config, 'fp-2');
    const timer = state.timers.find((t) => t.dueMs > state.nowMs)!;
    expect(clusterModel.footprint!(state, { type: 'timer', id: timer.id })).toBeNull();
    expect(clusterModel.footprint!(state, { type: 'crash', broker: 1, kind: 'kill' })).toBeNull();
    expect(clusterModel.footprint!(state, { type: 'final-read' })).toBeNull();
  });
});
