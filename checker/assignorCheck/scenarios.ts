/**
 * Step (b) of `kmc check-assignor`: the plugin inside the group model, as the group leader's
 * assignor, through the group scenarios (scenarios/builtin/group*.ts) of one rebalance protocol
 * under their faults (crashes, pauses, coordinator failover, two groups), judged by the group
 * properties.
 *
 * Which scenarios: those whose own `partition.assignment.strategy` runs the chosen protocol (a
 * group runs cooperative only when every listed assignor supports it: ConsumerCoordinator's
 * protocol choice). The plugin replaces that list: `[plugin]` under cooperative; under eager
 * `[plugin]` when the plugin is eager-only, else `[plugin, range]` so that the group cannot
 * pick cooperative (KIP-429's rolling-upgrade recipe) while members still vote for the plugin.
 *
 * Verdict: a scenario's own expectation is what Kafka shows with its built-in assignor on that
 * configuration; `kmc check` confirms it on the pinned seed. The plugin passes a scenario when it
 * shows no violation the expectation does not allow (checker/verdict.ts violationRole): `hold`
 * scenarios must hold; a scenario expecting e.g. duplicate-processing (a consequence of the
 * processing model, not of the assignor) may show that one, and beside it only properties Kafka
 * does not guarantee under that configuration (a zombie's single-owner violation comes with
 * duplicate processing). Not reproducing the expected violation is no fault of the assignor.
 *
 * A call that breaks a rule (throws, times out, crashes its thread, answers malformed or names
 * an unknown member, topic or partition) ends the run; it is reported as the plugin's finding
 * with the input the leader gave it, never as a kmc internal error.
 *
 * Replay: the runs are named `<scenario>.assignor-<name>` and their counterexample files record
 * the plugin's name as partition.assignment.strategy; `kmc replay FILE --assignor MODULE` loads
 * the module again and re-executes the file event by event (the replay command in each
 * violation says so).
 */
import { BUILT_IN_ASSIGNORS } from '../../model/assignors/builtIns.ts';
import type { Assignor, AssignorInput, AssignorOutput, RebalanceProtocol } from '../../model/assignors/types.ts';
import { resolveConfig } from '../../model/config.ts';
import type { CheckDeps, CheckOptions, Scenario, ScenarioResult } from '../api.ts';
import { checkScenario } from '../check.ts';
import { violationRole } from '../verdict.ts';
import { AssignorPluginError } from '../plugins/assignorPlugin.ts';
import { violationOf, type AssignorViolation } from './rules.ts';

/** What the group model needs to run with plugins (index.ts: groupModelWith and the group judge). */
export type GroupDepsWith = (assignors: readonly Assignor[]) => CheckDeps;

/** The rebalance protocol a strategy list runs, by the built-ins it names (null: a name kmc does not know). */
export function protocolOfStrategies(strategies: readonly string[]): RebalanceProtocol | null {
  const assignors = strategies.map((name) => BUILT_IN_ASSIGNORS.find((assignor) => assignor.name === name));
  if (assignors.some((assignor) => assignor === undefined)) return null;
  return assignors.every((assignor) => assignor!.supportedProtocols.includes('cooperative')) ? 'cooperative' : 'eager';
}

/** The group scenarios whose own assignors run `protocol`. */
export function scenariosOfProtocol(scenarios: readonly Scenario[], protocol: RebalanceProtocol): Scenario[] {
  return scenarios.filter((scenario) => scenario.model === 'group' && protocolOfStrategies(resolveConfig(scenario.config)['partition.assignment.strategy']) === protocol);
}

/** partition.assignment.strategy that makes the group run `protocol` with the plugin's name voted first. */
export function pluginStrategy(plugin: Pick<Assignor, 'name' | 'supportedProtocols'>, protocol: RebalanceProtocol): string {
  if (protocol === 'cooperative' || !plugin.supportedProtocols.includes('cooperative')) return plugin.name;
  const eagerOnly = BUILT_IN_ASSIGNORS.find((assignor) => assignor.name !== plugin.name && !assignor.supportedProtocols.includes('cooperative'));
  return `${plugin.name},${eagerOnly!.name}`;
}

export interface ScenarioCheckOptions {
  protocol: RebalanceProtocol;
  /** Seed of every walk (default: each scenario's own). */
  seed?: string;
  /** Walks per scenario (default: each scenario's budget). */
  runs?: number;
  /** Wall budget of a scenario's runs (ms), asked as the scenario starts. */
  timeMsOf?: (scenario: Scenario) => number;
  outDir: string | null;
  /** How `kmc replay --assignor` names the module (the module path as given). */
  modulePath: string;
  onScenario?: (scenario: Scenario) => void;
  onProgress?: CheckOptions['onProgress'];
}

export interface AssignorScenarioResult {
  /** The built-in scenario. */
  scenario: string;
  /** Its expectation with the built-in assignors (what the plugin may show). */
  expect: Scenario['expect'];
  /** partition.assignment.strategy of the runs. */
  strategy: string;
  /** `passed`: no property outside the expectation was violated and no call broke a rule. */
  verdict: 'passed' | 'violated';
  /** Violated properties the expectation does not allow (checker/verdict.ts: role 'unexpected'). */
  unexpected: string[];
  /** A rule the plugin broke when a group leader called it (the run stopped there). */
  callViolation: AssignorViolation | null;
  result: ScenarioResult;
}

