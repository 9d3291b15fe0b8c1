/**
 * Replay. A counterexample file is re-executed event by event: each event must be one the model
 * offers at that point — in model.enabled(state), or one of model.healEvents(state), or
 * model.finalReadEvent(state), since the engines apply those outside the fault phase — compared
 * as canonical JSON. An event the model no longer offers (the model changed since the file was
 * recorded) is a ReplayError naming the step, the file, the event, and what is enabled instead.
 *
 * A scenario run replays from its seed: `--seed S` re-runs random run S; `--seed N --path P`
 * regenerates fast-check's choice sequence at { seed: N, path: P }.
 */
import type { Model, ModelEvent } from '../model/kernel/model.ts';
import type { TraceStep } from '../model/kernel/trace.ts';
import { ConfigError, configToRecord, resolveConfigWith, resolveRecordedConfig, type KmcConfig } from '../model/config.ts';
import { checkCounterexampleModel, readCounterexample, CounterexampleError, type Counterexample, type CounterexampleEngine } from '../reports/counterexample.ts';
import type { CheckDeps, Scenario } from './api.ts';
import type { Finding, Judge } from './judge.ts';
import { canonicalJson, eventKey } from './eventKey.ts';
import { SEARCH_LIMITS, type RunLimits } from './limits.ts';
import { LIVENESS_PROPERTIES, DID_NOT_SETTLE, stalledAtEnd } from './liveness.ts';
import { toInternalError, type InternalError } from './internalError.ts';
import { Execution, findingStepOf } from './run.ts';
import { randomRun } from './engines/random.ts';
import { PBT_PATH_PATTERN, pbtReplay } from './engines/pbt.ts';

/** A replay that cannot proceed: an event not enabled, or a seed/path that leads nowhere. */
export class ReplayError extends Error {
  constructor(
    message: string,
    /** 1-based step that could not be replayed, or null when the replay never started. */
    readonly step: number | null,
  ) {
    super(message);
    this.name = 'ReplayError';
  }
}

export interface ReplayOutcome<E extends ModelEvent = ModelEvent> {
  trace: TraceStep<E>[];
  /**
   * The first finding of every property found, in order. Like a run, a replay goes on past
   * findings Kafka does not guarantee against and stops at a guaranteed one.
   */
  findings: Finding[];
  /** Per property in `findings`: the step it was found at. */
  findingSteps: Record<string, number>;
  internalError: InternalError | null;
}

export interface ReplayResult<E extends ModelEvent = ModelEvent> extends ReplayOutcome<E> {
  /** What was replayed: the file path, or "scenario NAME --seed S [--path P]". */
  source: string;
  engine: CounterexampleEngine;
  /** The seed given to model.init. */
  seed: string;
  config: Record<string, string | number | boolean>;
  /** The violation a file records; null for seed replays. */
  expected: { property: string; step: number } | null;
  /** File: the recorded property fired at the recorded step. Seed replays: some finding fired. */
  reproduced: boolean;
}

/** Everything the model offers at `state`: enabled events, heal events, the final-read event. */
function offered<S, E extends ModelEvent>(model: Model<S, E, unknown>, state: S): E[] {
  const events = [...model.enabled(state), ...model.healEvents(state)];
  const finalRead = model.finalReadEvent(state);
  if (finalRead !== null) events.push(finalRead);
  return events;
}

const fieldText = (record: Record<string, unknown>, keys: readonly string[]): string => keys.map((k) => `${k}=${JSON.stringify(record[k])}`).join(', ');

function listBounded(items: readonly string[]): string {
  const shown = items.slice(0, SEARCH_LIMITS.replayAlternativesMax).join(', ');
  return items.length > SEARCH_LIMITS.replayAlternativesMax ? `${shown} and ${items.length - SEARCH_LIMITS.replayAlternativesMax} more` : shown;
}

/**
 * Why `event` is not among `candidates`, in terms of what is: the enabled events of the same
 * type that share the most fields with it, showing only the fields that differ.
 */
