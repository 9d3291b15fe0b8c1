/**
 * JSON scenario files ("format": "kmc-scenario/1"): a user's own scenario, in the same shape as
 * a built-in one. Validation is strict; every message names the file, the field and the rule.
 *
 *   { "format": "kmc-scenario/1", "name": "acks-1-three-brokers", "title": "...", "doc": "...",
 *     "config": { "acks": "1", "model.brokers": 3 }, "expect": ["lost-write"],
 *     "budget": { "engine": "random", "runs": 300, "stepsMax": 80 }, "seed": "7" }
 */
import { readFileSync, statSync } from 'node:fs';
import { ConfigError, resolveConfig } from '../model/config.ts';
import type { EngineBudget, Expectation, Scenario } from './scenario.ts';
import { didYouMean } from './nearestName.ts';

export const SCENARIO_FORMAT = 'kmc-scenario/1';

/** The budget of a file that gives none; a partial budget is merged over it. */
export const DEFAULT_FILE_BUDGET: Readonly<EngineBudget> = { engine: 'random', runs: 200, stepsMax: 100 };
export const DEFAULT_FILE_SEED = '1';

const FILE_BYTES_MAX = 1_000_000;
const NAME_LENGTH_MAX = 64;
const TITLE_LENGTH_MAX = 200;
const DOC_LENGTH_MAX = 20_000;
const SEED_LENGTH_MAX = 100;

const TOP_FIELDS = ['format', 'name', 'title', 'doc', 'model', 'config', 'expect', 'budget', 'seed'] as const;
const MODELS = ['cluster', 'group'] as const;
const BUDGET_FIELDS = ['engine', 'runs', 'stepsMax', 'depthMax', 'statesMax'] as const;
const ENGINES: readonly EngineBudget['engine'][] = ['random', 'guided', 'pbt', 'exhaustive'];
const BUDGET_BOUNDS = {
  runs: { min: 1, max: 1_000_000_000 },
  stepsMax: { min: 1, max: 1_000_000 },
  depthMax: { min: 1, max: 100_000 },
  statesMax: { min: 1, max: 1_000_000_000 },
} as const;

/** A scenario file that cannot be read or breaks a rule. Bad input: the CLI maps it to exit 2. */
export class ScenarioFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ScenarioFileError';
  }
}

/** Reads and validates a scenario file. `knownProperties` are the property names `expect` may list. */
export function loadScenarioFile(path: string, knownProperties: readonly string[]): Scenario {
  let text: string;
  try {
    const size = statSync(path).size;
    if (size > FILE_BYTES_MAX) throw new ScenarioFileError(`${path}: file is ${size} bytes; a scenario file may have at most ${FILE_BYTES_MAX}`);
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if (error instanceof ScenarioFileError) throw error;
    throw new ScenarioFileError(`${path}: cannot read: ${readFailure(error)}`);
  }
  return parseScenarioText(text, path, knownProperties);
}

/** Validates the text of a scenario file; `file` names it in messages. */
export function parseScenarioText(text: string, file: string, knownProperties: readonly string[]): Scenario {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ScenarioFileError(`${file}: not valid JSON: ${jsonFailure(error, text)}`);
  }
  return parseScenarioObject(value, file, knownProperties);
}

/** Validates a parsed scenario file. */
export function parseScenarioObject(value: unknown, file: string, knownProperties: readonly string[]): Scenario {
  const fail = (field: string | null, rule: string): never => {
    throw new ScenarioFileError(field === null ? `${file}: ${rule}` : `${file}: ${field}: ${rule}`);
  };
  if (!isPlainObject(value)) return fail(null, `must hold a JSON object, got ${describe(value)}`);

  checkFormat(value.format, fail);
  for (const key of Object.keys(value)) {
    if (!(TOP_FIELDS as readonly string[]).includes(key)) fail(null, `unknown field "${key}"${didYouMean(key, TOP_FIELDS)}`);
  }

  const name = checkName(value.name, fail);
  const title = optionalText(value.title, 'title', TITLE_LENGTH_MAX, fail) ?? name;
  const doc = optionalText(value.doc, 'doc', DOC_LENGTH_MAX, fail) ?? '';
  const config = checkConfig(value.config, fail);
  const expect = checkExpect(value.expect, knownProperties, fail);
  const budget = checkBudget(value.budget, fail);
  const seed = checkSeed(value.seed, fail);
  const model = checkModel(value.model, fail);
  return { name, title, doc, config, expect, budget, seed, ...(model === 'cluster' ? {} : { model }) };
}