/**
 * Passes each assign() through; remembers the first rule broken (the model's run ends there).
 * Also holds the plugin to determinism across the whole scenario: kmc re-executes runs (to shrink
 * and replay them), so a leader's input seen before must get the same assignment again; one that
 * does not breaks `nondeterministic` here, at the call, rather than surfacing later as a run that
 * does not reproduce.
 */
function recording(assignor: Assignor, broken: AssignorViolation[]): Assignor {
  const answers = new Map<string, string>();
  return {
    name: assignor.name,
    supportedProtocols: assignor.supportedProtocols,
    ...(assignor.balanced === undefined ? {} : { balanced: assignor.balanced }),
    assign(input: AssignorInput): AssignorOutput {
      try {
        const output = assignor.assign(input);
        const key = JSON.stringify(input);
        const answer = JSON.stringify(output);
        const earlier = answers.get(key);
        if (earlier === undefined) answers.set(key, answer);
        else if (earlier !== answer) {
          throw new AssignorPluginError(violationOf(assignor.name, input, { rule: 'nondeterministic', detail: `the same leader input was assigned ${earlier} earlier and ${answer} now` }));
        }
        return output;
      } catch (thrown) {
        if (thrown instanceof AssignorPluginError && broken.length === 0) broken.push(thrown.violation);
        throw thrown;
      }
    },
  };
}

function slug(text: string): string {
  const safe = text.replace(/[^A-Za-z0-9_.-]+/g, '_');
  return safe === '' ? 'plugin' : safe;
}

/**
 * checkScenario, except that a plugin rule broken while kmc re-executed a run (to shrink or show
 * it: a nondeterministic plugin answers differently the second time) ends the scenario with that
 * call as its finding instead of an exception about a run that did not reproduce.
 */
function checkOrCallViolation(planned: Scenario, options: CheckOptions, deps: CheckDeps, broken: readonly AssignorViolation[]): ScenarioResult {
  try {
    return checkScenario(planned, options, deps);
  } catch (thrown) {
    if (broken.length === 0) throw thrown;
    return {
      name: planned.name,
      title: planned.title,
      config: {},
      expect: planned.expect,
      verdict: 'unexpected',
      status: 'violated',
      engine: options.engine ?? planned.budget.engine,
      seed: options.seed ?? planned.seed,
      runs: 0,
      events: 0,
      violations: [],
      durationMs: 0,
      internalError: null,
    };
  }
}

/** One scenario with the plugin as the leader's assignor (`timeMs`: its wall budget). */
export function checkAssignorScenario(
  assignor: Assignor,
  scenario: Scenario,
  options: Omit<ScenarioCheckOptions, 'timeMsOf' | 'onScenario'> & { timeMs?: number },
  depsWith: GroupDepsWith,
): AssignorScenarioResult {
  const strategy = pluginStrategy(assignor, options.protocol);
  const broken: AssignorViolation[] = [];
  const deps = depsWith([recording(assignor, broken)]);
  const planned: Scenario = { ...scenario, name: `${scenario.name}.assignor-${slug(assignor.name)}`, config: { ...scenario.config, 'partition.assignment.strategy': strategy } };
  const checkOptions: CheckOptions = { outDir: options.outDir, onProgress: options.onProgress };
  if (options.seed !== undefined) checkOptions.seed = options.seed;
  if (options.runs !== undefined) checkOptions.runs = options.runs;
  if (options.timeMs !== undefined) checkOptions.timeMs = options.timeMs;
  const checked = checkOrCallViolation(planned, checkOptions, deps, broken);
  const replayWith = ` --assignor ${options.modulePath}`;
  const result: ScenarioResult = {
    ...checked,
    // Only this run's check-assignor knows these scenarios: the file, with the module, is the replay.
    violations: checked.violations.map((violation) => ({ ...violation, replay: violation.file !== null ? `${violation.replay}${replayWith}` : violation.replay, replayBySeed: null })),
    // A rule the plugin broke is its finding, not a kmc bug.
    internalError: broken.length > 0 ? null : checked.internalError,
  };
  const unexpected = [...new Set(result.violations.filter((violation) => violationRole(scenario.expect, violation) === 'unexpected').map((violation) => violation.property))];
  const callViolation = broken[0] ?? null;
  return {
    scenario: scenario.name,
    expect: scenario.expect,
    strategy,
    verdict: unexpected.length === 0 && callViolation === null && result.internalError === null ? 'passed' : 'violated',
    unexpected,
    callViolation,
    result,
  };
}

/** Runs the scenarios of the chosen protocol with the plugin as the leader's assignor. */
export function runAssignorScenarios(assignor: Assignor, scenarios: readonly Scenario[], options: ScenarioCheckOptions, depsWith: GroupDepsWith): AssignorScenarioResult[] {
  const results: AssignorScenarioResult[] = [];
  for (const scenario of scenariosOfProtocol(scenarios, options.protocol)) {
    options.onScenario?.(scenario);
    const timeMs = options.timeMsOf?.(scenario);
    results.push(checkAssignorScenario(assignor, scenario, { ...options, ...(timeMs === undefined ? {} : { timeMs }) }, depsWith));
  }
  return results;
}
