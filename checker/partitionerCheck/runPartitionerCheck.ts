/**
 * `kmc check-partitioner MODULE` as data, in the order the command reports it:
 *   (a) the contract (contract.ts): a module kmc cannot use ends the check (exit 2); a broken
 *       rule is reported (exit 1) and skips (b), since a plan from a partitioner that throws or
 *       answers out of range cannot run;
 *   (b) end to end (endToEnd.ts): the plugin, then the built-ins `default`, `sticky` and
 *       `round-robin` for comparison, through the partitioner scenarios under faults; a violation
 *       by the plugin is exit 1 (the built-ins' results never change the exit code);
 *   (c) load statistics of the plugin and the side-by-side table with the built-ins (compare.ts).
 * A model assertion in any run is exit 3. Nothing the plugin does is thrown: it is a finding.
 * The model and its judge come in as CheckDeps, the scenarios as options (index.ts wires both).
 */
import { basename, extname } from 'node:path';
import type { BuiltInPartitionerName } from '../../model/partitioners/builtIns.ts';
import type { CheckDeps, Scenario } from '../api.ts';
import { builtInPartitionerHandle } from '../plugins/inProcessHandle.ts';
import { PluginLoadError, type PluginLoadRule } from '../plugins/loadModule.ts';
import type { PartitionerHandle } from '../plugins/partitionerHandle.ts';
import { loadPartitionerPlugin, type PluginHostOptions } from '../plugins/partitionerHost.ts';
import { OUT_DIR_DEFAULT } from '../scenarioContext.ts';
import { startWallBudget } from '../wallClock.ts';
import { COMPARED_BUILT_INS_DEFAULT, comparePartitioners, type ComparisonTable } from './compare.ts';
import { checkPartitionerContract, type ContractOptions, type ContractResult } from './contract.ts';
import { runEndToEnd, type EndToEndResult } from './endToEnd.ts';
import type { ContractFinding } from './finding.ts';
import type { LoadStatsOptions, LoadStatsResult } from './loadStats.ts';

/** The seed of the contract inputs, the load key sets and (unless --seed) nothing else. */
export const PARTITIONER_CHECK_SEED_DEFAULT = 'kmc';

/** Progress of a long check; cli/progress.ts's Progress fits. */
export interface PartitionerCheckProgress {
  /** A step starts: 1-based index among `total`. */
  start(index: number, total: number, label: string): void;
  /** Walks of the end-to-end scenario running now. */
  update(figures: { runsDone: number; runsTotal: number; events: number }): void;
}

export interface PartitionerCheckOptions extends PluginHostOptions {
  /** The end-to-end scenarios (index.ts passes scenarios/partitioner/). */
  scenarios: readonly Scenario[];
  /** One seed for every choice: contract inputs, end-to-end walks, load key sets (default: "kmc", and each scenario's own seed). */
  seed?: string;
  /** End-to-end walks per scenario and partitioner (default: the scenario's budget, 200). */
  runs?: number;
  /** Worker threads for the end-to-end walks (default 1); results are the same for any number. */
  workers?: number;
  /** Where counterexample files go (default kmc-out). */
  outDir?: string;
  /** The built-ins compared end to end and in the table (default default, sticky, round-robin). */
  builtIns?: readonly BuiltInPartitionerName[];
  /** Finer control of (a); `seed` wins over contract.seed. */
  contract?: Omit<ContractOptions, 'seed'>;
  /** Finer control of (c); `seed` wins over load.seed. */
  load?: Omit<LoadStatsOptions, 'seed'>;
  progress?: PartitionerCheckProgress;
}

export type PartitionerCheckExitCode = 0 | 1 | 2 | 3;

export interface PartitionerCheckReport {
  /** True when exitCode is 0: contract holds, every scenario held, nothing broke. */
  ok: boolean;
  exitCode: PartitionerCheckExitCode;
  /** The module path as given. */
  module: string;
  /** The plugin's name (its `name`, else its file name). */
  plugin: string;
  style: PartitionerHandle['style'] | null;
  seed: string;
  /** Set when the module cannot be used at all (exit 2); then nothing else ran. */
  unusable: { rule: PluginLoadRule; detail: string } | null;
  /** (a) */
  contract: ContractResult | null;
  /** (b): the plugin's scenarios first, then each built-in's. */
  endToEnd: EndToEndResult[];
  /** Most walks of one end-to-end scenario for one partitioner (a search stops at its first violation). */
  runsPerScenarioMax: number;
  /** Why (b) did not run (for the plugin and the built-ins), or null. */
  endToEndSkipped: string | null;
  /** (c): the plugin's own load statistics, and the table with every built-in. */
  loadStats: LoadStatsResult | null;
  comparison: ComparisonTable | null;
  /** Every rule the plugin broke: contract, then while choosing a plan, then while measuring load. */
  findings: ContractFinding[];
  /** Model assertions (a bug in kmc), one line each. */
  internalErrors: string[];
  durationMs: number;
}

