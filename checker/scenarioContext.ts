/**
 * A scenario resolved for one check or explore: its config (scenario.config, then --set), its
 * judge, how the command line names it, and where counterexample files go.
 */
import type { AnyModel } from '../model/kernel/model.ts';
import { configToRecord, resolveConfigWith, userConfigKeys, type KmcConfig } from '../model/config.ts';
import type { CheckDeps, Scenario } from './api.ts';
import type { Judge } from './judge.ts';

/** The default directory for counterexample files. */
export const OUT_DIR_DEFAULT = 'kmc-out';

export interface ScenarioContext {
  scenario: Scenario;
  /** How the command line names the scenario (a name or a file path). */
  scenarioRef: string;
  set: Record<string, string>;
  config: KmcConfig;
  configRecord: Record<string, string | number | boolean>;
  /** The keys the scenario and --set gave (the rest are defaults, per model.kafka.version where it decides). */
  userConfigKeys: string[];
  model: AnyModel;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  judge: Judge<any>;
  stepsMax: number;
  /** null: write no files. */
  outDir: string | null;
}

/** Throws ConfigError (exit 2) when the scenario's config or a --set override is invalid. */
export function scenarioContext(
  scenario: Scenario,
  options: { set?: Record<string, string>; outDir?: string | null; scenarioRef?: string },
  deps: CheckDeps,
): ScenarioContext {
  const set = options.set ?? {};
  const config = resolveConfigWith(deps.configExtensions ?? {}, scenario.config, set);
  return {
    scenario,
    scenarioRef: options.scenarioRef ?? scenario.name,
    set,
    config,
    configRecord: configToRecord(config),
    userConfigKeys: [...(userConfigKeys(config) ?? [])],
    model: deps.model,
    judge: deps.judgeFor(config),
    stepsMax: scenario.budget.stepsMax,
    outDir: options.outDir === undefined ? OUT_DIR_DEFAULT : options.outDir,
  };
}
