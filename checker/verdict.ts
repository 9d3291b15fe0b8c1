/**
 * A scenario's expectation and the verdict on it. `hold`: no violation of any property. A list:
 * at least one violation of each listed property, and none of a property Kafka guarantees under
 * the scenario's config. Violations of other properties Kafka does not guarantee there are
 * allowed: they are the usual companions of the expected one (a lost write also shows as
 * unseen, inconsistent-offsets, leader-completeness) and are reported as "also found". A --set
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

/** What the verdict needs to know of a violation. */
export interface ViolationSeen {
  property: string;
  /** Whether Kafka guarantees the property under the run's config. */
  guaranteed: boolean;
}

/** How a violation stands against the expectation: expected, allowed beside it, or unexpected. */
export function violationRole(expect: Expectation, violation: ViolationSeen): 'expected' | 'also-found' | 'unexpected' {
  if (expect === 'hold') return 'unexpected';
  if (expect.includes(violation.property)) return 'expected';
  return violation.guaranteed ? 'unexpected' : 'also-found';
}

export function verdictFor(expect: Expectation, violations: readonly ViolationSeen[], internalError: boolean): 'as-expected' | 'unexpected' {
  if (internalError) return 'unexpected';
  if (expect === 'hold') return violations.length === 0 ? 'as-expected' : 'unexpected';
  const allFound = expect.every((property) => violations.some((v) => v.property === property));
  const noneUnexpected = violations.every((v) => violationRole(expect, v) !== 'unexpected');
  return allFound && noneUnexpected ? 'as-expected' : 'unexpected';
}
