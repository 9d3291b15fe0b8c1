/**
 * The human report. Per scenario one verdict line; per violation (the first few) the command
 * that replays it first, then the minimised trace, the property, the explanation, whether Kafka
 * guarantees it, and the counterexample file. Then a summary and what the exit code means.
 * Output is bounded: a count and the first cases, with --all-violations for the rest.
 *
 * A scenario expected to violate some properties often shows others beside them, which Kafka
 * does not guarantee under its config either (a lost write also shows as unseen or
 * leader-completeness). They do not change the verdict; they are listed after the violations
 * that decide it, each marked "also found".
 */
import type { ExploreResult, ScenarioResult, ViolationReport } from '../checker/api.ts';
import { traceToText } from '../model/kernel/trace.ts';
import { formatCount, formatDurationMs } from './numbers.ts';
import { EXIT_MEANINGS, exitCodeOf } from './outcome.ts';
import { isExploreResult } from './resultKinds.ts';
import { missingExpected, violationRole } from '../checker/verdict.ts';
import { KAFKA_VERSION_NEWEST } from '../model/kafkaVersion.ts';

export interface TextReportOptions {
  /** Show every violation, not only the first VIOLATIONS_SHOWN of each scenario. */
  allViolations?: boolean;
}

export const VIOLATIONS_SHOWN = 3;
export const TRACE_LINES_MAX = 60;
/** When a trace is longer than TRACE_LINES_MAX: its first lines, a "... N more" line, its last lines. */
const TRACE_HEAD_LINES = 40;
const TRACE_TAIL_LINES = TRACE_LINES_MAX - TRACE_HEAD_LINES;
const INDENT = '  ';

export const MARK_OK = '✓';
export const MARK_UNEXPECTED = '✗';

/** The whole report: every scenario, then the summary. */
export function formatTextReport(results: readonly ScenarioResult[], options: TextReportOptions = {}): string {
  return results.map((r) => formatScenarioText(r, options)).join('') + formatSummaryText(results);
}

/** One scenario: the verdict line and its violations, followed by a blank line. */
export function formatScenarioText(result: ScenarioResult, options: TextReportOptions = {}): string {
  const lines = [formatVerdictLine(result)];
  const replayed = replayLine(result);
  if (replayed !== null) lines.push(replayed);
  if (isExploreResult(result)) lines.push(formatSpaceLine(result), formatReductionLine(result));
  if (result.coverage !== undefined) lines.push(formatCoverageLine(result.coverage));
  const ordered = orderedViolations(result);
  // When the expectation is met, its companions (named on the verdict line) are not spelled out.
  const relevant = result.verdict === 'as-expected' && !options.allViolations ? ordered.filter((v) => v.role !== 'also-found') : ordered;
  const shown = options.allViolations ? relevant : relevant.slice(0, VIOLATIONS_SHOWN);
  const version = result.config['model.kafka.version'];
  const kafkaVersion = typeof version === 'string' ? version : undefined;
  for (const { violation, role } of shown) lines.push('', formatViolationText(violation, { alsoFound: role === 'also-found', kafkaVersion }));
  const hidden = ordered.length - shown.length;
  if (hidden > 0) lines.push('', `${INDENT}... ${formatCount(hidden)} more violation${hidden === 1 ? '' : 's'} (--all-violations shows them)`);
  return lines.join('\n') + '\n\n';
}

