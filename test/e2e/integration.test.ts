/**
 * End to end with the real model and engines: checking scenarios, the --json document,
 * counterexample files that replay, and determinism across processes. Seeds are in the titles.
 */
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { JsonReport, JsonViolation } from '../../reports/json.ts';
import { kmc, listScenarios, type KmcRun } from './kmc.ts';

/** A built-in scenario that must violate lost-write; it runs on its own budget. */
const UNSAFE = 'acks-1-leader-crash';
const RUN_TIMEOUT_MS = 300_000;

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'kmc-e2e-'));
}

function parseReport(stdout: string): JsonReport {
  return JSON.parse(stdout) as JsonReport;
}

/** The report without wall-clock figures, which are the only thing allowed to differ between processes. */
function withoutWallTime(report: JsonReport): unknown {
  return { ...report, scenarios: report.scenarios.map(({ durationMs: _, ...rest }) => rest) };
}

describe(`kmc check --scenario ${UNSAFE} (seed 42)`, () => {
  const out = tempDir();
  let run: KmcRun;
  beforeAll(() => {
    run = kmc(['check', '--scenario', UNSAFE, '--seed', '42', '--out', out], { timeoutMs: RUN_TIMEOUT_MS });
  }, RUN_TIMEOUT_MS);

  it('shows the expected violation, exit 0', () => {
    expect(run.stderr).not.toContain('internal error');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`^✓ ${UNSAFE} violates lost-write as expected \\(`, 'm'));
    expect(run.stdout).toContain('exit 0: every expectation met');
  });

  it('prints the replay command first for each violation, and writes its counterexample file', () => {
    const lines = run.stdout.split('\n');
    const verdict = lines.findIndex((line) => line.startsWith(`✓ ${UNSAFE}`));
    expect(lines[verdict + 1]).toBe('');
    expect(lines[verdict + 2]).toMatch(/^ {2}(npx )?kmc replay /);
    const files = readdirSync(out).filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThan(0);
    const printed = [...run.stdout.matchAll(/counterexample: (\S+)/g)].map((m) => m[1]);
    expect(printed.length).toBeGreaterThan(0);
    for (const path of printed) expect(files.map((f) => join(out, f))).toContain(path);
    expect(lines[verdict + 2]).toBe(`  npx kmc replay ${printed[0]}`);
  });
});

describe('kmc check --json (seed 42)', () => {
  let run: KmcRun;
  beforeAll(() => {
    run = kmc(['check', '--scenario', UNSAFE, '--seed', '42', '--out', tempDir(), '--json'], { timeoutMs: RUN_TIMEOUT_MS });
  }, RUN_TIMEOUT_MS);

  it('prints exactly one JSON document with the documented fields', () => {
    expect(run.code).toBe(0);
    const report = parseReport(run.stdout);
    expect(report.ok).toBe(true);
    const [scenario] = report.scenarios;
    expect(Object.keys(scenario).slice(0, 7)).toEqual(['name', 'config', 'expect', 'verdict', 'runs', 'events', 'violations']);
    expect(scenario).toMatchObject({ name: UNSAFE, expect: ['lost-write'], verdict: 'as-expected' });
    expect(scenario.runs).toBeGreaterThan(0);
    expect(scenario.events).toBeGreaterThan(0);
    const violation = scenario.violations.find((v) => v.property === 'lost-write');
    expect(violation).toBeDefined();
    expect(Object.keys(violation!).slice(0, 6)).toEqual(['property', 'explanation', 'seed', 'steps', 'replay', 'file']);
    expect(violation!.steps).toBe(violation!.trace.length);
    expect(violation!.file).not.toBeNull();
  });
});

