/**
 * A RunPool worker thread (started through runWorker.mjs): builds the model and judge a search
 * names, runs the chunks of run indices it is given — each run the same random walk the caller
 * would make from its run seed — and answers with a summary of each. Between runs it looks at
 * the shared search slot: once the caller has moved on to another search, the rest of the chunk
 * is not run.
 */
import { workerData } from 'node:worker_threads';
import type { CheckDeps } from '../api.ts';
import { randomRun, randomRunSeed } from '../engines/random.ts';
import type { Judge } from '../judge.ts';
import { SIGNAL_REPLIES, SIGNAL_SEARCH, type FromWorker, type RunSummary, type SearchSpec, type ToWorker, type WorkerData } from './protocol.ts';

interface ActiveSearch {
  searchId: number;
  spec: SearchSpec;
  deps: CheckDeps;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  judge: Judge<any>;
}

export function startRunWorker(): void {
  const { port, signal: shared } = workerData as WorkerData;
  const signal = new Int32Array(shared);
  const depsByRecipe = new Map<string, Promise<CheckDeps>>();
  let active: Promise<ActiveSearch> | null = null;

  const post = (message: FromWorker): void => {
    port.postMessage(message);
    Atomics.add(signal, SIGNAL_REPLIES, 1);
    Atomics.notify(signal, SIGNAL_REPLIES);
  };

  const depsOf = (spec: SearchSpec): Promise<CheckDeps> => {
    const key = JSON.stringify(spec.deps);
    let deps = depsByRecipe.get(key);
    if (deps === undefined) {
      deps = import(spec.deps.module).then((module: { remoteDeps(args: unknown): CheckDeps | Promise<CheckDeps> }) => module.remoteDeps(spec.deps.args));
      depsByRecipe.set(key, deps);
    }
    return deps;
  };

  const runChunk = (search: ActiveSearch, message: Extract<ToWorker, { type: 'chunk' }>): FromWorker => {
    const { spec, deps, judge } = search;
    const summaries: RunSummary[] = [];
    for (let runIndex = message.runFirst; runIndex < message.runEnd; runIndex++) {
      if (Atomics.load(signal, SIGNAL_SEARCH) !== message.searchId) return { type: 'cancelled', searchId: message.searchId, chunk: message.chunk };
      const run = randomRun(deps.model, spec.config, judge, { runSeed: randomRunSeed(spec.seed, runIndex), stepsMax: spec.stepsMax, limits: spec.limits });
      summaries.push({ events: run.events.length, findings: run.findings, internalError: run.internalError !== null });
    }
    return { type: 'chunk', searchId: message.searchId, chunk: message.chunk, summaries };
  };

  // Messages are handled one after another: a chunk waits for its search's model to load.
  let queue: Promise<void> = Promise.resolve();
  port.on('message', (message: ToWorker) => {
    queue = queue.then(async () => {
      try {
        if (message.type === 'search') {
          const spec = message.spec;
          active = depsOf(spec).then((deps) => ({ searchId: message.searchId, spec, deps, judge: deps.judgeFor(spec.config as never) }));
          await active;
          return;
        }
        const search = await active;
        if (search === null || search.searchId !== message.searchId) {
          post({ type: 'cancelled', searchId: message.searchId, chunk: message.chunk });
          return;
        }
        post(runChunk(search, message));
      } catch (error) {
        post({ type: 'error', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
      }
    });
  });
}
