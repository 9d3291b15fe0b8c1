/**
 * --workers as a user sees it: the same seed gives the same text, the same --json document, the
 * same counterexample files and the same exit code with one worker thread and with two, for
 * kmc check (a scenario that violates and one that holds), kmc fuzz, kmc check-partitioner and
 * kmc check-assignor;
 * under --time only the runs that completed matter; bad --workers input is exit 2.
 */
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, kmc, type KmcRun } from './kmc.ts';

const LONG_MS = 240_000;

/** Wall time is the one thing allowed to differ: "(437 runs, 134,751 events, 1.0 s)" and "durationMs". */
function withoutWallTime(text: string): string {
  return text.replace(/, [\d.,]+ (ms|s|m|min)\)/g, ', <time>)').replace(/"durationMs": \d+/g, '"durationMs": 0');
}

/** Every file under `dir`, by relative path, with its contents. */
function filesUnder(dir: string, prefix = ''): Record<string, string> {
  const files: Record<string, string> = {};
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch {
    return files;
  }
  for (const name of names) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) Object.assign(files, filesUnder(path, `${prefix}${name}/`));
    else files[`${prefix}${name}`] = readFileSync(path, 'utf8');
  }
  return files;
}

interface Outcome {
  code: number | null;
  stdout: string;
  files: Record<string, string>;
}

/** Runs `args --workers N --out out` in a fresh directory, so both runs print the same paths. */
function runWith(workers: number, args: readonly string[]): Outcome {
  const cwd = mkdtempSync(join(tmpdir(), `kmc-e2e-workers-${workers}-`));
  const run: KmcRun = kmc([...args, '--out', 'out', '--workers', String(workers)], { cwd, timeoutMs: LONG_MS });
  expect(run.stderr, `${args.join(' ')} --workers ${workers}`).not.toContain('internal error');
  return { code: run.code, stdout: withoutWallTime(run.stdout), files: filesUnder(join(cwd, 'out')) };
}

/** The same outcome, byte for byte, with 1 and 2 workers; returns it. */
function sameWithOneAndTwo(args: readonly string[]): Outcome {
  const one = runWith(1, args);
  const two = runWith(2, args);
  expect(two.code).toBe(one.code);
  expect(two.stdout).toBe(one.stdout);
  expect(Object.keys(two.files)).toEqual(Object.keys(one.files));
  expect(two.files).toEqual(one.files);
  return one;
}

