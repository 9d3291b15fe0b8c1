/**
 * Runs scenarios one after another with progress on stderr, and writes the report: in text,
 * each scenario's section as soon as it is judged, then the summary; with --json, exactly one
 * JSON document once everything has run. Returns the exit code the results call for.
 */
import type { ScenarioResult } from '../checker/api.ts';
import { formatJsonReport } from '../reports/json.ts';
import { exitCodeOf, type ExitCode } from '../reports/outcome.ts';
import { formatScenarioText, formatSummaryText } from '../reports/text.ts';
import type { Scenario } from '../scenarios/scenario.ts';
import type { ProgressCallback } from './deps.ts';
import { errorMessage, isBadInput, isModelAssertion } from './errors.ts';
import type { Io } from './io.ts';
import { createProgress } from './progress.ts';

export interface Job {
  /** Shown in progress: the scenario name or the counterexample file. */
  label: string;
  /** The scenario, when known before the run (to report an internal error against it). */
  scenario?: Scenario;
  /** What the progress figures count: "runs" (default), or "states" for an exhaustive search. */
  progressUnit?: string;
  run(onProgress: ProgressCallback): Promise<ScenarioResult>;
}

export interface ReportOptions {
  json: boolean;
  allViolations: boolean;
}

export async function runJobs(jobs: readonly Job[], options: ReportOptions, io: Io): Promise<ExitCode> {
  const progress = createProgress(io);
  const results: ScenarioResult[] = [];
  for (const [index, job] of jobs.entries()) {
    progress.start(index + 1, jobs.length, job.label, job.progressUnit);
    let result: ScenarioResult;
    try {
      result = await job.run((p) => progress.update(p));
    } catch (error) {
      progress.clear();
      if (isBadInput(error)) throw error;
      if (!isModelAssertion(error) && error instanceof Error && error.stack) io.err(`kmc: internal error in ${job.label}:\n${error.stack}\n`);
      result = internalErrorResult(job, error);
    }
    progress.clear();
    results.push(result);
    if (!options.json) io.out(formatScenarioText(result, { allViolations: options.allViolations }));
  }
  io.out(options.json ? formatJsonReport(results) : formatSummaryText(results));
  return exitCodeOf(results);
}

/** The result of a run that ended in an exception instead of a result. */
function internalErrorResult(job: Job, error: unknown): ScenarioResult {
  const scenario = job.scenario;
  const kind = isModelAssertion(error) ? 'model assertion' : 'unexpected error';
  return {
    name: scenario?.name ?? job.label,
    title: scenario?.title ?? job.label,
    config: scenario?.config ?? {},
    expect: scenario?.expect ?? 'hold',
    verdict: 'unexpected',
    status: 'interrupted',
    engine: scenario?.budget.engine ?? 'random',
    seed: scenario?.seed ?? '',
    runs: 0,
    events: 0,
    violations: [],
    durationMs: 0,
    internalError: `${kind}: ${errorMessage(error)}`,
  };
}
