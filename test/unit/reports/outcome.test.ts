import { describe, expect, it } from 'vitest';
import { exitCodeOf, resultsOk } from '../../../reports/outcome.ts';
import { fakeResult } from './fixtures.ts';

describe('exit codes from results', () => {
  it('0 when every expectation is met, including no scenario at all', () => {
    expect(exitCodeOf([fakeResult(), fakeResult()])).toBe(0);
    expect(exitCodeOf([])).toBe(0);
    expect(resultsOk([fakeResult()])).toBe(true);
  });

  it('1 when an expectation is not met', () => {
    expect(exitCodeOf([fakeResult(), fakeResult({ verdict: 'unexpected' })])).toBe(1);
    expect(resultsOk([fakeResult({ verdict: 'unexpected' })])).toBe(false);
  });

  it('3 on an internal error, whatever else happened', () => {
    expect(exitCodeOf([fakeResult({ verdict: 'unexpected' }), fakeResult({ internalError: 'boom' })])).toBe(3);
  });
});
