/**
 * Liveness findings of the run shape itself (TigerBeetle's liveness mode): once every fault is
 * healed, the model must settle and the final read must finish within named bounds. These are
 * findings, like property violations, with their own stable names.
 */
import type { Finding, Judge } from './judge.ts';

export const DID_NOT_SETTLE = 'did-not-settle';
export const FINAL_READ_INCOMPLETE = 'final-read-incomplete';
export const LIVENESS_PROPERTIES: readonly string[] = [DID_NOT_SETTLE, FINAL_READ_INCOMPLETE];

export interface StallDetail {
  /** Step at which the phase began (after the heal, or when the final read started). */
  phaseStartStep: number;
  /** Events the phase took. */
  phaseSteps: number;
  phaseStepsMax: number;
  /** True when nothing non-fault was enabled (stuck); false when the bound ran out (livelock). */
  stuck: boolean;
  nowMs: number;
  /** Descriptions of the last few events, oldest first. */
  recent: string[];
}

function tail(detail: StallDetail): string {
  return detail.recent.length ? ` The last events were: ${detail.recent.map((d) => `"${d}"`).join(', ')}.` : '';
}

export function didNotSettle(detail: StallDetail): Finding {
  const summary = detail.stuck
    ? `not settled and no non-fault event enabled, ${detail.phaseSteps} events after the heal`
    : `not settled after ${detail.phaseSteps} events of the settle phase (bound ${detail.phaseStepsMax})`;
  const how = detail.stuck
    ? `After ${detail.phaseSteps} more events (virtual time ${detail.nowMs}ms) no non-fault event was enabled, yet the model was not settled: nothing could make progress.`
    : `The engine then took the first enabled non-fault event ${detail.phaseSteps} times (to virtual time ${detail.nowMs}ms) and the model still was not settled.`;
  return {
    property: DID_NOT_SETTLE,
    doc: 'Once every fault is healed, the system settles: requests are answered and replicas catch up.',
    cases: [{ property: DID_NOT_SETTLE, summary, data: { ...detail } }],
    guaranteed: true,
    because: null,
    explanation: `Every fault was healed by step ${detail.phaseStartStep}. ${how}${tail(detail)}`,
  };
}

export function finalReadIncomplete(detail: StallDetail): Finding {
  const summary = detail.stuck
    ? `final read stuck: no non-fault event enabled ${detail.phaseSteps} events after it started`
    : `final read not done after ${detail.phaseSteps} events (bound ${detail.phaseStepsMax})`;
  return {
    property: FINAL_READ_INCOMPLETE,
    doc: 'Once the system has settled, the final read completes.',
    cases: [{ property: FINAL_READ_INCOMPLETE, summary, data: { ...detail } }],
    guaranteed: true,
    because: null,
    explanation: `The final read started at step ${detail.phaseStartStep} on a settled system, but after ${detail.phaseSteps} events (virtual time ${detail.nowMs}ms) it had not completed${detail.stuck ? ' and nothing non-fault was enabled' : ''}.${tail(detail)}`,
  };
}

/** The liveness finding a replay re-derives when a recorded run ends stalled. */
export function stalledAtEnd(property: string, steps: number, nowMs: number): Finding {
  const detail: StallDetail = { phaseStartStep: steps, phaseSteps: 0, phaseStepsMax: 0, stuck: false, nowMs, recent: [] };
  const finding = property === FINAL_READ_INCOMPLETE ? finalReadIncomplete(detail) : didNotSettle(detail);
  const what = property === FINAL_READ_INCOMPLETE ? 'the final read had not completed' : 'the model had not settled';
  return { ...finding, explanation: `The recorded run ends at step ${steps} (virtual time ${nowMs}ms) and ${what}.`, cases: [{ ...finding.cases[0], summary: `${what} when the recorded events ran out` }] };
}

/**
 * A liveness finding judged against the run's config: the judge's livenessGuarantee (when it has
 * one) says whether Kafka promises to settle there. A run and the replay of its counterexample
 * both judge through here, so they agree.
 */
export function judgedLiveness(finding: Finding, judge: Pick<Judge<unknown>, 'livenessGuarantee'>): Finding {
  const promise = judge.livenessGuarantee?.();
  return promise ? { ...finding, guaranteed: promise.guaranteed, because: promise.because } : finding;
}
