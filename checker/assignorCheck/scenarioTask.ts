/**
 * One group scenario of `kmc check-assignor` as a task for a worker thread (--workers,
 * checker/parallel/taskPool.ts): the thread loads the plugin by its path (once per thread), builds
 * the group deps from the module that exports `groupDepsWith`, and checks the scenario as the
 * caller would (scenarios.ts checkAssignorScenario). Arguments and result are plain data.
 */
import type { Scenario } from '../api.ts';
import { loadAssignorPlugin, type AssignorPlugin, type LoadAssignorPluginOptions } from '../plugins/assignorPlugin.ts';
import { checkAssignorScenario, type AssignorScenarioResult, type GroupDepsWith, type ScenarioCheckOptions } from './scenarios.ts';

export interface AssignorScenarioTaskArgs {
  modulePath: string;
  load: Pick<LoadAssignorPluginOptions, 'cwd' | 'callTimeoutMs' | 'loadTimeoutMs'>;
  /** A module (URL) exporting `groupDepsWith` (GroupDepsWith). */
  depsModule: string;
  scenario: Scenario;
  options: Pick<ScenarioCheckOptions, 'protocol' | 'seed' | 'runs' | 'outDir' | 'modulePath'> & { timeMs?: number };
}

/** This thread's plugins, by module path and load options. */
const plugins = new Map<string, Promise<AssignorPlugin>>();

export async function checkAssignorScenarioTask(args: AssignorScenarioTaskArgs): Promise<AssignorScenarioResult> {
  const key = JSON.stringify([args.modulePath, args.load]);
  let plugin = plugins.get(key);
  if (plugin === undefined) {
    plugin = loadAssignorPlugin(args.modulePath, args.load);
    plugins.set(key, plugin);
  }
  const { groupDepsWith } = (await import(args.depsModule)) as { groupDepsWith: GroupDepsWith };
  return checkAssignorScenario((await plugin).toAssignor(), args.scenario, args.options, groupDepsWith);
}
