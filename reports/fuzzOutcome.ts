/**
 * The exit code of a `kmc fuzz` campaign, consistent with `kmc check`: a model assertion outranks
 * a violation (exit 3: a bug in kmc's model, reported with the config and the command that
 * replays it), a guaranteed violation is exit 1, nothing found exit 0. Bad input is exit 2 before
 * anything runs.
 */
import type { FuzzResult } from '../checker/fuzz/types.ts';
import { EXIT_INTERNAL, EXIT_OK, EXIT_UNMET, EXIT_USAGE, type ExitCode } from './outcome.ts';

export const FUZZ_EXIT_MEANINGS: Record<ExitCode, string> = {
  [EXIT_OK]: 'no violation of a property Kafka guarantees, and no model assertion',
  [EXIT_UNMET]: 'a violation of a property Kafka guarantees under the config that showed it',
  [EXIT_USAGE]: 'bad usage or bad input',
  [EXIT_INTERNAL]: 'a model assertion failed under some config (a bug in kmc, not a finding about Kafka)',
};

export function fuzzExitCodeOf(result: Pick<FuzzResult, 'findings' | 'notMinimised'>): ExitCode {
  const kinds = [...result.findings, ...result.notMinimised].map((f) => f.kind);
  if (kinds.includes('internal-error')) return EXIT_INTERNAL;
  if (kinds.includes('violation')) return EXIT_UNMET;
  return EXIT_OK;
}
