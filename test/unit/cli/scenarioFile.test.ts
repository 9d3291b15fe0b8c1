import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_FILE_BUDGET, ScenarioFileError, loadScenarioFile, parseScenarioObject, parseScenarioText } from '../../../scenarios/file.ts';
import { PROPERTY_NAMES } from './fakes.ts';

const FILE = 'my.json';
const minimal = { format: 'kmc-scenario/1', name: 'my-scenario', config: {} };
const parse = (value: unknown) => parseScenarioObject(value, FILE, PROPERTY_NAMES);
const failure = (value: unknown): string => {
  try {
    parse(value);
  } catch (error) {
    expect(error).toBeInstanceOf(ScenarioFileError);
    return (error as Error).message;
  }
  throw new Error('expected a ScenarioFileError');
};
const withField = (field: string, value: unknown) => ({ ...minimal, [field]: value });

describe('scenario files: a valid file', () => {
  it('fills the defaults: expect hold, title = name, empty doc, default budget and seed', () => {
    expect(parse(minimal)).toEqual({ name: 'my-scenario', title: 'my-scenario', doc: '', config: {}, expect: 'hold', budget: DEFAULT_FILE_BUDGET, seed: '1' });
  });

  it('keeps every field given, merging a partial budget over the default', () => {
    const scenario = parse({
      ...minimal,
      title: 'T',
      doc: 'D',
      config: { acks: 1, 'model.faults': ['kill', 'power'], 'unclean.leader.election.enable': true },
      expect: ['lost-write', 'duplicate'],
      budget: { engine: 'exhaustive', depthMax: 12, statesMax: 5000 },
      seed: 7,
    });
    expect(scenario).toEqual({
      name: 'my-scenario',
      title: 'T',
      doc: 'D',
      config: { acks: 1, 'model.faults': 'kill,power', 'unclean.leader.election.enable': true },
      expect: ['lost-write', 'duplicate'],
      budget: { engine: 'exhaustive', runs: DEFAULT_FILE_BUDGET.runs, stepsMax: DEFAULT_FILE_BUDGET.stepsMax, depthMax: 12, statesMax: 5000 },
      seed: '7',
    });
  });

  it('loads the example in scenarios/examples/', () => {
    const scenario = loadScenarioFile('scenarios/examples/acks-1-three-brokers.json', PROPERTY_NAMES);
    expect(scenario.name).toBe('acks-1-three-brokers');
    expect(scenario.expect).toEqual(['lost-write', 'inconsistent-offsets']);
    expect(scenario.config.acks).toBe('1');
  });
});

