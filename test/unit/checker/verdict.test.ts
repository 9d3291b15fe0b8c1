import { describe, expect, test } from 'vitest';
import { stopWhenFor, verdictFor, violationRole } from '../../../checker/verdict.ts';

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

describe('stopWhenFor', () => {
  test('hold stops at the first violation; a list once every listed property is found', () => {
    expect(stopWhenFor('hold')(new Set(['unseen']))).toBe(true);
    expect(stopWhenFor(['lost-write'])(new Set(['unseen', 'leader-completeness']))).toBe(false);
    expect(stopWhenFor(['lost-write'])(new Set(['unseen', 'lost-write']))).toBe(true);
  });
});
