/**
 * Runs the real `kmc` launcher (node bin/kmc.js) in a child process, as a user would.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = fileURLToPath(new URL('../../bin/kmc.js', import.meta.url));

export interface KmcRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Commands that take --workers; tests run them in one thread unless a test gives --workers. */
const WORKER_COMMANDS = new Set(['check', 'fuzz', 'check-partitioner', 'check-assignor']);

/** `args` with --workers 1 added where the command takes it and the test did not give it (the CLI's default is every core). */
function oneWorkerUnlessGiven(args: readonly string[]): readonly string[] {
  if (!WORKER_COMMANDS.has(args[0]) || args.some((arg) => arg === '--workers' || arg.startsWith('--workers=') || arg === '--')) return args;
  return [...args, '--workers', '1'];
}

export function kmc(args: readonly string[], options: { cwd?: string; timeoutMs?: number } = {}): KmcRun {
  const child = spawnSync(process.execPath, [BIN, ...oneWorkerUnlessGiven(args)], {
    cwd: options.cwd ?? REPO_ROOT,
    encoding: 'utf8',
    // A --json report carries every violation's trace: far more than spawnSync's 1 MB default.
    maxBuffer: 256 * 1024 * 1024,
    timeout: options.timeoutMs ?? 120_000,
    env: { ...process.env, FORCE_COLOR: '0' },
  });
  if (child.error) throw child.error;
  return { code: child.status, stdout: child.stdout, stderr: child.stderr };
}

/** The scenarios `kmc scenarios --json` lists. */
export function listScenarios(): { name: string; expect: 'hold' | string[] }[] {
  const run = kmc(['scenarios', '--json']);
  if (run.code !== 0) throw new Error(`kmc scenarios --json exited ${run.code}: ${run.stderr}`);
  return (JSON.parse(run.stdout) as { scenarios: { name: string; expect: 'hold' | string[] }[] }).scenarios;
}
