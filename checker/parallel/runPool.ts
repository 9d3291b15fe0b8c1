/**
 * A pool of worker threads that run a random search's walks in parallel, for a caller that stays
 * synchronous: the search loop (engines/random.ts) asks for run i's summary, and the pool hands
 * out chunks of run indices ahead of it and blocks (Atomics.wait, receiveMessageOnPort) until the
 * chunk holding run i is back. Every run is the walk of its own run seed, and the caller takes
 * the summaries in run order, deciding exactly as it would over its own runs; so results do not
 * depend on how many workers there are or which finished first. Work handed out past the run
 * where the search stops is cancelled and dropped.
 *
 * Workers are unref'd: a pool never keeps the process alive, and the caller blocks while it
 * waits, so nothing needs the event loop. closeRunPools() ends them (tests).
 */
import { MessageChannel, Worker, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import { PARALLEL_LIMITS } from '../limits.ts';
import { SIGNAL_REPLIES, SIGNAL_SEARCH, SIGNAL_SLOTS, type FromWorker, type RunSummary, type SearchSpec, type ToWorker, type WorkerData } from './protocol.ts';

const WORKER_URL = new URL('./runWorker.mjs', import.meta.url);

interface PoolWorker {
  worker: Worker;
  port: MessagePort;
  /** Chunks handed out and not answered (of any search). */
  inFlight: number;
}

export class RunPoolError extends Error {}

export class RunPool {
  readonly size: number;
  private readonly workers: PoolWorker[] = [];
  private readonly signal: Int32Array;
  private searchIdLast = 0;
  /** Answered chunks of the current search, by chunk index. */
  private readonly answered = new Map<number, RunSummary[]>();

  constructor(size: number) {
    this.size = size;
    this.signal = new Int32Array(new SharedArrayBuffer(SIGNAL_SLOTS * Int32Array.BYTES_PER_ELEMENT));
    for (let i = 0; i < size; i++) {
      const channel = new MessageChannel();
      const workerData: WorkerData = { port: channel.port2, signal: this.signal.buffer as SharedArrayBuffer };
      const worker = new Worker(WORKER_URL, { workerData, transferList: [channel.port2], execArgv: [] });
      worker.unref();
      channel.port1.unref();
      this.workers.push({ worker, port: channel.port1, inFlight: 0 });
    }
  }

  /**
   * Starts a search of runs [0, runs) (cancelling any before it) and returns the function that
   * gives run i's summary, to be asked in increasing i.
   */
  search(spec: SearchSpec, runs: number): (runIndex: number) => RunSummary {
    const searchId = ++this.searchIdLast;
    Atomics.store(this.signal, SIGNAL_SEARCH, searchId);
    this.answered.clear();
    for (const w of this.workers) this.send(w, { type: 'search', searchId, spec });
    const chunkRuns = PARALLEL_LIMITS.chunkRuns;
    const chunks = Math.ceil(runs / chunkRuns);
    let chunkNext = 0;
    const handOut = (chunkNeeded: number): void => {
      for (const w of this.workers) {
        while (w.inFlight < PARALLEL_LIMITS.chunksInFlightPerWorker && chunkNext < chunks && chunkNext < chunkNeeded + PARALLEL_LIMITS.chunksAheadMax) {
          const runFirst = chunkNext * chunkRuns;
          this.send(w, { type: 'chunk', searchId, chunk: chunkNext, runFirst, runEnd: Math.min(runs, runFirst + chunkRuns) });
          w.inFlight++;
          chunkNext++;
        }
      }
    };
    return (runIndex) => {
      const chunk = Math.floor(runIndex / chunkRuns);
      for (;;) {
        handOut(chunk);
        const summaries = this.answered.get(chunk);
        if (summaries !== undefined) {
          if (runIndex === chunk * chunkRuns + summaries.length - 1) this.answered.delete(chunk);
          return summaries[runIndex - chunk * chunkRuns];
        }
        this.await(searchId);
      }
    };
  }

  /** Terminates the workers. */
  async close(): Promise<void> {
    Atomics.store(this.signal, SIGNAL_SEARCH, 0);
    await Promise.all(this.workers.map((w) => w.worker.terminate()));
  }

  private send(w: PoolWorker, message: ToWorker): void {
    w.port.postMessage(message);
  }

  /** Takes every reply waiting; blocks until one comes when none is. */
  private await(searchId: number): void {
    const seen = Atomics.load(this.signal, SIGNAL_REPLIES);
    let replies = 0;
    for (const w of this.workers) {
      for (let received = receiveMessageOnPort(w.port); received !== undefined; received = receiveMessageOnPort(w.port)) {
        replies++;
        this.take(w, received.message as FromWorker, searchId);
      }
    }
    if (replies > 0) return;
    const woken = Atomics.wait(this.signal, SIGNAL_REPLIES, seen, PARALLEL_LIMITS.replyWaitMs);
    if (woken === 'timed-out') throw new RunPoolError(`no worker thread answered within ${PARALLEL_LIMITS.replyWaitMs} ms (kmc's run workers stopped)`);
  }

  private take(w: PoolWorker, message: FromWorker, searchId: number): void {
    if (message.type === 'error') throw new RunPoolError(`a run worker failed: ${message.message}`);
    w.inFlight--;
    if (message.type === 'chunk' && message.searchId === searchId) this.answered.set(message.chunk, message.summaries);
  }
}

const pools = new Map<number, RunPool>();

/** The pool of `size` workers, started on first use and kept for the rest of the process. */
export function sharedRunPool(size: number): RunPool {
  let pool = pools.get(size);
  if (pool === undefined) {
    pool = new RunPool(size);
    pools.set(size, pool);
  }
  return pool;
}

/** Ends every shared pool (tests; a CLI process just exits). */
export async function closeRunPools(): Promise<void> {
  const all = [...pools.values()];
  pools.clear();
  await Promise.all(all.map((pool) => pool.close()));
}
