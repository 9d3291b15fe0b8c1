/**
 * `npm run bench`: throughput figures for the engines on the cluster model, printed as a table.
 * These are measurements, never timed tests; nothing here fails on a slow machine.
 *
 * Cases (add one by appending to CASES):
 *   - random engine: model events per second, acks=all, 3 brokers, 3 partitions, R=3;
 *   - random engine, warm, per CPU-second: acks-all-min-isr-2 at 3 brokers x 3 partitions and at
 *     7 brokers x 10 partitions, measured in alternating rounds after a warm-up (process.cpuUsage,
 *     so another process on the machine does not count), and the cost per event of 7x10 over 3x3
 *     (issue 9's targets: >= 600,000 events per CPU-second at 3x3, a ratio of at most 1.5);
 *   - --workers: `kmc check --scenario acks-all-min-isr-2 --set num.partitions=3` with 1 and with 2
 *     worker threads side by side, warm: events per second, CPU seconds, their ratios, and what
 *     starting the threads costs (once per process);
 *   - exhaustive engine: distinct states per second, and bytes per state (what the search keeps
 *     per state, as the engine measures it, and the v8-serialised size of one full state);
 *   - kmc explore on truncation-kip-279 (its own bounds: depth 12) up to 200,000 distinct states,
 *     with partial-order reduction and without, side by side: depth reached, transitions applied
 *     and pruned, CPU seconds and states per CPU-second (issue 9: the depth explore reaches);
 *   - check-partitioner on a correct plugin with the default budget: wall time of the whole check
 *     (contract, 12 end-to-end scenario runs, load statistics); the target is under 60 s on one
 *     core (`taskset -c 0 npm run bench`);
 *   - random engine on the group model, 3 groups of 5 members, crashes and pauses on: model
 *     events per second with the built-in assignor, and with an assignor plugin called through
 *     its worker thread (Atomics.wait per assign call: what the plugin bridge costs);
 *   - check-assignor on a correct plugin with the default budget: wall time of the whole check
 *     (contract, the group scenarios, the side-by-side table); target under 60 s on one core.
 *
 * `npm run bench -- FILTER` (or KMC_BENCH=FILTER) runs only the cases whose name contains FILTER,
 * e.g. `npm run bench -- group-heavy`.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serialize } from 'node:v8';
import { checkScenario, exploreScenario } from '../checker/index.ts';
import type { CheckOptions, ExploreResult, ScenarioResult } from '../checker/api.ts';
import { checkAssignor, checkPartitioner, clusterDeps, groupDeps, groupDepsWith } from '../index.ts';
import { loadAssignorPlugin } from '../checker/plugins/assignorPlugin.ts';
import { closeRunPools } from '../checker/parallel/index.ts';
import { clusterModel } from '../model/cluster/index.ts';
import { resolveConfig } from '../model/config.ts';
import { formatCount } from '../reports/numbers.ts';
import { BUILTIN_SCENARIOS } from '../scenarios/registry.ts';
import { findScenario } from '../scenarios/findScenario.ts';
import type { Scenario } from '../scenarios/scenario.ts';

interface Figure {
  name: string;
  value: number;
  unit: string;
}

interface BenchCase {
  name: string;
  run(): Promise<Figure[]>;
}

const THREE_BY_THREE: Record<string, string> = { 'model.brokers': '3', 'num.partitions': '3', 'replication.factor': '3' };
const RANDOM_RUNS = 300;
const PRODUCER_HEAVY_RUNS = 100;
const EXHAUSTIVE_STATES_MAX = 20_000;
const EXPLORE_STATES_MAX = 200_000;
const BENCH_SEED = 'bench-1';
/** A correct partitioner plugin; its check must take under 60 s on one core (run with taskset -c 0). */
const CHECKED_PARTITIONER = 'test/fixtures/partitioners/kmc-hash.ts';
/** A correct assignor plugin; its check must take under 60 s on one core. */
const CHECKED_ASSIGNOR = 'test/fixtures/assignors/kmc-good.ts';
const GROUP_HEAVY_RUNS = 100;
/** acks-all-min-isr-2 at two sizes, for events per CPU-second and the cost per event as the cluster grows. */
const SMALL_CLUSTER: Record<string, string> = { 'num.partitions': '3' };
const LARGE_CLUSTER: Record<string, string> = { 'model.brokers': '7', 'num.partitions': '10' };
/** Runs per measured round (each about a CPU-second on the issue's machine), rounds per size. */
const SMALL_CLUSTER_RUNS = 600;
const LARGE_CLUSTER_RUNS = 60;
const CPU_ROUNDS = 3;
/** 3 groups of 5 members on one 6-partition topic, crashes and pauses on. */
const GROUP_HEAVY: Record<string, string> = { 'model.groups': '3', 'model.consumers': '5', 'num.partitions': '6', 'model.group.faults': 'crash,pause' };