/**
 * The text of a scenario file for `scenario`, which loadScenarioFile reads back as the same
 * scenario: two-space JSON, "format" first, then the fields in the order the format lists them.
 */
export function formatScenarioFile(scenario: Scenario): string {
  const { name, title, doc, model, config, expect, budget, seed } = scenario;
  const file = { format: SCENARIO_FORMAT, name, title, doc, ...(model === undefined ? {} : { model }), config, expect, budget, seed };
  return JSON.stringify(file, null, 2) + '\n';
}

/** Which model the scenario drives: the replicated cluster (default) or consumer groups. */
function checkModel(model: unknown, fail: Fail): (typeof MODELS)[number] {
  if (model === undefined) return 'cluster';
  if (typeof model !== 'string' || !(MODELS as readonly string[]).includes(model)) {
    return fail('model', `must be ${MODELS.map((m) => `"${m}"`).join(' or ')}, got ${describe(model)}`);
  }
  return model as (typeof MODELS)[number];
}

type Fail = (field: string | null, rule: string) => never;

function checkFormat(format: unknown, fail: Fail): void {
  if (format === undefined) fail(null, `missing "format"; a scenario file starts with "format": "${SCENARIO_FORMAT}"`);
  if (typeof format !== 'string') fail('format', `must be the string "${SCENARIO_FORMAT}", got ${describe(format)}`);
  if (format === SCENARIO_FORMAT) return;
  if (typeof format === 'string' && format.startsWith('kmc-counterexample/')) {
    fail('format', `"${format}" is a counterexample file, not a scenario; replay it with: kmc replay FILE`);
  }
  fail('format', `"${String(format)}" is not supported; this kmc reads "${SCENARIO_FORMAT}"`);
}

function checkName(name: unknown, fail: Fail): string {
  if (name === undefined) return fail(null, 'missing "name"');
  if (typeof name !== 'string') return fail('name', `must be a string, got ${describe(name)}`);
  if (!/^[a-z0-9][a-z0-9._-]*$/.test(name) || name.length > NAME_LENGTH_MAX) {
    return fail('name', `"${name}" must be kebab-case: lower-case letters, digits, "-", "." or "_", at most ${NAME_LENGTH_MAX} characters`);
  }
  return name;
}

function optionalText(value: unknown, field: string, lengthMax: number, fail: Fail): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') return fail(field, `must be a string, got ${describe(value)}`);
  if (value.length > lengthMax) return fail(field, `is ${value.length} characters long; at most ${lengthMax}`);
  return value;
}

function checkConfig(config: unknown, fail: Fail): Scenario['config'] {
  if (config === undefined) return fail(null, 'missing "config" (an object of Kafka config keys; {} for the defaults)');
  if (!isPlainObject(config)) return fail('config', `must be an object of Kafka config keys, got ${describe(config)}`);
  const out: Scenario['config'] = {};
  for (const [key, raw] of Object.entries(config)) {
    if (typeof raw === 'string' || typeof raw === 'number' || typeof raw === 'boolean') out[key] = raw;
    else if (Array.isArray(raw) && raw.every((item) => typeof item === 'string')) out[key] = raw.join(',');
    else fail(`config.${key}`, `must be a string, a number or a boolean, got ${describe(raw)}`);
  }
  try {
    resolveConfig(out);
  } catch (error) {
    if (error instanceof ConfigError) fail('config', error.message);
    throw error;
  }
  return out;
}

