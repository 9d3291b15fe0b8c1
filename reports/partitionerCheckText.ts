/**
 * The human report of `kmc check-partitioner`: the plugin, then (a) the contract, (b) the
 * end-to-end scenarios (the plugin's, each violation starting with the command that replays it;
 * then one line per built-in), (c) the load table, and a summary with the exit code's meaning.
 * Output is bounded: at most VIOLATIONS_SHOWN violations per scenario, one finding per rule.
 */
import { CONTRACT_RULE_DOCS } from '../checker/plugins/callGuard.ts';
import { renderComparisonTable } from '../checker/partitionerCheck/compare.ts';
import type { ViolationReport } from '../checker/api.ts';
import type { EndToEndResult } from '../checker/partitionerCheck/endToEnd.ts';
import { formatContractFinding } from '../checker/partitionerCheck/finding.ts';
import type { PartitionerCheckExitCode, PartitionerCheckReport } from '../checker/partitionerCheck/runPartitionerCheck.ts';
import { formatCount, formatDurationMs } from './numbers.ts';
import { MARK_OK, MARK_UNEXPECTED, VIOLATIONS_SHOWN, formatVerdictLine, formatViolationText } from './text.ts';

const INDENT = '  ';

/** What each exit code of check-partitioner means. */
export const PARTITIONER_EXIT_MEANINGS: Record<PartitionerCheckExitCode, string> = {
  0: 'the partitioner keeps its contract and every scenario held',
  1: 'a broken contract or an end-to-end violation',
  2: 'bad usage, or a module kmc cannot use as a partitioner',
  3: 'internal error (a model assertion failed: a bug in kmc, not a finding)',
};

/** The one line for a module kmc cannot use (the CLI prints it on stderr). */
export function formatUnusableLine(report: PartitionerCheckReport): string {
  const unusable = report.unusable;
  if (unusable === null) return `${report.module}: usable`;
  return `${report.module}: unusable partitioner module (${unusable.rule}): ${unusable.detail}`;
}

function plural(count: number, noun: string): string {
  return `${formatCount(count)} ${noun}${count === 1 ? '' : 's'}`;
}

function contractSection(report: PartitionerCheckReport): string[] {
  const contract = report.contract;
  if (contract === null) return ['(a) Contract: not checked'];
  if (contract.passed) {
    return [`(a) Contract: ${MARK_OK} holds: ${contract.rules.join(', ')} (seed ${contract.seed})`];
  }
  const lines = [`(a) Contract: ${MARK_UNEXPECTED} ${plural(contract.findings.length, 'rule')} broken (seed ${contract.seed})`];
  for (const finding of contract.findings) lines.push(...formatContractFinding(finding).split('\n').map((line) => INDENT + line));
  if (contract.stoppedEarly) lines.push(`${INDENT}(the checks stopped after a call that hung or ended the plugin's thread)`);
  return lines;
}

function planFailureLines(entry: EndToEndResult): string[] {
  const failure = entry.planFailure;
  if (failure === null) return [];
  return [
    `${MARK_UNEXPECTED} ${entry.scenario}: did not run: ${entry.partitioner} broke "${failure.rule}" (${CONTRACT_RULE_DOCS[failure.rule]}) while choosing partitions`,
    ...formatContractFinding(failure).split('\n').slice(1).map((line) => INDENT + line),
  ];
}

/** A violation in a few lines: the replay command first, the property, its first case in one line. */
function compactViolationLines(violation: ViolationReport): string[] {
  const cases = violation.cases.length;
  const first = violation.cases[0]?.summary ?? violation.explanation.split('\n')[0];
  return [
    `${INDENT}${violation.replay}`,
    `${INDENT}property: ${violation.property}: ${violation.doc}`,
    `${INDENT}${INDENT}${first}${cases > 1 ? ` (and ${plural(cases - 1, 'more case')})` : ''}; the replay shows the trace and the explanation`,
  ];
}

/**
 * The plugin's scenarios: verdict line, plan, and the violations (replay command first). The
 * report's first violation is shown in full (trace and explanation); the others compactly.
 */
function pluginScenarioLines(entry: EndToEndResult, state: { fullShown: boolean }): string[] {
  if (entry.result === null) return planFailureLines(entry);
  const result = entry.result;
  const lines = [formatVerdictLine({ ...result, name: entry.scenario }), `${INDENT}plan (model.partition.plan): ${entry.plan}`];
  const shown = result.violations.slice(0, VIOLATIONS_SHOWN);
  for (const violation of shown) {
    lines.push('', ...(state.fullShown ? compactViolationLines(violation) : formatViolationText(violation).split('\n')));
    state.fullShown = true;
  }
  const hidden = result.violations.length - shown.length;
  if (hidden > 0) lines.push('', `${INDENT}... ${plural(hidden, 'more violation')} (--json has them all)`);
  return lines;
}

