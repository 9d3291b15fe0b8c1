import { describe, expect, it } from 'vitest';
import { VIOLATIONS_SHOWN, formatScenarioText, formatVerdictLine } from '../../../reports/text.ts';
import { fakeExpectedViolation, fakeViolation } from './fixtures.ts';

/** A lost write and the non-guaranteed properties that come with it, in the order a run found them. */
const companions = ['leader-completeness', 'unseen', 'inconsistent-offsets'].map((property) => fakeViolation({ property, replay: `npx kmc replay ${property}.json` }));
const lostWrite = fakeViolation({ replay: 'npx kmc replay lost-write.json' });

describe('violations found beside the expected one', () => {
  const result = fakeExpectedViolation({ violations: [...companions, lostWrite] });

  it('do not change the verdict line, which names them', () => {
    expect(formatVerdictLine(result)).toBe(
      '✓ acks-1-leader-crash violates lost-write as expected (also violates leader-completeness, unseen, inconsistent-offsets) (37 runs, 4,210 events, 0.3 s)',
    );
  });

  it('are not spelled out when the expectation is met: only the expected violation is, with its replay first', () => {
    const text = formatScenarioText(result);
    expect(text.match(/npx kmc replay [\w-]+\.json/g)).toEqual(['npx kmc replay lost-write.json']);
    expect(text).toContain('\n  property: lost-write: An acknowledged write');
    expect(text).not.toContain('(also found)');
    expect(text).toContain('  ... 3 more violations (--all-violations shows them)');
  });

  it(`with --all-violations they follow the expected one, each marked "also found"`, () => {
    const text = formatScenarioText(result, { allViolations: true });
    expect(text.match(/npx kmc replay [\w-]+\.json/g)).toEqual([
      'npx kmc replay lost-write.json',
      'npx kmc replay leader-completeness.json',
      'npx kmc replay unseen.json',
      'npx kmc replay inconsistent-offsets.json',
    ]);
    expect(text).toContain('\n  property: leader-completeness (also found): ');
  });

  it(`when the verdict is unexpected they are shown after the expected one, the first ${VIOLATIONS_SHOWN} in all`, () => {
    const missing = fakeExpectedViolation({ verdict: 'unexpected', violations: [...companions, lostWrite] });
    const text = formatScenarioText(missing);
    expect(text.match(/npx kmc replay [\w-]+\.json/g)).toEqual(['npx kmc replay lost-write.json', 'npx kmc replay leader-completeness.json', 'npx kmc replay unseen.json']);
    expect(text).toContain('\n  property: unseen (also found): ');
    expect(text).toContain('  ... 1 more violation (--all-violations shows them)');
  });

  it('a guaranteed property found beside the expected one is shown first, and named in the verdict line', () => {
    const bug = fakeViolation({ property: 'leader-in-isr', guaranteed: true, because: null, replay: 'npx kmc replay leader-in-isr.json' });
    const broken = fakeExpectedViolation({ verdict: 'unexpected', violations: [companions[1], lostWrite, bug] });
    expect(formatVerdictLine(broken)).toBe(
      '✗ acks-1-leader-crash violates unseen, lost-write, leader-in-isr: UNEXPECTED, expected lost-write, but Kafka guarantees leader-in-isr under this config (37 runs, 4,210 events, 0.3 s)',
    );
    const text = formatScenarioText(broken);
    expect(text.match(/npx kmc replay [\w-]+\.json/g)).toEqual(['npx kmc replay leader-in-isr.json', 'npx kmc replay lost-write.json', 'npx kmc replay unseen.json']);
    expect(text).toContain('\n  property: leader-in-isr: ');
    expect(text).toContain('\n  guaranteed by Kafka under this config: a violation here is a bug\n');
  });
});
