/**
 * The judge for the cluster model: state invariants after every step, history properties at the
 * end of a run. Findings carry the first cases (bounded) and the prose for the first one.
 *
 * afterStep runs after every model step, so its no-violation path allocates nothing: it returns
 * a shared, frozen empty array. Callers must not push into a returned Finding[].
 */
import type { ClusterState } from '../model/cluster/types.ts';
import type { KmcConfig } from '../model/config.ts';
import type { Finding, Judge } from '../checker/judge.ts';
import type { Case, Guarantee, Property } from './property.ts';
import { HISTORY_PROPERTIES, STATE_PROPERTIES } from './catalogue.ts';
import { livenessGuarantee } from './livenessGuarantee.ts';

/** Most cases a finding carries; the explanation counts the rest. */
export const FINDING_CASES_MAX = 8;

const NO_FINDINGS: Finding[] = Object.freeze([]) as unknown as Finding[];

function toFinding(property: Property, guarantee: Guarantee, cases: Case[]): Finding {
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

/** Binds the property catalogue to the cluster model; guarantees are judged once, for `config`. */
export function createClusterJudge(config: KmcConfig): Judge<ClusterState> {
  const stateGuarantees = STATE_PROPERTIES.map((p) => p.guaranteedWhen(config));
  const historyGuarantees = HISTORY_PROPERTIES.map((p) => p.guaranteedWhen(config));
  return {
    afterStep(state: ClusterState): Finding[] {
      let findings: Finding[] | null = null;
      for (let i = 0; i < STATE_PROPERTIES.length; i++) {
        const cases = STATE_PROPERTIES[i].check(state);
        if (cases.length === 0) continue;
        (findings ??= []).push(toFinding(STATE_PROPERTIES[i], stateGuarantees[i], cases));
      }
      return findings ?? NO_FINDINGS;
    },
    atEnd(state: ClusterState): Finding[] {
      const findings: Finding[] = [];
      for (let i = 0; i < HISTORY_PROPERTIES.length; i++) {
        if (HISTORY_PROPERTIES[i].informational && !config['model.report'].includes(HISTORY_PROPERTIES[i].name)) continue;
        const cases = HISTORY_PROPERTIES[i].check(state.history, state.config);
        if (cases.length > 0) findings.push(toFinding(HISTORY_PROPERTIES[i], historyGuarantees[i], cases));
      }
      return findings;
    },
    livenessGuarantee: () => livenessGuarantee(config),
  };
}
