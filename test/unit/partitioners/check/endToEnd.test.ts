import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  END_TO_END_TOPIC,
  computePartitionPlan,
  formatPartitionPlan,
  plannedScenario,
  runEndToEnd,
  runPlannedScenario,
  scenarioClusterView,
  workloadRecords,
} from '../../../../checker/partitionerCheck/endToEnd.ts';
import { builtInPartitionerHandle, inProcessPartitionerHandle, loadPartitionerPluginInProcess } from '../../../../checker/plugins/inProcessHandle.ts';
import { clusterDeps, replayCounterexampleFile } from '../../../../index.ts';
import { clusterModel } from '../../../../model/cluster/index.ts';
import { resolveConfig } from '../../../../model/config.ts';
import { partitionForKey } from '../../../../model/partitioners/murmur2.ts';
import { PARTITIONER_SCENARIOS, keyedFailover, keyedRetries, nullKeysFailover } from '../../../../scenarios/partitioner/index.ts';

const outDir = mkdtempSync(join(tmpdir(), 'kmc-e2e-partitioner-'));
const decode = (bytes: Uint8Array | null): string | null => (bytes === null ? null : new TextDecoder().decode(bytes));

describe('the partitioner scenarios', () => {
  it('are three, Kafka-durable (acks=all, min.insync.replicas=2, idempotence), keyed and not, and expect hold', () => {
    expect(PARTITIONER_SCENARIOS.map((s) => s.name)).toEqual(['partitioner-keyed-failover', 'partitioner-keyed-retries', 'partitioner-null-keys-failover']);
    for (const scenario of PARTITIONER_SCENARIOS) {
      const config = resolveConfig(scenario.config);
      expect(scenario.expect).toBe('hold');
      expect([config.acks, config['min.insync.replicas'], config['enable.idempotence'], config['unclean.leader.election.enable']]).toEqual([-1, 2, true, false]);
      expect([config['model.brokers'], config['num.partitions'], config['model.producers'], config['model.records']]).toEqual([3, 3, 2, 6]);
      expect(config['model.partition.plan']).toEqual([]);
    }
    expect(resolveConfig(keyedFailover.config)['model.keys']).toBe(4);
    expect(resolveConfig(nullKeysFailover.config)['model.keys']).toBe(0);
  });
});

describe('what the partitioner is asked', () => {
  const config = resolveConfig(keyedFailover.config);

  it("sees the cluster the model starts with: leaders on brokers (p mod 3) + 1, the model's replica lists", () => {
    const view = scenarioClusterView(config);
    const cluster = clusterModel.init(config, 'seed-1');
    expect(view.topic).toBe(END_TO_END_TOPIC);
    expect(view.partitionCount).toBe(3);
    expect(view.availablePartitions).toEqual([0, 1, 2]);
    expect(view.partitions.map((p) => p.leader)).toEqual([1, 2, 3]);
    expect(view.partitions.map((p) => ({ partition: p.partition, leader: p.leader, replicas: p.replicas, isr: p.isr }))).toEqual(
      cluster.controller.partitions.map((m) => ({ partition: m.partition, leader: m.leader, replicas: m.replicas, isr: m.isr })),
    );
  });

  it("gets the model's workload: producer n sends keys k{i mod keys} and values v{(n-1)·records + i + 1}", () => {
    const second = workloadRecords(config, 1);
    expect(second.map((r) => decode(r.key))).toEqual(['k0', 'k1', 'k2', 'k3', 'k0', 'k1']);
    expect(second.map((r) => decode(r.value))).toEqual(['v7', 'v8', 'v9', 'v10', 'v11', 'v12']);
    expect(second.every((r) => r.partition === null && r.topic === END_TO_END_TOPIC)).toBe(true);
    expect(workloadRecords(resolveConfig(nullKeysFailover.config), 0).map((r) => r.key)).toEqual([null, null, null, null, null, null]);
  });

  it('gives the Java key hash for default: the plan is what the model chooses on its own', async () => {
    const planned = await computePartitionPlan(builtInPartitionerHandle('default'), keyedFailover, 'seed-1');
    const hashed = workloadRecords(config, 0).map((r) => partitionForKey(r.key as Uint8Array, 3));
    expect(planned).toEqual({ plan: [hashed, hashed], failure: null });
    expect(formatPartitionPlan([hashed, [0, 1]])).toBe(`${hashed.join(',')};0,1`);
  });

  it('calls a partitioner.class as the Java producer does: again after onNewBatch when its partition has no open batch (KAFKA-9965)', async () => {
    const planned = await computePartitionPlan(builtInPartitionerHandle('round-robin'), keyedFailover, 'seed-1');
    // Counter 0 → p0 has no batch: onNewBatch, counter 1 → p1. Counter 2 → p2 has none: counter 3 → p0.
    // Counter 4 → p1 (open). Counter 5 → p2 has none: counter 6 → p0. Counter 7 → p1. Counter 8, 9 → p0.
    expect(planned.plan).toEqual([
      [1, 0, 1, 0, 1, 0],
      [1, 0, 1, 0, 1, 0],
    ]);
  });

  it("sticks records without keys to one partition for the scenario's batch.size (KIP-480 sticky, KIP-794 default)", async () => {
    for (const name of ['sticky', 'default'] as const) {
      const planned = await computePartitionPlan(builtInPartitionerHandle(name), nullKeysFailover, 'seed-1');
      for (const partitions of planned.plan ?? []) expect(new Set(partitions).size).toBe(1);
    }
  });

  it('gives each producer a partitioner of its own', async () => {
    let made = 0;
    const handle = inProcessPartitionerHandle(() => {
      const instance = made++;
      return { name: 'per-instance', partition: (_record, cluster) => instance % cluster.partitionCount };
    });
    const planned = await computePartitionPlan(handle, keyedFailover, 'seed-1');
    expect(planned.plan).toEqual([
      [1, 1, 1, 1, 1, 1],
      [2, 2, 2, 2, 2, 2],
    ]);
  });

  it('reports a rule broken while choosing, with the record, instead of a plan', async () => {
    const handle = inProcessPartitionerHandle(() => ({
      name: 'k3-throws',
      partition: (record) => {
        if (decode(record.key) === 'k3') throw new Error('no partition for k3');
        return 0;
      },
    }));
    const planned = await computePartitionPlan(handle, keyedFailover, 'seed-1');
    expect(planned.plan).toBeNull();
    expect(planned.failure).toMatchObject({ rule: 'no-throw', plugin: 'k3-throws', input: { key: '"k3"', value: '"v4"', partitionCount: 3 } });
    const [result] = await runEndToEnd(handle, { scenarios: [keyedFailover], outDir }, clusterDeps);
    expect(result).toMatchObject({ scenario: 'partitioner-keyed-failover', verdict: 'unexpected', plan: null, result: null, builtIn: false });
    expect(result.planFailure?.rule).toBe('no-throw');
  });
});

