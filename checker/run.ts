/**
 * One run of a model, in Jepsen's shape:
 *   (a) fault phase: a chooser picks each event from model.enabled(state), up to stepsMax events;
 *   (b) heal and settle: model.healEvents(state) in order, then the FIRST enabled non-fault event,
 *       again and again, until model.settled(state) (bounded: "did-not-settle" otherwise);
 *   (c) final read: model.finalReadEvent(state), then the first enabled non-fault event until
 *       model.finalReadDone(state) (bounded: "final-read-incomplete" otherwise).
 * judge.afterStep runs after every step; judge.atEnd once the final read is done. A run is fully
 * determined by (config, seed, choices).
 *
 * Findings do not all end a run. A finding Kafka does not promise to prevent under the run's
 * config (finding.guaranteed === false) is recorded — the first finding of each property, with
 * its step — and the run goes on, so that what follows still shows: an unclean election is a
 * leader-completeness finding at the election step, and the lost write it causes is only seen
 * by the final read. The run stops at once on a guaranteed finding (a bug under this config; the
 * liveness findings are guaranteed), on an internal error, or when spec.stopAtProperty is found.
 * A property first found where it is allowed and later where it is guaranteed is recorded as the
 * guaranteed finding, at its own step: a guaranteed violation is never hidden behind an allowed one.
 *
 * Searching is describe-free: a run records its events only. With spec.describe each event is
 * also described (model.describe, before it happens) into the trace; reports re-execute the
 * (minimised) event list that way, which gives the same run since runs are deterministic.
 */
import type { Model, ModelEvent } from '../model/kernel/model.ts';
import type { TraceStep } from '../model/kernel/trace.ts';
import { ModelAssertionError } from '../model/kernel/assert.ts';
import type { Finding, Judge } from './judge.ts';
import { resolveRunLimits, type RunLimits } from './limits.ts';
import { didNotSettle, finalReadIncomplete, judgedLiveness, type StallDetail, type StallReason } from './liveness.ts';
import { toInternalError, type InternalError } from './internalError.ts';

export type RunPhase = 'fault' | 'heal' | 'settle' | 'final-read' | 'end';

/**
 * Picks the next fault-phase event among `enabled` (never empty), or null to end the fault
 * phase. `faultStep` is the 0-based index of the event within the fault phase.
 */
export type Chooser<S, E> = (enabled: readonly E[], state: S, faultStep: number) => E | null;

/**
 * A chooser that looks at the state itself and lists only what it needs (the random engine over
 * Model.enabledEntries), where a Chooser is handed model.enabled(state): the next fault-phase
 * event, or null to end the fault phase (as when nothing is enabled).
 */
export interface StateChooser<S, E> {
  fromState(state: S, faultStep: number): E | null;
}

/** How a run records itself and when it ends early. */
export interface RunRecording {
  /** Describe every event into the trace (reports); off while searching. Default false. */
  describe?: boolean;
  /**
   * End the run as soon as this property is found (shrinking or reporting a finding of it that
   * Kafka does not guarantee against; a guaranteed finding ends a run anyway, so a search for
   * one leaves this unset: stopping at an earlier allowed case of the property would hide it).
   */
  stopAtProperty?: string;
}

export interface RunSpec<S, E extends ModelEvent, C> extends RunRecording {
  model: Model<S, E, C>;
  config: C;
  /** The seed given to model.init. */
  seed: string;
  judge: Judge<S>;
  /** Most events in the fault phase. */
  stepsMax: number;
  limits?: Partial<RunLimits>;
  /**
   * Optional per-step hook (the guided engine's coverage): given the initial state, returns what
   * is called after every step with the new state and the event.
   */
  onStep?: (initial: S) => (state: S, event: E) => void;
}

export interface RunResult<E extends ModelEvent> {
  /** The seed given to model.init. */
  seed: string;
  /** Every executed event, in order: fault phase, heal, settle, final read. */
  events: E[];
  /** With spec.describe: every executed step, 1-based and described. Otherwise empty. */
  trace: TraceStep<E>[];
  /** The events the fault phase executed (a prefix of `events`). */
  faultEvents: E[];
  /** The first finding of every property found, in the order found; empty when the run passed. */
  findings: Finding[];
  /** Per property in `findings`: the steps executed when it was found (the last step for atEnd). */
  findingSteps: Record<string, number>;
  /** The phase the run was in when it stopped ('end' when it ran to completion). */
  phase: RunPhase;
  internalError: InternalError | null;
}

/** Number of recent events a liveness finding quotes. */
const RECENT_EVENTS_QUOTED = 5;

/** A model state being driven step by step, with the events it took and what they showed. */
export class Execution<S, E extends ModelEvent> {
  readonly events: E[] = [];
  /** With `describe`: one described step per event. Otherwise empty. */
  readonly trace: TraceStep<E>[] = [];
  /** The first finding of every property found, in the order found. */
  readonly findings: Finding[] = [];
  /** Steps executed when each property in `findings` was found. */
  private readonly stepOf = new Map<string, number>();
  /** Events of the fault phase (they are the first `faultSteps` events). */
  faultSteps = 0;
  phase: RunPhase = 'fault';
  /** True once the run must end: a guaranteed finding, or the stopAtProperty found. */
  stopped = false;
  /** True while a judge looks at the state of the last step. */
  private judging = false;
  private readonly describing: boolean;
  private readonly stopAtProperty: string | null;
  /** Called after every step (RunSpec.onStep). */
  onStep: ((state: S, event: E) => void) | null = null;

