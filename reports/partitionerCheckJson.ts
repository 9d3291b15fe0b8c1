/**
 * `kmc check-partitioner --json`: one document. The named fields come first and keep their
 * meaning: `ok`, `plugin`, `contract`, `endToEnd[]` (each `scenario`, `verdict`, `violations[]`
 * with `property`, `replay`, `file`), `loadStats` (the plugin's), `comparison` (the side-by-side
 * table). Extra fields follow and may grow.
 */
import type { ContractResult } from '../checker/partitionerCheck/contract.ts';
import type { ComparisonTable } from '../checker/partitionerCheck/compare.ts';
import type { EndToEndResult } from '../checker/partitionerCheck/endToEnd.ts';
import type { ContractFinding } from '../checker/partitionerCheck/finding.ts';
import type { LoadStatsResult } from '../checker/partitionerCheck/loadStats.ts';
import type { PartitionerCheckExitCode, PartitionerCheckReport } from '../checker/partitionerCheck/runPartitionerCheck.ts';
import { toJsonViolation, type JsonViolation } from './json.ts';

export const PARTITIONER_REPORT_FORMAT = 'kmc-partitioner-report/1';

export interface JsonEndToEnd {
  scenario: string;
  verdict: EndToEndResult['verdict'];
  violations: JsonViolation[];
  // Extra fields.
  partitioner: string;
  builtIn: boolean;
  /** `model.partition.plan`: the partitions the partitioner chose, producers separated by ";". */
  plan: string | null;
  /** A rule broken while choosing the plan (the scenario did not run). */
  planFailure: ContractFinding | null;
  runs: number;
  events: number;
  seed: string | null;
  status: string | null;
  durationMs: number;
  internalError: string | null;
}

export interface JsonPartitionerReport {
  ok: boolean;
  plugin: string;
  contract: ContractResult | null;
  endToEnd: JsonEndToEnd[];
  loadStats: LoadStatsResult | null;
  comparison: ComparisonTable | null;
  // Extra fields.
  module: string;
  style: PartitionerCheckReport['style'];
  seed: string;
  exitCode: PartitionerCheckExitCode;
  unusable: PartitionerCheckReport['unusable'];
  endToEndSkipped: string | null;
  runsPerScenarioMax: number;
  findings: ContractFinding[];
  internalErrors: string[];
  durationMs: number;
  format: typeof PARTITIONER_REPORT_FORMAT;
}

function toJsonEndToEnd(entry: EndToEndResult): JsonEndToEnd {
  const result = entry.result;
  return {
    scenario: entry.scenario,
    verdict: entry.verdict,
    violations: result === null ? [] : result.violations.map(toJsonViolation),
    partitioner: entry.partitioner,
    builtIn: entry.builtIn,
    plan: entry.plan,
    planFailure: entry.planFailure,
    runs: result?.runs ?? 0,
    events: result?.events ?? 0,
    seed: result?.seed ?? null,
    status: result?.status ?? null,
    durationMs: result?.durationMs ?? 0,
    internalError: result?.internalError ?? null,
  };
}

export function toJsonPartitionerReport(report: PartitionerCheckReport): JsonPartitionerReport {
  return {
    ok: report.ok,
    plugin: report.plugin,
    contract: report.contract,
    endToEnd: report.endToEnd.map(toJsonEndToEnd),
    loadStats: report.loadStats,
    comparison: report.comparison,
    module: report.module,
    style: report.style,
    seed: report.seed,
    exitCode: report.exitCode,
    unusable: report.unusable,
    endToEndSkipped: report.endToEndSkipped,
    runsPerScenarioMax: report.runsPerScenarioMax,
    findings: report.findings,
    internalErrors: report.internalErrors,
    durationMs: report.durationMs,
    format: PARTITIONER_REPORT_FORMAT,
  };
}

/** The document as printed: indented JSON and a final newline. */
export function formatPartitionerJsonReport(report: PartitionerCheckReport): string {
  return JSON.stringify(toJsonPartitionerReport(report), null, 2) + '\n';
}
