/**
 * `kmc fuzz --json`: one document. The named fields come first and keep their meaning: `ok`,
 * `seed`, `configsTried`, `runs`, `events`, and `findings[]` each with `kind`, `property`,
 * `changes` (the config keys changed from the base, minimised), `scenarioFile`, `counterexample`
 * and `replay` (the commands, the first one first). Extra fields follow and may grow. Nothing in
 * it depends on wall time, so one seed and budget give the same bytes.
 */
import type { FuzzFinding, FuzzFindingNotMinimised, FuzzResult } from '../checker/fuzz/types.ts';
import type { ConfigChanges } from '../checker/fuzz/changes.ts';
import { toJsonViolation, type JsonViolation } from './json.ts';
import { fuzzExitCodeOf } from './fuzzOutcome.ts';
import type { ExitCode } from './outcome.ts';

export const FUZZ_REPORT_FORMAT = 'kmc-fuzz/1';

export interface JsonFuzzFinding {
  kind: FuzzFinding['kind'];
  property: string | null;
  changes: ConfigChanges;
  scenarioFile: string | null;
  counterexample: string | null;
  replay: string[];
  // Extra fields.
  summary: string;
  configs: number[];
  configsShowing: number;
  changesDrawn: ConfigChanges;
  keysMinimised: boolean;
  runSeed: string;
  internalError: string | null;
  violation: JsonViolation | null;
}

export interface JsonFuzzReport {
  ok: boolean;
  seed: string;
  configsTried: number;
  runs: number;
  events: number;
  findings: JsonFuzzFinding[];
  // Extra fields.
  format: typeof FUZZ_REPORT_FORMAT;
  exitCode: ExitCode;
  scenario: string;
  model: FuzzResult['model'];
  vary: string[];
  runsPerConfig: number;
  stepsMax: number;
  configsSkipped: number;
  stoppedBy: FuzzResult['stoppedBy'];
  notMinimised: FuzzFindingNotMinimised[];
}

export function toJsonFuzzReport(result: FuzzResult): JsonFuzzReport {
  const exitCode = fuzzExitCodeOf(result);
  return {
    ok: exitCode === 0,
    seed: result.seed,
    configsTried: result.configsTried,
    runs: result.runs,
    events: result.events,
    findings: result.findings.map(toJsonFinding),
    format: FUZZ_REPORT_FORMAT,
    exitCode,
    scenario: result.scenario,
    model: result.model,
    vary: result.vary,
    runsPerConfig: result.runsPerConfig,
    stepsMax: result.stepsMax,
    configsSkipped: result.configsSkipped,
    stoppedBy: result.stoppedBy,
    notMinimised: result.notMinimised,
  };
}

/** The document as printed: indented JSON and a final newline. */
export function formatFuzzJsonReport(result: FuzzResult): string {
  return JSON.stringify(toJsonFuzzReport(result), null, 2) + '\n';
}

function toJsonFinding(finding: FuzzFinding): JsonFuzzFinding {
  return {
    kind: finding.kind,
    property: finding.property,
    changes: finding.changes,
    scenarioFile: finding.scenarioFile,
    counterexample: finding.counterexample,
    replay: finding.replay,
    summary: finding.summary,
    configs: finding.configs,
    configsShowing: finding.configsShowing,
    changesDrawn: finding.changesDrawn,
    keysMinimised: finding.keysMinimised,
    runSeed: finding.runSeed,
    internalError: finding.internalError,
    violation: finding.violation && toJsonViolation(finding.violation),
  };
}
