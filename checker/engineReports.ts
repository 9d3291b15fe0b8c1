/**
 * From an engine's result to what a user sees: one ViolationReport per property (the first
 * violation of it the engine found, or the first guaranteed one when an allowed one came before), each with its counterexample file and the command that
 * replays it. A run may show several properties (it goes on past those Kafka does not guarantee);
 * each one's counterexample is the run up to its finding step (the whole run for a history
 * property), minimised for that property (random engine), and described by re-executing it.
 * Also the one-line internal error, with the command that reproduces it.
 */
import type { ModelEvent } from '../model/kernel/model.ts';
import type { TraceStep } from '../model/kernel/trace.ts';
import { COUNTEREXAMPLE_FORMAT, writeCounterexample, type CounterexampleEngine } from '../reports/counterexample.ts';
import type { ViolationReport } from './api.ts';
import type { Finding } from './judge.ts';
import type { ScenarioContext } from './scenarioContext.ts';
import { findingOf, findingStepOf, type RunResult } from './run.ts';
import { describeInternalError } from './internalError.ts';
import { FoundProperties } from './search.ts';
import { checkCommand, exploreCommand, replayFileCommand, replaySeedCommand } from './commands.ts';
import { runList, shrinkCounterexample, stopAtTarget, type ShrinkOptions } from './shrink.ts';
import { randomRun, type RandomSearchResult } from './engines/random.ts';
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
          userConfigKeys: ctx.userConfigKeys,
          seed: run.seed,
          engine: found.engine,
          events: run.trace.map((s) => s.event),
          violation: { property: finding.property, step, explanation: finding.explanation },
          expect: ctx.expect,
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

/** Each finding of `run` not reported yet: a new property, or the first guaranteed one of it (`reported` is updated). */
function newFindings(run: RunResult<ModelEvent>, reported: FoundProperties): Finding[] {
  const fresh = run.findings.filter((f) => reported.isNew(f));
  for (const f of fresh) reported.add(f);
  return fresh;
}

/**
 * Adds `report`, in place of an earlier report of its property (one Kafka allows, which a later
 * run showed guaranteed: the guaranteed one is what the search found).
 */
function place(reports: ViolationReport[], report: ViolationReport): void {
  const earlier = reports.findIndex((r) => r.property === report.property);
  if (earlier === -1) reports.push(report);
  else reports[earlier] = report;
}

/**
 * The part of a described run that shows `property`: its steps up to the finding (the whole
 * run for a history property, found at the end). Null when the run does not show it.
 */
function upToFinding(run: RunResult<ModelEvent>, property: string): { finding: Finding; run: Found['run'] } | null {
  const finding = findingOf(run, property);
  const step = findingStepOf(run, property);
  if (finding === undefined || step === null) return null;
  return { finding, run: { seed: run.seed, trace: run.trace.slice(0, step), findingStep: step } };
}

/**
 * Random: every property a violating run showed, each minimised on its own (shrink.ts: the
 * run's events up to the finding, then fewer events) and re-executed described.
 */
export function reportsFromRandom(
  ctx: ScenarioContext,
  result: RandomSearchResult<ModelEvent>,
  shrink: ShrinkOptions = {},
  // The guided engine's runs are not random walks from their seed: no replay by seed, and a
  // run that did not shrink is re-executed from its own fault-phase events.
  source: { engine: 'random' } | { engine: 'guided'; seed: string } = { engine: 'random' },
): ViolationReport[] {
  const reported = new FoundProperties();
  const reports: ViolationReport[] = [];
  for (const violation of result.violations) {
    const spec = { model: ctx.model, config: ctx.config, seed: violation.runSeed, judge: ctx.judge, stepsMax: ctx.stepsMax };
    for (const finding of newFindings(violation.run, reported)) {
      const property = finding.property;
      const target = { property, guaranteed: finding.guaranteed };
      const shrunk = upToFinding(shrinkCounterexample(spec, violation.run.faultEvents, target, shrink).run, property);
      // Runs are deterministic, so the shrinker reproduces the run; else re-run it by its seed.
      const rerun = (): RunResult<ModelEvent> =>
        source.engine === 'random'
          ? randomRun(ctx.model, ctx.config, ctx.judge, { runSeed: violation.runSeed, stepsMax: ctx.stepsMax, describe: true, ...stopAtTarget(target) })
          : runList({ ...spec, describe: true, ...stopAtTarget(target) }, violation.run.faultEvents);
      const shown = shrunk ?? upToFinding(rerun(), property);
      if (shown === null) throw new Error(`run ${violation.runSeed} did not show ${property} again when re-executed: the model is not deterministic`);
      const replayBySeed = source.engine === 'random' ? replaySeedCommand(ctx.scenarioRef, violation.runSeed, ctx.set) : null;
      place(
        reports,
        report(ctx, {
          engine: source.engine,
          finding: shown.finding,
          run: shown.run,
          reportSeed: violation.runSeed,
          stepsOriginal: findingStepOf(violation.run, property) ?? violation.run.events.length,
          replayBySeed,
          fallbackCommand: replayBySeed ?? checkCommand(ctx.scenarioRef, ctx.set, { engine: source.engine, seed: source.engine === 'guided' ? source.seed : '' }),
        }),
      );
    }
  }
  return reports;
}