// ---------------------------------------------------------------------------------------------
// The benchmark cases.
// ---------------------------------------------------------------------------------------------

const CASES: BenchCase[] = [
  {
    name: 'random: acks=all, 3 brokers, 3 partitions, R=3',
    async run() {
      const scenario = acksAllScenario();
      const { result, wallMs } = await timed(() => checkScenario(scenario, { ...quiet(), engine: 'random', runs: RANDOM_RUNS, set: THREE_BY_THREE }, clusterDeps));
      return [
        { name: 'runs', value: result.runs, unit: '' },
        { name: 'model events', value: result.events, unit: '' },
        { name: 'events per second', value: perSecond(result.events, wallMs), unit: '/s' },
      ];
    },
  },
  {
    name: 'random, warm, per CPU-second: acks-all-min-isr-2 at 3 brokers x 3 partitions and at 7 brokers x 10 partitions',
    async run() {
      const scenario = findScenario('acks-all-min-isr-2', BUILTIN_SCENARIOS);
      const measure = (set: Record<string, string>, runs: number, round: number) => cpuTimed(() => checkScenario(scenario, { seed: `${BENCH_SEED}-${round}`, outDir: null, engine: 'random', runs, set }, clusterDeps));
      // Warm-up: both sizes once, unmeasured (the JIT, the static fault tables).
      measure(SMALL_CLUSTER, SMALL_CLUSTER_RUNS / 2, -1);
      measure(LARGE_CLUSTER, LARGE_CLUSTER_RUNS / 2, -1);
      const small: number[] = [];
      const large: number[] = [];
      for (let round = 0; round < CPU_ROUNDS; round++) {
        small.push(perCpuSecond(measure(SMALL_CLUSTER, SMALL_CLUSTER_RUNS, round)));
        large.push(perCpuSecond(measure(LARGE_CLUSTER, LARGE_CLUSTER_RUNS, round)));
      }
      const smallRate = median(small);
      const largeRate = median(large);
      return [
        { name: `3x3: events per CPU-second (median of ${CPU_ROUNDS} rounds of ${SMALL_CLUSTER_RUNS} runs)`, value: smallRate, unit: '/s' },
        { name: `7x10: events per CPU-second (median of ${CPU_ROUNDS} rounds of ${LARGE_CLUSTER_RUNS} runs)`, value: largeRate, unit: '/s' },
        { name: 'cost per event, 7x10 over 3x3 (target <= 1.5)', value: Math.round((100 * smallRate) / largeRate) / 100, unit: 'x' },
      ];
    },
  },
  {
    name: 'workers: kmc check --scenario acks-all-min-isr-2 --set num.partitions=3, 1 and 2 worker threads, warm',
    async run() {
      const scenario = BUILTIN_SCENARIOS.find((s) => s.name === 'acks-all-min-isr-2');
      if (!scenario) throw new Error('no built-in scenario acks-all-min-isr-2');
      const options = (workers: number): CheckOptions => ({ ...quiet(), seed: scenario.seed, set: { 'num.partitions': '3' }, workers });
      const startUp = await timedCpu(() => checkScenario(scenario, { ...options(2), runs: 4 }, clusterDeps));
      // Warm both paths (JIT in the caller and in the workers) before measuring.
      for (const workers of [1, 2]) checkScenario(scenario, { ...options(workers), runs: 600 }, clusterDeps);
      const one = await timedCpu(() => checkScenario(scenario, options(1), clusterDeps));
      const two = await timedCpu(() => checkScenario(scenario, options(2), clusterDeps));
      if (two.result.events !== one.result.events || two.result.runs !== one.result.runs) throw new Error('--workers 2 did not do the runs --workers 1 did');
      const eventsPerSecond = (t: typeof one): number => perSecond(t.result.events, t.wallMs);
      await closeRunPools();
      return [
        { name: 'runs (each)', value: one.result.runs, unit: '' },
        { name: 'model events (each)', value: one.result.events, unit: '' },
        { name: '1 worker: events per second', value: eventsPerSecond(one), unit: '/s' },
        { name: '1 worker: CPU seconds', value: hundredths(one.cpuMs / 1000), unit: 's' },
        { name: '2 workers: events per second', value: eventsPerSecond(two), unit: '/s' },
        { name: '2 workers: CPU seconds (all threads)', value: hundredths(two.cpuMs / 1000), unit: 's' },
        { name: '2 workers / 1 worker: events per second', value: hundredths(eventsPerSecond(two) / eventsPerSecond(one)), unit: 'x' },
        { name: '2 workers / 1 worker: CPU seconds', value: hundredths(two.cpuMs / one.cpuMs), unit: 'x' },
        { name: 'starting 2 worker threads (once per process): wall', value: Math.round(startUp.wallMs), unit: 'ms' },
        { name: 'starting 2 worker threads: CPU seconds', value: hundredths(startUp.cpuMs / 1000), unit: 's' },
      ];
    },
  },
  {
    name: 'random, producer-heavy: 3 producers x 40 keyed records, batching (linger.ms=5) and idempotence on',
    async run() {
      const scenario = acksAllScenario();
      const set = { ...THREE_BY_THREE, 'model.producers': '3', 'model.records': '40', 'model.keys': '8', 'enable.idempotence': 'true', 'linger.ms': '5', 'batch.size': '256' };
      const { result, wallMs } = await timed(() => checkScenario(scenario, { ...quiet(), engine: 'random', runs: PRODUCER_HEAVY_RUNS, set }, clusterDeps));
      return [
        { name: 'runs', value: result.runs, unit: '' },
        { name: 'model events', value: result.events, unit: '' },
        { name: 'events per second', value: perSecond(result.events, wallMs), unit: '/s' },
      ];
    },
  },
  {
    name: `exhaustive: acks=all, 3 brokers, 3 partitions, R=3, up to ${formatCount(EXHAUSTIVE_STATES_MAX)} states`,
    async run() {
      const scenario = acksAllScenario();
      const result = exploreScenario(scenario, { ...quiet(), statesMax: EXHAUSTIVE_STATES_MAX, set: THREE_BY_THREE }, clusterDeps);
      const config = resolveConfig(scenario.config, THREE_BY_THREE);
      return [
        { name: 'distinct states', value: result.statesDistinct, unit: '' },
        { name: 'depth reached', value: result.depthReached, unit: '' },
        { name: 'states per second', value: result.statesPerSecond, unit: '/s' },
        { name: 'memory kept per state', value: result.bytesPerState, unit: 'B' },
        { name: 'one state, v8-serialised', value: serialize(clusterModel.init(config, BENCH_SEED)).length, unit: 'B' },
      ];
    },
  },
  {
    name: `explore truncation-kip-279, up to ${formatCount(EXPLORE_STATES_MAX)} states, reduction on vs off`,
    async run() {
      const scenario = findScenario('truncation-kip-279', BUILTIN_SCENARIOS);
      const figures: Figure[] = [];
      const cpuSeconds: Record<string, number> = {};
      const transitions: Record<string, number> = {};
      for (const reduction of [true, false]) {
        const mode = reduction ? 'on' : 'off';
        const { result, cpuMs } = cpuTimed(() => exploreScenario(scenario, { ...quiet(), statesMax: EXPLORE_STATES_MAX, reduction }, clusterDeps));
        const explored = result as ExploreResult;
        cpuSeconds[mode] = cpuMs / 1000;
        transitions[mode] = explored.transitions;
        figures.push(
          { name: `reduction ${mode}: distinct states`, value: explored.statesDistinct, unit: '' },
          { name: `reduction ${mode}: depth reached`, value: explored.depthReached, unit: '' },
          { name: `reduction ${mode}: transitions applied`, value: explored.transitions, unit: '' },
          { name: `reduction ${mode}: transitions pruned`, value: explored.reduction?.transitionsPruned ?? 0, unit: '' },
          { name: `reduction ${mode}: CPU seconds`, value: hundredths(cpuSeconds[mode]), unit: 's' },
          { name: `reduction ${mode}: states per CPU-second`, value: perSecond(explored.statesDistinct, cpuMs), unit: '/s' },
        );
      }
      figures.push(
        { name: 'transitions, off / on', value: hundredths(transitions.off / Math.max(1, transitions.on)), unit: 'x' },
        { name: 'CPU seconds, off / on', value: hundredths(cpuSeconds.off / Math.max(0.001, cpuSeconds.on)), unit: 'x' },
      );
      return figures;
    },
  },
  {
    name: 'check-partitioner: a correct kmc-style plugin (kmc-hash.ts), default budget',
    async run() {
      const outDir = mkdtempSync(join(tmpdir(), 'kmc-bench-'));
      const startMs = performance.now();
      const report = await checkPartitioner(CHECKED_PARTITIONER, { outDir });
      const wallMs = performance.now() - startMs;
      if (report.exitCode !== 0) throw new Error(`check-partitioner ${CHECKED_PARTITIONER} exited ${report.exitCode}, expected 0`);
      const results = report.endToEnd.flatMap((e) => (e.result === null ? [] : [e.result]));
      return [
        { name: 'wall time (whole check)', value: Math.round(wallMs), unit: 'ms' },
        { name: 'end-to-end walks', value: results.reduce((sum, r) => sum + r.runs, 0), unit: '' },
        { name: 'end-to-end model events', value: results.reduce((sum, r) => sum + r.events, 0), unit: '' },
      ];
    },
  },
  {
    name: 'random, group-heavy: 3 groups x 5 members, crashes and pauses, built-in assignor',
    async run() {
      const { result, wallMs } = await timed(() => checkScenario(groupScenario(), { ...quiet(), engine: 'random', runs: GROUP_HEAVY_RUNS, set: GROUP_HEAVY }, groupDeps));
      return eventFigures(result, wallMs);
    },
  },
  {
    name: 'random, group-heavy, the assignor a plugin in its worker thread (kmc-good.ts, eager)',
    async run() {
      const plugin = await loadAssignorPlugin(CHECKED_ASSIGNOR);
      try {
        const set = { ...GROUP_HEAVY, 'partition.assignment.strategy': plugin.name };
        const { result, wallMs } = await timed(() => checkScenario(groupScenario(), { ...quiet(), engine: 'random', runs: GROUP_HEAVY_RUNS, set }, groupDepsWith([plugin.toAssignor()])));
        return eventFigures(result, wallMs);
      } finally {
        await plugin.close();
      }
    },
  },
  {
    name: 'check-assignor: a correct kmc-style plugin (kmc-good.ts), default budget',
    async run() {
      const outDir = mkdtempSync(join(tmpdir(), 'kmc-bench-'));
      const startMs = performance.now();
      const report = await checkAssignor(CHECKED_ASSIGNOR, { outDir });
      const wallMs = performance.now() - startMs;
      if (report.exitCode !== 0) throw new Error(`check-assignor ${CHECKED_ASSIGNOR} exited ${report.exitCode}, expected 0`);
      const results = report.protocols.flatMap((p) => p.scenarios.map((s) => s.result));
      return [
        { name: 'wall time (whole check)', value: Math.round(wallMs), unit: 'ms' },
        { name: 'group scenario walks', value: results.reduce((sum, r) => sum + r.runs, 0), unit: '' },
        { name: 'group scenario model events', value: results.reduce((sum, r) => sum + r.events, 0), unit: '' },
      ];
    },
  },
];

