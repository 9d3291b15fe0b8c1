import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../../cli/main.ts';
import { workersDefault } from '../../../cli/flagValues.ts';
import { ModelAssertionError } from '../../../model/kernel/assert.ts';
import { fakeResult } from '../reports/fixtures.ts';
import { fakeDeps, fakeFuzzResult, memoryIo, type FakeDeps } from './fakes.ts';
import { fakeViolation } from '../reports/fixtures.ts';

const dir = mkdtempSync(join(tmpdir(), 'kmc-cli-'));

async function kmc(argv: string[], deps: FakeDeps = fakeDeps(), io = memoryIo()) {
  const code = await main(argv, io, deps);
  return { code, stdout: io.stdout, stderr: io.stderr, calls: deps.calls };
}

/** Bad input: exit 2, exactly one line on stderr, nothing on stdout, nothing run. */
async function badInput(argv: string[], deps: FakeDeps = fakeDeps()): Promise<string> {
  const { code, stdout, stderr, calls } = await kmc(argv, deps);
  expect(code).toBe(2);
  expect(stdout).toBe('');
  expect(calls).toEqual([]);
  expect(stderr.endsWith('\n')).toBe(true);
  expect(stderr.trimEnd().split('\n')).toHaveLength(1);
  return stderr.trimEnd();
}

