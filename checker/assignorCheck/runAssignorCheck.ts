/**
 * `kmc check-assignor MODULE` as data, per rebalance protocol checked (--protocol, else every
 * protocol the plugin declares), in the order the command reports it:
 *   (a) the contract on direct calls over generated inputs (contract.ts): valid, complete,
 *       deterministic, balanced;
 *   (b) the group scenarios of that protocol with the plugin as the group's assignor
 *       (scenarios.ts), judged by the group properties; skipped when (a) found a call that hangs
 *       or crashes the plugin's thread;
 *   (c) the side-by-side table with the built-ins that support the protocol (compare.ts): max-min
 *       load, partitions moved per rebalance, rounds to converge.
 * Exit codes (DESIGN.md): 0 every check passed; 1 the plugin broke a rule or a scenario showed a
 * violation its built-in configuration does not; 2 a module kmc cannot use, or a protocol the
 * plugin does not support; 3 a model assertion (a kmc bug). Nothing the plugin does is thrown.
 */
import { REBALANCE_PROTOCOLS, type RebalanceProtocol } from '../../model/assignors/types.ts';
import { createRng } from '../../model/kernel/rng.ts';
import type { Scenario } from '../api.ts';
import { loadAssignorPlugin, type AssignorPlugin, type LoadAssignorPluginOptions } from '../plugins/assignorPlugin.ts';
import { PluginLoadError, type PluginLoadRule } from '../plugins/loadModule.ts';
import { OUT_DIR_DEFAULT } from '../scenarioContext.ts';
import { startWallBudget } from '../wallClock.ts';
import { compareAssignors, type AssignorStats } from './compare.ts';
import { checkAssignorContract, type AssignorContractResult } from './contract.ts';
import { builtInSubjects } from './index.ts';
import type { AssignorViolation } from './rules.ts';
import { runAssignorScenarios, scenariosOfProtocol, type AssignorScenarioResult, type GroupDepsWith } from './scenarios.ts';
import type { AssignorScenarioTaskArgs } from './scenarioTask.ts';
import { runTasks } from '../parallel/taskPool.ts';

const SCENARIO_TASK_MODULE = new URL('./scenarioTask.ts', import.meta.url).href;

export const ASSIGNOR_CHECK_SEED_DEFAULT = 'kmc';
/**
 * Bound on one assign() call in check-assignor (the plugin loader's own default is 2 s): a hang
 * costs it about once (the checks stop after it), and on a loaded machine a slow call must not
 * read as a hang.
 */
export const ASSIGNOR_CHECK_CALL_TIMEOUT_MS_DEFAULT = 5_000;
/** Wall budget of the whole check when --time is not given (the target: under 60 s). */
export const ASSIGNOR_CHECK_TIME_MS_DEFAULT = 40_000;

/** Progress of a long check; cli/progress.ts's Progress fits. */
export interface AssignorCheckProgress {
  start(index: number, total: number, label: string): void;
  update(figures: { runsDone: number; runsTotal: number; events: number }): void;
}

export interface AssignorCheckOptions extends Pick<LoadAssignorPluginOptions, 'cwd' | 'callTimeoutMs' | 'loadTimeoutMs'> {
  /** The group scenarios (index.ts passes the built-in ones with model 'group'). */
  scenarios: readonly Scenario[];
  /** Default: every protocol the plugin supports, eager first. */
  protocol?: RebalanceProtocol;
  /** One seed for every choice: contract inputs, walks, the comparison's membership changes. */
  seed?: string;
  /** Walks per group scenario (default: each scenario's own budget). */
  runs?: number;
  /** Contract inputs per contract (default contract.ts's 100). */
  contractRuns?: number;
  /** Wall budget of the whole check in ms (default 40 s); the scenarios share what (a) leaves. */
  timeMs?: number;
  /** Where counterexample files go (default kmc-out); null writes none. */
  outDir?: string | null;
  progress?: AssignorCheckProgress;
  /**
   * Worker threads for the group scenarios (default 1), each scenario whole in one thread with the
   * plugin loaded there by its path; needs depsModule. The same results for any number with --runs.
   */
  workers?: number;
  /** A module (URL) exporting `groupDepsWith`, for worker threads (index.ts passes deps.ts). */
  depsModule?: string;
}

