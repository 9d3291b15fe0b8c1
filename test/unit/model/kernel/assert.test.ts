import { describe, expect, it } from 'vitest';
import { ModelAssertionError, assert, assertNever } from '../../../../model/kernel/assert.ts';

describe('assert', () => {
  it('passes on a truthy condition and throws ModelAssertionError with the message otherwise', () => {
    expect(() => assert(1, 'never shown')).not.toThrow();
    expect(() => assert(0, 'log of p0 exceeds 4096 records')).toThrow(ModelAssertionError);
    expect(() => assert(false, 'log of p0 exceeds 4096 records')).toThrow('log of p0 exceeds 4096 records');
  });

  it('names the error ModelAssertionError (a model bug, never a finding)', () => {
    const error = new ModelAssertionError('x');
    expect(error.name).toBe('ModelAssertionError');
    expect(error).toBeInstanceOf(Error);
  });

  it('assertNever reports the unhandled value', () => {
    expect(() => assertNever({ type: 'bogus' } as never, 'event')).toThrow('unhandled event: {"type":"bogus"}');
  });
});
