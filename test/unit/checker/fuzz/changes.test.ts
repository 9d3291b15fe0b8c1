import { describe, expect, test } from 'vitest';
import { asSetFlags, changesText, isPartOf, pickChanges } from '../../../../checker/fuzz/changes.ts';

describe('config changes', () => {
  test('changesText: key=value pairs, an empty value quoted, or no key changed', () => {
    expect(changesText({ 'linger.ms': 1000, acks: 'all', 'model.group.subscriptions': '' })).toBe('linger.ms=1000, acks=all, model.group.subscriptions=""');
    expect(changesText({})).toBe('no key changed');
  });

  test('isPartOf compares values; pickChanges keeps the named keys; asSetFlags makes --set values', () => {
    expect(isPartOf({ acks: 'all' }, { acks: 'all', 'linger.ms': 5 })).toBe(true);
    expect(isPartOf({ acks: 1 }, { acks: 'all' })).toBe(false);
    expect(isPartOf({ acks: 'all' }, {})).toBe(false);
    expect(pickChanges({ acks: 'all', 'linger.ms': 5 }, ['linger.ms'])).toEqual({ 'linger.ms': 5 });
    expect(asSetFlags({ 'linger.ms': 5, 'enable.idempotence': false })).toEqual({ 'linger.ms': '5', 'enable.idempotence': 'false' });
  });
});