export function whyNotEnabled(event: ModelEvent, candidates: readonly ModelEvent[]): string {
  if (candidates.length === 0) return 'nothing is enabled at this point';
  const sameType = candidates.filter((c) => c.type === event.type) as unknown as Record<string, unknown>[];
  if (sameType.length === 0) {
    const counts = new Map<string, number>();
    for (const c of candidates) counts.set(c.type, (counts.get(c.type) ?? 0) + 1);
    return `no "${event.type}" event is enabled; enabled: ${[...counts].map(([type, n]) => `${type} ×${n}`).join(', ')}`;
  }
  const wanted = event as unknown as Record<string, unknown>;
  const fields = Object.keys(wanted).filter((k) => k !== 'type').sort();
  const shared = (c: Record<string, unknown>): string[] => fields.filter((k) => canonicalJson(c[k]) === canonicalJson(wanted[k]));
  const bestScore = Math.max(...sameType.map((c) => shared(c).length));
  if (bestScore === 0 || fields.length === 0) {
    return `enabled "${event.type}" events: ${listBounded(sameType.map((c) => JSON.stringify(c)))}`;
  }
  const closest = sameType.filter((c) => shared(c).length === bestScore);
  const common = shared(closest[0]);
  const differing = fields.filter((k) => !common.includes(k));
  const alternatives = closest.map((c) => {
    const keys = [...new Set([...differing, ...Object.keys(c).filter((k) => k !== 'type' && !fields.includes(k))])].sort();
    return JSON.stringify(Object.fromEntries(keys.map((k) => [k, c[k]])));
  });
  return `no enabled "${event.type}" event has ${fieldText(wanted, differing)}; enabled "${event.type}" events with ${fieldText(wanted, common)}: ${listBounded(alternatives)}`;
}

/**
 * Executes `events` from the initial state, described, judging after every step as a run does:
 * going on past findings that are not guaranteed, stopping at a guaranteed one. When every event
 * ran: judge.atEnd if the final read is done; otherwise, if the expected property is a liveness
 * one and the run is indeed stalled, that liveness finding.
 */
export function replayEvents<S, E extends ModelEvent, C>(
  spec: { model: Model<S, E, C>; config: C; seed: string; judge: Judge<S>; limits?: Partial<RunLimits> },
  events: readonly ModelEvent[],
  options: { source: string; expectedProperty?: string },
): ReplayOutcome<E> {
  const model = spec.model as Model<S, E, unknown>;
  let exec: Execution<S, E> | null = null;
  const outcome = (internalError: InternalError | null): ReplayOutcome<E> => ({
    trace: exec?.trace ?? [],
    findings: exec?.findings ?? [],
    findingSteps: exec?.findingSteps() ?? {},
    internalError,
  });
  try {
    exec = new Execution(model, spec.judge, spec.model.init(spec.config, spec.seed), { describe: true });
    for (const [i, recorded] of events.entries()) {
      const candidates = offered(model, exec.state);
      const key = eventKey(recorded);
      const event = candidates.find((c) => eventKey(c) === key);
      if (event === undefined) {
        throw new ReplayError(`step ${i + 1} of ${options.source}: event ${JSON.stringify(recorded)} is not enabled: ${whyNotEnabled(recorded, candidates)}`, i + 1);
      }
      if (exec.apply(event)) return outcome(null);
    }
    const state = exec.state;
    if (model.finalReadDone(state)) {
      const atEnd = exec;
      exec.note(exec.judged(() => atEnd.judge.atEnd(state)));
      return outcome(null);
    }
    const expected = options.expectedProperty;
    if (expected !== undefined && LIVENESS_PROPERTIES.includes(expected) && (expected !== DID_NOT_SETTLE || !model.settled(state))) {
      exec.note([stalledAtEnd(expected, exec.steps, model.nowMs(state))]);
    }
    return outcome(null);
  } catch (error) {
    if (error instanceof ReplayError) throw error;
    return outcome(toInternalError(error, exec?.errorStep() ?? 0, spec.seed));
  }
}

