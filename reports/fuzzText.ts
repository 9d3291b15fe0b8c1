/**
 * The human report of `kmc fuzz`: what was varied, then each finding — a heading with the
 * property and the config changes that show it, then, as `kmc check` prints a violation, the
 * command that replays it first, the minimised trace, the property, the explanation — and the
 * scenario file with the other commands that replay it. Then the summary and the exit code.
 * Nothing in it depends on wall time: one seed and budget give the same bytes.
 */
import type { FuzzFinding, FuzzResult } from '../checker/fuzz/types.ts';
import { changesText } from '../checker/fuzz/changes.ts';
import { formatCount } from './numbers.ts';
import { fuzzExitCodeOf, FUZZ_EXIT_MEANINGS } from './fuzzOutcome.ts';
import { MARK_OK, MARK_UNEXPECTED, formatViolationText } from './text.ts';

const INDENT = '  ';
/** Findings beyond FUZZ_LIMITS.findingsMax listed one line each, at most this many. */
export const NOT_MINIMISED_LISTED = 10;

function plural(count: number, noun: string): string {
  return `${formatCount(count)} ${noun}${count === 1 ? '' : 's'}`;
}

/** "kmc fuzz acks-all-min-isr-2 (cluster model), seed x1: varying 5 keys (...), 100 runs per config". */
export function formatFuzzHeader(result: FuzzResult): string {
  const keys = result.vary.length <= 8 ? ` (${result.vary.join(', ')})` : ` (every key of the ${result.model} model that kmc fuzz varies)`;
  return `kmc fuzz ${result.scenario} (${result.model} model), seed ${result.seed}: varying ${plural(result.vary.length, 'key')}${keys}, ${formatCount(result.runsPerConfig)} runs of at most ${formatCount(result.stepsMax)} steps per config\n`;
}

function configsPhrase(finding: FuzzFinding): string {
  const [first, ...again] = finding.configs;
  const more = finding.configsShowing - finding.configs.length;
  if (again.length === 0 && more === 0) return `config ${first}`;
  return `config ${first}; also configs ${again.join(', ')}${more > 0 ? ` and ${formatCount(more)} more` : ''}`;
}

function minimisedPhrase(finding: FuzzFinding): string {
  const drawn = Object.keys(finding.changesDrawn).length;
  const kept = Object.keys(finding.changes).length;
  const cut = finding.keysMinimised ? '' : '; minimisation cut short by the budget';
  return drawn === kept ? `${plural(kept, 'changed key')}${cut}` : `minimised from ${plural(drawn, 'changed key')}${cut}`;
}

/** One finding in two or more lines (npm run soak): what, under which changes, and the commands that replay it. */
export function formatFuzzFindingLine(finding: FuzzFinding): string {
  const what = finding.kind === 'violation' ? `${finding.property} (guaranteed)` : `model assertion: ${finding.internalError}`;
  return [`${INDENT}${MARK_UNEXPECTED} ${what} with ${changesText(finding.changes)} (${configsPhrase(finding)}; ${minimisedPhrase(finding)})`, ...finding.replay.map((command) => INDENT.repeat(3) + command)].join('\n') + '\n';
}

/** One finding: a heading, then the commands that replay it (the first one first) and the detail. */
export function formatFuzzFindingText(finding: FuzzFinding): string {
  const where = `with ${changesText(finding.changes)} (${configsPhrase(finding)}; ${minimisedPhrase(finding)})`;
  if (finding.kind === 'internal-error') {
    return [
      `${MARK_UNEXPECTED} INTERNAL ERROR ${where}: ${finding.internalError} (a model assertion failed: a bug in kmc, not a finding about Kafka)`,
      ...finding.replay.map((command) => INDENT + command),
      `${INDENT}scenario file: ${finding.scenarioFile ?? 'none written'}`,
    ].join('\n');
  }
  const lines = [`${MARK_UNEXPECTED} ${finding.property}, guaranteed by Kafka, violated ${where}`];
  // formatViolationText starts with the first replay command; the others follow the detail.
  if (finding.violation) lines.push(formatViolationText(finding.violation));
  else lines.push(...finding.replay.map((command) => INDENT + command));
  const others = finding.violation ? finding.replay.filter((command) => command !== finding.violation!.replay) : [];
  if (others.length) lines.push(`${INDENT}also replays with:`, ...others.map((command) => INDENT + INDENT + command));
  lines.push(`${INDENT}scenario file: ${finding.scenarioFile ?? 'none written'}`);
  return lines.join('\n');
}

function stoppedPhrase(result: FuzzResult): string {
  switch (result.stoppedBy) {
    case 'configs':
      return 'every config of the budget tried';
    case 'time':
      return 'stopped by --time';
    case 'events':
      return 'event budget spent';
    case 'interrupted':
      return 'interrupted';
  }
}

/** The summary: configs, runs, events, findings, and what the exit code means. */
export function formatFuzzSummaryText(result: FuzzResult): string {
  const code = fuzzExitCodeOf(result);
  const all = [...result.findings.map((f) => ({ kind: f.kind, property: f.property, configs: f.configsShowing })), ...result.notMinimised.map((f) => ({ kind: f.kind, property: f.property, configs: 1 }))];
  const violations = [...new Set(all.filter((f) => f.kind === 'violation').map((f) => f.property!))];
  const assertions = all.filter((f) => f.kind === 'internal-error').length;
  const skipped = result.configsSkipped > 0 ? ` (${formatCount(result.configsSkipped)} more given up: no legal draw)` : '';
  const found =
    violations.length === 0 && assertions === 0
      ? 'no guaranteed violation, no model assertion'
      : [violations.length ? `guaranteed violations of ${violations.join(', ')}` : 'no guaranteed violation', assertions ? plural(assertions, 'model assertion') : 'no model assertion'].join(', ');
  const mark = code === 0 ? MARK_OK : MARK_UNEXPECTED;
  return (
    `${mark} fuzz ${result.scenario}: ${plural(result.configsTried, 'config')} tried${skipped}, ${plural(result.runs, 'run')}, ${plural(result.events, 'event')} (${stoppedPhrase(result)}): ${found}\n` +
    `exit ${code}: ${FUZZ_EXIT_MEANINGS[code]}\n`
  );
}

/** The whole report. */
export function formatFuzzTextReport(result: FuzzResult): string {
  const sections = [formatFuzzHeader(result)];
  for (const finding of result.findings) sections.push(formatFuzzFindingText(finding) + '\n');
  if (result.notMinimised.length > 0) {
    const listed = result.notMinimised.slice(0, NOT_MINIMISED_LISTED).map((f) => `${INDENT}config ${f.config}: ${f.property ?? 'model assertion'} with ${changesText(f.changes)}, run seed ${f.runSeed}`);
    const more = result.notMinimised.length - listed.length;
    sections.push(
      [`${plural(result.notMinimised.length, 'more finding')} beyond the ${formatCount(result.findings.length)} minimised (not minimised):`, ...listed, ...(more > 0 ? [`${INDENT}... and ${formatCount(more)} more`] : [])].join('\n') + '\n',
    );
  }
  sections.push(formatFuzzSummaryText(result));
  return sections.join('\n');
}