export type AssignorCheckExitCode = 0 | 1 | 2 | 3;

export interface ProtocolCheck {
  protocol: RebalanceProtocol;
  /** (a) */
  contract: AssignorContractResult;
  /** (b) */
  scenarios: AssignorScenarioResult[];
  /** Why (b) did not run, or null. */
  scenariosSkipped: string | null;
  /** (c): the plugin first, then the built-ins supporting the protocol. */
  comparison: AssignorStats[];
}

export interface AssignorCheckReport {
  ok: boolean;
  exitCode: AssignorCheckExitCode;
  module: string;
  /** The assignor's protocol name (null when it could not be loaded). */
  plugin: string | null;
  style: 'kmc' | 'kafkajs' | null;
  supportedProtocols: RebalanceProtocol[];
  seed: string;
  /** Set when the module cannot be used (exit 2); then nothing else ran. */
  unusable: { rule: PluginLoadRule | 'unsupported-protocol'; detail: string } | null;
  protocols: ProtocolCheck[];
  /** Every rule the plugin broke: contract violations, then calls from the group model, once per rule. */
  findings: AssignorViolation[];
  /** Scenarios whose runs showed a property outside their expectation. */
  scenarioFailures: Array<{ protocol: RebalanceProtocol; scenario: string; properties: string[] }>;
  internalErrors: string[];
  durationMs: number;
}

function contractSeed(seed: string): number {
  return /^\d{1,9}$/.test(seed) ? Number(seed) : createRng(seed).int(2 ** 31 - 1);
}

