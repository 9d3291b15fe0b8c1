import { describe, expect, test } from 'vitest';
import { missingExpected, stopWhenFor, verdictFor, violationRole } from '../../../checker/verdict.ts';

const lost = { property: 'lost-write', guaranteed: false };
const unseen = { property: 'unseen', guaranteed: false };
const leaderInIsr = { property: 'leader-in-isr', guaranteed: true };

describe('verdictFor', () => {
  test('expect hold: as expected only without any violation, guaranteed or not', () => {
    expect(verdictFor('hold', [], false)).toBe('as-expected');
    expect(verdictFor('hold', [unseen], false)).toBe('unexpected');
    expect(verdictFor('hold', [leaderInIsr], false)).toBe('unexpected');
  });

  test('expect a list: every listed property found; other properties Kafka does not guarantee are allowed', () => {
    expect(verdictFor(['lost-write'], [lost], false)).toBe('as-expected');
    expect(verdictFor(['lost-write'], [unseen, lost], false)).toBe('as-expected');
    expect(verdictFor(['lost-write', 'unseen'], [lost], false)).toBe('unexpected');
    expect(verdictFor(['lost-write'], [unseen], false)).toBe('unexpected');
    expect(verdictFor(['lost-write'], [], false)).toBe('unexpected');
  });

  test('expect a list: a property Kafka guarantees under the config, found unlisted, is unexpected', () => {
    expect(verdictFor(['lost-write'], [lost, leaderInIsr], false)).toBe('unexpected');
    expect(verdictFor(['lost-write', 'leader-in-isr'], [lost, leaderInIsr], false)).toBe('as-expected');
  });

  test('an internal error is always unexpected', () => {
    expect(verdictFor('hold', [], true)).toBe('unexpected');
    expect(verdictFor(['lost-write'], [lost], true)).toBe('unexpected');
  });

  test('the role of each violation', () => {
    expect([lost, unseen, leaderInIsr].map((v) => violationRole(['lost-write'], v))).toEqual(['expected', 'also-found', 'unexpected']);
    expect(violationRole('hold', unseen)).toBe('unexpected');
  });
});

describe('replays: one run, judged as the check judged it', () => {
  test('a counterexample file must show the property it recorded, not the others the check found in other runs', () => {
    const file = (property: string) => ({ expected: { property } });
    expect(verdictFor(['lost-write', 'unseen'], [lost], false, file('lost-write'))).toBe('as-expected');
    expect(missingExpected(['lost-write', 'unseen'], [unseen], file('lost-write'))).toEqual(['lost-write']);
    expect(verdictFor(['lost-write', 'unseen'], [unseen], false, file('lost-write'))).toBe('unexpected');
    // A file of a companion (not expected, not guaranteed) is as the check judged it: allowed.
    expect(verdictFor(['lost-write'], [unseen], false, file('unseen'))).toBe('as-expected');
    // A guaranteed violation stays unexpected, and hold stays hold.
    expect(verdictFor(['lost-write'], [leaderInIsr], false, file('leader-in-isr'))).toBe('unexpected');
    expect(verdictFor('hold', [unseen], false, file('unseen'))).toBe('unexpected');
  });

  test('a replay from a seed must show some violation of a scenario that expects one', () => {
    const seed = { expected: null };
    expect(verdictFor(['lost-write', 'unseen'], [unseen], false, seed)).toBe('as-expected');
    expect(missingExpected(['lost-write', 'unseen'], [], seed)).toEqual(['lost-write', 'unseen']);
    expect(verdictFor('hold', [], false, seed)).toBe('as-expected');
  });

  test('a check must show every expected property', () => {
    expect(missingExpected(['lost-write', 'unseen'], [unseen])).toEqual(['lost-write']);
    expect(missingExpected('hold', [unseen])).toEqual([]);
  });
});

describe('stopWhenFor', () => {
  test('hold stops at the first violation; a list once every listed property is found', () => {
    expect(stopWhenFor('hold')(new Set(['unseen']))).toBe(true);
    expect(stopWhenFor(['lost-write'])(new Set(['unseen', 'leader-completeness']))).toBe(false);
    expect(stopWhenFor(['lost-write'])(new Set(['unseen', 'lost-write']))).toBe(true);
  });
});
