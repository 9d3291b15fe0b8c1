/**
 * Turning a property's cases into engine findings, shared by every model's judge: bounded cases,
 * the prose of the first, and the property's guarantee under the run's config.
 */
import type { Finding } from '../checker/judge.ts';
import type { Case, Guarantee } from './property.ts';

/** Most cases a finding carries; the explanation counts the rest. */
export const FINDING_CASES_MAX = 8;

/** The shared, frozen empty result: the no-violation path allocates nothing. Never push into it. */
export const NO_FINDINGS: Finding[] = Object.freeze([]) as unknown as Finding[];

/** What a judge needs of a property to report it. */
export interface ReportedProperty {
  name: string;
  doc: string;
  explain(c: Case): string;
}

export function toFinding(property: ReportedProperty, guarantee: Guarantee, cases: Case[]): Finding {
  if (guarantee.guaranteed) {
    // Cases this run explains (Case.allowedBecause) do not break a guarantee; any other does, and
    // leads. Only when every case is explained is the finding not guaranteed.
    const unexplained = cases.filter((c) => c.allowedBecause === undefined);
    if (unexplained.length === 0) guarantee = { guaranteed: false, because: cases[0].allowedBecause! };
    else if (unexplained.length < cases.length) cases = [...unexplained, ...cases.filter((c) => c.allowedBecause !== undefined)];
  }
  let explanation = property.explain(cases[0]);
  // What this run did that allows the case, when the config already does (else it is the `because`).
  const allowedBecause = cases[0].allowedBecause;
  if (allowedBecause !== undefined && !guarantee.guaranteed && guarantee.because !== allowedBecause) explanation += ` In this run, besides: ${allowedBecause}.`;
  if (cases.length > FINDING_CASES_MAX) explanation += `\n(${cases.length} cases in all; the first ${FINDING_CASES_MAX} are kept.)`;
  else if (cases.length > 1) explanation += `\n(${cases.length} cases in all.)`;
  return {
    property: property.name,
    doc: property.doc,
    cases: cases.slice(0, FINDING_CASES_MAX),
    guaranteed: guarantee.guaranteed,
    because: guarantee.guaranteed ? null : guarantee.because,
    explanation,
  };
}

/** Checks each property (guarantees[i] belongs to properties[i]); NO_FINDINGS when none fires. */
export function collectFindings<P extends ReportedProperty>(properties: readonly P[], guarantees: readonly Guarantee[], check: (property: P) => Case[]): Finding[] {
  let findings: Finding[] | null = null;
  for (let i = 0; i < properties.length; i++) {
    const cases = check(properties[i]);
    if (cases.length === 0) continue;
    (findings ??= []).push(toFinding(properties[i], guarantees[i], cases));
  }
  return findings ?? NO_FINDINGS;
}
