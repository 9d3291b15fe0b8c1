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

/**
 * What a result shows of the replay it is, if it is one: the property its counterexample file
 * recorded, or null for a replay from a seed.
 */
export interface ReplaySeen {
  expected: { property: string } | null;
}

/**
 * The expected properties a result should show and does not. A check searches many runs and
 * must show every one. A replay is one run of them, and is judged as the check judged that run:
 * a counterexample file must show the property it recorded if that is one the scenario expects
 * (the check found the others in other runs); a replay from a seed must show some violation.
 */
export function missingExpected(expect: Expectation, violations: readonly ViolationSeen[], replayed?: ReplaySeen): string[] {
  if (expect === 'hold') return [];
  const shown = (property: string): boolean => violations.some((v) => v.property === property);
  if (replayed === undefined) return expect.filter((property) => !shown(property));
  if (replayed.expected !== null) {
    const recorded = replayed.expected.property;
    return expect.includes(recorded) && !shown(recorded) ? [recorded] : [];
  }
  return violations.length === 0 ? [...expect] : [];
}

export function verdictFor(expect: Expectation, violations: readonly ViolationSeen[], internalError: boolean, replayed?: ReplaySeen): 'as-expected' | 'unexpected' {
  if (internalError) return 'unexpected';
  if (expect === 'hold') return violations.length === 0 ? 'as-expected' : 'unexpected';
  const noneUnexpected = violations.every((v) => violationRole(expect, v) !== 'unexpected');
  return missingExpected(expect, violations, replayed).length === 0 && noneUnexpected ? 'as-expected' : 'unexpected';
}
