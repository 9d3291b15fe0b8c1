/**
 * What crosses the thread boundary between a RunPool (runPool.ts) and its worker threads
 * (runWorkerMain.ts): plain data only (structured clone). A worker learns a search (how to build
 * the model and judge, the config, the seed) and then runs chunks of its run indices, answering
 * with one RunSummary per run.
 */
import type { MessagePort } from 'node:worker_threads';
import type { Finding } from '../judge.ts';
import type { RunLimits } from '../limits.ts';

/**
 * How a worker thread builds the same CheckDeps as the caller: a module (a URL) exporting
 * `remoteDeps(args)`, and the arguments (plain data). Deps without a recipe run in-process.
 */
export interface RemoteDepsRecipe {
  module: string;
  args: unknown;
}

export interface SearchSpec {
  deps: RemoteDepsRecipe;
  /** The resolved config (plain data). */
  config: unknown;
  /** The search seed; run i has the seed randomRunSeed(seed, i). */
  seed: string;
  stepsMax: number;
  limits?: Partial<RunLimits>;
}

/** What a run showed, enough for the search to decide; a kept run is re-executed in the caller. */
export interface RunSummary {
  events: number;
  findings: Finding[];
  internalError: boolean;
}

export type ToWorker =
  | { type: 'search'; searchId: number; spec: SearchSpec }
  | { type: 'chunk'; searchId: number; chunk: number; runFirst: number; runEnd: number };

export type FromWorker =
  | { type: 'chunk'; searchId: number; chunk: number; summaries: RunSummary[] }
  /** The search was cancelled (a newer one started) before the chunk finished. */
  | { type: 'cancelled'; searchId: number; chunk: number }
  | { type: 'error'; message: string };

/** Slots of the shared Int32Array: a counter bumped (and notified) on every reply; the search workers may work on. */
export const SIGNAL_REPLIES = 0;
export const SIGNAL_SEARCH = 1;
export const SIGNAL_SLOTS = 2;

export interface WorkerData {
  port: MessagePort;
  signal: SharedArrayBuffer;
}
