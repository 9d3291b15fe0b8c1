/**
 * `--scenario NAME|FILE`: a built-in scenario by name, or a scenario file (a path that ends in
 * .json or exists on disk), loaded and validated by scenarios/file.ts.
 */
import { existsSync } from 'node:fs';
import { loadScenarioFile } from '../scenarios/file.ts';
import { didYouMean } from '../scenarios/nearestName.ts';
import type { Scenario } from '../scenarios/scenario.ts';
import type { CliDeps } from './deps.ts';
import { UsageError } from './usageError.ts';

/** A scenario, and how the command line named it (for the replay commands the engines print). */
export interface ResolvedScenario {
  scenario: Scenario;
  ref: string;
}

export function isScenarioFileArg(arg: string): boolean {
  return arg.endsWith('.json') || existsSync(arg);
}

/** Every `--scenario` argument in order, or every built-in scenario when there is none. */
export async function resolveScenarioArgs(args: readonly string[], deps: CliDeps): Promise<ResolvedScenario[]> {
  if (args.length === 0) return (await deps.loadScenarios()).map((scenario) => ({ scenario, ref: scenario.name }));
  const scenarios: ResolvedScenario[] = [];
  const argOfName = new Map<string, string>();
  for (const arg of new Set(args)) {
    const scenario = await resolveScenarioArg(arg, deps);
    const earlier = argOfName.get(scenario.name);
    if (earlier !== undefined) {
      throw new UsageError(`--scenario ${arg}: scenario "${scenario.name}" is also given by --scenario ${earlier}; names must differ (counterexample files are named after them)`);
    }
    argOfName.set(scenario.name, arg);
    scenarios.push({ scenario, ref: arg });
  }
  return scenarios;
}

export async function resolveScenarioArg(arg: string, deps: CliDeps): Promise<Scenario> {
  if (arg === '') throw new UsageError('--scenario: the name is empty');
  if (isScenarioFileArg(arg)) return loadScenarioFile(arg, await deps.loadPropertyNames());
  const builtins = await deps.loadScenarios();
  const found = builtins.find((s) => s.name === arg);
  if (found) return found;
  const names = builtins.map((s) => s.name);
  throw new UsageError(`--scenario ${arg}: unknown scenario${didYouMean(arg, names)} (kmc scenarios lists them; a scenario file must end in .json)`);
}