/** Pbt: the shrunk run fast-check found (described), up to each property's finding. */
export function reportsFromPbt(ctx: ScenarioContext, result: PbtSearchResult<ModelEvent>): ViolationReport[] {
  const reported = new FoundProperties();
  const reports: ViolationReport[] = [];
  for (const violation of result.violations) {
    for (const finding of newFindings(violation.run, reported)) {
      const shown = upToFinding(violation.run, finding.property)!;
      const replayBySeed = replaySeedCommand(ctx.scenarioRef, String(violation.fcSeed), ctx.set, violation.path);
      place(
        reports,
        report(ctx, {
          engine: 'pbt',
          finding: shown.finding,
          run: shown.run,
          reportSeed: String(violation.fcSeed),
          stepsOriginal: shown.run.trace.length,
          replayBySeed,
          fallbackCommand: replayBySeed,
        }),
      );
    }
  }
  return reports;
}

/** Exhaustive: the shortest path to each property's first violation (plus its completion). */
export function reportsFromExhaustive(
  ctx: ScenarioContext,
  result: ExhaustiveResult<ModelEvent>,
  bounds: { seed: string; depthMax: number; statesMax: number },
): ViolationReport[] {
  const reported = new FoundProperties();
  const reports: ViolationReport[] = [];
  const fallbackCommand = exploreCommand(ctx.scenarioRef, { ...bounds, set: ctx.set });
  for (const violation of result.violations) {
    for (const property of violation.properties) {
      const shown = upToFinding(violation.run, property);
      if (shown === null || !reported.isNew(shown.finding)) continue;
      reported.add(shown.finding);
      place(
        reports,
        report(ctx, { engine: 'exhaustive', finding: shown.finding, run: shown.run, reportSeed: bounds.seed, stepsOriginal: shown.run.trace.length, replayBySeed: null, fallbackCommand }),
      );
    }
  }
  return reports;
}

/** "model assertion failed at step 12 (seed 42/run-3): ...; replay: npx kmc replay ...". */
export function internalErrorLine(
  ctx: ScenarioContext,
  engine: CounterexampleEngine,
  error: Parameters<typeof describeInternalError>[0] & { runSeed?: string; fcSeed?: number; path?: string; guidedSeed?: string },
  bounds?: { seed: string; depthMax: number; statesMax: number },
): string {
  let command: string;
  if (engine === 'guided' && error.guidedSeed !== undefined) command = checkCommand(ctx.scenarioRef, ctx.set, { engine: 'guided', seed: error.guidedSeed });
  else if (engine === 'random' && error.runSeed !== undefined) command = replaySeedCommand(ctx.scenarioRef, error.runSeed, ctx.set);
  else if (engine === 'pbt' && error.fcSeed !== undefined) command = replaySeedCommand(ctx.scenarioRef, String(error.fcSeed), ctx.set, error.path);
  else command = exploreCommand(ctx.scenarioRef, { seed: bounds?.seed ?? error.seed, depthMax: bounds?.depthMax ?? 0, statesMax: bounds?.statesMax ?? 0, set: ctx.set });
  return `${describeInternalError(error)}; replay: ${command}`;
}