  constructor(
    readonly model: Model<S, E, unknown>,
    readonly judge: Judge<S>,
    readonly state: S,
    recording: RunRecording = {},
  ) {
    this.describing = recording.describe ?? false;
    this.stopAtProperty = recording.stopAtProperty ?? null;
  }

  /** Steps executed so far. */
  get steps(): number {
    return this.events.length;
  }

  /**
   * Applies one event (describing it first when describing), records it, judges the new state
   * and records what the judge found. True when the run must stop.
   */
  apply(event: E): boolean {
    if (this.describing) {
      const description = this.model.describe(event, this.state);
      this.model.step(this.state, event);
      this.trace.push({ index: this.events.length + 1, timeMs: this.model.nowMs(this.state), event, description });
    } else {
      this.model.step(this.state, event);
    }
    this.events.push(event);
    if (this.onStep !== null) this.onStep(this.state, event);
    this.judging = true;
    const findings = this.judge.afterStep(this.state);
    this.judging = false;
    return findings.length > 0 && this.note(findings);
  }

  /** Runs a judge on the current state (so an exception in it is placed at the last step). */
  judged(check: () => Finding[]): Finding[] {
    this.judging = true;
    const findings = check();
    this.judging = false;
    return findings;
  }

  /**
   * Records findings made at the current step: the first of each property, with the step; or, for
   * a property first found where Kafka allows it, a later guaranteed finding of it, which replaces
   * the first (moved to the end, with this step: the run shows a guaranteed violation of it, and
   * stops there). True when the run must stop: one of them is guaranteed, or is the property the
   * run stops at.
   */
  note(findings: readonly Finding[]): boolean {
    for (const finding of findings) {
      const property = finding.property;
      if (!this.stepOf.has(property)) {
        this.stepOf.set(property, this.events.length);
        this.findings.push(finding);
      } else if (finding.guaranteed) {
        const index = this.findings.findIndex((f) => f.property === property);
        if (!this.findings[index].guaranteed) {
          this.findings.splice(index, 1);
          this.findings.push(finding);
          this.stepOf.delete(property);
          this.stepOf.set(property, this.events.length);
        }
      }
      if (finding.guaranteed || property === this.stopAtProperty) this.stopped = true;
    }
    return this.stopped;
  }

  /** Steps executed when `property` was found, or null. */
  findingStep(property: string): number | null {
    return this.stepOf.get(property) ?? null;
  }

  /** Per property found, the step it was found at. */
  findingSteps(): Record<string, number> {
    return Object.fromEntries(this.stepOf);
  }

  /** The step an exception belongs to: the last step while judging it, else the next one. */
  errorStep(): number {
    return this.judging ? this.events.length : this.events.length + 1;
  }

  /** The first enabled event that is not a fault, or null. */
  firstNonFault(): E | null {
    if (this.model.firstNonFault) return this.model.firstNonFault(this.state);
    for (const event of this.model.enabled(this.state)) if (!this.model.isFault(event)) return event;
    return null;
  }

  /** The last few events, described when describing, else as JSON (a report re-runs described). */
  recentDescriptions(): string[] {
    if (this.describing) return this.trace.slice(-RECENT_EVENTS_QUOTED).map((s) => s.description);
    return this.events.slice(-RECENT_EVENTS_QUOTED).map((e) => JSON.stringify(e));
  }
}

/** Phase (a): events chosen by `choose`, up to stepsMax, until the run must stop. */
export function runFaultPhase<S, E extends ModelEvent>(exec: Execution<S, E>, choose: Chooser<S, E> | StateChooser<S, E>, stepsMax: number): void {
  exec.phase = 'fault';
  for (let faultStep = 0; faultStep < stepsMax; faultStep++) {
    let event: E | null;
    if (typeof choose === 'function') {
      const enabled = exec.model.enabled(exec.state);
      if (enabled.length === 0) return;
      event = choose(enabled, exec.state, faultStep);
    } else {
      event = choose.fromState(exec.state, faultStep);
    }
    if (event === null) return;
    exec.faultSteps++;
    if (exec.apply(event)) return;
  }
}

/**
 * Runs non-fault events until `done` holds; a stall or an exhausted bound is a liveness finding,
 * which ends the run. True when the run must stop. The bounds: the model's settleWithinMs of
 * virtual time (when it says one), events at one virtual instant (a loop that stops the clock,
 * which no Kafka timeout would end), and the phase's events in all (fewer where Kafka does not
 * promise to settle: RunLimits.unpromisedStepsMax).
 */