describe('kmc: commands and help', () => {
  it('prints the help with --help, -h and help, exit 0', async () => {
    for (const argv of [['--help'], ['-h'], ['help']]) {
      const { code, stdout, stderr } = await kmc(argv);
      expect(code).toBe(0);
      expect(stderr).toBe('');
      expect(stdout).toContain('Usage:\n  kmc check [--scenario NAME|FILE]...');
      expect(stdout).toContain('  kmc scenarios [--json]');
      expect(stdout).toContain('Exit codes:\n  0  every expectation met\n  1  an expectation not met\n  2  bad usage or bad input\n');
    }
  });

  it("prints a command's help with --help, -h or help COMMAND, without running it", async () => {
    for (const argv of [['check', '--help'], ['check', '--seed', '1', '-h'], ['help', 'check'], ['check', '--bogus', '--help']]) {
      const { code, stdout, calls } = await kmc(argv);
      expect(code).toBe(0);
      expect(stdout.startsWith('Usage: kmc check [--scenario NAME|FILE]...')).toBe(true);
      expect(stdout).toContain('  --time 30s ');
      expect(stdout).toContain('  --all-violations ');
      expect(calls).toEqual([]);
    }
  });

  it('prints the version', async () => {
    const { code, stdout } = await kmc(['--version']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });

  it('rejects a missing, unknown or misplaced command', async () => {
    expect(await badInput([])).toBe('kmc: no command given; commands: check, replay, explore, fuzz, check-partitioner, check-assignor, scenarios (kmc --help shows them)');
    expect(await badInput(['chek'])).toBe('kmc: unknown command "chek"; did you mean "check"? (kmc --help lists the commands)');
    expect(await badInput(['help', 'scenarioz'])).toBe('kmc: unknown command "scenarioz"; did you mean "scenarios"? (kmc --help lists the commands)');
    expect(await badInput(['--json'])).toBe('kmc: expected a command before --json; commands: check, replay, explore, fuzz, check-partitioner, check-assignor, scenarios (kmc --help shows them)');
  });
});

describe('kmc check: bad input is exit 2, one line, nothing run', () => {
  it('an unknown flag, with the nearest', async () => {
    expect(await badInput(['check', '--seeed', '1'])).toBe('kmc: unknown flag --seeed for kmc check; did you mean --seed? (kmc check --help lists the flags)');
  });

  it('a scenario given without --scenario', async () => {
    expect(await badInput(['check', 'acks-1-leader-crash'])).toBe('kmc: unexpected argument "acks-1-leader-crash" for kmc check; give scenarios with --scenario acks-1-leader-crash');
  });

  it('an unknown scenario, with the nearest name', async () => {
    expect(await badInput(['check', '--scenario', 'acks-1-leader-crsh'])).toBe(
      'kmc: --scenario acks-1-leader-crsh: unknown scenario; did you mean "acks-1-leader-crash"? (kmc scenarios lists them; a scenario file must end in .json)',
    );
  });

  it('an unknown scenario after a valid one: the valid one does not run', async () => {
    expect(await badInput(['check', '--scenario', 'acks-1-leader-crash', '--scenario', 'nope'])).toMatch(/^kmc: --scenario nope: unknown scenario/);
  });

  it('bad --set syntax, key, value, and keys that clash in a scenario', async () => {
    expect(await badInput(['check', '--set', 'acks'])).toBe('kmc: --set acks: expected key=value, such as --set acks=all');
    expect(await badInput(['check', '--set', 'acsk=1'])).toBe('kmc: --set acsk=1: unknown config key "acsk"; did you mean "acks"?');
    expect(await badInput(['check', '--set', 'acks=2'])).toBe('kmc: --set acks=2: acks must be 0, 1, all or -1');
    expect(await badInput(['check', '--scenario', 'acks-all-min-isr-2', '--set', 'replication.factor=1'])).toBe(
      'kmc: scenario acks-all-min-isr-2 with --set replication.factor=1: min.insync.replicas=2 exceeds replication.factor=1: acks=all writes could never succeed',
    );
  });

  it('bad --engine, --seed, --runs, --time', async () => {
    expect(await badInput(['check', '--engine', 'bfs'])).toBe('kmc: --engine bfs: must be random, guided, pbt or exhaustive');
    expect(await badInput(['check', '--seed='])).toBe('kmc: --seed: the seed is empty');
    expect(await badInput(['check', '--runs', '0'])).toBe('kmc: --runs 0: must be a whole number from 1 to 1,000,000,000');
    expect(await badInput(['check', '--runs', 'many'])).toBe('kmc: --runs many: must be a whole number from 1 to 1,000,000,000');
    expect(await badInput(['check', '--time', '30'])).toBe('kmc: --time 30: needs a unit, ms, s or m (for example 30s)');
    expect(await badInput(['check', '--time', '2h'])).toBe('kmc: --time 2h: must be a number with a unit, ms, s or m (for example 30s, 500ms, 2m)');
  });

  it('a missing value, and a flag given twice', async () => {
    expect(await badInput(['check', '--seed'])).toBe('kmc: --seed needs a value: --seed N');
    expect(await badInput(['check', '--seed', '1', '--seed', '2'])).toBe('kmc: --seed given twice ("1" and "2"); give it once');
  });

  it('an --out that is a file', async () => {
    const file = join(dir, 'a-file');
    writeFileSync(file, '');
    expect(await badInput(['check', '--out', file])).toBe(`kmc: --out ${file}: exists and is not a directory`);
  });

  it('an unreadable or malformed scenario file', async () => {
    expect(await badInput(['check', '--scenario', join(dir, 'none.json')])).toBe(`kmc: ${join(dir, 'none.json')}: cannot read: no such file`);
    const file = join(dir, 'typo.json');
    writeFileSync(file, JSON.stringify({ format: 'kmc-scenario/1', name: 'typo', config: {}, expect: ['lost-wirte'] }));
    expect(await badInput(['check', '--scenario', file])).toBe(`kmc: ${file}: expect[0]: unknown property "lost-wirte"; did you mean "lost-write"?`);
  });

  it('two scenarios with the same name', async () => {
    const file = join(dir, 'same.json');
    writeFileSync(file, JSON.stringify({ format: 'kmc-scenario/1', name: 'acks-1-leader-crash', config: {} }));
    expect(await badInput(['check', '--scenario', 'acks-1-leader-crash', '--scenario', file])).toBe(
      `kmc: --scenario ${file}: scenario "acks-1-leader-crash" is also given by --scenario acks-1-leader-crash; names must differ (counterexample files are named after them)`,
    );
  });
});

describe('kmc check: runs', () => {
  it('with no --scenario runs every built-in scenario, in order, and exits 0 when all are as expected', async () => {
    const { code, stdout, calls } = await kmc(['check']);
    expect(code).toBe(0);
    expect(calls.map((c) => c.scenario)).toEqual(['acks-all-min-isr-2', 'acks-1-leader-crash', 'unclean-election']);
    expect(calls[0].options).toEqual({ outDir: 'kmc-out', scenarioRef: 'acks-all-min-isr-2', workers: workersDefault() });
    expect(stdout).toContain('✓ acks-all-min-isr-2 holds (500 runs, 812,344 events, 4.1 s)\n');
    expect(stdout.endsWith('3 scenarios: 3 as expected (1,500 runs, 2,437,032 events, 12.3 s)\nexit 0: every expectation met\n')).toBe(true);
  });

  it('passes the flags to the engine, and a --set override expects hold', async () => {
    const out = join(dir, 'out');
    const { code, calls } = await kmc(['check', '--scenario', 'acks-1-leader-crash', '--set', 'retries=0', '--engine', 'pbt', '--seed', '7', '--runs', '5', '--time', '2s', '--workers', '3', '--out', out]);
    expect(code).toBe(0);
    expect(calls).toEqual([{ kind: 'check', scenario: 'acks-1-leader-crash', options: { set: { retries: '0' }, engine: 'pbt', seed: '7', runs: 5, timeMs: 2000, workers: 3, outDir: out, scenarioRef: 'acks-1-leader-crash' } }]);
    const seen: unknown[] = [];
    const spy = fakeDeps((s) => (seen.push(s.expect), fakeResult({ name: s.name })));
    await kmc(['check', '--scenario', 'acks-1-leader-crash', '--set', 'retries=0'], spy);
    await kmc(['check', '--scenario', 'acks-1-leader-crash'], spy);
    expect(seen).toEqual(['hold', ['lost-write']]);
  });

  it('loads a scenario file, naming it by its path for the replay commands', async () => {
    const { code, calls } = await kmc(['check', '--scenario', 'scenarios/examples/acks-1-three-brokers.json']);
    expect(code).toBe(0);
    expect(calls).toEqual([{ kind: 'check', scenario: 'acks-1-three-brokers', options: { outDir: 'kmc-out', scenarioRef: 'scenarios/examples/acks-1-three-brokers.json', workers: workersDefault() } }]);
  });

  it('exits 1 when an expectation is not met', async () => {
    const deps = fakeDeps((s) => fakeResult({ name: s.name, verdict: s.name === 'acks-1-leader-crash' ? 'unexpected' : 'as-expected' }));
    const { code, stdout } = await kmc(['check'], deps);
    expect(code).toBe(1);
    expect(stdout).toContain('✗ acks-1-leader-crash');
    expect(stdout).toContain('exit 1: an expectation not met\n');
  });

  it('exits 3 on a model assertion, still judging the other scenarios', async () => {
    const deps = fakeDeps((s) => {
      if (s.name === 'acks-1-leader-crash') throw new ModelAssertionError('leader epoch went backwards');
      return fakeResult({ name: s.name });
    });
    const { code, stdout, stderr, calls } = await kmc(['check'], deps);
    expect(code).toBe(3);
    expect(calls).toHaveLength(3);
    expect(stdout).toContain('✗ acks-1-leader-crash INTERNAL ERROR: model assertion: leader epoch went backwards (a model assertion failed: a bug in kmc, not a finding)');
    expect(stdout).toContain('exit 3: internal error');
    expect(stderr).not.toContain('at ');
  });

  it('exits 3 on an unexpected exception, with its stack on stderr', async () => {
    const deps = fakeDeps(() => {
      throw new TypeError('x is undefined');
    });
    const { code, stdout, stderr } = await kmc(['check', '--scenario', 'acks-all-min-isr-2'], deps);
    expect(code).toBe(3);
    expect(stdout).toContain('INTERNAL ERROR: unexpected error: x is undefined');
    expect(stderr).toContain('kmc: internal error in acks-all-min-isr-2:\nTypeError: x is undefined\n    at ');
  });

  it('exits 3 when kmc itself cannot load', async () => {
    const deps = fakeDeps();
    deps.loadScenarios = async () => {
      throw new Error("Cannot find module '/work/scenarios/registry.ts'");
    };
    const { code, stderr } = await kmc(['check'], deps);
    expect(code).toBe(3);
    expect(stderr.split('\n')[0]).toBe("kmc: internal error: Cannot find module '/work/scenarios/registry.ts' (a bug in kmc; please report it with the command that caused it)");
  });

  it('with --json, stdout is exactly one JSON document and progress goes to stderr', async () => {
    const io = memoryIo();
    const deps = fakeDeps();
    const check = deps.check;
    deps.check = async (scenario, options) => (io.advanceMs(2500), check(scenario, options));
    const { code, stdout, stderr } = await kmc(['check', '--json'], deps, io);
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.ok).toBe(true);
    expect(report.scenarios.map((s: { name: string }) => s.name)).toEqual(['acks-all-min-isr-2', 'acks-1-leader-crash', 'unclean-election']);
    expect(stdout).not.toContain('✓');
    expect(stderr).toBe(
      ['[1/3] acks-all-min-isr-2: 1/2 runs, 10 events...', '[2/3] acks-1-leader-crash: 1/2 runs, 10 events...', '[3/3] unclean-election: 1/2 runs, 10 events...', ''].join('\n'),
    );
  });

  it('with --json, an unmet expectation is ok: false and exit 1', async () => {
    const deps = fakeDeps((s) => fakeResult({ name: s.name, verdict: 'unexpected' }));
    const { code, stdout } = await kmc(['check', '--json', '--scenario', 'acks-all-min-isr-2'], deps);
    expect(code).toBe(1);
    expect(JSON.parse(stdout)).toMatchObject({ ok: false, exitCode: 1 });
  });

  it('on a terminal, the progress line updates in place and is cleared', async () => {
    const io = memoryIo({ tty: true });
    await kmc(['check', '--scenario', 'acks-all-min-isr-2'], fakeDeps(), io);
    expect(io.stderr.startsWith('\r\x1b[2K[1/1] acks-all-min-isr-2...')).toBe(true);
    expect(io.stderr.endsWith('\r\x1b[2K')).toBe(true);
    expect(io.stderr).not.toContain('\n');
  });
});

