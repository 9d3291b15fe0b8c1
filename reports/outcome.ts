/**
 * The outcome of a set of scenario results: whether every expectation was met, and the exit
 * code that says so (DESIGN.md, "The command line").
 */
import type { ScenarioResult } from '../checker/api.ts';

export const EXIT_OK = 0;
export const EXIT_UNMET = 1;
export const EXIT_USAGE = 2;
export const EXIT_INTERNAL = 3;

export type ExitCode = typeof EXIT_OK | typeof EXIT_UNMET | typeof EXIT_USAGE | typeof EXIT_INTERNAL;

export const EXIT_MEANINGS: Record<ExitCode, string> = {
  0: 'every expectation met',
  1: 'an expectation not met',
  2: 'bad usage or bad input',
  3: 'internal error (a model assertion failed: a bug in kmc, not a finding)',
};

/** 3 if any internal error, else 1 if any expectation was not met, else 0. */
export function exitCodeOf(results: readonly ScenarioResult[]): ExitCode {
  if (results.some((r) => r.internalError !== null)) return EXIT_INTERNAL;
  if (results.some((r) => r.verdict !== 'as-expected')) return EXIT_UNMET;
  return EXIT_OK;
}

/** True when every scenario met its expectation without an internal error. */
export function resultsOk(results: readonly ScenarioResult[]): boolean {
  return exitCodeOf(results) === EXIT_OK;
}
