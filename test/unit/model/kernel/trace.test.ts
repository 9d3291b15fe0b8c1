import { describe, expect, it } from 'vitest';
import { traceToJsonLines, traceToText, type TraceStep } from '../../../../model/kernel/trace.ts';

function trace(): TraceStep[] {
  return [
    { index: 0, timeMs: 0, event: { type: 'send' }, description: 'producer-1 sends v1 to p0' },
    { index: 1, timeMs: 3000, event: { type: 'crash' }, description: 'broker 2 is killed (SIGKILL); its page cache survives' },
  ];
}

describe('traceToJsonLines', () => {
  it('is byte-identical for equal traces', () => {
    expect(traceToJsonLines(trace())).toBe(traceToJsonLines(trace()));
  });

  it('writes one JSON object per step, newline-terminated, with i, t, event, d', () => {
    const text = traceToJsonLines(trace());
    expect(text.endsWith('\n')).toBe(true);
    const lines = text.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe('{"i":0,"t":0,"event":{"type":"send"},"d":"producer-1 sends v1 to p0"}');
    expect(JSON.parse(lines[1])).toEqual({ i: 1, t: 3000, event: { type: 'crash' }, d: 'broker 2 is killed (SIGKILL); its page cache survives' });
  });

  it('differs when one step differs', () => {
    const other = trace();
    other[1] = { ...other[1], timeMs: 3001 };
    expect(traceToJsonLines(other)).not.toBe(traceToJsonLines(trace()));
  });

  it('is empty for an empty trace', () => {
    expect(traceToJsonLines([])).toBe('');
  });
});

describe('traceToText', () => {
  it('pads the index and the time so columns line up', () => {
    expect(traceToText(trace())).toBe(
      '   0 @      0ms  producer-1 sends v1 to p0\n   1 @   3000ms  broker 2 is killed (SIGKILL); its page cache survives',
    );
  });
});