describe('kmc fuzz', () => {
  it('has help, and needs --scenario', async () => {
    const { code, stdout, calls } = await kmc(['fuzz', '--help']);
    expect(code).toBe(0);
    expect(stdout.startsWith('Usage: kmc fuzz --scenario NAME|FILE [--vary KEY,...|all] [--seed N] [--time 60s]')).toBe(true);
    expect(stdout).toContain('Exit codes: 0 no guaranteed violation, 1 a guaranteed violation, 2 bad usage or input, 3 a model');
    expect(calls).toEqual([]);
    expect(await badInput(['fuzz'])).toBe('kmc: kmc fuzz needs --scenario NAME (kmc scenarios lists them)');
    expect(await badInput(['fuzz', 'acks-all-min-isr-2'])).toBe('kmc: unexpected argument "acks-all-min-isr-2" for kmc fuzz; name the scenario with --scenario');
  });

  it('rejects bad flag values before anything runs', async () => {
    const base = ['fuzz', '--scenario', 'acks-all-min-isr-2'];
    expect(await badInput([...base, '--time', '30'])).toBe('kmc: --time 30: needs a unit, ms, s or m (for example 30s)');
    expect(await badInput([...base, '--configs', '0'])).toBe('kmc: --configs 0: must be a whole number from 1 to 100,000,000');
    expect(await badInput([...base, '--runs', 'x'])).toBe('kmc: --runs x: must be a whole number from 1 to 1,000,000,000');
    expect(await badInput([...base, '--vary', 'linger.ms,,acks'])).toBe('kmc: --vary linger.ms,,acks: a key is empty; give config keys separated by "," (or all)');
    expect(await badInput([...base, '--set', 'model.brokers=2'])).toBe('kmc: scenario acks-all-min-isr-2 with --set model.brokers=2: replication.factor=3 exceeds model.brokers=2: a partition cannot have more replicas than there are brokers');
    expect(await badInput(['fuzz', '--scenario', 'acks-al-min-isr-2'])).toContain('unknown scenario; did you mean "acks-all-min-isr-2"?');
  });

  it('passes the flags on: --vary split and joined, seed, budgets, --set, out', async () => {
    const argv = ['fuzz', '--scenario', 'acks-all-min-isr-2', '--vary', 'linger.ms,batch.size', '--vary', 'model.records', '--seed', 's1', '--time', '30s', '--configs', '50', '--runs', '20', '--set', 'linger.ms=7', '--workers', '5', '--out', join(dir, 'fz')];
    const { code, calls, stderr } = await kmc(argv);
    expect(code).toBe(0);
    expect(calls).toEqual([
      {
        kind: 'fuzz',
        scenario: 'acks-all-min-isr-2',
        options: { vary: ['linger.ms', 'batch.size', 'model.records'], scenarioRef: 'acks-all-min-isr-2', seed: 's1', timeMs: 30_000, configs: 50, runs: 20, set: { 'linger.ms': '7' }, workers: 5, outDir: join(dir, 'fz') },
      },
    ]);
    expect(stderr).toMatch(/kmc fuzz: \d+\.\d s of wall time\n$/);
    const defaults = await kmc(['fuzz', '--scenario', 'acks-all-min-isr-2']);
    expect(defaults.calls[0].options).toEqual({ vary: 'all', scenarioRef: 'acks-all-min-isr-2', outDir: 'kmc-out', workers: workersDefault() });
  });

  it('prints the report and exits 0, 1 or 3 as the campaign found nothing, a guaranteed violation, a model assertion', async () => {
    const finding = {
      kind: 'violation' as const,
      property: 'lost-write',
      summary: 'An acknowledged write is missing from the final read.',
      configs: [3],
      configsShowing: 1,
      changes: { 'linger.ms': 1000 },
      changesDrawn: { 'linger.ms': 1000, 'batch.size': 80 },
      keysMinimised: true,
      runSeed: 's1/config-3/run-7',
      scenarioFile: 'kmc-out/fuzz-s1/acks-all-min-isr-2-fuzz-3.json',
      counterexample: 'kmc-out/fuzz-s1/cx.json',
      replay: ['npx kmc replay kmc-out/fuzz-s1/cx.json', 'npx kmc replay --scenario kmc-out/fuzz-s1/acks-all-min-isr-2-fuzz-3.json --seed s1/config-3/run-7'],
      violation: fakeViolation({ guaranteed: true, because: null, replay: 'npx kmc replay kmc-out/fuzz-s1/cx.json', file: 'kmc-out/fuzz-s1/cx.json' }),
      internalError: null,
    };
    const run = async (findings: (typeof finding)[], json = false) => {
      const deps = fakeDeps(undefined, undefined, undefined, (s) => fakeFuzzResult(s, { findings }));
      return kmc(['fuzz', '--scenario', 'acks-all-min-isr-2', ...(json ? ['--json'] : [])], deps);
    };
    const clean = await run([]);
    expect(clean.code).toBe(0);
    expect(clean.stdout).toContain('✓ fuzz acks-all-min-isr-2: 2 configs tried, 10 runs, 100 events (every config of the budget tried): no guaranteed violation, no model assertion\nexit 0:');
    const found = await run([finding]);
    expect(found.code).toBe(1);
    expect(found.stdout).toContain('✗ lost-write, guaranteed by Kafka, violated with linger.ms=1000 (config 3; minimised from 2 changed keys)\n  npx kmc replay kmc-out/fuzz-s1/cx.json\n');
    const json = await run([finding], true);
    expect(json.code).toBe(1);
    const doc = JSON.parse(json.stdout);
    expect(doc).toMatchObject({ ok: false, seed: '1', configsTried: 2, runs: 10, events: 100, exitCode: 1, format: 'kmc-fuzz/1' });
    expect(doc.findings[0]).toMatchObject({ kind: 'violation', property: 'lost-write', changes: { 'linger.ms': 1000 }, replay: finding.replay });
    const assertion = await run([{ ...finding, kind: 'internal-error' as never, property: null as never, violation: null as never, internalError: 'model assertion failed at step 9 (seed s1/config-3/run-7): boom' as never }]);
    expect(assertion.code).toBe(3);
    expect(assertion.stdout).toContain('✗ INTERNAL ERROR with linger.ms=1000 (config 3; minimised from 2 changed keys): model assertion failed at step 9 (seed s1/config-3/run-7): boom (a model assertion failed: a bug in kmc, not a finding about Kafka)\n  npx kmc replay kmc-out/fuzz-s1/cx.json\n');
  });
});

