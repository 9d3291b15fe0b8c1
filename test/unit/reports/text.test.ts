import { describe, expect, it } from 'vitest';
import {
  TRACE_LINES_MAX,
  VIOLATIONS_SHOWN,
  formatScenarioText,
  formatSummaryText,
  formatTextReport,
  formatVerdictLine,
  formatViolationText,
} from '../../../reports/text.ts';
import { fakeExpectedViolation, fakeExploreResult, fakeResult, fakeTrace, fakeViolation } from './fixtures.ts';

describe('verdict lines', () => {
  it('a scenario that must hold and holds', () => {
    expect(formatVerdictLine(fakeResult())).toBe('✓ acks-all-min-isr-2 holds (500 runs, 812,344 events, 4.1 s)');
  });

  it('a known-unsafe scenario shown to break', () => {
    expect(formatVerdictLine(fakeExpectedViolation())).toBe('✓ acks-1-leader-crash violates lost-write as expected (37 runs, 4,210 events, 0.3 s)');
  });

  it('a violation beyond the expected one is named', () => {
    const result = fakeExpectedViolation({ violations: [fakeViolation(), fakeViolation({ property: 'duplicate' })] });
    expect(formatVerdictLine(result)).toBe('✓ acks-1-leader-crash violates lost-write as expected (also violates duplicate) (37 runs, 4,210 events, 0.3 s)');
  });

  it('a violation where hold was expected is UNEXPECTED', () => {
    const result = fakeResult({ verdict: 'unexpected', status: 'violated', violations: [fakeViolation()] });
    expect(formatVerdictLine(result)).toBe('✗ acks-all-min-isr-2 violates lost-write: UNEXPECTED, expected to hold (500 runs, 812,344 events, 4.1 s)');
  });

  it('a promised violation not found is UNEXPECTED', () => {
    const result = fakeExpectedViolation({ verdict: 'unexpected', status: 'passed', violations: [] });
    expect(formatVerdictLine(result)).toBe('✗ acks-1-leader-crash holds: UNEXPECTED, expected a violation of lost-write; none found (37 runs, 4,210 events, 0.3 s)');
  });

  it('another violation than the promised one is UNEXPECTED', () => {
    const result = fakeExpectedViolation({ verdict: 'unexpected', violations: [fakeViolation({ property: 'duplicate' })] });
    expect(formatVerdictLine(result)).toBe('✗ acks-1-leader-crash violates duplicate: UNEXPECTED, expected a violation of lost-write; not found (37 runs, 4,210 events, 0.3 s)');
  });

  it('an internal error says it is a bug in kmc', () => {
    const result = fakeResult({ verdict: 'unexpected', status: 'interrupted', internalError: 'model assertion failed at step 12 (seed 42): epoch\nwent back' });
    expect(formatVerdictLine(result)).toBe(
      '✗ acks-all-min-isr-2 INTERNAL ERROR: model assertion failed at step 12 (seed 42): epoch went back (a model assertion failed: a bug in kmc, not a finding) (500 runs, 812,344 events, 4.1 s; interrupted)',
    );
  });

  it('an exhausted budget and distinct states are shown', () => {
    const result = fakeResult({ status: 'budget-exhausted', statesDistinct: 120_000, durationMs: 61_000 });
    expect(formatVerdictLine(result)).toBe('✓ acks-all-min-isr-2 holds (500 runs, 812,344 events, 120,000 distinct states, 1 min 1 s; budget exhausted)');
  });
});

