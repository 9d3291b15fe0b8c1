/**
 * From an engine's result to what a user sees: one ViolationReport per property (the first
 * violation of it the engine found), each with its counterexample file and the command that
 * replays it; random-engine counterexamples are minimised first. Also the one-line internal
 * error, with the command that reproduces it.
 */
import type { ModelEvent } from '../model/kernel/model.ts';
import type { TraceStep } from '../model/kernel/trace.ts';
import { COUNTEREXAMPLE_FORMAT, writeCounterexample, type CounterexampleEngine } from '../reports/counterexample.ts';
import type { ViolationReport } from './api.ts';
import type { Finding } from './judge.ts';
import type { ScenarioContext } from './scenarioContext.ts';
import type { RunResult } from './run.ts';
import { describeInternalError } from './internalError.ts';
import { exploreCommand, replayFileCommand, replaySeedCommand } from './commands.ts';
import { shrinkCounterexample } from './shrink.ts';
import type { RandomSearchResult } from './engines/random.ts';
import type { PbtSearchResult } from './engines/pbt.ts';
import type { ExhaustiveResult } from './engines/exhaustive.ts';

interface Found {
  engine: CounterexampleEngine;
  finding: Finding;
  /** The (minimised) run: its trace, the step of the finding, and the seed given to model.init. */
  run: { seed: string; trace: TraceStep<ModelEvent>[]; findingStep: number | null };
  /** The seed reported to the user (random: run seed; pbt: fast-check seed; exhaustive: the seed). */
  reportSeed: string;
  stepsOriginal: number;
  replayBySeed: string | null;
  /** Used as `replay` when no file is written and there is no seed command. */
  fallbackCommand: string;
}

function report(ctx: ScenarioContext, found: Found): ViolationReport {
  const { finding, run } = found;
  const step = run.findingStep ?? run.trace.length;
  const file =
    ctx.outDir === null
      ? null
      : writeCounterexample(ctx.outDir, {
          format: COUNTEREXAMPLE_FORMAT,
          model: { name: ctx.model.name, version: ctx.model.version },
          scenario: ctx.scenario.name,
          config: ctx.configRecord,
          seed: run.seed,
          engine: found.engine,
          events: run.trace.map((s) => s.event),
          violation: { property: finding.property, step, explanation: finding.explanation },
        });
  return {
    property: finding.property,
    doc: finding.doc,
    explanation: finding.explanation,
    guaranteed: finding.guaranteed,
    because: finding.because,
    seed: found.reportSeed,
    steps: run.trace.length,
    step,
    replay: file !== null ? replayFileCommand(file) : (found.replayBySeed ?? found.fallbackCommand),
    replayBySeed: found.replayBySeed,
    file,
    trace: run.trace,
    cases: finding.cases,
    stepsOriginal: found.stepsOriginal,
  };
}

/** Each finding of `run` whose property is not in `reported` (which is updated). */
function newFindings(run: RunResult<ModelEvent>, reported: Set<string>): Finding[] {
  const fresh = run.findings.filter((f) => !reported.has(f.property));
  for (const f of fresh) reported.add(f.property);
  return fresh;
}

export function reportsFromRandom(ctx: ScenarioContext, result: RandomSearchResult<ModelEvent>): ViolationReport[] {
  const reported = new Set<string>();
  const reports: ViolationReport[] = [];
  for (const violation of result.violations) {
    for (const finding of newFindings(violation.run, reported)) {
      const spec = { model: ctx.model, config: ctx.config, seed: violation.runSeed, judge: ctx.judge, stepsMax: ctx.stepsMax };
      const shrunk = shrinkCounterexample(spec, violation.run.faultEvents, finding.property).run;
      const minimal = shrunk.findings.find((f) => f.property === finding.property) ? shrunk : violation.run;
      const replayBySeed = replaySeedCommand(ctx.scenarioRef, violation.runSeed, ctx.set);
      reports.push(
        report(ctx, {
          engine: 'random',
          finding: minimal.findings.find((f) => f.property === finding.property)!,
          run: minimal,
          reportSeed: violation.runSeed,
          stepsOriginal: violation.run.trace.length,
          replayBySeed,
          fallbackCommand: replayBySeed,
        }),
      );
    }
  }
  return reports;
}

export function reportsFromPbt(ctx: ScenarioContext, result: PbtSearchResult<ModelEvent>): ViolationReport[] {
  const reported = new Set<string>();
  const reports: ViolationReport[] = [];
  for (const violation of result.violations) {
    for (const finding of newFindings(violation.run, reported)) {
      const replayBySeed = replaySeedCommand(ctx.scenarioRef, String(violation.fcSeed), ctx.set, violation.path);
      reports.push(
        report(ctx, {
          engine: 'pbt',
          finding,
          run: violation.run,
          reportSeed: String(violation.fcSeed),
          stepsOriginal: violation.run.trace.length,
          replayBySeed,
          fallbackCommand: replayBySeed,
        }),
      );
    }
  }
  return reports;
}

export function reportsFromExhaustive(
  ctx: ScenarioContext,
  result: ExhaustiveResult<ModelEvent>,
  bounds: { seed: string; depthMax: number; statesMax: number },
): ViolationReport[] {
  const reported = new Set<string>();
  const reports: ViolationReport[] = [];
  const fallbackCommand = exploreCommand(ctx.scenarioRef, { ...bounds, set: ctx.set });
  for (const violation of result.violations) {
    for (const finding of newFindings(violation.run, reported)) {
      reports.push(
        report(ctx, { engine: 'exhaustive', finding, run: violation.run, reportSeed: bounds.seed, stepsOriginal: violation.run.trace.length, replayBySeed: null, fallbackCommand }),
      );
    }
  }
  return reports;
}

/** "model assertion failed at step 12 (seed 42/run-3): ...; replay: npx kmc replay ...". */
export function internalErrorLine(
  ctx: ScenarioContext,
  engine: CounterexampleEngine,
  error: Parameters<typeof describeInternalError>[0] & { runSeed?: string; fcSeed?: number; path?: string },
  bounds?: { seed: string; depthMax: number; statesMax: number },
): string {
  let command: string;
  if (engine === 'random' && error.runSeed !== undefined) command = replaySeedCommand(ctx.scenarioRef, error.runSeed, ctx.set);
  else if (engine === 'pbt' && error.fcSeed !== undefined) command = replaySeedCommand(ctx.scenarioRef, String(error.fcSeed), ctx.set, error.path);
  else command = exploreCommand(ctx.scenarioRef, { seed: bounds?.seed ?? error.seed, depthMax: bounds?.depthMax ?? 0, statesMax: bounds?.statesMax ?? 0, set: ctx.set });
  return `${describeInternalError(error)}; replay: ${command}`;
}