describe('end to end (seed kmc-partitioner-1..3, the scenarios own seeds)', () => {
  it('default, sticky and a correct plugin hold in every scenario', async () => {
    const plugin = await loadPartitionerPluginInProcess('test/fixtures/partitioners/kmc-hash.ts');
    for (const handle of [builtInPartitionerHandle('default'), builtInPartitionerHandle('sticky'), plugin]) {
      const results = await runEndToEnd(handle, { scenarios: PARTITIONER_SCENARIOS, runs: 60, outDir }, clusterDeps);
      expect(results.map((r) => [r.partitioner, r.scenario, r.verdict, r.result?.runs])).toEqual(PARTITIONER_SCENARIOS.map((s) => [handle.name, s.name, 'as-expected', 60]));
      expect(results.every((r) => r.result?.internalError === null && r.result.violations.length === 0)).toBe(true);
    }
  });

  it('catches a partitioner that is not deterministic for a key by key-partition-stable, and the counterexample replays without it', async () => {
    // The contract check catches this fixture first; here it goes straight to the scenarios.
    const handle = await loadPartitionerPluginInProcess('test/fixtures/partitioners/nondeterministic.ts');
    const [result] = await runEndToEnd(handle, { scenarios: [keyedRetries], runs: 20, outDir }, clusterDeps);
    expect(result.verdict).toBe('unexpected');
    const violation = result.result?.violations[0];
    expect(violation?.property).toBe('key-partition-stable');
    expect(violation?.guaranteed).toBe(true);
    expect(violation?.file).not.toBeNull();
    expect(violation?.replay).toBe(`npx kmc replay ${violation?.file}`);
    expect(violation?.replayBySeed).toBeNull(); // the scenario is not one kmc replay --scenario can find
    expect(existsSync(violation?.file as string)).toBe(true);
    expect(result.result?.name).toBe('partitioner-keyed-retries.nondeterministic');
    expect(result.result?.config['model.partition.plan']).toBe(result.plan);

    const replayed = await replayCounterexampleFile(violation?.file as string);
    expect(replayed.replayed?.reproduced).toBe(true);
    expect(replayed.violations.map((v) => v.property)).toContain('key-partition-stable');
  });

  it('catches a hand-written plan that moves key k0 between partitions (seed kmc-partitioner-1)', () => {
    // k0 is record 0 and 4 of each producer; producer 2 sends it to p1 instead of p0.
    const plan = [
      [0, 1, 2, 0, 0, 1],
      [1, 1, 2, 0, 1, 1],
    ];
    const result = runPlannedScenario(keyedFailover, plan, 'partitioner-keyed-failover.hand-written', { runs: 5, outDir }, clusterDeps);
    expect(result.verdict).toBe('unexpected');
    expect(result.violations.map((v) => v.property)).toContain('key-partition-stable');
    expect(result.violations[0].explanation).toContain('key "k0"');
  });

  it('marks the built-ins as such and names their runs after them', async () => {
    const [keyed] = await runEndToEnd(builtInPartitionerHandle('round-robin'), { scenarios: [keyedFailover], runs: 5, outDir, label: 'built-in-round-robin', builtIn: true }, clusterDeps);
    expect(keyed).toMatchObject({ partitioner: 'round-robin', builtIn: true, plan: '1,0,1,0,1,0;1,0,1,0,1,0' });
    expect(keyed.result?.name).toBe('partitioner-keyed-failover.built-in-round-robin');
  });
});

describe('plannedScenario', () => {
  it('puts the plan in the config, names the run after the partitioner and expects hold', () => {
    const planned = plannedScenario(keyedFailover, [[0, 1], [2, 0]], 'partitioner-keyed-failover.plugin-p');
    expect(planned).toMatchObject({ name: 'partitioner-keyed-failover.plugin-p', expect: 'hold', seed: keyedFailover.seed, budget: keyedFailover.budget });
    expect(planned.config['model.partition.plan']).toBe('0,1;2,0');
    expect(keyedFailover.config).not.toHaveProperty('model.partition.plan');
  });

  it('adds no plan for a workload without records', () => {
    const empty = { ...keyedFailover, config: { ...keyedFailover.config, 'model.records': 0 } };
    expect(plannedScenario(empty, [[], []], 'empty').config).not.toHaveProperty('model.partition.plan');
    expect(runPlannedScenario(empty, [[], []], 'empty', { runs: 2, outDir }, clusterDeps).verdict).toBe('as-expected');
  });
});