describe('kmc explore', () => {
  it('needs --scenario', async () => {
    expect(await badInput(['explore'])).toBe('kmc: kmc explore needs --scenario NAME (kmc scenarios lists them)');
    expect(await badInput(['explore', 'acks-1-leader-crash'])).toBe('kmc: unexpected argument "acks-1-leader-crash" for kmc explore; name the scenario with --scenario');
  });

  it('rejects bad bounds', async () => {
    expect(await badInput(['explore', '--scenario', 'acks-1-leader-crash', '--depth-max', '0'])).toBe('kmc: --depth-max 0: must be a whole number from 1 to 100,000');
    expect(await badInput(['explore', '--scenario', 'acks-1-leader-crash', '--states-max', '-5'])).toBe('kmc: --states-max -5: must be a whole number from 1 to 1,000,000,000');
  });

  it('runs the exhaustive engine with the bounds', async () => {
    const { code, calls } = await kmc(['explore', '--scenario', 'acks-1-leader-crash', '--depth-max', '12', '--states-max', '50000']);
    expect(code).toBe(0);
    expect(calls).toEqual([{ kind: 'explore', scenario: 'acks-1-leader-crash', options: { depthMax: 12, statesMax: 50000, outDir: 'kmc-out', engine: 'exhaustive', reduction: true, scenarioRef: 'acks-1-leader-crash' } }]);
  });

  it('turns partial-order reduction off with --no-reduction', async () => {
    const { code, calls } = await kmc(['explore', '--scenario', 'acks-1-leader-crash', '--no-reduction']);
    expect(code).toBe(0);
    expect(calls).toMatchObject([{ kind: 'explore', options: { reduction: false } }]);
  });
});

