/**
 * The --json document (DESIGN.md, "The command line"): `ok`, and per scenario `name`, `config`,
 * `expect`, `verdict`, `runs`, `events` and `violations[]` each with `property`, `explanation`,
 * `seed`, `steps`, `replay` and `file`. Those fields come first, in that order; the extra fields
 * after them may grow, the named ones never change meaning.
 */
import type { ExploreResult, ScenarioResult, ViolationReport } from '../checker/api.ts';
import type { TraceStep } from '../model/kernel/trace.ts';
import { exitCodeOf, resultsOk, type ExitCode } from './outcome.ts';
import { isExploreResult } from './resultKinds.ts';

export const JSON_REPORT_FORMAT = 'kmc-report/1';

export interface JsonViolation {
  property: string;
  explanation: string;
  seed: string;
  steps: number;
  replay: string;
  file: string | null;
  // Extra fields.
  doc: string;
  guaranteed: boolean;
  because: string | null;
  stepsOriginal: number;
  /** 1-based step at which the violation was detected, when the engine says. */
  step: number | null;
  /** The command that replays the run from its seed, when there is one. */
  replayBySeed: string | null;
  trace: TraceStep[];
}

/** `kmc explore`: the extent of the bounded state space that was searched. */
export type JsonSpace = Pick<ExploreResult, 'depthMax' | 'statesMax' | 'depthReached' | 'transitions' | 'complete' | 'statesPerSecond' | 'bytesPerState' | 'frontierPeak' | 'reduction'>;

export interface JsonScenario {
  name: string;
  config: ScenarioResult['config'];
  expect: ScenarioResult['expect'];
  verdict: ScenarioResult['verdict'];
  runs: number;
  events: number;
  violations: JsonViolation[];
  // Extra fields.
  title: string;
  status: ScenarioResult['status'];
  engine: ScenarioResult['engine'];
  seed: string;
  statesDistinct: number | null;
  durationMs: number;
  internalError: string | null;
  /** Replays only: what was replayed and whether its recorded violation came back. */
  replayed: ScenarioResult['replayed'] | null;
  /** kmc explore only. */
  space: JsonSpace | null;
  /** The guided engine only: abstract coverage features reached, and how many the last tenth of the runs reached first. */
  coverage: { features: number; newInLastTenth: number } | null;
}

export interface JsonReport {
  ok: boolean;
  scenarios: JsonScenario[];
  // Extra fields.
  exitCode: ExitCode;
  format: typeof JSON_REPORT_FORMAT;
}

export function toJsonReport(results: readonly ScenarioResult[]): JsonReport {
  return {
    ok: resultsOk(results),
    scenarios: results.map(toJsonScenario),
    exitCode: exitCodeOf(results),
    format: JSON_REPORT_FORMAT,
  };
}

/** The document as printed: indented JSON and a final newline. */
export function formatJsonReport(results: readonly ScenarioResult[]): string {
  return JSON.stringify(toJsonReport(results), null, 2) + '\n';
}

function toJsonScenario(result: ScenarioResult): JsonScenario {
  return {
    name: result.name,
    config: result.config,
    expect: result.expect,
    verdict: result.verdict,
    runs: result.runs,
    events: result.events,
    violations: result.violations.map(toJsonViolation),
    title: result.title,
    status: result.status,
    engine: result.engine,
    seed: result.seed,
    statesDistinct: result.statesDistinct ?? null,
    durationMs: result.durationMs,
    internalError: result.internalError,
    replayed: result.replayed ?? null,
    space: isExploreResult(result) ? toJsonSpace(result) : null,
    coverage: result.coverage ?? null,
  };
}

/** One violation as the --json documents show it. */
export function toJsonViolation(violation: ViolationReport): JsonViolation {
  return {
    property: violation.property,
    explanation: violation.explanation,
    seed: violation.seed,
    steps: violation.steps,
    replay: violation.replay,
    file: violation.file,
    doc: violation.doc,
    guaranteed: violation.guaranteed,
    because: violation.because,
    stepsOriginal: violation.stepsOriginal,
    step: violation.step ?? null,
    replayBySeed: violation.replayBySeed ?? null,
    trace: violation.trace,
  };
}

function toJsonSpace(r: ExploreResult): JsonSpace {
  return {
    depthMax: r.depthMax,
    statesMax: r.statesMax,
    depthReached: r.depthReached,
    transitions: r.transitions,
    complete: r.complete,
    statesPerSecond: r.statesPerSecond,
    bytesPerState: r.bytesPerState,
    frontierPeak: r.frontierPeak,
    reduction: r.reduction,
  };
}
