/**
 * One run of a model, in Jepsen's shape:
 *   (a) fault phase: a chooser picks each event from model.enabled(state), up to stepsMax events;
 *   (b) heal and settle: model.healEvents(state) in order, then the FIRST enabled non-fault event,
 *       again and again, until model.settled(state) (bounded: "did-not-settle" otherwise);
 *   (c) final read: model.finalReadEvent(state), then the first enabled non-fault event until
 *       model.finalReadDone(state) (bounded: "final-read-incomplete" otherwise).
 * judge.afterStep runs after every step and the run stops at the first finding; judge.atEnd runs
 * once the final read is done. A run is fully determined by (config, seed, choices).
 */
import type { Model, ModelEvent } from '../model/kernel/model.ts';
import type { TraceStep } from '../model/kernel/trace.ts';
import { ModelAssertionError } from '../model/kernel/assert.ts';
import type { Finding, Judge } from './judge.ts';
import { resolveRunLimits, type RunLimits } from './limits.ts';
import { didNotSettle, finalReadIncomplete, type StallDetail } from './liveness.ts';
import { toInternalError, type InternalError } from './internalError.ts';

export type RunPhase = 'fault' | 'heal' | 'settle' | 'final-read' | 'end';

/**
 * Picks the next fault-phase event among `enabled` (never empty), or null to end the fault
 * phase. `faultStep` is the 0-based index of the event within the fault phase.
 */
export type Chooser<S, E> = (enabled: readonly E[], state: S, faultStep: number) => E | null;

export interface RunSpec<S, E extends ModelEvent, C> {
  model: Model<S, E, C>;
  config: C;
  /** The seed given to model.init. */
  seed: string;
  judge: Judge<S>;
  /** Most events in the fault phase. */
  stepsMax: number;
  limits?: Partial<RunLimits>;
}

export interface RunResult<E extends ModelEvent> {
  /** The seed given to model.init. */
  seed: string;
  /** Every executed step, 1-based, in order: fault phase, heal, settle, final read. */
  trace: TraceStep<E>[];
  /** The events the fault phase executed (a prefix of the trace's events). */
  faultEvents: E[];
  /** The first findings (all of one step, or of the end); empty when the run passed. */
  findings: Finding[];
  /** Steps executed when the findings were made (the last step for end-of-run findings). */
  findingStep: number | null;
  /** The phase the run was in when it stopped ('end' when it ran to completion). */
  phase: RunPhase;
  internalError: InternalError | null;
}

/** Number of recent event descriptions a liveness finding quotes. */
const RECENT_EVENTS_QUOTED = 5;

/** A model state being driven step by step, with its trace. */
export class Execution<S, E extends ModelEvent> {
  readonly trace: TraceStep<E>[] = [];
  phase: RunPhase = 'fault';
  /** True while a judge looks at the state of the last step. */
  private judging = false;

  constructor(
    readonly model: Model<S, E, unknown>,
    readonly judge: Judge<S>,
    readonly state: S,
  ) {}

  /** Steps executed so far. */
  get steps(): number {
    return this.trace.length;
  }

  /** Describes the event (before it happens), applies it, records it, and judges the new state. */
  apply(event: E): Finding[] {
    const description = this.model.describe(event, this.state);
    this.model.step(this.state, event);
    this.trace.push({ index: this.trace.length + 1, timeMs: this.model.nowMs(this.state), event, description });
    return this.judged(() => this.judge.afterStep(this.state));
  }

  /** Runs a judge on the current state (so an exception in it is placed at the last step). */
  judged(check: () => Finding[]): Finding[] {
    this.judging = true;
    const findings = check();
    this.judging = false;
    return findings;
  }

  /** The step an exception belongs to: the last step while judging it, else the next one. */
  errorStep(): number {
    return this.judging ? this.trace.length : this.trace.length + 1;
  }

  /** The first enabled event that is not a fault, or null. */
  firstNonFault(): E | null {
    for (const event of this.model.enabled(this.state)) if (!this.model.isFault(event)) return event;
    return null;
  }

  recentDescriptions(): string[] {
    return this.trace.slice(-RECENT_EVENTS_QUOTED).map((s) => s.description);
  }
}