describe('a violation', () => {
  it('starts with the command that replays it', () => {
    const text = formatViolationText(fakeViolation());
    expect(text.split('\n')[0]).toBe('  npx kmc replay kmc-out/acks-1-leader-crash-lost-write-42_run-17.json');
  });

  it('then the minimised trace, the property, the explanation, the guarantee and the file', () => {
    expect(formatViolationText(fakeViolation())).toBe(
      [
        '  npx kmc replay kmc-out/acks-1-leader-crash-lost-write-42_run-17.json',
        '  trace: 5 events (minimised from 212), seed 42/run-17',
        '     1 @      0ms  event number 1',
        '     2 @    100ms  event number 2',
        '     3 @    200ms  event number 3',
        '     4 @    300ms  event number 4',
        '     5 @    400ms  event number 5',
        '  property: lost-write: An acknowledged write is missing from the final read.',
        '    Let W = send of v3, acknowledged with acks=1 at p0 offset 2.',
        '    The final read of p0 has no v3: a lost write.',
        '  not guaranteed: possible because acks=1',
        '  counterexample: kmc-out/acks-1-leader-crash-lost-write-42_run-17.json',
      ].join('\n'),
    );
  });

  it('says when Kafka guarantees the property, and when no file was written', () => {
    const text = formatViolationText(fakeViolation({ guaranteed: true, because: null, file: null }));
    expect(text).toContain('\n  guaranteed by Kafka under this config: a violation here is a bug\n');
    expect(text.endsWith('\n  counterexample: none written')).toBe(true);
  });

  it('names a release other than the newest in a guaranteed violation, as the scenario pinned it', () => {
    const violation = fakeViolation({ guaranteed: true, because: null });
    expect(formatViolationText(violation, { kafkaVersion: '2.7' })).toContain('\n  guaranteed by Kafka 2.7 (model.kafka.version) under this config: a violation here is a bug\n');
    expect(formatViolationText(violation, { kafkaVersion: '4.1' })).toContain('\n  guaranteed by Kafka under this config: a violation here is a bug\n');
    const result = fakeResult({ verdict: 'unexpected', status: 'violated', config: { 'model.kafka.version': '3.5' }, violations: [violation] });
    expect(formatScenarioText(result)).toContain('\n  guaranteed by Kafka 3.5 (model.kafka.version) under this config: a violation here is a bug\n');
  });

  it('bounds a long trace, keeping its start and its end', () => {
    const text = formatViolationText(fakeViolation({ steps: 100, trace: fakeTrace(100) }));
    const traceLines = text.split('\n').filter((line) => /^ +\d+ @ /.test(line));
    expect(traceLines.length).toBe(TRACE_LINES_MAX);
    expect(text).toContain('event number 40\n');
    expect(text).toContain('\n       ... 40 more events; the full trace: kmc replay kmc-out/acks-1-leader-crash-lost-write-42_run-17.json\n');
    expect(text).not.toContain('event number 41\n');
    expect(text).toContain('event number 81\n');
    expect(text).toContain('event number 100\n');
  });
});

describe('a scenario', () => {
  const many = fakeExpectedViolation({ violations: Array.from({ length: 5 }, (_, i) => fakeViolation({ replay: `npx kmc replay v${i}.json` })) });

  it(`shows the first ${VIOLATIONS_SHOWN} violations and counts the rest`, () => {
    const text = formatScenarioText(many);
    expect(text.match(/npx kmc replay v\d\.json/g)).toEqual(['npx kmc replay v0.json', 'npx kmc replay v1.json', 'npx kmc replay v2.json']);
    expect(text).toContain('  ... 2 more violations (--all-violations shows them)');
  });

  it('shows every violation with --all-violations', () => {
    const text = formatScenarioText(many, { allViolations: true });
    expect(text.match(/npx kmc replay v\d\.json/g)?.length).toBe(5);
    expect(text).not.toContain('more violation');
  });

  it('is the verdict line alone when there is no violation', () => {
    expect(formatScenarioText(fakeResult())).toBe('✓ acks-all-min-isr-2 holds (500 runs, 812,344 events, 4.1 s)\n\n');
  });

  it("says how much the guided engine explored, and when it had saturated", () => {
    expect(formatScenarioText(fakeResult({ engine: 'guided', coverage: { features: 412, newInLastTenth: 3 } }))).toBe(
      '✓ acks-all-min-isr-2 holds (500 runs, 812,344 events, 4.1 s)\n  coverage: 412 abstract features, 3 new in the last 10% of runs\n\n',
    );
    expect(formatScenarioText(fakeResult({ engine: 'guided', coverage: { features: 1_412, newInLastTenth: 0 } }))).toContain(
      '\n  coverage: 1,412 abstract features, 0 new in the last 10% of runs (saturated)\n',
    );
  });
});