/**
 * Replays a parsed counterexample; `source` names it in errors (its file path). Throws
 * CounterexampleError (recorded with another model or version, or a bad config) or ReplayError.
 */
export function replayCounterexampleEvents(counterexample: Counterexample, source: string, deps: CheckDeps): ReplayResult {
  checkCounterexampleModel(source, counterexample, deps.model);
  let config: KmcConfig;
  try {
    config = resolveRecordedConfig(deps.configExtensions ?? {}, counterexample.config, counterexample.userConfigKeys ?? null);
  } catch (error) {
    if (error instanceof ConfigError) throw new CounterexampleError(source, `config: ${error.message}`);
    throw error;
  }
  const { property, step } = counterexample.violation;
  const outcome = replayEvents({ model: deps.model, config, seed: counterexample.seed, judge: deps.judgeFor(config) }, counterexample.events, {
    source,
    expectedProperty: property,
  });
  return {
    ...outcome,
    source,
    engine: counterexample.engine,
    seed: counterexample.seed,
    config: counterexample.config,
    expected: { property, step },
    reproduced: findingStepOf(outcome, property) === step,
  };
}

/** Reads and replays a counterexample file. Throws CounterexampleError (bad file) or ReplayError. */
export function replayFile(file: string, deps: CheckDeps): ReplayResult {
  return replayCounterexampleEvents(readCounterexample(file), file, deps);
}

export interface ScenarioReplayOptions {
  /** Random: the run seed (e.g. "42/run-17"). With `path`: fast-check's seed (a whole number). */
  seed: string;
  /** fast-check counterexample path: replays a pbt counterexample. */
  path?: string;
  /** The same --set overrides the check ran with. */
  set?: Record<string, string>;
}

/** Replays a scenario run from its seed (random) or its fast-check seed and path (pbt). */
export function replayScenario(scenario: Scenario, options: ScenarioReplayOptions, deps: CheckDeps): ReplayResult {
  const config = resolveConfigWith(deps.configExtensions ?? {}, scenario.config, options.set ?? {});
  const judge = deps.judgeFor(config);
  const stepsMax = scenario.budget.stepsMax;
  const source = `scenario ${scenario.name} --seed ${options.seed}${options.path !== undefined ? ` --path ${options.path}` : ''}`;
  let engine: CounterexampleEngine = 'random';
  let run;
  if (options.path !== undefined) {
    engine = 'pbt';
    const fcSeed = Number(options.seed);
    if (!/^-?\d+$/.test(options.seed) || !Number.isSafeInteger(fcSeed)) {
      throw new ReplayError(`${source}: with --path, --seed is fast-check's seed, a whole number (got "${options.seed}")`, null);
    }
    if (!PBT_PATH_PATTERN.test(options.path)) {
      throw new ReplayError(`${source}: --path must be fast-check's counterexample path, numbers separated by ":" (e.g. 12:0:3), got "${options.path}"`, null);
    }
    const replayed = pbtReplay(deps.model as Model<unknown, ModelEvent, KmcConfig>, config, judge, { fcSeed, path: options.path, stepsMax });
    if (replayed === null) {
      throw new ReplayError(`${source}: fast-check finds no value at this seed and path for stepsMax=${stepsMax}; was it recorded with another scenario budget or fast-check version?`, null);
    }
    run = replayed.run;
  } else {
    run = randomRun(deps.model as Model<unknown, ModelEvent, KmcConfig>, config, judge, { runSeed: options.seed, stepsMax, describe: true });
  }
  return {
    trace: run.trace,
    findings: run.findings,
    findingSteps: run.findingSteps,
    internalError: run.internalError,
    source,
    engine,
    seed: run.seed,
    config: configToRecord(config),
    expected: null,
    reproduced: run.findings.length > 0,
  };
}
