/**
 * The counterexample file, format "kmc-counterexample/1": everything needed to replay a
 * violation without the seed or the engine — model name and version, flat Kafka-key config, the
 * seed given to model.init, and the full executed event list (fault phase, heal, settle, final
 * read) — plus the violation it must reproduce.
 *
 *   { "format": "kmc-counterexample/1",
 *     "model": { "name": "...", "version": "..." },
 *     "scenario": "acks-1-leader-crash" | null,
 *     "config": { "acks": 1, ... },
 *     "userConfigKeys": ["acks", ...],
 *     "seed": "42/run-17",
 *     "engine": "random" | "pbt" | "exhaustive",
 *     "events": [ { "type": "send", ... }, ... ],
 *     "violation": { "property": "lost-write", "step": 31, "explanation": "..." },
 *     "expect": "hold" | ["lost-write", ...] }
 *
 * `violation.step` counts the events executed when the violation was detected (1-based; for a
 * history property, the last event). `userConfigKeys` (optional) lists the config keys the
 * scenario and --set gave; the others have defaults, those of model.kafka.version where a
 * release decides, so a replay says which values the version chose, as the check did. Without
 * it every key counts as set. `expect` (optional) is the expectation the check judged the run
 * against, so a replay judges it the same way; without it a replay re-derives it. Fields not
 * listed here are ignored on reading.
 */
import { readFileSync } from 'node:fs';
import type { ModelEvent } from '../model/kernel/model.ts';
import type { Expectation } from '../scenarios/scenario.ts';
import { writeFileAtomic } from './atomicWrite.ts';

export const COUNTEREXAMPLE_FORMAT = 'kmc-counterexample/1';
export const COUNTEREXAMPLE_ENGINES = ['random', 'guided', 'pbt', 'exhaustive'] as const;
export type CounterexampleEngine = (typeof COUNTEREXAMPLE_ENGINES)[number];

export interface Counterexample<E extends ModelEvent = ModelEvent> {
  format: typeof COUNTEREXAMPLE_FORMAT;
  model: { name: string; version: string };
  scenario: string | null;
  config: Record<string, string | number | boolean>;
  /** The config keys the user set; absent: every key counts as set. */
  userConfigKeys?: string[];
  seed: string;
  engine: CounterexampleEngine;
  events: E[];
  violation: { property: string; step: number; explanation: string };
  /** The expectation the check that wrote it judged against; absent in older files. */
  expect?: Expectation;
}

/** A counterexample file that cannot be used: names the file and the rule broken. */
export class CounterexampleError extends Error {
  constructor(
    readonly file: string,
    readonly rule: string,
  ) {
    super(`${file}: ${rule}`);
    this.name = 'CounterexampleError';
  }
}

/** "<scenario>-<property>-<seed>.json", with anything but [A-Za-z0-9._-] in the seed made "_". */
export function counterexampleFileName(c: Pick<Counterexample, 'scenario' | 'model' | 'seed' | 'violation'>): string {
  const safe = (text: string): string => text.replace(/[^A-Za-z0-9._-]/g, '_');
  return `${safe(c.scenario ?? c.model.name)}-${safe(c.violation.property)}-${safe(c.seed)}.json`;
}

/** The file's text: two-space JSON with one event per line, so diffs show events. */
export function serializeCounterexample(c: Counterexample): string {
  const head = { format: c.format, model: c.model, scenario: c.scenario, config: c.config, ...(c.userConfigKeys ? { userConfigKeys: c.userConfigKeys } : {}), seed: c.seed, engine: c.engine };
  const lines = Object.entries(head).map(([key, value]) => `  ${JSON.stringify(key)}: ${JSON.stringify(value)}`);
  const events = c.events.length ? `[\n${c.events.map((e) => `    ${JSON.stringify(e)}`).join(',\n')}\n  ]` : '[]';
  lines.push(`  "events": ${events}`);
  lines.push(`  "violation": ${JSON.stringify(c.violation)}`);
  if (c.expect !== undefined) lines.push(`  "expect": ${JSON.stringify(c.expect)}`);
  return `{\n${lines.join(',\n')}\n}\n`;
}

/**
 * Writes the file under `dir` (created if missing) and returns its path. The text goes to a
 * temporary file in the same directory first and is renamed into place, so a reader never sees
 * a half-written counterexample.
 */
export function writeCounterexample(dir: string, c: Counterexample, fileName: string = counterexampleFileName(c)): string {
  return writeFileAtomic(dir, fileName, serializeCounterexample(c));
}

type Json = Record<string, unknown>;

const isRecord = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

function requireField(file: string, record: Json, key: string, prefix = ''): unknown {
  if (!(key in record) || record[key] === undefined) throw new CounterexampleError(file, `missing field "${prefix}${key}"`);
  return record[key];
}

function requireString(file: string, record: Json, key: string, prefix = ''): string {
  const value = requireField(file, record, key, prefix);
  if (typeof value !== 'string') throw new CounterexampleError(file, `field "${prefix}${key}" must be a string, got ${JSON.stringify(value)}`);
  return value;
}

function requireObject(file: string, record: Json, key: string): Json {
  const value = requireField(file, record, key);
  if (!isRecord(value)) throw new CounterexampleError(file, `field "${key}" must be an object`);
  return value;
}