describe('scenario files: every rule, with the file and field named', () => {
  it('must be a JSON object', () => {
    expect(failure([])).toBe('my.json: must hold a JSON object, got a list');
    expect(failure(null)).toBe('my.json: must hold a JSON object, got null');
  });

  it('format: present, a string, kmc-scenario/1', () => {
    expect(failure({ name: 'x', config: {} })).toBe('my.json: missing "format"; a scenario file starts with "format": "kmc-scenario/1"');
    expect(failure(withField('format', 1))).toBe('my.json: format: must be the string "kmc-scenario/1", got the number 1');
    expect(failure(withField('format', 'kmc-scenario/2'))).toBe('my.json: format: "kmc-scenario/2" is not supported; this kmc reads "kmc-scenario/1"');
    expect(failure(withField('format', 'kmc-counterexample/1'))).toBe('my.json: format: "kmc-counterexample/1" is a counterexample file, not a scenario; replay it with: kmc replay FILE');
  });

  it('no unknown top-level field; the nearest is suggested', () => {
    expect(failure(withField('expcet', 'hold'))).toBe('my.json: unknown field "expcet"; did you mean "expect"?');
  });

  it('name: present, a kebab-case string of at most 64 characters', () => {
    expect(failure({ format: 'kmc-scenario/1', config: {} })).toBe('my.json: missing "name"');
    expect(failure(withField('name', 3))).toBe('my.json: name: must be a string, got the number 3');
    const rule = 'must be kebab-case: lower-case letters, digits, "-", "." or "_", at most 64 characters';
    expect(failure(withField('name', 'My Scenario'))).toBe(`my.json: name: "My Scenario" ${rule}`);
    expect(failure(withField('name', 'a'.repeat(65)))).toBe(`my.json: name: "${'a'.repeat(65)}" ${rule}`);
  });

  it('title and doc: strings of bounded length', () => {
    expect(failure(withField('title', ['x']))).toBe('my.json: title: must be a string, got a list');
    expect(failure(withField('doc', false))).toBe('my.json: doc: must be a string, got false');
    expect(failure(withField('title', 'x'.repeat(201)))).toBe('my.json: title: is 201 characters long; at most 200');
  });

  it('config: present, an object of scalar values that resolveConfig accepts', () => {
    expect(failure({ format: 'kmc-scenario/1', name: 'x' })).toBe('my.json: missing "config" (an object of Kafka config keys; {} for the defaults)');
    expect(failure(withField('config', 'acks=1'))).toBe('my.json: config: must be an object of Kafka config keys, got the string "acks=1"');
    expect(failure(withField('config', { acks: { value: 1 } }))).toBe('my.json: config.acks: must be a string, a number or a boolean, got an object');
    expect(failure(withField('config', { acsk: 1 }))).toBe('my.json: config: unknown config key "acsk"; did you mean "acks"?');
    expect(failure(withField('config', { acks: 2 }))).toBe('my.json: config: acks=2: must be 0, 1, all or -1');
    expect(failure(withField('config', { 'replication.factor': 5 }))).toMatch(/^my\.json: config: replication\.factor=5 exceeds model\.brokers=3/);
  });

  it('expect: "hold" or a non-empty list of known, distinct property names', () => {
    expect(failure(withField('expect', 'lost-write'))).toBe('my.json: expect: "lost-write" must be "hold" or a list of property names, such as ["lost-write"]');
    expect(failure(withField('expect', 3))).toBe('my.json: expect: must be "hold" or a list of property names, got the number 3');
    expect(failure(withField('expect', []))).toBe('my.json: expect: the list is empty; write "hold" to expect no violation');
    expect(failure(withField('expect', ['lost-write', 7]))).toBe('my.json: expect[1]: must be a property name, got the number 7');
    expect(failure(withField('expect', ['lost-wrte']))).toBe('my.json: expect[0]: unknown property "lost-wrte"; did you mean "lost-write"?');
    expect(failure(withField('expect', ['duplicate', 'duplicate']))).toBe('my.json: expect[1]: "duplicate" is listed twice');
  });

  it('budget: an object of known fields, engine named, counts whole and in range', () => {
    expect(failure(withField('budget', 5))).toBe('my.json: budget: must be an object with engine, runs, stepsMax, depthMax, statesMax, got the number 5');
    expect(failure(withField('budget', { run: 5 }))).toBe('my.json: budget: unknown field "run"; did you mean "runs"?');
    expect(failure(withField('budget', { engine: 'bfs' }))).toBe('my.json: budget.engine: must be one of random, guided, pbt, exhaustive, got the string "bfs"');
    expect(failure(withField('budget', { runs: 2.5 }))).toBe('my.json: budget.runs: must be a whole number, got the number 2.5');
    expect(failure(withField('budget', { runs: '5' }))).toBe('my.json: budget.runs: must be a whole number, got the string "5"');
    expect(failure(withField('budget', { stepsMax: 0 }))).toBe('my.json: budget.stepsMax: 0 must be between 1 and 1000000');
  });

  it('seed: a string without spaces, or a whole number', () => {
    expect(failure(withField('seed', -1))).toBe('my.json: seed: must be a whole number ≥ 0 or a string, got -1');
    expect(failure(withField('seed', 'a b'))).toBe('my.json: seed: "a b" must be 1 to 100 characters without spaces');
    expect(failure(withField('seed', true))).toBe('my.json: seed: must be a string or a whole number, got true');
  });
});

describe('scenario files: reading', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kmc-scenario-'));

  it('reports a missing file and a directory', () => {
    expect(() => loadScenarioFile(join(dir, 'none.json'), PROPERTY_NAMES)).toThrow(`${join(dir, 'none.json')}: cannot read: no such file`);
    mkdirSync(join(dir, 'd.json'));
    expect(() => loadScenarioFile(join(dir, 'd.json'), PROPERTY_NAMES)).toThrow(`${join(dir, 'd.json')}: cannot read: is a directory`);
  });

  const messageOf = (text: string): string => {
    const file = join(dir, 'bad.json');
    writeFileSync(file, text);
    try {
      loadScenarioFile(file, PROPERTY_NAMES);
    } catch (error) {
      expect(error).toBeInstanceOf(ScenarioFileError);
      return (error as Error).message;
    }
    throw new Error('expected a ScenarioFileError');
  };

  it('reports malformed JSON on one line', () => {
    const message = messageOf('{\n  "format": "kmc-scenario/1",\n  "name": }\n');
    expect(message.startsWith(`${join(dir, 'bad.json')}: not valid JSON: `)).toBe(true);
    expect(message).not.toContain('\n');
  });

  it('turns a JSON error position into a line and column', () => {
    const message = messageOf('{\n  "format": "kmc-scenario/1"\n}\nx\n');
    expect(message).toMatch(/at position 33 \(line 4, column 1\)$/);
  });

  it('rejects a file over 1 MB before parsing it', () => {
    const file = join(dir, 'big.json');
    writeFileSync(file, ' '.repeat(1_000_001));
    expect(() => loadScenarioFile(file, PROPERTY_NAMES)).toThrow(`${file}: file is 1000001 bytes; a scenario file may have at most 1000000`);
  });

  it('parses text the same as an object', () => {
    expect(parseScenarioText(JSON.stringify(minimal), FILE, PROPERTY_NAMES)).toEqual(parse(minimal));
  });
});

describe('scenario files: the model field', () => {
  it('drives the cluster model by default, and the group model when asked', () => {
    expect(parse(minimal).model).toBeUndefined();
    expect(parse(withField('model', 'cluster')).model).toBeUndefined();
    expect(parse(withField('model', 'group')).model).toBe('group');
  });
  it('refuses another model, naming the file and the field', () => {
    expect(failure(withField('model', 'zookeeper'))).toBe('my.json: model: must be "cluster" or "group", got the string "zookeeper"');
  });
});