/** One line per built-in when every scenario held; else a line per scenario that did not. */
function builtInLines(entries: readonly EndToEndResult[]): string[] {
  const byName = new Map<string, EndToEndResult[]>();
  for (const entry of entries) byName.set(entry.partitioner, [...(byName.get(entry.partitioner) ?? []), entry]);
  const lines: string[] = [];
  for (const [name, results] of byName) {
    const held = results.filter((r) => r.verdict === 'as-expected');
    const runs = results.reduce((sum, r) => sum + (r.result?.runs ?? 0), 0);
    const durationMs = results.reduce((sum, r) => sum + (r.result?.durationMs ?? 0), 0);
    const mark = held.length === results.length ? MARK_OK : MARK_UNEXPECTED;
    lines.push(`${mark} ${name}: ${held.length} of ${results.length} scenarios held (${plural(runs, 'run')}, ${formatDurationMs(durationMs)})`);
    for (const entry of results) {
      if (entry.verdict === 'as-expected') continue;
      if (entry.result === null) {
        lines.push(...planFailureLines(entry).map((line) => INDENT + line));
        continue;
      }
      const result = entry.result;
      if (result.internalError !== null) {
        lines.push(`${INDENT}${formatVerdictLine({ ...result, name: entry.scenario })}`);
        continue;
      }
      const properties = [...new Set(result.violations.map((v) => v.property))];
      lines.push(`${INDENT}${MARK_UNEXPECTED} ${entry.scenario}: violates ${properties.join(', ')} (${plural(result.runs, 'run')})`);
      const first = result.violations[0];
      if (first !== undefined) lines.push(`${INDENT}${INDENT}${first.replay}`);
    }
  }
  return lines;
}

function endToEndSection(report: PartitionerCheckReport): string[] {
  if (report.endToEndSkipped !== null) return [`(b) End to end: skipped: ${report.endToEndSkipped}; fix the contract first`];
  if (report.contract === null) return ['(b) End to end: not run'];
  const plugin = report.endToEnd.filter((entry) => !entry.builtIn);
  const builtIns = report.endToEnd.filter((entry) => entry.builtIn);
  const lines = [
    `(b) End to end: ${plural(plugin.length, 'scenario')} with faults and retries, up to ${plural(report.runsPerScenarioMax, 'walk')} each, expected to hold ` +
      '(lost-write, duplicate, nonmonotonic-send, key-partition-stable, key-order, partition-in-range, and every other property)',
  ];
  const state = { fullShown: false };
  for (const entry of plugin) lines.push(...pluginScenarioLines(entry, state).map((line) => (line === '' ? '' : INDENT + line)));
  if (builtIns.length > 0) {
    lines.push(`${INDENT}Built-ins, for comparison (they do not change the exit code):`);
    lines.push(...builtInLines(builtIns).map((line) => INDENT + INDENT + line));
  }
  return lines;
}

function loadSection(report: PartitionerCheckReport): string[] {
  if (report.comparison === null) return ['(c) Load: not measured'];
  return ['(c) Load, side by side with the built-ins:', ...renderComparisonTable(report.comparison).split('\n').map((line) => INDENT + line)];
}

function summaryLines(report: PartitionerCheckReport): string[] {
  const parts: string[] = [];
  const contract = report.contract;
  if (contract !== null) parts.push(contract.passed ? 'contract holds' : `contract broken (${contract.findings.map((f) => f.rule).join(', ')})`);
  const plugin = report.endToEnd.filter((entry) => !entry.builtIn);
  if (report.endToEndSkipped === null && plugin.length > 0) {
    const held = plugin.filter((entry) => entry.verdict === 'as-expected').length;
    parts.push(`${held} of ${plugin.length} scenarios held`);
  } else {
    parts.push('end to end skipped');
  }
  const loadFailure = report.loadStats?.failure ?? null;
  parts.push(loadFailure === null ? 'load measured' : `load measuring stopped (${loadFailure.rule})`);
  if (report.internalErrors.length > 0) parts.push(`${plural(report.internalErrors.length, 'internal error')}`);
  const mark = report.ok ? MARK_OK : MARK_UNEXPECTED;
  const lines = [`${mark} ${report.plugin}: ${parts.join(', ')} (${formatDurationMs(report.durationMs)})`];
  for (const error of report.internalErrors) lines.push(`${INDENT}internal error: ${error}`);
  const firstViolation = plugin.flatMap((entry) => entry.result?.violations ?? [])[0];
  if (firstViolation !== undefined) lines.push(`${INDENT}replay the first violation: ${firstViolation.replay}`);
  lines.push(`exit ${report.exitCode}: ${PARTITIONER_EXIT_MEANINGS[report.exitCode]}`);
  return lines;
}

/** The whole text report, ending with a newline. */
export function formatPartitionerTextReport(report: PartitionerCheckReport): string {
  if (report.unusable !== null) return `${formatUnusableLine(report)}\nexit ${report.exitCode}: ${PARTITIONER_EXIT_MEANINGS[report.exitCode]}\n`;
  const style = report.style === null ? '' : `, ${report.style} style`;
  const sections = [
    [`kmc check-partitioner: ${report.plugin} (${report.module}${style}), seed ${report.seed}`],
    contractSection(report),
    endToEndSection(report),
    loadSection(report),
    summaryLines(report),
  ];
  return sections.map((lines) => lines.join('\n')).join('\n\n') + '\n';
}
