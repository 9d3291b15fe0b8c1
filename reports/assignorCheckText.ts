/**
 * The human report of `kmc check-assignor`: the plugin, then per protocol (a) the contract,
 * (b) the group scenarios (each violation starting with the command that replays it), (c) the
 * side-by-side table, and a summary with the exit code's meaning. A rule broken is shown with
 * the plugin, the rule, what happened and the input the plugin was given.
 */
import type { AssignorStats } from '../checker/assignorCheck/compare.ts';
import { RULE_DOCS, type AssignorViolation } from '../checker/assignorCheck/rules.ts';
import type { AssignorCheckExitCode, AssignorCheckReport, ProtocolCheck } from '../checker/assignorCheck/runAssignorCheck.ts';
import type { AssignorScenarioResult } from '../checker/assignorCheck/scenarios.ts';
import { formatCount, formatDurationMs } from './numbers.ts';
import { MARK_OK, MARK_UNEXPECTED } from './text.ts';

const INDENT = '  ';

export const ASSIGNOR_EXIT_MEANINGS: Record<AssignorCheckExitCode, string> = {
  0: 'the assignor keeps its contract and every group scenario ended as with the built-ins',
  1: 'a broken rule, or a group scenario with a violation the built-in configuration does not show',
  2: 'bad usage, or a module kmc cannot use as an assignor',
  3: 'internal error (a model assertion failed: a bug in kmc, not a finding)',
};

/** The one line for a module kmc cannot use (the CLI prints it on stderr). */
export function formatAssignorUnusableLine(report: AssignorCheckReport): string {
  const unusable = report.unusable;
  if (unusable === null) return `${report.module}: usable`;
  return `${report.module}: unusable assignor module (${unusable.rule}): ${unusable.detail}`;
}

/** A rule broken: plugin, rule and its meaning, what happened, the input. */
export function formatAssignorViolation(violation: AssignorViolation): string[] {
  return [
    `${violation.plugin}: broke "${violation.rule}" (${violation.contract}: ${RULE_DOCS[violation.rule]})`,
    `${INDENT}${violation.detail}`,
    `${INDENT}input: ${JSON.stringify(violation.input)}`,
  ];
}

function contractLines(check: ProtocolCheck): string[] {
  const { contract } = check;
  const header = `(a) Contract (seed ${contract.seed}): ${contract.status === 'passed' ? MARK_OK : MARK_UNEXPECTED} ${contract.checks.map((c) => `${c.contract} ${c.status}`).join(', ')}`;
  const lines = [header];
  for (const c of contract.checks) {
    if (c.violation !== null) lines.push(...formatAssignorViolation(c.violation).map((line) => INDENT + line));
  }
  return lines;
}

function scenarioLines(entry: AssignorScenarioResult): string[] {
  const result = entry.result;
  const figures = `${formatCount(result.runs)} runs, ${formatCount(result.events)} events, ${formatDurationMs(result.durationMs)}`;
  const expected = entry.expect === 'hold' ? 'expect hold' : `may show ${entry.expect.join(', ')}`;
  if (entry.verdict === 'passed') {
    const shown = [...new Set(result.violations.map((v) => v.property))];
    return [`${MARK_OK} ${entry.scenario} (${expected}): ${shown.length > 0 ? `showed ${shown.join(', ')} as the built-ins do` : 'held'} (${figures})`];
  }
  const lines = [`${MARK_UNEXPECTED} ${entry.scenario} (${expected}) with ${entry.strategy}:`];
  if (entry.callViolation !== null) lines.push(...formatAssignorViolation(entry.callViolation).map((line) => INDENT + line));
  for (const violation of result.violations.filter((v) => entry.unexpected.includes(v.property))) {
    lines.push(`${INDENT}${violation.replay}`, `${INDENT}property: ${violation.property}: ${violation.doc}`, `${INDENT}${INDENT}${violation.cases[0]?.summary ?? violation.explanation.split('\n')[0]}`);
  }
  if (result.internalError !== null) lines.push(`${INDENT}${result.internalError}`);
  return lines;
}

function number(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(2);
}

/** The side-by-side table: one row per assignor, the plugin first. */
export function renderAssignorTable(stats: readonly AssignorStats[]): string[] {
  const header = ['assignor', 'max-min load', 'moved/rebalance', 'moved max', 'rounds max', 'not converged'];
  const rows = stats.map((s, index) => [
    index === 0 ? `${s.name} (plugin)` : s.name,
    s.violation !== null ? `broke ${s.violation.rule}` : String(s.loadSpreadMax),
    number(s.movedMeanPerRebalance),
    String(s.movedMax),
    String(s.roundsMax),
    String(s.notConverged),
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
  const render = (cells: string[]): string => cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join('  ');
  return [render(header), ...rows.map(render)];
}

function protocolLines(check: ProtocolCheck): string[] {
  const lines = [`${check.protocol} protocol`, ...contractLines(check)];
  if (check.scenariosSkipped !== null) lines.push(`(b) Group scenarios: skipped: ${check.scenariosSkipped}`);
  else {
    lines.push(`(b) Group scenarios (${check.scenarios[0]?.strategy ?? 'none'}):`);
    for (const entry of check.scenarios) lines.push(...scenarioLines(entry).map((line) => INDENT + line));
  }
  const rebalances = check.comparison[0]?.rebalances.length ?? 0;
  lines.push(`(c) Side by side (${rebalances} rebalances of one seeded membership sequence):`, ...renderAssignorTable(check.comparison).map((line) => INDENT + line));
  return lines;
}

export function formatAssignorTextReport(report: AssignorCheckReport): string {
  if (report.unusable !== null) return `${formatAssignorUnusableLine(report)}\n`;
  const lines = [`kmc check-assignor ${report.module}: ${report.plugin} (${report.style} style, supports ${report.supportedProtocols.join(', ')}; seed ${report.seed})`, ''];
  for (const check of report.protocols) lines.push(...protocolLines(check), '');
  const mark = report.ok ? MARK_OK : MARK_UNEXPECTED;
  const broken = report.findings.length > 0 ? `; rules broken: ${report.findings.map((f) => f.rule).join(', ')}` : '';
  const failed = report.scenarioFailures.length > 0 ? `; scenarios failed: ${report.scenarioFailures.map((f) => `${f.scenario} (${f.protocol}: ${f.properties.join(', ')})`).join(', ')}` : '';
  lines.push(`${mark} exit ${report.exitCode}: ${ASSIGNOR_EXIT_MEANINGS[report.exitCode]}${broken}${failed} (${formatDurationMs(report.durationMs)})`);
  return lines.join('\n') + '\n';
}
