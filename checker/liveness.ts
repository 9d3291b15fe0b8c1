/**
 * Liveness findings of the run shape itself (TigerBeetle's liveness mode): once every fault is
 * healed, the model must settle and the final read must finish within named bounds. These are
 * findings, like property violations, with their own stable names.
 */
import type { Finding, Judge } from './judge.ts';

export const DID_NOT_SETTLE = 'did-not-settle';
export const FINAL_READ_INCOMPLETE = 'final-read-incomplete';
export const LIVENESS_PROPERTIES: readonly string[] = [DID_NOT_SETTLE, FINAL_READ_INCOMPLETE];

/**
 * Why a phase ended unfinished: nothing non-fault was enabled ('stuck'); the model's own bound in
 * virtual time ran out ('time', Model.settleWithinMs); the clock stood still for too many events
 * ('instant': a loop at one virtual instant, which no Kafka timeout ends); or the phase's step
 * bound ran out ('steps').
 */
export type StallReason = 'stuck' | 'time' | 'instant' | 'steps';

export interface StallDetail {
  /** Step at which the phase began (after the heal, or when the final read started). */
  phaseStartStep: number;
  /** Events the phase took. */
  phaseSteps: number;
  phaseStepsMax: number;
  /** True when nothing non-fault was enabled (stuck); false when a bound ran out (livelock). */
  stuck: boolean;
  nowMs: number;
  /** Descriptions of the last few events, oldest first. */
  recent: string[];
  /** Which bound ended the phase (absent: 'stuck' or 'steps', as `stuck` says). */
  reason?: StallReason;
  /** Virtual time the phase began at. */
  phaseStartMs?: number;
  /** The phase's bound in virtual time (Model.settleWithinMs), or null when it has none. */
  phaseTimeMsMax?: number | null;
  /** Events taken at the last virtual instant, and their bound. */
  instantSteps?: number;
  instantStepsMax?: number;
}

function reasonOf(detail: StallDetail): StallReason {
  return detail.reason ?? (detail.stuck ? 'stuck' : 'steps');
}

function tail(detail: StallDetail): string {
  return detail.recent.length ? ` The last events were: ${detail.recent.map((d) => `"${d}"`).join(', ')}.` : '';
}

/** Virtual time the phase took. */
function elapsedMs(detail: StallDetail): number {
  return detail.nowMs - (detail.phaseStartMs ?? 0);
}

/** How the phase's events ran out, as the end of "The engine then took ...". */
function howItRanOut(detail: StallDetail, what: string): string {
  switch (reasonOf(detail)) {
    case 'time':
      return `The engine then took the first enabled non-fault event ${detail.phaseSteps} times, over ${elapsedMs(detail)}ms of virtual time (bound ${detail.phaseTimeMsMax}ms: the timeouts of this config, with room to spare), and ${what}.`;
    case 'instant':
      return `The engine then took the first enabled non-fault event ${detail.phaseSteps} times, the last ${detail.instantSteps} of them at virtual time ${detail.nowMs}ms without the clock moving (bound ${detail.instantStepsMax}): a loop that no timeout ends, and ${what}.`;
    case 'steps':
    case 'stuck':
      return `The engine then took the first enabled non-fault event ${detail.phaseSteps} times (to virtual time ${detail.nowMs}ms) and ${what}.`;
  }
}

export function didNotSettle(detail: StallDetail): Finding {
  const reason = reasonOf(detail);
  const summary =
    reason === 'stuck'
      ? `not settled and no non-fault event enabled, ${detail.phaseSteps} events after the heal`
      : reason === 'time'
        ? `not settled ${elapsedMs(detail)}ms after the heal (bound ${detail.phaseTimeMsMax}ms of virtual time)`
        : reason === 'instant'
          ? `not settled: ${detail.instantSteps} events at ${detail.nowMs}ms without the clock moving (bound ${detail.instantStepsMax})`
          : `not settled after ${detail.phaseSteps} events of the settle phase (bound ${detail.phaseStepsMax})`;
  const how =
    reason === 'stuck'
      ? `After ${detail.phaseSteps} more events (virtual time ${detail.nowMs}ms) no non-fault event was enabled, yet the model was not settled: nothing could make progress.`
      : howItRanOut(detail, 'the model still was not settled');
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
  const reason = reasonOf(detail);
  const summary =
    reason === 'stuck'
      ? `final read stuck: no non-fault event enabled ${detail.phaseSteps} events after it started`
      : reason === 'time'
        ? `final read not done ${elapsedMs(detail)}ms after it started (bound ${detail.phaseTimeMsMax}ms of virtual time)`
        : reason === 'instant'
          ? `final read not done: ${detail.instantSteps} events at ${detail.nowMs}ms without the clock moving (bound ${detail.instantStepsMax})`
          : `final read not done after ${detail.phaseSteps} events (bound ${detail.phaseStepsMax})`;
  const how =
    reason === 'stuck' || reason === 'steps'
      ? `after ${detail.phaseSteps} events (virtual time ${detail.nowMs}ms) it had not completed${reason === 'stuck' ? ' and nothing non-fault was enabled' : ''}.`
      : `it had not completed. ${howItRanOut(detail, 'it still was not done')}`;
  return {
    property: FINAL_READ_INCOMPLETE,
    doc: 'Once the system has settled, the final read completes.',
    cases: [{ property: FINAL_READ_INCOMPLETE, summary, data: { ...detail } }],
    guaranteed: true,
    because: null,
    explanation: `The final read started at step ${detail.phaseStartStep} on a settled system, but ${how}${tail(detail)}`,
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
