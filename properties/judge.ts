/**
 * The judge for the cluster model: state invariants after every step; final-state properties and
 * history properties at the end of a run (which only a run that healed and settled reaches). Findings carry the first cases (bounded) and the prose for the first one.
 *
 * afterStep runs after every model step, so its no-violation path allocates nothing: it returns
 * a shared, frozen empty array. Callers must not push into a returned Finding[].
 */
import type { ClusterState } from '../model/cluster/types.ts';
import type { KmcConfig } from '../model/config.ts';
import type { Finding, Judge } from '../checker/judge.ts';
import { FINAL_STATE_PROPERTIES, HISTORY_PROPERTIES, STATE_PROPERTIES } from './catalogue.ts';
import { collectFindings } from './findings.ts';
import type { Case, Property } from './property.ts';
import { livenessGuarantee } from './livenessGuarantee.ts';

export { FINDING_CASES_MAX } from './findings.ts';

/** Marks the cases the run excuses (Property.excuse); the no-case path allocates nothing. */
function excused(property: Property, cases: Case[], state: ClusterState): Case[] {
  if (cases.length === 0 || property.excuse === undefined) return cases;
  for (const c of cases) {
    if (c.allowedBecause !== undefined) continue;
    const because = property.excuse(c, state);
    if (because !== undefined) c.allowedBecause = because;
  }
  return cases;
}

/** Binds the property catalogue to the cluster model; guarantees are judged once, for `config`. */
export function createClusterJudge(config: KmcConfig): Judge<ClusterState> {
  const stateGuarantees = STATE_PROPERTIES.map((p) => p.guaranteedWhen(config));
  const finalGuarantees = FINAL_STATE_PROPERTIES.map((p) => p.guaranteedWhen(config));
  const historyGuarantees = HISTORY_PROPERTIES.map((p) => p.guaranteedWhen(config));
  return {
    afterStep(state: ClusterState): Finding[] {
      return collectFindings(STATE_PROPERTIES, stateGuarantees, (p) => excused(p, p.check(state), state));
    },
    atEnd(state: ClusterState): Finding[] {
      // Informational properties (model.report) are judged only when the config asks for them.
      const final = collectFindings(FINAL_STATE_PROPERTIES, finalGuarantees, (p) => excused(p, p.check(state), state));
      const history = collectFindings(HISTORY_PROPERTIES, historyGuarantees, (p) =>
        p.informational && !config['model.report'].includes(p.name) ? [] : excused(p, p.check(state.history, state.config, state), state),
      );
      return final.length || history.length ? [...final, ...history] : [];
    },
    livenessGuarantee: () => livenessGuarantee(config),
  };
}