// ---------------------------------------------------------------------------------------------
// The harness.
// ---------------------------------------------------------------------------------------------

function acksAllScenario(): Scenario {
  const isAcksAll = (s: Scenario): boolean => ['all', '-1'].includes(String(s.config.acks ?? 'all'));
  const found = BUILTIN_SCENARIOS.find((s) => isAcksAll(s) && s.expect === 'hold') ?? BUILTIN_SCENARIOS.find(isAcksAll);
  if (!found) throw new Error('no built-in acks=all scenario to benchmark');
  return { ...found, expect: 'hold' };
}

/** A built-in group scenario that must hold (the group-heavy overrides are applied with --set semantics). */
function groupScenario(): Scenario {
  const found = BUILTIN_SCENARIOS.find((s) => s.model === 'group' && s.expect === 'hold' && s.name.includes('two-groups')) ?? BUILTIN_SCENARIOS.find((s) => s.model === 'group' && s.expect === 'hold');
  if (!found) throw new Error('no built-in group scenario to benchmark');
  return { ...found, expect: 'hold' };
}

function eventFigures(result: ScenarioResult, wallMs: number): Figure[] {
  return [
    { name: 'runs', value: result.runs, unit: '' },
    { name: 'model events', value: result.events, unit: '' },
    { name: 'events per second', value: perSecond(result.events, wallMs), unit: '/s' },
  ];
}

