/**
 * The judge for the group model: state invariants after every step, history properties at the
 * end of a run. Same shape as properties/judge.ts (the cluster model's).
 */
import type { Finding, Judge } from '../../checker/judge.ts';
import type { KmcConfig } from '../../model/config.ts';
import type { GroupModelState } from '../../model/group/types.ts';
import { FINDING_CASES_MAX } from '../judge.ts';
import type { Case, Guarantee } from '../property.ts';
import { GROUP_HISTORY_PROPERTIES, GROUP_STATE_PROPERTIES } from './catalogue.ts';
import type { GroupProperty } from './groupProperty.ts';

const NO_FINDINGS: Finding[] = Object.freeze([]) as unknown as Finding[];

function toFinding(property: GroupProperty, guarantee: Guarantee, cases: Case[]): Finding {
  let explanation = property.explain(cases[0]);
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

/** Binds the group catalogue to the group model; guarantees are judged once, for `config`. */
export function createGroupJudge(config: KmcConfig): Judge<GroupModelState> {
  const stateGuarantees = GROUP_STATE_PROPERTIES.map((p) => p.guaranteedWhen(config));
  const historyGuarantees = GROUP_HISTORY_PROPERTIES.map((p) => p.guaranteedWhen(config));
  return {
    afterStep(state: GroupModelState): Finding[] {
      let findings: Finding[] | null = null;
      for (let i = 0; i < GROUP_STATE_PROPERTIES.length; i++) {
        const cases = GROUP_STATE_PROPERTIES[i].check(state);
        if (cases.length === 0) continue;
        (findings ??= []).push(toFinding(GROUP_STATE_PROPERTIES[i], stateGuarantees[i], cases));
      }
      return findings ?? NO_FINDINGS;
    },
    atEnd(state: GroupModelState): Finding[] {
      const findings: Finding[] = [];
      for (let i = 0; i < GROUP_HISTORY_PROPERTIES.length; i++) {
        const cases = GROUP_HISTORY_PROPERTIES[i].check(state);
        if (cases.length > 0) findings.push(toFinding(GROUP_HISTORY_PROPERTIES[i], historyGuarantees[i], cases));
      }
      return findings;
    },
    // Under the timeliness the model assumes, a group settles once faults heal.
    livenessGuarantee: () => ({ guaranteed: true, because: null }),
  };
}
