/**
 * The judge for the cluster model: state invariants after every step; final-state properties and
 * history properties at the end of a run (which only a run that healed and settled reaches). Findings carry the first cases (bounded) and the prose for the first one.
 *
 * afterStep runs after every model step, so its no-violation path allocates nothing: it returns
 * a shared, frozen empty array. Callers must not push into a returned Finding[].
 *
 * Incrementally: once a full check of a state found nothing, the next one asks only about the
 * partitions the steps since touched (model/cluster/touched.ts: a case about a partition depends
 * on nothing else but where the brokers stand, which touches every partition). When one of them
 * has a case, or everything was touched, or the state is not watched (a clone, a state built by
 * hand), it checks in full, so what it reports is exactly what the full check reports. One
 * incremental judge per state: the judge restarts the state's record of touches after each step.
 */
import type { ClusterState } from '../model/cluster/types.ts';
import type { KmcConfig } from '../model/config.ts';
import type { Finding, Judge } from '../checker/judge.ts';
import { FINAL_STATE_PROPERTIES, HISTORY_PROPERTIES, STATE_PROPERTIES } from './catalogue.ts';
import { collectFindings } from './findings.ts';
import type { Case, Property } from './property.ts';
import { livenessGuarantee } from './livenessGuarantee.ts';
import { touchesOf, watchTouches } from '../model/cluster/touched.ts';
import { NO_FINDINGS } from './findings.ts';

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

/** Whether some state property has a case about one of `partitions`. */
function anyCaseAt(state: ClusterState, partitions: readonly number[]): boolean {
  for (const partition of partitions) for (const property of STATE_PROPERTIES) if (property.hasCaseAt(state, partition)) return true;
  return false;
}

export interface ClusterJudgeOptions {
  /** Check every partition after every step (default false: only what a step touched, see above). */
  fullScan?: boolean;
}

/** Binds the property catalogue to the cluster model; guarantees are judged once, for `config`. */
export function createClusterJudge(config: KmcConfig, options: ClusterJudgeOptions = {}): Judge<ClusterState> {
  const stateGuarantees = STATE_PROPERTIES.map((p) => p.guaranteedWhen(config));
  const finalGuarantees = FINAL_STATE_PROPERTIES.map((p) => p.guaranteedWhen(config));
  const historyGuarantees = HISTORY_PROPERTIES.map((p) => p.guaranteedWhen(config));
  const checkState = (state: ClusterState): Finding[] => collectFindings(STATE_PROPERTIES, stateGuarantees, (p) => excused(p, p.check(state), state));
  /** States whose last full or incremental check found nothing. */
  const clean = new WeakSet<ClusterState>();
  return {
    afterStep(state: ClusterState): Finding[] {
      if (options.fullScan) return checkState(state);
      const touches = touchesOf(state);
      const quiet = touches !== null && !touches.all && clean.has(state) && !anyCaseAt(state, touches.partitions);
      watchTouches(state);
      if (quiet) return NO_FINDINGS;
      const findings = checkState(state);
      if (findings.length === 0) clean.add(state);
      else clean.delete(state);
      return findings;
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