/** Runs (a), (b), (c) for each protocol; a bad module is reported in the result, never thrown. */
export async function runAssignorCheck(modulePath: string, options: AssignorCheckOptions, depsWith: GroupDepsWith): Promise<AssignorCheckReport> {
  const wall = startWallBudget();
  const seed = options.seed ?? ASSIGNOR_CHECK_SEED_DEFAULT;
  const timeMs = options.timeMs ?? ASSIGNOR_CHECK_TIME_MS_DEFAULT;
  const outDir = options.outDir === undefined ? OUT_DIR_DEFAULT : options.outDir;
  const progress = options.progress;
  const report: AssignorCheckReport = {
    ok: false,
    exitCode: 2,
    module: modulePath,
    plugin: null,
    style: null,
    supportedProtocols: [],
    seed,
    unusable: null,
    protocols: [],
    findings: [],
    scenarioFailures: [],
    internalErrors: [],
    durationMs: 0,
  };
  progress?.start(1, 1, `loading ${modulePath}`);
  let plugin: AssignorPlugin;
  try {
    plugin = await loadAssignorPlugin(modulePath, { cwd: options.cwd, callTimeoutMs: options.callTimeoutMs ?? ASSIGNOR_CHECK_CALL_TIMEOUT_MS_DEFAULT, loadTimeoutMs: options.loadTimeoutMs });
  } catch (thrown) {
    if (!(thrown instanceof PluginLoadError)) throw thrown;
    report.unusable = { rule: thrown.rule, detail: thrown.detail };
    report.durationMs = wall.elapsedMs();
    return report;
  }
  try {
    report.plugin = plugin.name;
    report.style = plugin.style === 'built-in' ? null : plugin.style;
    report.supportedProtocols = [...plugin.supportedProtocols];
    if (options.protocol !== undefined && !plugin.supportedProtocols.includes(options.protocol)) {
      report.unusable = { rule: 'unsupported-protocol', detail: `${plugin.name} supports ${plugin.supportedProtocols.join(', ')}, not the ${options.protocol} protocol` };
      return report;
    }
    const protocols = options.protocol !== undefined ? [options.protocol] : REBALANCE_PROTOCOLS.filter((p) => plugin.supportedProtocols.includes(p));
    const scenarioCount = protocols.reduce((sum, protocol) => sum + scenariosOfProtocol(options.scenarios, protocol).length, 0);
    const steps = protocols.length * 2 + scenarioCount;
    let step = 0;
    let scenariosLeft = scenarioCount;
    const seenRules = new Set<string>();
    const addFinding = (violation: AssignorViolation): void => {
      if (seenRules.has(violation.rule)) return;
      seenRules.add(violation.rule);
      report.findings.push(violation);
    };
    for (const protocol of protocols) {
      progress?.start(++step, steps, `${plugin.name}: the ${protocol} contract`);
      const contract = checkAssignorContract(plugin, { protocol, seed: contractSeed(seed), ...(options.contractRuns === undefined ? {} : { runs: options.contractRuns }) });
      contract.violations.forEach(addFinding);
      const fatal = contract.violations.find((v) => v.rule === 'timeout' || v.rule === 'crashed');
      let scenarios: AssignorScenarioResult[] = [];
      let scenariosSkipped: string | null = null;
      if (fatal !== undefined) {
        scenariosSkipped = `the plugin broke ${fatal.rule} on a direct call`;
        const skipped = scenariosOfProtocol(options.scenarios, protocol).length;
        step += skipped;
        scenariosLeft -= skipped;
      } else {
        const workers = options.workers ?? 1;
        const scenarioOptions = {
          protocol,
          outDir,
          modulePath,
          ...(options.runs === undefined ? {} : { runs: options.runs }),
          ...(options.seed === undefined ? {} : { seed: options.seed }),
        };
        // Each scenario gets an equal share of what is left when it starts (times the threads running at once).
        const timeShareMs = (threads: number): number => Math.max(1_000, Math.floor(((timeMs - wall.elapsedMs()) * threads) / Math.max(1, scenariosLeft--)));
        const label = (scenario: Scenario): void => progress?.start(++step, steps, `${scenario.name} with ${plugin.name} (${protocol})`);
        if (workers > 1 && options.depsModule !== undefined) {
          const load = { ...(options.cwd === undefined ? {} : { cwd: options.cwd }), callTimeoutMs: options.callTimeoutMs ?? ASSIGNOR_CHECK_CALL_TIMEOUT_MS_DEFAULT, ...(options.loadTimeoutMs === undefined ? {} : { loadTimeoutMs: options.loadTimeoutMs }) };
          const depsModule = options.depsModule;
          const tasks = scenariosOfProtocol(options.scenarios, protocol).map((scenario) => ({
            module: SCENARIO_TASK_MODULE,
            fn: 'checkAssignorScenarioTask',
            args: (): AssignorScenarioTaskArgs => {
              label(scenario);
              return { modulePath, load, depsModule, scenario, options: { ...scenarioOptions, timeMs: timeShareMs(workers) } };
            },
          }));
          scenarios = await runTasks<AssignorScenarioResult>(tasks, workers);
        } else scenarios = runAssignorScenarios(
          plugin.toAssignor(),
          options.scenarios,
          {
            ...scenarioOptions,
            onScenario: label,
            onProgress: progress && ((figures) => progress.update(figures)),
            timeMsOf: () => timeShareMs(1),
          },
          depsWith,
        );
      }
      for (const result of scenarios) {
        if (result.callViolation !== null) addFinding(result.callViolation);
        if (result.unexpected.length > 0) report.scenarioFailures.push({ protocol, scenario: result.scenario, properties: result.unexpected });
        if (result.result.internalError !== null) report.internalErrors.push(`${result.result.name}: ${result.result.internalError}`);
      }
      progress?.start(++step, steps, `${plugin.name} side by side with the built-ins (${protocol})`);
      const comparison = compareAssignors([plugin, ...builtInSubjects()], protocol, { seed: `${seed}/compare` }).stats;
      if (comparison[0].violation !== null) addFinding(comparison[0].violation);
      report.protocols.push({ protocol, contract, scenarios, scenariosSkipped, comparison });
    }
  } finally {
    await plugin.close();
    report.durationMs = wall.elapsedMs();
  }
  report.exitCode = report.unusable !== null ? 2 : report.internalErrors.length > 0 ? 3 : report.findings.length > 0 || report.scenarioFailures.length > 0 ? 1 : 0;
  report.ok = report.exitCode === 0;
  return report;
}
