/**
 * Step (b) of `kmc check-partitioner`: a partitioner end to end, inside the cluster model, under
 * faults and retries. The model is pure and cannot call a plugin, so the partitioner chooses
 * before the run: each producer's records (the model's own workload, key `k{i mod keys}`, value
 * `v{n}`) go through the partitioner against the scenario's initial metadata, and the partitions
 * it chose become `model.partition.plan`. The scenario then runs with the random engine and is
 * judged against `hold` by every property — the ones a partitioner can break are the ordering
 * and loss properties (nonmonotonic-send, duplicate, lost-write) and key-partition-stable,
 * partition-in-range. Because the plan is in the config, a counterexample file replays without
 * the plugin.
 *
 * Each producer gets its own partitioner (one request to the handle, like one KafkaProducer
 * instance), called the way the producer calls it (checker/plugins/sendDriver.ts), with the
 * scenario's `batch.size`: a `partitioner.class` (`java-custom`) is asked, and when the partition
 * it names has no open batch with room, told `onNewBatch` and asked again (KafkaProducer's
 * `abortOnNewBatch`); KafkaJS partitioners are asked once per record; the built-in `default`
 * hashes keys and sticks null-key records to a partition for `batch.size` bytes (KIP-794).
 *
 * Limits: the plan is fixed before the run, so the partitioner sees the metadata of the run's
 * start (every partition led by its first replica) and the producer's records queued one after
 * another with no batch sent in between; a partitioner that steers by leader availability, or
 * by which batches a sender has drained, is not asked again when that changes during the run.
 */
import { resolveConfig, type KmcConfig, type PartitionPlan } from '../../model/config.ts';
import { subSeed } from '../../model/kernel/rng.ts';
import { clusterView, type ClusterView, type PartitionInfo, type PartitionerRecord } from '../../model/partitioners/types.ts';
import type { CheckDeps, CheckOptions, Scenario, ScenarioResult } from '../api.ts';
import { checkScenario } from '../check.ts';
import type { PartitionerHandle } from '../plugins/partitionerHandle.ts';
import { findingInput, type ContractFinding } from './finding.ts';

/** The topic name partitioners see in the end-to-end scenarios (the model's topic has none). */
export const END_TO_END_TOPIC = 'kmc-e2e';

const UTF8 = new TextEncoder();

/** The topic as producers first see it: partition p on brokers p+1, p+2, ... (mod N), led by the first, ISR full. */
export function scenarioClusterView(config: KmcConfig): ClusterView {
  const brokers = config['model.brokers'];
  const partitions: PartitionInfo[] = [];
  for (let partition = 0; partition < config['num.partitions']; partition++) {
    const replicas = Array.from({ length: config['replication.factor'] }, (_, i) => ((partition + i) % brokers) + 1);
    partitions.push({ partition, leader: replicas[0], replicas, isr: [...replicas] });
  }
  return clusterView(END_TO_END_TOPIC, partitions);
}

/** The records producer `producerIndex` (0-based) sends, in order, as the model's workload makes them. */
export function workloadRecords(config: KmcConfig, producerIndex: number): PartitionerRecord[] {
  const records = config['model.records'];
  const keys = config['model.keys'];
  return Array.from({ length: records }, (_, i) => ({
    topic: END_TO_END_TOPIC,
    key: keys > 0 ? UTF8.encode(`k${i % keys}`) : null,
    value: UTF8.encode(`v${producerIndex * records + i + 1}`),
    partition: null,
  }));
}

/** The plan as `model.partition.plan` spells it: "0,1,1;2,0,0". */
export function formatPartitionPlan(plan: PartitionPlan): string {
  return plan.map((partitions) => partitions.join(',')).join(';');
}

export type PlanOutcome = { plan: PartitionPlan; failure: null } | { plan: null; failure: ContractFinding };

/**
 * Asks the partitioner for every record of the scenario's workload, one fresh partitioner per
 * producer. A broken rule (throw, hang, bad result) comes back as a finding, never thrown.
 */
export async function computePartitionPlan(handle: PartitionerHandle, scenario: Scenario, seed: string): Promise<PlanOutcome> {
  const config = resolveConfig(scenario.config);
  const cluster = scenarioClusterView(config);
  const plan: PartitionPlan = [];
  for (let producer = 0; producer < config['model.producers']; producer++) {
    const records = workloadRecords(config, producer);
    const sent = await handle.sends(records, cluster, { batchSizeBytes: config['batch.size'], seed: subSeed(seed, `plan/${scenario.name}/producer-${producer + 1}`) });
    if (sent.failure !== null) {
      const record = records[Math.min(sent.failure.index, records.length - 1)];
      return {
        plan: null,
        failure: { rule: sent.failure.violation.rule, plugin: handle.name, module: handle.modulePath, input: findingInput(record, cluster), detail: sent.failure.violation.detail },
      };
    }
    plan.push(sent.partitions);
  }
  return { plan, failure: null };
}