/** "✓ name holds (500 runs, 812,344 events, 4.1 s)", "✓ name violates lost-write as expected (...)", "✗ ... UNEXPECTED ...". */
export function formatVerdictLine(result: ScenarioResult): string {
  const stats = formatStats(result);
  if (result.internalError !== null) {
    return `${MARK_UNEXPECTED} ${result.name} INTERNAL ERROR: ${oneLine(result.internalError)} (a model assertion failed: a bug in kmc, not a finding) ${stats}`;
  }
  const mark = result.verdict === 'as-expected' ? MARK_OK : MARK_UNEXPECTED;
  const violated = unique(result.violations.map((v) => v.property));
  const expected = result.expect === 'hold' ? [] : result.expect;
  if (result.verdict === 'as-expected') {
    if (expected.length === 0) return `${mark} ${result.name} holds ${stats}`;
    // A check shows every expected property; a replay, one run, may show only some of them.
    const shown = expected.filter((p) => violated.includes(p));
    const also = violated.filter((p) => !expected.includes(p));
    if (shown.length === 0) return `${mark} ${result.name} ${also.length ? `violates ${also.join(', ')}, which Kafka does not guarantee under this config` : 'shows no violation'} ${stats}`;
    const alsoText = also.length ? ` (also violates ${also.join(', ')})` : '';
    return `${mark} ${result.name} violates ${shown.join(', ')} as expected${alsoText} ${stats}`;
  }
  if (expected.length === 0) {
    if (violated.length === 0) return `${mark} ${result.name} UNEXPECTED: not shown to hold ${stats}`;
    return `${mark} ${result.name} violates ${violated.join(', ')}: UNEXPECTED, expected to hold ${stats}`;
  }
  const missing = missingExpected(result.expect, result.violations, result.replayed);
  if (violated.length === 0) {
    return `${mark} ${result.name} holds: UNEXPECTED, expected a violation of ${missing.join(', ')}; none found ${stats}`;
  }
  const found = `violates ${violated.join(', ')}`;
  const guaranteedOthers = unique(result.violations.filter((v) => violationRole(result.expect, v) === 'unexpected').map((v) => v.property));
  const reason = missing.length
    ? `expected a violation of ${missing.join(', ')}; not found`
    : guaranteedOthers.length
      ? `expected ${expected.join(', ')}, but Kafka guarantees ${guaranteedOthers.join(', ')} under this config`
      : `expected only ${expected.join(', ')}`;
  return `${mark} ${result.name} ${found}: UNEXPECTED, ${reason} ${stats}`;
}

export interface ViolationTextOptions {
  /** A violation beside the expected ones, of a property Kafka does not guarantee here: marked "also found". */
  alsoFound?: boolean;
  /** The run's model.kafka.version: a guaranteed violation under an older release names it. */
  kafkaVersion?: string;
}

/** One violation; its first line is the command that replays it. */
export function formatViolationText(violation: ViolationReport, options: ViolationTextOptions = {}): string {
  const minimised = violation.stepsOriginal > violation.steps ? ` (minimised from ${formatCount(violation.stepsOriginal)})` : '';
  const also = options.alsoFound ? ' (also found)' : '';
  const lines = [
    `${INDENT}${violation.replay}`,
    `${INDENT}trace: ${formatCount(violation.steps)} event${violation.steps === 1 ? '' : 's'}${minimised}, seed ${violation.seed}`,
    ...boundedTrace(violation).map((line) => INDENT + line),
    `${INDENT}property: ${violation.property}${also}: ${violation.doc}`,
    ...violation.explanation.split('\n').map((line) => (line ? INDENT + INDENT + line : '')),
    `${INDENT}${guaranteeText(violation, options.kafkaVersion)}`,
    `${INDENT}counterexample: ${violation.file ?? 'none written'}`,
  ];
  return lines.join('\n');
}

/** "3 scenarios: 2 as expected, 1 UNEXPECTED (…)" then "exit 1: an expectation not met". */
export function formatSummaryText(results: readonly ScenarioResult[]): string {
  const unexpected = results.filter((r) => r.verdict !== 'as-expected' || r.internalError !== null).length;
  const internal = results.filter((r) => r.internalError !== null).length;
  const runs = results.reduce((sum, r) => sum + r.runs, 0);
  const events = results.reduce((sum, r) => sum + r.events, 0);
  const durationMs = results.reduce((sum, r) => sum + r.durationMs, 0);
  const counts = [`${formatCount(results.length - unexpected)} as expected`];
  if (unexpected > 0) counts.push(`${formatCount(unexpected)} UNEXPECTED`);
  if (internal > 0) counts.push(`${formatCount(internal)} internal error${internal === 1 ? '' : 's'}`);
  const code = exitCodeOf(results);
  return (
    `${formatCount(results.length)} scenario${results.length === 1 ? '' : 's'}: ${counts.join(', ')} ` +
    `(${plural(runs, 'run')}, ${plural(events, 'event')}, ${formatDurationMs(durationMs)})\n` +
    `exit ${code}: ${EXIT_MEANINGS[code]}\n`
  );
}

function formatStats(result: ScenarioResult): string {
  const parts = [plural(result.runs, 'run'), plural(result.events, 'event')];
  if (result.statesDistinct !== undefined) parts.push(`${formatCount(result.statesDistinct)} distinct states`);
  parts.push(formatDurationMs(result.durationMs));
  const status = result.status === 'budget-exhausted' ? '; budget exhausted' : result.status === 'interrupted' ? '; interrupted' : '';
  return `(${parts.join(', ')}${status})`;
}