function checkFormat(file: string, doc: Json): void {
  if (!('format' in doc)) throw new CounterexampleError(file, `missing field "format"; a counterexample file starts with "format": "${COUNTEREXAMPLE_FORMAT}"`);
  const format = doc.format;
  if (format === COUNTEREXAMPLE_FORMAT) return;
  if (typeof format === 'string' && /^kmc-counterexample\/\d+$/.test(format)) {
    throw new CounterexampleError(file, `${format} is not supported; this kmc reads ${COUNTEREXAMPLE_FORMAT}`);
  }
  throw new CounterexampleError(file, `"format" is ${JSON.stringify(format)}: not a kmc counterexample (expected "${COUNTEREXAMPLE_FORMAT}")`);
}

/** Validates a parsed document; `file` names it in errors. */
export function parseCounterexample(file: string, doc: unknown): Counterexample {
  if (!isRecord(doc)) throw new CounterexampleError(file, 'must be a JSON object');
  checkFormat(file, doc);

  const model = requireObject(file, doc, 'model');
  const modelName = requireString(file, model, 'name', 'model.');
  const modelVersion = requireString(file, model, 'version', 'model.');

  const scenario = requireField(file, doc, 'scenario');
  if (scenario !== null && typeof scenario !== 'string') throw new CounterexampleError(file, 'field "scenario" must be a string or null');

  const config = requireObject(file, doc, 'config');
  for (const [key, value] of Object.entries(config)) {
    if (!['string', 'number', 'boolean'].includes(typeof value)) throw new CounterexampleError(file, `field "config.${key}" must be a string, number or boolean`);
  }

  const userConfigKeys = doc.userConfigKeys;
  if (userConfigKeys !== undefined && !(Array.isArray(userConfigKeys) && userConfigKeys.every((key) => typeof key === 'string'))) {
    throw new CounterexampleError(file, 'field "userConfigKeys" must be an array of config key names');
  }

  const seed = requireString(file, doc, 'seed');
  const engine = requireString(file, doc, 'engine');
  if (!(COUNTEREXAMPLE_ENGINES as readonly string[]).includes(engine)) {
    throw new CounterexampleError(file, `field "engine" is "${engine}"; known engines: ${COUNTEREXAMPLE_ENGINES.join(', ')}`);
  }

  const events = requireField(file, doc, 'events');
  if (!Array.isArray(events)) throw new CounterexampleError(file, 'field "events" must be an array');
  events.forEach((event, i) => {
    if (!isRecord(event) || typeof event.type !== 'string') throw new CounterexampleError(file, `field "events[${i}]" must be an object with a string "type"`);
  });

  const violation = requireObject(file, doc, 'violation');
  const property = requireString(file, violation, 'property', 'violation.');
  const explanation = requireString(file, violation, 'explanation', 'violation.');
  const step = requireField(file, violation, 'step', 'violation.');
  if (typeof step !== 'number' || !Number.isInteger(step) || step < 0 || step > events.length) {
    throw new CounterexampleError(file, `field "violation.step" must be a whole number from 0 to the number of events (${events.length}), got ${JSON.stringify(step)}`);
  }

  const parsed: Counterexample = {
    format: COUNTEREXAMPLE_FORMAT,
    model: { name: modelName, version: modelVersion },
    scenario: scenario as string | null,
    config: config as Counterexample['config'],
    ...(userConfigKeys !== undefined ? { userConfigKeys: userConfigKeys as string[] } : {}),
    seed,
    engine: engine as CounterexampleEngine,
    events: events as ModelEvent[],
    violation: { property, step, explanation },
  };
  if (doc.expect !== undefined) parsed.expect = parseExpect(file, doc.expect);
  return parsed;
}

function parseExpect(file: string, expect: unknown): Expectation {
  if (expect === 'hold') return 'hold';
  if (Array.isArray(expect) && expect.length > 0 && expect.every((p) => typeof p === 'string' && p !== '')) return [...expect] as string[];
  throw new CounterexampleError(file, `field "expect" must be "hold" or a non-empty list of property names, got ${JSON.stringify(expect)}`);
}

/**
 * Reads and validates a counterexample file. When `model` is given, the file must have been
 * recorded with that model name and version. Throws CounterexampleError naming the file and
 * the rule broken.
 */
export function readCounterexample(file: string, model?: { name: string; version: string }): Counterexample {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory, not a file' : code === 'EACCES' ? 'permission denied' : String((error as Error).message);
    throw new CounterexampleError(file, `cannot be read: ${why}`);
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    throw new CounterexampleError(file, `not JSON: ${(error as Error).message}`);
  }
  const c = parseCounterexample(file, doc);
  if (model) checkCounterexampleModel(file, c, model);
  return c;
}

/** Throws CounterexampleError unless `c` was recorded with this model name and version. */
export function checkCounterexampleModel(file: string, c: Pick<Counterexample, 'model'>, model: { name: string; version: string }): void {
  if (c.model.name === model.name && c.model.version === model.version) return;
  throw new CounterexampleError(
    file,
    `recorded with model "${c.model.name}" version ${c.model.version}, but this kmc has model "${model.name}" version ${model.version}; the events may not mean the same thing any more`,
  );
}