describe('--workers (e2e): the same bytes with 1 and 2 worker threads', () => {
  it('kmc check, text: truncation-kip-279 violates at run 437 (seed kmc-6) and acks-all-min-isr-2 holds (300 runs); same report and counterexample files', () => {
    const outcome = sameWithOneAndTwo(['check', '--scenario', 'truncation-kip-279', '--scenario', 'acks-all-min-isr-2', '--runs', '600', '--seed', 'kmc-6']);
    expect(outcome.code).toBe(0);
    expect(outcome.stdout).toContain('✓ truncation-kip-279 violates strong-isr as expected');
    expect(outcome.stdout).toContain('(437 runs, ');
    expect(outcome.stdout).toContain('✓ acks-all-min-isr-2 holds');
    expect(Object.keys(outcome.files)).toEqual(['truncation-kip-279-nonmonotonic-send-kmc-6_run-238.json', 'truncation-kip-279-strong-isr-kmc-6_run-436.json']);
  }, LONG_MS);

  it('kmc check --json: a violation where the scenario expects hold (--set acks=1 enable.idempotence=false, seed w-1) is exit 1 with the same document and files', () => {
    const outcome = sameWithOneAndTwo(['check', '--scenario', 'acks-all-min-isr-2', '--set', 'acks=1', '--set', 'enable.idempotence=false', '--set', 'min.insync.replicas=1', '--runs', '300', '--seed', 'w-1', '--json']);
    const doc = JSON.parse(outcome.stdout) as { scenarios: { runs: number; violations: { property: string; seed: string }[] }[] };
    expect(doc.scenarios[0].violations.length).toBeGreaterThan(0);
    expect(Object.keys(outcome.files).length).toBe(doc.scenarios[0].violations.length);
  }, LONG_MS);

  it('kmc check --time: with 2 workers the runs done in the budget give what 1 worker gives for that many runs', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'kmc-e2e-workers-time-'));
    const timed = kmc(['check', '--scenario', 'acks-all-min-isr-2', '--seed', 'w-2', '--time', '1500ms', '--runs', '1000000', '--workers', '2', '--json', '--out', 'timed'], { cwd, timeoutMs: LONG_MS });
    const timedDoc = JSON.parse(timed.stdout) as { scenarios: { runs: number; events: number; status: string; violations: unknown[] }[] };
    const { runs, events, violations } = timedDoc.scenarios[0];
    expect(timedDoc.scenarios[0].status).toBe('budget-exhausted');
    expect(runs).toBeGreaterThan(0);
    const counted = kmc(['check', '--scenario', 'acks-all-min-isr-2', '--seed', 'w-2', '--runs', String(runs), '--workers', '1', '--json', '--out', 'timed'], { cwd, timeoutMs: LONG_MS });
    const countedDoc = JSON.parse(counted.stdout) as typeof timedDoc;
    expect(countedDoc.scenarios[0].runs).toBe(runs);
    expect(countedDoc.scenarios[0].events).toBe(events);
    expect(countedDoc.scenarios[0].violations).toEqual(violations);
  }, LONG_MS);

  it('kmc fuzz: the same findings, report and files (seed w-fuzz-1)', () => {
    const outcome = sameWithOneAndTwo(['fuzz', '--scenario', 'test/fixtures/fuzz/scattering-plan.json', '--vary', 'model.keys,linger.ms,batch.size', '--configs', '6', '--runs', '20', '--seed', 'w-fuzz-1'].map((arg) => (arg.startsWith('test/') ? join(REPO_ROOT, arg) : arg)));
    expect(outcome.code).toBe(1);
    expect(outcome.stdout).toContain('✗ key-partition-stable, guaranteed by Kafka');
    expect(Object.keys(outcome.files).length).toBeGreaterThan(1);
  }, LONG_MS);

  it('kmc fuzz --json: the same document', () => {
    const outcome = sameWithOneAndTwo(['fuzz', '--scenario', 'acks-all-min-isr-2', '--vary', 'linger.ms,acks', '--configs', '4', '--runs', '40', '--seed', 'w-fuzz-2', '--json']);
    expect(JSON.parse(outcome.stdout)).toMatchObject({ seed: 'w-fuzz-2' });
  }, LONG_MS);

  it('kmc check-partitioner --json: the same end-to-end results and files (salted-per-instance breaks key-partition-stable)', () => {
    const outcome = sameWithOneAndTwo(['check-partitioner', join(REPO_ROOT, 'test/fixtures/partitioners/salted-per-instance.mjs'), '--runs', '20', '--json']);
    expect(outcome.code).toBe(1);
    expect(Object.keys(outcome.files).length).toBeGreaterThan(0);
  }, LONG_MS);

  it('kmc check-assignor --json: the same group scenario results and files, one scenario per thread (kmc-cooperative.mts, and broken-double-assign.ts which breaks a rule)', () => {
    const good = sameWithOneAndTwo(['check-assignor', join(REPO_ROOT, 'test/fixtures/assignors/kmc-cooperative.mts'), '--runs', '20', '--json']);
    expect(good.code).toBe(0);
    expect(JSON.parse(good.stdout).protocols.length).toBeGreaterThan(0);
    const broken = sameWithOneAndTwo(['check-assignor', join(REPO_ROOT, 'test/fixtures/assignors/broken-double-assign.ts'), '--runs', '20', '--json']);
    expect(broken.code).toBe(1);
  }, LONG_MS);

  it('bad --workers: exit 2, one line naming the flag and the rule', () => {
    const assignor = ['check-assignor', join(REPO_ROOT, 'test/fixtures/assignors/kmc-cooperative.mts')];
    for (const command of [['check', '--scenario', 'acks-all-min-isr-2'], ['fuzz', '--scenario', 'acks-all-min-isr-2'], ['check-partitioner', join(REPO_ROOT, 'test/fixtures/partitioners/kmc-hash.ts')], assignor]) {
      for (const value of ['0', '-1', '1.5', '65', 'two']) {
        const run = kmc([...command, `--workers=${value}`]);
        expect(run.code, `${command[0]} --workers=${value}`).toBe(2);
        expect(run.stdout).toBe('');
        expect(run.stderr).toBe(`kmc: --workers ${value}: must be a whole number from 1 to 64\n`);
      }
    }
  }, LONG_MS);
});