describe('kmc replay', () => {
  const file = join(dir, 'cx.json');
  writeFileSync(file, '{}');

  it('needs a FILE or --scenario with --seed, not both', async () => {
    expect(await badInput(['replay'])).toBe('kmc: kmc replay needs a counterexample FILE, or --scenario NAME --seed N');
    expect(await badInput(['replay', file, '--scenario', 'acks-1-leader-crash'])).toBe(
      `kmc: kmc replay takes a counterexample FILE or --scenario NAME --seed N, not both (got ${file} and --scenario acks-1-leader-crash)`,
    );
    expect(await badInput(['replay', '--scenario', 'acks-1-leader-crash'])).toBe('kmc: kmc replay --scenario needs --seed N (the seed printed with the failure)');
    expect(await badInput(['replay', file, 'other.json'])).toBe('kmc: unexpected argument "other.json" for kmc replay; it replays one counterexample FILE at a time');
  });

  it('rejects seed flags with a FILE', async () => {
    expect(await badInput(['replay', file, '--seed', '7'])).toBe('kmc: --seed applies to kmc replay --scenario NAME --seed N; a counterexample file replays as recorded');
  });

  it('rejects a missing file or a directory before loading anything', async () => {
    expect(await badInput(['replay', join(dir, 'none.json')])).toBe(`kmc: ${join(dir, 'none.json')}: cannot read the counterexample file: no such file`);
    expect(await badInput(['replay', dir])).toBe(`kmc: ${dir}: cannot read the counterexample file: not a file`);
  });

  it('rejects a malformed --path', async () => {
    expect(await badInput(['replay', '--scenario', 'acks-1-leader-crash', '--seed', '7', '--path', '96:x'])).toBe('kmc: --path 96:x: a fast-check path is numbers separated by ":", such as 96:5');
  });

  it('reports a malformed or wrong-version counterexample file as bad input, on one line', async () => {
    const deps = fakeDeps();
    deps.replayFile = async () => {
      const error = new Error(`${file}: kmc-counterexample/2 is not supported;\nthis kmc reads kmc-counterexample/1`);
      error.name = 'CounterexampleError';
      throw error;
    };
    const { code, stdout, stderr } = await kmc(['replay', file], deps);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(`kmc: ${file}: kmc-counterexample/2 is not supported; this kmc reads kmc-counterexample/1\n`);
  });

  it('replays a file, exiting per the expectation', async () => {
    const { code, calls, stdout } = await kmc(['replay', file]);
    expect(code).toBe(0);
    expect(calls).toEqual([{ kind: 'replayFile', scenario: file, options: {} }]);
    expect(stdout).toContain('exit 0');
    const unexpected = fakeDeps((s) => fakeResult({ name: s.name, verdict: 'unexpected' }));
    expect((await kmc(['replay', file, '--json'], unexpected)).code).toBe(1);
  });

  it('replays a seed, with its path and overrides', async () => {
    const { code, calls } = await kmc(['replay', '--scenario', 'acks-1-leader-crash', '--seed', '42/run-17', '--path', '96:5', '--set', 'retries=0']);
    expect(code).toBe(0);
    expect(calls).toEqual([{ kind: 'replaySeed', scenario: 'acks-1-leader-crash', options: { seed: '42/run-17', path: '96:5', set: { retries: '0' }, scenarioRef: 'acks-1-leader-crash' } }]);
  });

  it('names a file scenario by its path in the replay command', async () => {
    const { calls } = await kmc(['replay', '--scenario', 'scenarios/examples/acks-1-three-brokers.json', '--seed', '7']);
    expect(calls).toEqual([{ kind: 'replaySeed', scenario: 'acks-1-three-brokers', options: { seed: '7', scenarioRef: 'scenarios/examples/acks-1-three-brokers.json' } }]);
  });
});

