/**
 * --workers: random walks in worker threads (runPool.ts), with results the same for any number
 * of workers. The public face of checker/parallel/.
 */
import type { CheckDeps } from '../api.ts';
import { PARALLEL_LIMITS } from '../limits.ts';
import type { SearchOptions } from '../search.ts';
import { sharedRunPool } from './runPool.ts';

export { RunPool, RunPoolError, closeRunPools, sharedRunPool } from './runPool.ts';
export type { RemoteDepsRecipe, RunSummary, SearchSpec } from './protocol.ts';

/** `workers` (default 1) when it is a whole number from 1 to PARALLEL_LIMITS.workersMax; else a RangeError naming it. */
export function checkWorkerCount(workers: number | undefined): number {
  const count = workers ?? 1;
  if (!Number.isInteger(count) || count < 1 || count > PARALLEL_LIMITS.workersMax) {
    throw new RangeError(`workers ${count}: must be a whole number from 1 to ${PARALLEL_LIMITS.workersMax}`);
  }
  return count;
}

/**
 * The `parallel` search option for `workers` threads, or undefined to run in the caller: one
 * worker (the default), or deps a worker thread cannot build (no `remote` recipe: a plugin
 * passed in as an object, say).
 */
export function parallelSearch(workers: number | undefined, deps: CheckDeps): SearchOptions['parallel'] {
  const count = checkWorkerCount(workers);
  if (count === 1 || deps.remote === undefined) return undefined;
  return { pool: sharedRunPool(count), deps: deps.remote };
}
