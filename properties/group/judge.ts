/**
 * The judge for the group model: state invariants after every step, history properties at the
 * end of a run, through the shared properties/findings.ts.
 */
import type { Finding, Judge } from '../../checker/judge.ts';
import type { KmcConfig } from '../../model/config.ts';
import type { GroupModelState } from '../../model/group/types.ts';
import { collectFindings } from '../findings.ts';
import { assignmentComplete } from './assignmentComplete.ts';
import { assignmentValid } from './assignmentValid.ts';
import { GROUP_HISTORY_PROPERTIES, GROUP_STATE_PROPERTIES } from './catalogue.ts';

/** Binds the group catalogue to the group model; guarantees are judged once, for `config`. */
export function createGroupJudge(config: KmcConfig): Judge<GroupModelState> {
  const stateGuarantees = GROUP_STATE_PROPERTIES.map((p) => p.guaranteedWhen(config));
  const historyGuarantees = GROUP_HISTORY_PROPERTIES.map((p) => p.guaranteedWhen(config));
  const livenessGuarantee = groupLivenessGuarantee(config);
  return {
    afterStep(state: GroupModelState): Finding[] {
      return collectFindings(GROUP_STATE_PROPERTIES, stateGuarantees, (p) => p.check(state));
    },
    atEnd(state: GroupModelState): Finding[] {
      // Informational properties (consumer-lag) are judged only when model.report asks for them.
      const findings = collectFindings(GROUP_HISTORY_PROPERTIES, historyGuarantees, (p) => (p.informational && !config['model.report'].includes(p.name) ? [] : p.check(state)));
      return findings.length ? findings : [];
    },
    livenessGuarantee: () => livenessGuarantee,
  };
}

/**
 * Under the timeliness the model assumes, a group settles once faults heal, unless a partition can
 * be left without an owner for good (assignment-complete's static-member cases), or a static
 * process can be fenced by its own stale registration: a static member that restarts while its
 * group rebalances is written to __consumer_offsets only once the group is Stable again, so a
 * coordinator move in between brings its old member id back and its next request is answered
 * FENCED_INSTANCE_ID (ClassicGroup.validateMember): the process exits for good.
 */
export function groupLivenessGuarantee(config: KmcConfig): { guaranteed: boolean; because: string | null } {
  const reasons: string[] = [];
  const complete = assignmentComplete.guaranteedWhen(config);
  if (!complete.guaranteed) reasons.push(complete.because);
  if (!assignmentValid.guaranteedWhen(config).guaranteed) {
    reasons.push('an assignor that hands members topics they do not subscribe to (assignment-valid is not promised): the Java consumer refuses such an assignment and rejoins (checkAssignmentMatchedSubscription), and the same assignor assigns the same again, so the group rebalances for ever');
  }
  const moves = config['model.group.faults'].filter((f) => f === 'failover' || f === 'broker-crash');
  if (config['model.group.instance.ids'] !== 'none' && moves.length > 0) {
    reasons.push(`static members with model.group.faults including ${moves.join(', ')}: a static member that restarted during a rebalance is not yet in __consumer_offsets, so after a coordinator move its own old member id fences it (FENCED_INSTANCE_ID) and the process exits`);
  }
  return reasons.length === 0 ? { guaranteed: true, because: null } : { guaranteed: false, because: reasons.join('; ') };
}