function quiet(): CheckOptions {
  return { seed: BENCH_SEED, outDir: null };
}

async function timed(run: () => ScenarioResult | Promise<ScenarioResult>): Promise<{ result: ScenarioResult; wallMs: number }> {
  const startMs = performance.now();
  const result = await run();
  return { result, wallMs: performance.now() - startMs };
}

/** Runs `run` synchronously, measuring this process's CPU time (user + system). */
function cpuTimed(run: () => ScenarioResult): { result: ScenarioResult; cpuMs: number } {
  const start = process.cpuUsage();
  const result = run();
  const used = process.cpuUsage(start);
  return { result, cpuMs: (used.user + used.system) / 1000 };
}

function perCpuSecond(measured: { result: ScenarioResult; cpuMs: number }): number {
  return perSecond(measured.result.events, measured.cpuMs);
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Wall and CPU time (every thread of the process: the workers' too) of one run. */
async function timedCpu(run: () => ScenarioResult | Promise<ScenarioResult>): Promise<{ result: ScenarioResult; wallMs: number; cpuMs: number }> {
  const cpuBefore = process.cpuUsage();
  const { result, wallMs } = await timed(run);
  const cpu = process.cpuUsage(cpuBefore);
  return { result, wallMs, cpuMs: (cpu.user + cpu.system) / 1000 };
}

const hundredths = (value: number): number => Math.round(value * 100) / 100;

function perSecond(count: number, wallMs: number): number {
  return wallMs > 0 ? Math.round((count * 1000) / wallMs) : 0;
}

function formatTable(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join('  ')).join('\n');
}

async function main(): Promise<void> {
  const rows: string[][] = [['case', 'figure', 'value']];
  const filter = process.argv[2] ?? process.env.KMC_BENCH ?? '';
  for (const benchCase of CASES.filter((c) => c.name.includes(filter))) {
    process.stderr.write(`running: ${benchCase.name}\n`);
    for (const figure of await benchCase.run()) rows.push([benchCase.name, figure.name, `${Number.isInteger(figure.value) ? formatCount(figure.value) : figure.value.toFixed(2)}${figure.unit ? ` ${figure.unit}` : ''}`]);
  }
  process.stdout.write(`${formatTable(rows)}\n`);
}

await main();