function runUntil<S, E extends ModelEvent>(exec: Execution<S, E>, done: () => boolean, bounds: { stepsMax: number; instantStepsMax: number; unpromisedStepsMax: number }, stalled: (detail: StallDetail) => Finding): boolean {
  const { model, state } = exec;
  const promised = exec.judge.livenessGuarantee?.().guaranteed ?? true;
  const limits = { stepsMax: promised ? bounds.stepsMax : Math.min(bounds.stepsMax, bounds.unpromisedStepsMax), instantStepsMax: bounds.instantStepsMax };
  const phaseStartStep = exec.steps;
  const phaseStartMs = model.nowMs(state);
  const phaseTimeMsMax = model.settleWithinMs ? model.settleWithinMs(state) : null;
  let instantMs = phaseStartMs;
  let instantSteps = 0;
  for (let phaseSteps = 0; !done(); phaseSteps++) {
    const nowMs = model.nowMs(state);
    if (nowMs !== instantMs) {
      instantMs = nowMs;
      instantSteps = 0;
    }
    const reason: StallReason | null =
      phaseSteps >= limits.stepsMax ? 'steps' : phaseTimeMsMax !== null && nowMs - phaseStartMs > phaseTimeMsMax ? 'time' : instantSteps >= limits.instantStepsMax ? 'instant' : null;
    const event = reason === null ? exec.firstNonFault() : null;
    if (event === null) {
      const detail: StallDetail = {
        phaseStartStep,
        phaseSteps,
        phaseStepsMax: limits.stepsMax,
        stuck: reason === null,
        nowMs,
        recent: exec.recentDescriptions(),
        reason: reason ?? 'stuck',
        phaseStartMs,
        phaseTimeMsMax,
        instantSteps,
        instantStepsMax: limits.instantStepsMax,
      };
      exec.note([judgedLiveness(stalled(detail), exec.judge)]);
      exec.stopped = true;
      return true;
    }
    if (exec.apply(event)) return true;
    instantSteps++;
  }
  return false;
}

/**
 * Phases (b) and (c) and the end-of-run judgement, from the execution's current state: heal,
 * settle, final read, judge.atEnd. Deterministic: no choice is made. What it finds is recorded
 * in the execution; it returns early when the run must stop.
 */
export function completeRun<S, E extends ModelEvent>(exec: Execution<S, E>, limitsGiven?: Partial<RunLimits>): void {
  const limits = resolveRunLimits(limitsGiven);
  const { model, state } = exec;

  exec.phase = 'heal';
  const heal = model.healEvents(state);
  if (heal.length > limits.healEventsMax) {
    throw new ModelAssertionError(`healEvents returned ${heal.length} events, more than healEventsMax=${limits.healEventsMax}`);
  }
  for (const event of heal) if (exec.apply(event)) return;

  exec.phase = 'settle';
  if (runUntil(exec, () => model.settled(state), { ...limits, stepsMax: limits.settleStepsMax }, didNotSettle)) return;

  exec.phase = 'final-read';
  const start = model.finalReadEvent(state);
  if (start !== null && exec.apply(start)) return;
  if (runUntil(exec, () => model.finalReadDone(state), { ...limits, stepsMax: limits.finalReadStepsMax }, finalReadIncomplete)) return;

  exec.phase = 'end';
  exec.note(exec.judged(() => exec.judge.atEnd(state)));
}

/** The result of an execution (null when model.init itself threw). */
export function resultOf<S, E extends ModelEvent>(seed: string, exec: Execution<S, E> | null, internalError: InternalError | null): RunResult<E> {
  return {
    seed,
    events: exec?.events ?? [],
    trace: exec?.trace ?? [],
    faultEvents: exec ? exec.events.slice(0, exec.faultSteps) : [],
    findings: exec?.findings ?? [],
    findingSteps: exec?.findingSteps() ?? {},
    phase: exec?.phase ?? 'fault',
    internalError,
  };
}

/** Runs the model once: fault phase driven by `choose`, then the deterministic completion. */
export function runModel<S, E extends ModelEvent, C>(spec: RunSpec<S, E, C>, choose: Chooser<S, E> | StateChooser<S, E>): RunResult<E> {
  let exec: Execution<S, E> | null = null;
  try {
    exec = new Execution(spec.model as Model<S, E, unknown>, spec.judge, spec.model.init(spec.config, spec.seed), spec);
    if (spec.onStep) exec.onStep = spec.onStep(exec.state);
    runFaultPhase(exec, choose, spec.stepsMax);
    if (!exec.stopped) completeRun(exec, spec.limits);
    return resultOf(spec.seed, exec, null);
  } catch (error) {
    return resultOf(spec.seed, exec, toInternalError(error, exec?.errorStep() ?? 0, spec.seed));
  }
}

/** True when the run's findings include `property`. */
export function hasFinding(run: { findings: readonly Finding[] }, property: string): boolean {
  return run.findings.some((f) => f.property === property);
}

/** The run's finding of `property`, or undefined. */
export function findingOf(run: { findings: readonly Finding[] }, property: string): Finding | undefined {
  return run.findings.find((f) => f.property === property);
}

/** The step at which the run found `property`, or null. */
export function findingStepOf(run: { findingSteps: Record<string, number> }, property: string): number | null {
  return Object.hasOwn(run.findingSteps, property) ? run.findingSteps[property] : null;
}