describe('kmc scenarios', () => {
  it('lists the built-in scenarios with their expectation', async () => {
    const { code, stdout } = await kmc(['scenarios']);
    expect(code).toBe(0);
    expect(stdout.split('\n').slice(0, 4)).toEqual([
      'NAME                 EXPECT              ENGINE  KAFKA  TITLE',
      'acks-all-min-isr-2   hold                random  4.1    title of acks-all-min-isr-2',
      'acks-1-leader-crash  violate lost-write  random  4.1    title of acks-1-leader-crash',
      'unclean-election     violate lost-write  random  4.1    title of unclean-election',
    ]);
    expect(stdout).toContain('\n3 scenarios; run one with: kmc check --scenario NAME\n');
    expect(stdout).toContain('\nKAFKA: the release whose rules a scenario follows (model.kafka.version, default 4.1); --set model.kafka.version=X.Y runs it under another\n');
  });

  it('as JSON', async () => {
    const { code, stdout } = await kmc(['scenarios', '--json']);
    expect(code).toBe(0);
    const doc = JSON.parse(stdout);
    expect(doc.scenarios.map((s: { name: string }) => s.name)).toEqual(['acks-all-min-isr-2', 'acks-1-leader-crash', 'unclean-election']);
    expect(doc.scenarios[1]).toMatchObject({ expect: ['lost-write'], budget: { engine: 'random' } });
  });

  it('takes no arguments', async () => {
    expect(await badInput(['scenarios', 'x'])).toBe('kmc: unexpected argument "x" for kmc scenarios; it takes no arguments');
  });
});
