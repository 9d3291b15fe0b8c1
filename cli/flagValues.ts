/**
 * Values of the simple flags: counts, seeds, engine names, the output directory. Each rule
 * broken is a UsageError naming the flag and its value.
 */
import { accessSync, constants, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, resolve } from 'node:path';
import type { EngineName } from '../checker/api.ts';
import { PARALLEL_LIMITS } from '../checker/limits.ts';
import { formatCount } from '../reports/numbers.ts';
import { UsageError } from './usageError.ts';

export const ENGINE_NAMES: readonly EngineName[] = ['random', 'guided', 'pbt', 'exhaustive'];
export const RUNS_MAX = 1_000_000_000;
export const DEPTH_MAX = 100_000;
export const STATES_MAX = 1_000_000_000;
export const SEED_LENGTH_MAX = 100;

/** A whole number in [min, max]: `--runs 500`. */
export function parseCountFlag(flag: string, raw: string, min: number, max: number): number {
  const text = raw.trim().replace(/_/g, '');
  const rule = `must be a whole number from ${formatCount(min)} to ${formatCount(max)}`;
  if (!/^\d+$/.test(text)) throw new UsageError(`${flag} ${raw}: ${rule}`);
  const count = Number(text);
  if (count < min || count > max) throw new UsageError(`${flag} ${raw}: ${rule}`);
  return count;
}

/**
 * --workers N: worker threads for the random walks, 1 (in the caller) to PARALLEL_LIMITS.workersMax;
 * without it, the machine's cores (os.availableParallelism()).
 */
export function parseWorkersFlag(raw: string | undefined): number {
  if (raw === undefined) return workersDefault();
  return parseCountFlag('--workers', raw, 1, PARALLEL_LIMITS.workersMax);
}

/** The machine's cores, the default of --workers. */
export function workersDefault(): number {
  return Math.min(availableParallelism(), PARALLEL_LIMITS.workersMax);
}

/** A seed as printed in a failure: 1 to 100 characters, no spaces. */
export function parseSeedFlag(flag: string, raw: string): string {
  if (raw === '') throw new UsageError(`${flag}: the seed is empty`);
  if (!/^\S+$/.test(raw) || raw.length > SEED_LENGTH_MAX) {
    throw new UsageError(`${flag} ${raw}: a seed is 1 to ${SEED_LENGTH_MAX} characters without spaces`);
  }
  return raw;
}

export function parseEngineFlag(flag: string, raw: string): EngineName {
  if ((ENGINE_NAMES as readonly string[]).includes(raw)) return raw as EngineName;
  throw new UsageError(`${flag} ${raw}: must be ${ENGINE_NAMES.slice(0, -1).join(', ')} or ${ENGINE_NAMES[ENGINE_NAMES.length - 1]}`);
}

/**
 * Where counterexample files go. It need not exist yet, but it must be a directory if it does,
 * and its nearest existing ancestor must be a writable directory, so no run is lost to a bad path.
 */
export function checkOutDir(flag: string, dir: string): string {
  if (dir.trim() === '') throw new UsageError(`${flag}: the directory is empty`);
  let path = resolve(dir);
  for (;;) {
    const stat = statOrNull(path);
    if (stat) {
      if (!stat.isDirectory()) throw new UsageError(`${flag} ${dir}: ${path === resolve(dir) ? 'exists and is not a directory' : `${path} is not a directory`}`);
      try {
        accessSync(path, constants.W_OK);
      } catch {
        throw new UsageError(`${flag} ${dir}: ${path} is not writable`);
      }
      return dir;
    }
    const parent = dirname(path);
    if (parent === path) return dir;
    path = parent;
  }
}

function statOrNull(path: string): ReturnType<typeof statSync> | null {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}
