/**
 * A scenario's expectation and the verdict on it. `hold`: no violation of any property.
 * A list: at least one violation of each listed property, and none of any other. A --set
 * override changes the configuration the expectation was written for, so it expects `hold`.
 */
import type { Expectation, Scenario } from '../scenarios/scenario.ts';
import { stopAtFirst } from './search.ts';

export function effectiveExpectation(scenario: Pick<Scenario, 'expect'>, set: Record<string, string> | undefined): Expectation {
  return set && Object.keys(set).length > 0 ? 'hold' : scenario.expect;
}

/** When a search may stop: at the first violation for `hold`, else once every expected property is found. */
export function stopWhenFor(expect: Expectation): (found: ReadonlySet<string>) => boolean {
  if (expect === 'hold') return stopAtFirst;
  return (found) => expect.every((property) => found.has(property));
}

export function verdictFor(expect: Expectation, found: readonly string[], internalError: boolean): 'as-expected' | 'unexpected' {
  if (internalError) return 'unexpected';
  if (expect === 'hold') return found.length === 0 ? 'as-expected' : 'unexpected';
  const allFound = expect.every((property) => found.includes(property));
  const noneOther = found.every((property) => expect.includes(property));
  return allFound && noneOther ? 'as-expected' : 'unexpected';
}