function checkExpect(expect: unknown, knownProperties: readonly string[], fail: Fail): Expectation {
  if (expect === undefined || expect === 'hold') return 'hold';
  if (typeof expect === 'string') {
    return fail('expect', `"${expect}" must be "hold" or a list of property names, such as ["${expect}"]`);
  }
  if (!Array.isArray(expect)) return fail('expect', `must be "hold" or a list of property names, got ${describe(expect)}`);
  if (expect.length === 0) return fail('expect', 'the list is empty; write "hold" to expect no violation');
  const names: string[] = [];
  expect.forEach((item, index) => {
    const field = `expect[${index}]`;
    if (typeof item !== 'string') fail(field, `must be a property name, got ${describe(item)}`);
    if (!knownProperties.includes(item)) fail(field, `unknown property "${item}"${didYouMean(item, knownProperties)}`);
    if (names.includes(item)) fail(field, `"${item}" is listed twice`);
    names.push(item);
  });
  return names;
}

function checkBudget(budget: unknown, fail: Fail): EngineBudget {
  const out: EngineBudget = { ...DEFAULT_FILE_BUDGET };
  if (budget === undefined) return out;
  if (!isPlainObject(budget)) return fail('budget', `must be an object with ${BUDGET_FIELDS.join(', ')}, got ${describe(budget)}`);
  for (const key of Object.keys(budget)) {
    if (!(BUDGET_FIELDS as readonly string[]).includes(key)) fail('budget', `unknown field "${key}"${didYouMean(key, BUDGET_FIELDS)}`);
  }
  if (budget.engine !== undefined) {
    if (!(ENGINES as readonly unknown[]).includes(budget.engine)) fail('budget.engine', `must be one of ${ENGINES.join(', ')}, got ${describe(budget.engine)}`);
    out.engine = budget.engine as EngineBudget['engine'];
  }
  for (const key of ['runs', 'stepsMax', 'depthMax', 'statesMax'] as const) {
    const raw = budget[key];
    if (raw === undefined) continue;
    const { min, max } = BUDGET_BOUNDS[key];
    if (typeof raw !== 'number' || !Number.isInteger(raw)) fail(`budget.${key}`, `must be a whole number, got ${describe(raw)}`);
    if ((raw as number) < min || (raw as number) > max) fail(`budget.${key}`, `${raw} must be between ${min} and ${max}`);
    out[key] = raw as number;
  }
  return out;
}

function checkSeed(seed: unknown, fail: Fail): string {
  if (seed === undefined) return DEFAULT_FILE_SEED;
  if (typeof seed === 'number') {
    if (!Number.isSafeInteger(seed) || seed < 0) fail('seed', `must be a whole number ≥ 0 or a string, got ${seed}`);
    return String(seed);
  }
  if (typeof seed !== 'string') return fail('seed', `must be a string or a whole number, got ${describe(seed)}`);
  if (!/^\S+$/.test(seed) || seed.length > SEED_LENGTH_MAX) fail('seed', `"${seed}" must be 1 to ${SEED_LENGTH_MAX} characters without spaces`);
  return seed;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A short description of a JSON value's type, for "got ..." in messages. */
function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  switch (typeof value) {
    case 'string':
      return `the string ${JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value)}`;
    case 'number':
      return `the number ${value}`;
    case 'boolean':
      return String(value);
    case 'object':
      return 'an object';
    default:
      return typeof value;
  }
}

function readFailure(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a directory';
  return oneLine(error instanceof Error ? error.message : String(error));
}

/** JSON.parse's message, with "at position N" turned into a line and column. */
function jsonFailure(error: unknown, text: string): string {
  const message = oneLine(error instanceof Error ? error.message : String(error));
  const match = /position (\d+)/.exec(message);
  if (!match) return message;
  const before = text.slice(0, Number(match[1]));
  const line = before.split('\n').length;
  const column = before.length - before.lastIndexOf('\n');
  return `${message} (line ${line}, column ${column})`;
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}
