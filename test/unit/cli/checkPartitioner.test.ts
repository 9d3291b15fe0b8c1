import { workersDefault } from '../../../cli/flagValues.ts';
import { describe, expect, it } from 'vitest';
import { main } from '../../../cli/main.ts';
import { fakeDeps, fakePartitionerReport, memoryIo } from './fakes.ts';

async function kmc(argv: string[], deps = fakeDeps()) {
  const io = memoryIo();
  const code = await main(argv, io, deps);
  return { code, stdout: io.stdout, stderr: io.stderr, calls: deps.calls };
}

describe('kmc check-partitioner (flags and output; the check itself is faked)', () => {
  it('passes the module, --seed, --runs, --workers and --out to the check, and prints the text report', async () => {
    const { code, stdout, calls } = await kmc(['check-partitioner', './p.ts', '--seed', '7', '--runs', '50', '--workers', '2', '--out', 'kmc-out/p']);
    expect(code).toBe(0);
    expect(calls).toEqual([{ kind: 'checkPartitioner', scenario: './p.ts', options: { outDir: 'kmc-out/p', seed: '7', runs: 50, workers: 2 } }]);
    expect(stdout.startsWith('kmc check-partitioner: fake (./p.ts, kmc style), seed kmc\n')).toBe(true);
    expect(stdout.endsWith('exit 0: the partitioner keeps its contract and every scenario held\n')).toBe(true);
  });

  it('uses kmc-out and the default budget when no flag is given', async () => {
    const { calls } = await kmc(['check-partitioner', 'p.js']);
    expect(calls[0].options).toEqual({ outDir: 'kmc-out', workers: workersDefault() });
  });

  it('prints one JSON document with --json', async () => {
    const { code, stdout } = await kmc(['check-partitioner', 'p.js', '--json']);
    expect(code).toBe(0);
    const doc = JSON.parse(stdout);
    expect(Object.keys(doc).slice(0, 6)).toEqual(['ok', 'plugin', 'contract', 'endToEnd', 'loadStats', 'comparison']);
    expect(doc).toMatchObject({ ok: true, plugin: 'fake', exitCode: 0, format: 'kmc-partitioner-report/1' });
  });

  it('returns the exit code of the report', async () => {
    const deps = fakeDeps(undefined, (m) => fakePartitionerReport(m, { ok: false, exitCode: 1 }));
    expect((await kmc(['check-partitioner', 'p.js'], deps)).code).toBe(1);
  });

  it('says in one line on stderr, exit 2, that a module cannot be used (and with --json, in the document too)', async () => {
    const unusable = (m: string) => fakePartitionerReport(m, { ok: false, exitCode: 2, contract: null, unusable: { rule: 'threw-while-loading', detail: 'threw while loading: boom\n  at line 2' } });
    const text = await kmc(['check-partitioner', 'bad.mjs'], fakeDeps(undefined, unusable));
    expect(text.code).toBe(2);
    expect(text.stdout).toBe('');
    expect(text.stderr).toBe('kmc: bad.mjs: unusable partitioner module (threw-while-loading): threw while loading: boom at line 2\n');
    const json = await kmc(['check-partitioner', 'bad.mjs', '--json'], fakeDeps(undefined, unusable));
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, exitCode: 2, unusable: { rule: 'threw-while-loading' } });
    expect(json.stderr.trimEnd().split('\n')).toHaveLength(1);
  });

  it('rejects bad usage with exit 2 and one line, before checking anything', async () => {
    const cases: [string[], string][] = [
      [['check-partitioner'], 'kmc: kmc check-partitioner needs a MODULE: the path of a partitioner module (.js, .mjs, .cjs, .ts, .mts)'],
      [['check-partitioner', 'a.ts', 'b.ts'], 'kmc: unexpected argument "b.ts" for kmc check-partitioner; it checks one MODULE at a time'],
      [['check-partitioner', 'a.ts', '--runs', '0'], 'kmc: --runs 0: must be a whole number from 1 to 1,000,000,000'],
      [['check-partitioner', 'a.ts', '--seed', 'a b'], 'kmc: --seed a b: a seed is 1 to 100 characters without spaces'],
      [['check-partitioner', 'a.ts', '--scenario', 'x'], 'kmc: unknown flag --scenario for kmc check-partitioner; did you mean --seed? (kmc check-partitioner --help lists the flags)'],
    ];
    for (const [argv, message] of cases) {
      const { code, stdout, stderr, calls } = await kmc(argv);
      expect([code, stdout, stderr, calls]).toEqual([2, '', `${message}\n`, []]);
    }
  });

  it('has help: usage, flags and exit codes', async () => {
    const { code, stdout, calls } = await kmc(['check-partitioner', '--help']);
    expect(code).toBe(0);
    expect(calls).toEqual([]);
    expect(stdout.startsWith('Usage: kmc check-partitioner MODULE [--json] [--out DIR] [--seed N] [--runs N] [--workers N]\n')).toBe(true);
    for (const flag of ['--json', '--out DIR', '--seed N', '--runs N', '--workers N']) expect(stdout).toContain(`  ${flag} `);
    expect(stdout).toContain('Exit codes: 0 all good, 1 a broken contract or an end-to-end violation, 2 bad usage or a module');
    expect((await kmc(['--help'])).stdout).toContain('  kmc check-partitioner MODULE [--json] [--out DIR] [--seed N] [--runs N]');
  });
});