function moduleName(modulePath: string): string {
  return basename(modulePath, extname(modulePath));
}

/** Runs (a), (b), (c) on the module; a bad module is reported in the result, never thrown. */
export async function runPartitionerCheck(modulePath: string, options: PartitionerCheckOptions, deps: CheckDeps): Promise<PartitionerCheckReport> {
  const wall = startWallBudget();
  const seed = options.seed ?? PARTITIONER_CHECK_SEED_DEFAULT;
  const builtIns = options.builtIns ?? COMPARED_BUILT_INS_DEFAULT;
  const outDir = options.outDir ?? OUT_DIR_DEFAULT;
  const progress = options.progress;
  const report: PartitionerCheckReport = {
    ok: false,
    exitCode: 2,
    module: modulePath,
    plugin: moduleName(modulePath),
    style: null,
    seed,
    unusable: null,
    contract: null,
    endToEnd: [],
    runsPerScenarioMax: options.runs ?? Math.max(0, ...options.scenarios.map((scenario) => scenario.budget.runs)),
    endToEndSkipped: null,
    loadStats: null,
    comparison: null,
    findings: [],
    internalErrors: [],
    durationMs: 0,
  };
  const steps = 2 + options.scenarios.length * (1 + builtIns.length);
  let step = 0;
  progress?.start(++step, steps, `loading ${modulePath} and checking its contract`);

  let handle: PartitionerHandle;
  try {
    handle = await loadPartitionerPlugin(modulePath, options);
  } catch (thrown) {
    if (!(thrown instanceof PluginLoadError)) throw thrown;
    report.unusable = { rule: thrown.rule, detail: thrown.detail };
    report.durationMs = wall.elapsedMs();
    return report;
  }
  try {
    report.plugin = handle.name;
    report.style = handle.style;

    // (a)
    const contract = await checkPartitionerContract(handle, { ...options.contract, seed });
    report.contract = contract;
    report.findings.push(...contract.findings);

    // (b)
    const endToEndOptions = {
      scenarios: options.scenarios,
      outDir,
      ...(options.seed === undefined ? {} : { seed: options.seed }),
      ...(options.runs === undefined ? {} : { runs: options.runs }),
      ...(options.workers === undefined ? {} : { workers: options.workers }),
      onProgress: progress && ((figures: { runsDone: number; runsTotal: number; events: number }) => progress.update(figures)),
    };
    const label = (partitioner: string) => (scenario: Scenario) => progress?.start(++step, steps, `${scenario.name} with ${partitioner}`);
    if (contract.passed) {
      report.endToEnd.push(...(await runEndToEnd(handle, { ...endToEndOptions, label: `plugin-${handle.name}`, onScenario: label(handle.name) }, deps)));
      for (const name of builtIns) {
        report.endToEnd.push(...(await runEndToEnd(builtInPartitionerHandle(name), { ...endToEndOptions, label: `built-in-${name}`, builtIn: true, onScenario: label(name) }, deps)));
      }
    } else {
      report.endToEndSkipped = `the contract is broken (${contract.findings.map((f) => f.rule).join(', ')})`;
      step = steps - 1;
    }
    for (const result of report.endToEnd) {
      if (result.planFailure !== null && !result.builtIn && !report.findings.some((f) => f.rule === result.planFailure?.rule)) report.findings.push(result.planFailure);
      if (result.result?.internalError) report.internalErrors.push(`${result.result.name}: ${result.result.internalError}`);
    }

    // (c)
    progress?.start(++step, steps, `load statistics of ${handle.name} and the built-ins`);
    const comparison = await comparePartitioners(handle, { ...options.load, seed, builtIns });
    report.comparison = comparison.table;
    report.loadStats = comparison.stats[0];
    const measuring = comparison.stats[0].failure;
    if (measuring !== null && !report.findings.some((f) => f.rule === measuring.rule)) report.findings.push(measuring);
  } finally {
    await handle.close();
  }

  const pluginViolated = report.endToEnd.some((result) => !result.builtIn && result.verdict !== 'as-expected');
  report.exitCode = report.internalErrors.length > 0 ? 3 : report.findings.length > 0 || pluginViolated ? 1 : 0;
  report.ok = report.exitCode === 0;
  report.durationMs = wall.elapsedMs();
  return report;
}