/** Phase (a): events chosen by `choose`, up to stepsMax. Returns the first findings, if any. */
export function runFaultPhase<S, E extends ModelEvent>(exec: Execution<S, E>, choose: Chooser<S, E>, stepsMax: number, faultEvents: E[]): Finding[] {
  exec.phase = 'fault';
  for (let faultStep = 0; faultStep < stepsMax; faultStep++) {
    const enabled = exec.model.enabled(exec.state);
    if (enabled.length === 0) return [];
    const event = choose(enabled, exec.state, faultStep);
    if (event === null) return [];
    faultEvents.push(event);
    const findings = exec.apply(event);
    if (findings.length > 0) return findings;
  }
  return [];
}

/** Runs non-fault events until `done` holds; a stall or an exhausted bound is a liveness finding. */
function runUntil<S, E extends ModelEvent>(
  exec: Execution<S, E>,
  done: () => boolean,
  stepsMax: number,
  stalled: (detail: StallDetail) => Finding,
): Finding[] {
  const phaseStartStep = exec.steps;
  for (let phaseSteps = 0; !done(); phaseSteps++) {
    const event = phaseSteps < stepsMax ? exec.firstNonFault() : null;
    if (event === null) {
      const detail = { phaseStartStep, phaseSteps, phaseStepsMax: stepsMax, stuck: phaseSteps < stepsMax, nowMs: exec.model.nowMs(exec.state), recent: exec.recentDescriptions() };
      return [stalled(detail)];
    }
    const findings = exec.apply(event);
    if (findings.length > 0) return findings;
  }
  return [];
}

/**
 * Phases (b) and (c) and the end-of-run judgement, from the execution's current state: heal,
 * settle, final read, judge.atEnd. Deterministic: no choice is made. Returns the first findings.
 */
export function completeRun<S, E extends ModelEvent>(exec: Execution<S, E>, limitsGiven?: Partial<RunLimits>): Finding[] {
  const limits = resolveRunLimits(limitsGiven);
  const { model, state } = exec;

  exec.phase = 'heal';
  const heal = model.healEvents(state);
  if (heal.length > limits.healEventsMax) {
    throw new ModelAssertionError(`healEvents returned ${heal.length} events, more than healEventsMax=${limits.healEventsMax}`);
  }
  for (const event of heal) {
    const findings = exec.apply(event);
    if (findings.length > 0) return findings;
  }

  exec.phase = 'settle';
  const settleFindings = runUntil(exec, () => model.settled(state), limits.settleStepsMax, didNotSettle);
  if (settleFindings.length > 0) return settleFindings;

  exec.phase = 'final-read';
  const start = model.finalReadEvent(state);
  if (start !== null) {
    const findings = exec.apply(start);
    if (findings.length > 0) return findings;
  }
  const readFindings = runUntil(exec, () => model.finalReadDone(state), limits.finalReadStepsMax, finalReadIncomplete);
  if (readFindings.length > 0) return readFindings;

  exec.phase = 'end';
  return exec.judged(() => exec.judge.atEnd(state));
}

/** Runs the model once: fault phase driven by `choose`, then the deterministic completion. */
export function runModel<S, E extends ModelEvent, C>(spec: RunSpec<S, E, C>, choose: Chooser<S, E>): RunResult<E> {
  const faultEvents: E[] = [];
  let exec: Execution<S, E> | null = null;
  const result = (findings: Finding[], internalError: InternalError | null): RunResult<E> => ({
    seed: spec.seed,
    trace: exec?.trace ?? [],
    faultEvents,
    findings,
    findingStep: findings.length > 0 ? (exec?.steps ?? 0) : null,
    phase: exec?.phase ?? 'fault',
    internalError,
  });
  try {
    exec = new Execution(spec.model as Model<S, E, unknown>, spec.judge, spec.model.init(spec.config, spec.seed));
    const faultFindings = runFaultPhase(exec, choose, spec.stepsMax, faultEvents);
    if (faultFindings.length > 0) return result(faultFindings, null);
    return result(completeRun(exec, spec.limits), null);
  } catch (error) {
    return result([], toInternalError(error, exec?.errorStep() ?? 0, spec.seed));
  }
}

/** True when the run's findings include `property`. */
export function hasFinding(run: { findings: readonly Finding[] }, property: string): boolean {
  return run.findings.some((f) => f.property === property);
}
