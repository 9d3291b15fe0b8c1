import { describe, expect, test } from 'vitest';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  COUNTEREXAMPLE_FORMAT,
  CounterexampleError,
  counterexampleFileName,
  readCounterexample,
  writeCounterexample,
  type Counterexample,
} from '../../../reports/counterexample.ts';
import { tempDir } from './fixtures.ts';

function sample(overrides: Partial<Counterexample> = {}): Counterexample {
  return {
    format: COUNTEREXAMPLE_FORMAT,
    model: { name: 'toy-register', version: '1' },
    scenario: 'toy-ack-before-flush',
    config: { acks: 'all', 'model.records': 2 },
    seed: '1/run-2',
    engine: 'random',
    events: [{ type: 'write' }, { type: 'crash', node: 'r2' } as { type: string }],
    violation: { property: 'acked-durable', step: 2, explanation: 'r1 holds an ack for v1, yet r2 has only v0.' },
    ...overrides,
  };
}

/** Writes `text` to a fresh file and returns the message readCounterexample throws for it. */
function errorFor(text: string, model?: { name: string; version: string }): string {
  const file = join(tempDir(), 'bad.json');
  writeFileSync(file, text);
  try {
    readCounterexample(file, model);
  } catch (error) {
    expect(error).toBeInstanceOf(CounterexampleError);
    expect((error as CounterexampleError).file).toBe(file);
    return (error as Error).message.replace(file, 'FILE');
  }
  throw new Error('no error');
}

const without = (key: string): string => {
  const doc = JSON.parse(JSON.stringify(sample())) as Record<string, unknown>;
  delete doc[key];
  return JSON.stringify(doc);
};

describe('counterexample file kmc-counterexample/1', () => {
  test('write then read gives the same counterexample; the directory is created', () => {
    const dir = join(tempDir(), 'nested', 'kmc-out');
    const path = writeCounterexample(dir, sample());
    expect(path).toBe(join(dir, 'toy-ack-before-flush-acked-durable-1_run-2.json'));
    expect(readCounterexample(path, { name: 'toy-register', version: '1' })).toEqual(sample());
  });

  test('the expectation the check judged against is kept, so a replay judges the same; older files without it still read', () => {
    const dir = tempDir();
    for (const expect_ of ['hold', ['acked-durable', 'unseen']] as const) {
      const written = sample({ expect: expect_ === 'hold' ? 'hold' : [...expect_] });
      expect(readCounterexample(writeCounterexample(dir, written))).toEqual(written);
    }
    expect(readCounterexample(writeCounterexample(dir, sample())).expect).toBeUndefined();
    const doc = JSON.parse(JSON.stringify(sample())) as Record<string, unknown>;
    expect(errorFor(JSON.stringify({ ...doc, expect: [] }))).toBe('FILE: field "expect" must be "hold" or a non-empty list of property names, got []');
    expect(errorFor(JSON.stringify({ ...doc, expect: 'lost-write' }))).toBe('FILE: field "expect" must be "hold" or a non-empty list of property names, got "lost-write"');
  });

  test('the keys the user set (userConfigKeys) round-trip after the config; a file without them reads without them', () => {
    const dir = tempDir();
    const withKeys = sample({ userConfigKeys: ['acks'] });
    const path = writeCounterexample(dir, withKeys);
    expect(readFileSync(path, 'utf8')).toContain('\n  "config": {"acks":"all","model.records":2},\n  "userConfigKeys": ["acks"],\n  "seed": ');
    expect(readCounterexample(path)).toEqual(withKeys);
    expect(readCounterexample(writeCounterexample(tempDir(), sample()))).not.toHaveProperty('userConfigKeys');
  });

  test('userConfigKeys must be a list of names', () => {
    expect(errorFor(JSON.stringify({ ...sample(), userConfigKeys: 'acks' }))).toBe('FILE: field "userConfigKeys" must be an array of config key names');
    expect(errorFor(JSON.stringify({ ...sample(), userConfigKeys: [1] }))).toBe('FILE: field "userConfigKeys" must be an array of config key names');
  });

  test('one event per line, and no temporary file left behind', () => {
    const dir = tempDir();
    const path = writeCounterexample(dir, sample());
    const text = readFileSync(path, 'utf8');
    expect(text).toContain('\n    {"type":"write"},\n    {"type":"crash","node":"r2"}\n');
    expect(readdirSync(dir)).toEqual(['toy-ack-before-flush-acked-durable-1_run-2.json']);
  });

  test('file names keep only safe characters', () => {
    expect(counterexampleFileName(sample({ scenario: null, seed: 'a b/c' }))).toBe('toy-register-acked-durable-a_b_c.json');
  });

  test('an unreadable path names the file', () => {
    const missing = join(tempDir(), 'missing.json');
    expect(() => readCounterexample(missing)).toThrow(`${missing}: cannot be read: no such file`);
    const dir = tempDir();
    mkdirSync(join(dir, 'd.json'));
    expect(() => readCounterexample(join(dir, 'd.json'))).toThrow(`${join(dir, 'd.json')}: cannot be read: is a directory, not a file`);
  });

  test('malformed JSON', () => {
    expect(errorFor('{"format": "kmc-counterexample/1",')).toMatch(/^FILE: not JSON: /);
    expect(errorFor('[1, 2]')).toBe('FILE: must be a JSON object');
  });

  test('a wrong or missing format, or another version', () => {
    expect(errorFor(JSON.stringify({ ...sample(), format: 'kmc-counterexample/2' }))).toBe('FILE: kmc-counterexample/2 is not supported; this kmc reads kmc-counterexample/1');
    expect(errorFor(JSON.stringify({ ...sample(), format: 'kmc-scenario/1' }))).toBe('FILE: "format" is "kmc-scenario/1": not a kmc counterexample (expected "kmc-counterexample/1")');
    expect(errorFor(without('format'))).toBe('FILE: missing field "format"; a counterexample file starts with "format": "kmc-counterexample/1"');
  });

  test('missing or mistyped fields are named', () => {
    expect(errorFor(without('events'))).toBe('FILE: missing field "events"');
    expect(errorFor(without('scenario'))).toBe('FILE: missing field "scenario"');
    expect(errorFor(JSON.stringify({ ...sample(), model: { name: 'toy-register' } }))).toBe('FILE: missing field "model.version"');
    expect(errorFor(JSON.stringify({ ...sample(), violation: { step: 1, explanation: '' } }))).toBe('FILE: missing field "violation.property"');
    expect(errorFor(JSON.stringify({ ...sample(), seed: 7 }))).toBe('FILE: field "seed" must be a string, got 7');
    expect(errorFor(JSON.stringify({ ...sample(), events: [{ type: 'write' }, { node: 'r2' }] }))).toBe('FILE: field "events[1]" must be an object with a string "type"');
    expect(errorFor(JSON.stringify({ ...sample(), engine: 'magic' }))).toBe('FILE: field "engine" is "magic"; known engines: random, guided, pbt, exhaustive');
    expect(errorFor(JSON.stringify({ ...sample(), violation: { ...sample().violation, step: 9 } }))).toBe(
      'FILE: field "violation.step" must be a whole number from 0 to the number of events (2), got 9',
    );
  });

  test('a file from another model version is refused', () => {
    expect(errorFor(JSON.stringify(sample()), { name: 'toy-register', version: '2' })).toBe(
      'FILE: recorded with model "toy-register" version 1, but this kmc has model "toy-register" version 2; the events may not mean the same thing any more',
    );
  });
});
