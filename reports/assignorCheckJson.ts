/**
 * `kmc check-assignor --json`: one document (format `kmc-assignor-report/1`). The named fields
 * come first and keep their meaning: `ok`, `exitCode`, `plugin`, `module`, `unusable`,
 * `findings[]` (each `plugin`, `contract`, `rule`, `detail`, `input`), and `protocols[]`, each
 * with `protocol`, `contract` (`status`, `checks[]`), `scenarios[]` (`scenario`, `verdict`,
 * `unexpected[]`, `callViolation`, `violations[]` with `property`, `replay`, `file`) and
 * `comparison[]` (per assignor: `plugin`, `name`, `loadSpreadMax`, `movedMeanPerRebalance`,
 * `roundsMax`, ...). Extra fields follow and may grow.
 */
import type { AssignorStats } from '../checker/assignorCheck/compare.ts';
import type { ContractCheck } from '../checker/assignorCheck/contract.ts';
import type { AssignorViolation } from '../checker/assignorCheck/rules.ts';
import type { AssignorCheckExitCode, AssignorCheckReport, ProtocolCheck } from '../checker/assignorCheck/runAssignorCheck.ts';
import type { AssignorScenarioResult } from '../checker/assignorCheck/scenarios.ts';
import type { RebalanceProtocol } from '../model/assignors/types.ts';
import { toJsonViolation, type JsonViolation } from './json.ts';

export const ASSIGNOR_REPORT_FORMAT = 'kmc-assignor-report/1';

export interface JsonAssignorScenario {
  scenario: string;
  verdict: AssignorScenarioResult['verdict'];
  unexpected: string[];
  callViolation: AssignorViolation | null;
  violations: JsonViolation[];
  // Extra fields.
  expect: AssignorScenarioResult['expect'];
  strategy: string;
  runs: number;
  events: number;
  seed: string;
  status: string;
  durationMs: number;
}

export interface JsonProtocolCheck {
  protocol: RebalanceProtocol;
  contract: { status: 'passed' | 'violated'; checks: ContractCheck[]; seed: number; subscriptions: 'equal' | 'any' };
  scenarios: JsonAssignorScenario[];
  scenariosSkipped: string | null;
  comparison: Array<Omit<AssignorStats, 'rebalances'>>;
}

export interface JsonAssignorReport {
  ok: boolean;
  exitCode: AssignorCheckExitCode;
  plugin: string | null;
  module: string;
  unusable: AssignorCheckReport['unusable'];
  findings: AssignorViolation[];
  protocols: JsonProtocolCheck[];
  // Extra fields.
  style: AssignorCheckReport['style'];
  supportedProtocols: RebalanceProtocol[];
  seed: string;
  scenarioFailures: AssignorCheckReport['scenarioFailures'];
  internalErrors: string[];
  durationMs: number;
  format: typeof ASSIGNOR_REPORT_FORMAT;
}

function toJsonScenario(entry: AssignorScenarioResult): JsonAssignorScenario {
  const result = entry.result;
  return {
    scenario: entry.scenario,
    verdict: entry.verdict,
    unexpected: entry.unexpected,
    callViolation: entry.callViolation,
    violations: result.violations.map(toJsonViolation),
    expect: entry.expect,
    strategy: entry.strategy,
    runs: result.runs,
    events: result.events,
    seed: result.seed,
    status: result.status,
    durationMs: result.durationMs,
  };
}

function toJsonProtocol(check: ProtocolCheck): JsonProtocolCheck {
  return {
    protocol: check.protocol,
    contract: { status: check.contract.status, checks: check.contract.checks, seed: check.contract.seed, subscriptions: check.contract.subscriptions },
    scenarios: check.scenarios.map(toJsonScenario),
    scenariosSkipped: check.scenariosSkipped,
    comparison: check.comparison.map(({ rebalances: _, ...stats }) => stats),
  };
}

export function toJsonAssignorReport(report: AssignorCheckReport): JsonAssignorReport {
  return {
    ok: report.ok,
    exitCode: report.exitCode,
    plugin: report.plugin,
    module: report.module,
    unusable: report.unusable,
    findings: report.findings,
    protocols: report.protocols.map(toJsonProtocol),
    style: report.style,
    supportedProtocols: report.supportedProtocols,
    seed: report.seed,
    scenarioFailures: report.scenarioFailures,
    internalErrors: report.internalErrors,
    durationMs: report.durationMs,
    format: ASSIGNOR_REPORT_FORMAT,
  };
}

/** The document as printed: indented JSON and a final newline. */
export function formatAssignorJsonReport(report: AssignorCheckReport): string {
  return JSON.stringify(toJsonAssignorReport(report), null, 2) + '\n';
}
