import { describe, expect, it } from 'vitest';
import { main } from '../../../cli/main.ts';
import { fakeAssignorReport, fakeDeps, memoryIo } from './fakes.ts';

async function kmc(argv: string[], deps = fakeDeps()) {
  const io = memoryIo();
  const code = await main(argv, io, deps);
  return { code, stdout: io.stdout, stderr: io.stderr, calls: deps.calls };
}

describe('kmc check-assignor (flags and output; the check itself is faked)', () => {
  it('passes the module, --protocol, --seed, --runs, --time, --workers and --out to the check, and prints the text report', async () => {
    const { code, stdout, calls } = await kmc(['check-assignor', './a.ts', '--protocol', 'cooperative', '--seed', '7', '--runs', '50', '--time', '20s', '--workers', '4', '--out', 'kmc-out/a']);
    expect(code).toBe(0);
    expect(calls).toEqual([{ kind: 'checkAssignor', scenario: './a.ts', options: { outDir: 'kmc-out/a', protocol: 'cooperative', seed: '7', runs: 50, timeMs: 20_000, workers: 4 } }]);
    expect(stdout.startsWith('kmc check-assignor ./a.ts: fake (kmc style, supports eager; seed kmc)\n')).toBe(true);
    expect(stdout.trimEnd().split('\n').pop()).toMatch(/^✓ exit 0: the assignor keeps its contract and every group scenario ended as with the built-ins \(/);
  });

  it('prints one JSON document with --json and returns the report exit code', async () => {
    const violated = (m: string) => fakeAssignorReport(m, { ok: false, exitCode: 1 });
    const { code, stdout } = await kmc(['check-assignor', 'a.js', '--json'], fakeDeps(undefined, undefined, violated));
    expect(code).toBe(1);
    expect(JSON.parse(stdout)).toMatchObject({ ok: false, exitCode: 1, plugin: 'fake', module: 'a.js', protocols: [], findings: [], format: 'kmc-assignor-report/1' });
  });

  it('says in one line on stderr, exit 2, that a module cannot be used (and with --json, in the document too)', async () => {
    const unusable = (m: string) => fakeAssignorReport(m, { ok: false, exitCode: 2, plugin: null, style: null, unusable: { rule: 'threw-while-loading', detail: 'threw while loading: boom\n  at line 2' } });
    const text = await kmc(['check-assignor', 'bad.mjs'], fakeDeps(undefined, undefined, unusable));
    expect(text.code).toBe(2);
    expect(text.stdout).toBe('');
    expect(text.stderr).toBe('kmc: bad.mjs: unusable assignor module (threw-while-loading): threw while loading: boom at line 2\n');
    const json = await kmc(['check-assignor', 'bad.mjs', '--json'], fakeDeps(undefined, undefined, unusable));
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, exitCode: 2, unusable: { rule: 'threw-while-loading' } });
  });

  it('rejects bad usage with exit 2 and one line, before checking anything', async () => {
    const cases: [string[], string][] = [
      [['check-assignor'], 'kmc: kmc check-assignor needs a MODULE: the path of an assignor module (.js, .mjs, .cjs, .ts, .mts)'],
      [['check-assignor', 'a.ts', 'b.ts'], 'kmc: unexpected argument "b.ts" for kmc check-assignor; it checks one MODULE at a time'],
      [['check-assignor', 'a.ts', '--protocol', 'lazy'], 'kmc: --protocol lazy: must be eager or cooperative'],
      [['check-assignor', 'a.ts', '--runs', '0'], 'kmc: --runs 0: must be a whole number from 1 to 1,000,000,000'],
    ];
    for (const [argv, message] of cases) {
      const { code, stdout, stderr, calls } = await kmc(argv);
      expect([code, stdout, stderr, calls]).toEqual([2, '', `${message}\n`, []]);
    }
  });

  it('has help, and kmc replay takes --assignor MODULE for a counterexample file only', async () => {
    const { code, stdout } = await kmc(['check-assignor', '--help']);
    expect(code).toBe(0);
    expect(stdout.startsWith('Usage: kmc check-assignor MODULE [--protocol eager|cooperative] [--json] [--out DIR] [--seed N] [--runs N] [--time 40s] [--workers N]\n')).toBe(true);
    expect((await kmc(['--help'])).stdout).toContain('  kmc check-assignor MODULE [--protocol eager|cooperative]');
    const seedReplay = await kmc(['replay', '--scenario', 'group-member-crash', '--seed', '1', '--assignor', 'a.ts']);
    expect([seedReplay.code, seedReplay.stderr]).toEqual([2, 'kmc: --assignor applies to kmc replay FILE (a counterexample of kmc check-assignor)\n']);
  });
});