/** The scenario with the plan in its config, named after the partitioner so counterexample files do not collide. */
export function plannedScenario(scenario: Scenario, plan: PartitionPlan, runName: string): Scenario {
  // A workload without records needs no plan (and "model.partition.plan" cannot spell empty producers).
  const config = plan.some((partitions) => partitions.length > 0) ? { ...scenario.config, 'model.partition.plan': formatPartitionPlan(plan) } : scenario.config;
  return { ...scenario, name: runName, config, expect: 'hold' };
}

export interface EndToEndOptions {
  /** The scenarios (scenarios/partitioner/ by default, supplied by the caller). */
  scenarios: readonly Scenario[];
  /** Seed of every walk and of the built-ins' random choices (default: each scenario's own). */
  seed?: string;
  /** Walks per scenario (default: each scenario's budget). */
  runs?: number;
  /** Worker threads for the walks (default 1). */
  workers?: number;
  /** Where counterexample files go. */
  outDir: string;
  /** Partitioner's part of the scenario name in results and file names (default: the handle's name). */
  label?: string;
  /** The handle is one of Kafka's built-ins, run for comparison (default false). */
  builtIn?: boolean;
  onProgress?: CheckOptions['onProgress'];
  /** Called before each scenario starts (progress). */
  onScenario?: (scenario: Scenario, index: number) => void;
}

export interface EndToEndResult {
  /** The scenario from scenarios/partitioner/. */
  scenario: string;
  partitioner: string;
  /** "0,1,1;2,0,0", or null when the partitioner broke a rule while choosing. */
  plan: string | null;
  /** A rule the partitioner broke while choosing the plan (then the scenario did not run). */
  planFailure: ContractFinding | null;
  /** The run and its judgement; null when the plan failed. */
  result: ScenarioResult | null;
  /** `as-expected`: the scenario held. */
  verdict: 'as-expected' | 'unexpected';
  /** One of Kafka's built-in partitioners, run for comparison. */
  builtIn: boolean;
}

/** A name safe in a file name: letters, digits, `-`, `_` and `.`. */
function slug(text: string): string {
  const safe = text.replace(/[^A-Za-z0-9_.-]+/g, '_');
  return safe === '' ? 'partitioner' : safe;
}

/** Runs one scenario with a plan (checks it against the scenario's config first). Throws ConfigError for a plan that does not fit. */
export function runPlannedScenario(scenario: Scenario, plan: PartitionPlan, runName: string, options: Omit<EndToEndOptions, 'scenarios' | 'label' | 'onScenario' | 'builtIn'>, deps: CheckDeps): ScenarioResult {
  const planned = plannedScenario(scenario, plan, runName);
  const checkOptions: CheckOptions = { outDir: options.outDir, onProgress: options.onProgress };
  if (options.seed !== undefined) checkOptions.seed = options.seed;
  if (options.runs !== undefined) checkOptions.runs = options.runs;
  if (options.workers !== undefined) checkOptions.workers = options.workers;
  const result = checkScenario(planned, checkOptions, deps);
  // `kmc replay --scenario NAME --seed S` cannot find these scenarios: the counterexample file is the replay.
  return { ...result, violations: result.violations.map((violation) => ({ ...violation, replayBySeed: null })) };
}

/** Every scenario, one after another, for one partitioner. */
export async function runEndToEnd(handle: PartitionerHandle, options: EndToEndOptions, deps: CheckDeps): Promise<EndToEndResult[]> {
  const label = slug(options.label ?? handle.name);
  const builtIn = options.builtIn ?? false;
  const results: EndToEndResult[] = [];
  for (const [index, scenario] of options.scenarios.entries()) {
    options.onScenario?.(scenario, index);
    const planned = await computePartitionPlan(handle, scenario, options.seed ?? scenario.seed);
    if (planned.failure !== null) {
      results.push({ scenario: scenario.name, partitioner: handle.name, plan: null, planFailure: planned.failure, result: null, verdict: 'unexpected', builtIn });
      continue;
    }
    const result = runPlannedScenario(scenario, planned.plan, `${scenario.name}.${label}`, options, deps);
    results.push({ scenario: scenario.name, partitioner: handle.name, plan: formatPartitionPlan(planned.plan), planFailure: null, result, verdict: result.verdict, builtIn });
  }
  return results;
}