describe('replaying a counterexample file (seed 42)', () => {
  const out = tempDir();
  let violation: JsonViolation;
  beforeAll(() => {
    const check = kmc(['check', '--scenario', UNSAFE, '--seed', '42', '--out', out, '--json'], { timeoutMs: RUN_TIMEOUT_MS });
    const found = parseReport(check.stdout).scenarios[0].violations.find((v) => v.property === 'lost-write');
    if (!found) throw new Error(`no lost-write violation found: ${check.stderr}`);
    violation = found;
  }, RUN_TIMEOUT_MS);

  it('reproduces the violation and exits by the expectation (0: the scenario must violate lost-write)', () => {
    const replay = kmc(['replay', violation.file!, '--json']);
    expect(replay.code).toBe(0);
    const [scenario] = parseReport(replay.stdout).scenarios;
    const again = scenario.violations.find((v) => v.property === 'lost-write');
    expect(again?.trace.map((s) => s.event)).toEqual(violation.trace.map((s) => s.event));
  });

  it('the printed replay command works as printed', () => {
    const args = violation.replay.replace(/^(npx )?kmc /, '').split(' ');
    const replay = kmc([...args, '--json']);
    expect(replay.code).toBe(0);
  });

  it('gives byte-identical output in two processes', () => {
    const first = kmc(['replay', violation.file!, '--json']);
    const second = kmc(['replay', violation.file!, '--json']);
    expect(withoutWallTime(parseReport(second.stdout))).toEqual(withoutWallTime(parseReport(first.stdout)));
    expect(JSON.stringify(parseReport(second.stdout).scenarios[0].violations)).toBe(JSON.stringify(parseReport(first.stdout).scenarios[0].violations));
  });

  it('refuses a file of another format version, exit 2 and one line', () => {
    const file = join(out, 'future.json');
    writeFileSync(file, readFileSync(violation.file!, 'utf8').replace('"kmc-counterexample/1"', '"kmc-counterexample/2"'));
    const replay = kmc(['replay', file]);
    expect(replay.code).toBe(2);
    expect(replay.stdout).toBe('');
    expect(replay.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(replay.stderr).toContain('kmc-counterexample/2 is not supported');
  });

  it('refuses a malformed file, exit 2 and one line', () => {
    const file = join(out, 'broken.json');
    writeFileSync(file, '{ "format": "kmc-counterexample/1", ');
    const replay = kmc(['replay', file]);
    expect(replay.code).toBe(2);
    expect(replay.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(replay.stderr.startsWith(`kmc: ${file}: `)).toBe(true);
  });
});

describe('determinism across processes (seed 7)', () => {
  it('the same seed gives the same report and the same counterexample bytes', () => {
    const outA = tempDir();
    const outB = tempDir();
    const args = ['check', '--scenario', UNSAFE, '--seed', '7', '--json'];
    const a = kmc([...args, '--out', outA], { timeoutMs: RUN_TIMEOUT_MS });
    const b = kmc([...args, '--out', outB], { timeoutMs: RUN_TIMEOUT_MS });
    const strip = (stdout: string, out: string) => JSON.stringify(withoutWallTime(parseReport(stdout))).split(out).join('OUT');
    expect(strip(b.stdout, outB)).toBe(strip(a.stdout, outA));
    const files = readdirSync(outA).sort();
    expect(readdirSync(outB).sort()).toEqual(files);
    for (const file of files) expect(readFileSync(join(outB, file), 'utf8')).toBe(readFileSync(join(outA, file), 'utf8'));
  }, 600_000);
});

describe('scenario files', () => {
  it('the example scenario file shows its expected violation (seed 7 from the file), exit 0', () => {
    const run = kmc(['check', '--scenario', 'scenarios/examples/acks-1-three-brokers.json', '--out', tempDir()], { timeoutMs: RUN_TIMEOUT_MS });
    expect(run.stderr).not.toContain('internal error');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^✓ acks-1-three-brokers violates lost-write, inconsistent-offsets as expected/m);
  }, RUN_TIMEOUT_MS);
});

describe('kmc check with no scenario', () => {
  it('runs every built-in scenario and meets every expectation, exit 0', () => {
    const run = kmc(['check', '--json', '--out', tempDir()], { timeoutMs: 1_200_000 });
    const report = parseReport(run.stdout);
    expect(report.scenarios.map((s) => s.name)).toEqual(listScenarios().map((s) => s.name));
    const unexpected = report.scenarios.filter((s) => s.verdict !== 'as-expected').map((s) => s.name);
    expect(unexpected).toEqual([]);
    expect(run.code).toBe(0);
  }, 1_200_000);
});
