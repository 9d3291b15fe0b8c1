/**
 * Looking a scenario up by name, with the nearest known name suggested when there is none.
 */
import type { Scenario } from './scenario.ts';
import { didYouMean } from './nearestName.ts';

/** No scenario has the name asked for. Bad input: the CLI maps it to exit 2. */
export class UnknownScenarioError extends Error {
  readonly scenario: string;
  constructor(scenario: string, known: readonly string[]) {
    super(`unknown scenario "${scenario}"${didYouMean(scenario, known)}`);
    this.name = 'UnknownScenarioError';
    this.scenario = scenario;
  }
}

export function findScenario(name: string, scenarios: readonly Scenario[]): Scenario {
  const found = scenarios.find((s) => s.name === name);
  if (!found) throw new UnknownScenarioError(name, scenarios.map((s) => s.name));
  return found;
}