describe('the summary', () => {
  it('counts scenarios and says what the exit code means', () => {
    expect(formatSummaryText([fakeResult(), fakeExpectedViolation()])).toBe('2 scenarios: 2 as expected (537 runs, 816,554 events, 4.4 s)\nexit 0: every expectation met\n');
  });

  it('counts the unexpected and internal errors', () => {
    const results = [fakeResult({ verdict: 'unexpected' }), fakeResult({ verdict: 'unexpected', internalError: 'x' }), fakeResult()];
    const summary = formatSummaryText(results);
    expect(summary).toContain('3 scenarios: 1 as expected, 2 UNEXPECTED, 1 internal error (');
    expect(summary).toContain('\nexit 3: internal error (a model assertion failed: a bug in kmc, not a finding)\n');
  });

  it('exit 1 when an expectation is not met', () => {
    expect(formatSummaryText([fakeResult({ verdict: 'unexpected' })])).toContain('\nexit 1: an expectation not met\n');
  });

  it('is part of the whole report, after the scenarios', () => {
    const report = formatTextReport([fakeResult(), fakeExpectedViolation()]);
    expect(report.startsWith('✓ acks-all-min-isr-2 holds')).toBe(true);
    expect(report.endsWith('exit 0: every expectation met\n')).toBe(true);
  });
});

describe('replays and explorations', () => {
  it('a replay says whether the recorded violation came back', () => {
    const replayed = { source: 'kmc-out/x.json', expected: { property: 'lost-write', step: 31 }, reproduced: true };
    const text = formatScenarioText(fakeExpectedViolation({ runs: 1, replayed }));
    expect(text.split('\n').slice(0, 2)).toEqual([
      '✓ acks-1-leader-crash violates lost-write as expected (1 run, 4,210 events, 0.3 s)',
      '  replayed kmc-out/x.json: the recorded lost-write at step 31 came back',
    ]);
    const gone = formatScenarioText(fakeResult({ replayed: { ...replayed, reproduced: false } }));
    expect(gone.split('\n')[1]).toBe('  replayed kmc-out/x.json: the recorded lost-write at step 31 did NOT come back (the model has changed since it was recorded)');
    const bySeed = formatScenarioText(fakeResult({ replayed: { source: 'scenario s --seed 7', expected: null, reproduced: false } }));
    expect(bySeed.split('\n')[1]).toBe('  replayed scenario s --seed 7: no violation this time');
  });

  it('a replay of one of several expected properties names what it shows; a companion alone is not called expected', () => {
    const replayed = { source: 'kmc-out/x.json', expected: { property: 'lost-write', step: 31 }, reproduced: true };
    const one = fakeExpectedViolation({ runs: 1, replayed, expect: ['lost-write', 'unseen'], verdict: 'as-expected' });
    expect(formatScenarioText(one).split('\n')[0]).toBe('✓ acks-1-leader-crash violates lost-write as expected (1 run, 4,210 events, 0.3 s)');
    const companion = fakeExpectedViolation({ runs: 1, replayed: { ...replayed, expected: { property: 'unseen', step: 31 } }, violations: [fakeViolation({ property: 'unseen' })] });
    expect(formatScenarioText(companion).split('\n')[0]).toBe('✓ acks-1-leader-crash violates unseen, which Kafka does not guarantee under this config (1 run, 4,210 events, 0.3 s)');
    const missing = fakeExpectedViolation({ runs: 1, replayed, expect: ['lost-write', 'unseen'], verdict: 'unexpected', violations: [fakeViolation({ property: 'unseen' })] });
    expect(formatScenarioText(missing).split('\n')[0]).toBe('✗ acks-1-leader-crash violates unseen: UNEXPECTED, expected a violation of lost-write; not found (1 run, 4,210 events, 0.3 s)');
  });

  it('an exploration says how much of the space it searched', () => {
    expect(formatScenarioText(fakeExploreResult()).split('\n')[1]).toBe(
      '  explored 12,345 distinct states, 40,000 transitions, depth 14: the whole reachable space; 3,000 states/s, ~120 bytes/state, frontier peak 1,234',
    );
    expect(formatScenarioText(fakeExploreResult({ complete: false })).split('\n')[1]).toContain('depth 14: cut by the bounds (depth 20, 50,000 states);');
  });

  it('an exploration says what partial-order reduction pruned, or that it was off', () => {
    expect(formatScenarioText(fakeExploreResult()).split('\n')[2]).toBe(
      '  partial-order reduction (sleep sets): 10,000 transitions pruned (20% of 50,000), 2 states expanded again',
    );
    expect(formatScenarioText(fakeExploreResult({ reduction: null })).split('\n')[2]).toBe('  partial-order reduction off: every interleaving applied');
  });
});
