/**
 * The judge for the group model: state invariants after every step, history properties at the
 * end of a run, through the shared properties/findings.ts.
 */
import type { Finding, Judge } from '../../checker/judge.ts';
import type { KmcConfig } from '../../model/config.ts';
import type { GroupModelState } from '../../model/group/types.ts';
import { collectFindings } from '../findings.ts';
import { assignmentComplete } from './assignmentComplete.ts';
import { GROUP_HISTORY_PROPERTIES, GROUP_STATE_PROPERTIES } from './catalogue.ts';

/** Binds the group catalogue to the group model; guarantees are judged once, for `config`. */
export function createGroupJudge(config: KmcConfig): Judge<GroupModelState> {
  const stateGuarantees = GROUP_STATE_PROPERTIES.map((p) => p.guaranteedWhen(config));
  const historyGuarantees = GROUP_HISTORY_PROPERTIES.map((p) => p.guaranteedWhen(config));
  const completeGuarantee = assignmentComplete.guaranteedWhen(config);
  return {
    afterStep(state: GroupModelState): Finding[] {
      return collectFindings(GROUP_STATE_PROPERTIES, stateGuarantees, (p) => p.check(state));
    },
    atEnd(state: GroupModelState): Finding[] {
      // Informational properties (consumer-lag) are judged only when model.report asks for them.
      const findings = collectFindings(GROUP_HISTORY_PROPERTIES, historyGuarantees, (p) => (p.informational && !config['model.report'].includes(p.name) ? [] : p.check(state)));
      return findings.length ? findings : [];
    },
    // Under the timeliness the model assumes, a group settles once faults heal, unless a partition
    // can be left without an owner for good (assignment-complete's KIP-814 case): then it is never
    // consumed to its end.
    livenessGuarantee: () => (completeGuarantee.guaranteed ? { guaranteed: true, because: null } : { guaranteed: false, because: completeGuarantee.because }),
  };
}