/**
 * The guided engine's coverage: "coverage: 412 abstract features, 3 new in the last 10% of runs"
 * (none new: the search had saturated, as far as the coverage map can tell).
 */
export function formatCoverageLine(coverage: NonNullable<ScenarioResult['coverage']>): string {
  const saturated = coverage.newInLastTenth === 0 ? ' (saturated)' : '';
  return `${INDENT}coverage: ${plural(coverage.features, 'abstract feature')}, ${formatCount(coverage.newInLastTenth)} new in the last 10% of runs${saturated}`;
}

/** `kmc explore`: how much of the bounded space was seen, and at what cost. */
export function formatSpaceLine(result: ExploreResult): string {
  const extent = result.complete ? 'the whole reachable space' : `cut by the bounds (depth ${formatCount(result.depthMax)}, ${formatCount(result.statesMax)} states)`;
  return (
    `${INDENT}explored ${plural(result.statesDistinct, 'distinct state')}, ${plural(result.transitions, 'transition')}, depth ${formatCount(result.depthReached)}: ${extent}; ` +
    `${formatCount(result.statesPerSecond)} states/s, ~${formatCount(result.bytesPerState)} bytes/state, frontier peak ${formatCount(result.frontierPeak)}`
  );
}

/** What partial-order reduction saved: transitions pruned, out of those it would have applied. */
export function formatReductionLine(result: ExploreResult): string {
  const reduction = result.reduction;
  if (reduction === null) return `${INDENT}partial-order reduction off: every interleaving applied`;
  const considered = result.transitions + reduction.transitionsPruned;
  const percent = considered === 0 ? 0 : Math.round((100 * reduction.transitionsPruned) / considered);
  return (
    `${INDENT}partial-order reduction (sleep sets): ${plural(reduction.transitionsPruned, 'transition')} pruned (${percent}% of ${formatCount(considered)}), ` +
    `${plural(reduction.statesReexpanded, 'state')} expanded again`
  );
}

/**
 * The violations in the order they are shown: those that go against the expectation first, then
 * the expected ones, then those also found beside them (each group in the order found).
 */
function orderedViolations(result: ScenarioResult): { violation: ViolationReport; role: ReturnType<typeof violationRole> }[] {
  const rank = { unexpected: 0, expected: 1, 'also-found': 2 } as const;
  return result.violations
    .map((violation) => ({ violation, role: violationRole(result.expect, violation) }))
    .sort((a, b) => rank[a.role] - rank[b.role]);
}

function plural(count: number, noun: string): string {
  return `${formatCount(count)} ${noun}${count === 1 ? '' : 's'}`;
}

/** For a replay: whether the violation recorded in the file came back. */
function replayLine(result: ScenarioResult): string | null {
  const replayed = result.replayed;
  if (!replayed) return null;
  if (replayed.expected === null) return `${INDENT}replayed ${replayed.source}: ${replayed.reproduced ? 'a violation came back' : 'no violation this time'}`;
  const what = `the recorded ${replayed.expected.property} at step ${replayed.expected.step}`;
  return `${INDENT}replayed ${replayed.source}: ${what} ${replayed.reproduced ? 'came back' : 'did NOT come back (the model has changed since it was recorded)'}`;
}

function boundedTrace(violation: ViolationReport): string[] {
  const lines = traceToText(violation.trace).split('\n').filter((line) => line !== '');
  if (lines.length <= TRACE_LINES_MAX) return lines;
  const omitted = lines.length - TRACE_HEAD_LINES - TRACE_TAIL_LINES;
  const where = violation.file ? `; the full trace: kmc replay ${violation.file}` : '';
  return [...lines.slice(0, TRACE_HEAD_LINES), `     ... ${formatCount(omitted)} more events${where}`, ...lines.slice(-TRACE_TAIL_LINES)];
}

function guaranteeText(violation: ViolationReport, kafkaVersion: string | undefined): string {
  const kafka = kafkaVersion === undefined || kafkaVersion === KAFKA_VERSION_NEWEST ? 'Kafka' : `Kafka ${kafkaVersion} (model.kafka.version)`;
  if (violation.guaranteed) return `guaranteed by ${kafka} under this config: a violation here is a bug`;
  return violation.because ? `not guaranteed: possible because ${violation.because}` : 'not guaranteed by Kafka under this config';
}

function unique(items: readonly string[]): string[] {
  return [...new Set(items)];
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}
