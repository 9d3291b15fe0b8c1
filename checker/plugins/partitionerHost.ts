/**
 * Runs a partitioner plugin in a worker thread and talks to it. A call that does not return
 * within the time bound (a synchronous infinite loop, say) is reported as `returns-in-time`: the
 * thread is terminated and a fresh one is started for the next request. A thread that dies
 * (an asynchronous throw, `process.exit`) is reported as `no-throw`. The plugin's console output
 * is captured, never mixed into kmc's.
 */
import { Worker } from 'node:worker_threads';
import type { ClusterView, PartitionerRecord } from '../../model/partitioners/types.ts';
import type { CallsResult, Interruption, SendsResult } from './batchRuns.ts';
import { deadline, watchProgress, type Watchdog } from './hangWatchdog.ts';
import { PluginLoadError, checkModulePath } from './loadModule.ts';
import type { CallsRequestOptions, PartitionerHandle, SendsRequestOptions } from './partitionerHandle.ts';
import { PROGRESS_CALLS, PROGRESS_INDEX, PROGRESS_SLOTS, type HostMessage, type LoadedInfo, type WorkerData, type WorkerMessage } from './workerProtocol.ts';

export const CALL_TIME_BOUND_MS_DEFAULT = 1000;
export const LOAD_TIME_BOUND_MS_DEFAULT = 20000;
/** Bytes of the plugin's console output kept for diagnostics. */
const OUTPUT_TAIL_BYTES = 4096;

const WORKER_URL = new URL('./partitionerWorker.mjs', import.meta.url);

export interface PluginHostOptions {
  /** Base for a relative module path (default: process.cwd()). */
  cwd?: string;
  /** How long one call into the plugin may run before it counts as never returning (default 1000 ms). */
  callTimeBoundMs?: number;
  /** How long loading the module may take (default 20 s; TypeScript is compiled on load). */
  loadTimeBoundMs?: number;
}

type Reply = WorkerMessage | { type: 'stalled' } | { type: 'crashed'; detail: string };

interface Session {
  worker: Worker;
  progress: Int32Array;
  alive: boolean;
  waiter: ((reply: Reply) => void) | null;
}

class PluginHost {
  readonly modulePath: string;
  private readonly cwd: string;
  private readonly callTimeBoundMs: number;
  private readonly loadTimeBoundMs: number;
  private session: Session | null = null;
  private requestIdNext = 1;
  private busy = false;
  outputTail = '';

  constructor(modulePath: string, options: PluginHostOptions) {
    this.modulePath = modulePath;
    this.cwd = options.cwd ?? process.cwd();
    this.callTimeBoundMs = options.callTimeBoundMs ?? CALL_TIME_BOUND_MS_DEFAULT;
    this.loadTimeBoundMs = options.loadTimeBoundMs ?? LOAD_TIME_BOUND_MS_DEFAULT;
  }

  /** Starts a worker and loads the module in it; throws PluginLoadError. */
  async start(): Promise<LoadedInfo> {
    const shared = new SharedArrayBuffer(PROGRESS_SLOTS * Int32Array.BYTES_PER_ELEMENT);
    const workerData: WorkerData = { progress: shared };
    const worker = new Worker(WORKER_URL, { workerData, execArgv: [], stdout: true, stderr: true });
    const session: Session = { worker, progress: new Int32Array(shared), alive: true, waiter: null };
    const keepTail = (chunk: Buffer | string): void => {
      this.outputTail = (this.outputTail + chunk.toString()).slice(-OUTPUT_TAIL_BYTES);
    };
    worker.stdout.on('data', keepTail);
    worker.stderr.on('data', keepTail);
    worker.on('message', (message: WorkerMessage) => this.deliver(session, message));
    worker.on('error', (error: unknown) => {
      session.alive = false;
      this.deliver(session, { type: 'crashed', detail: `crashed its worker thread: ${error instanceof Error ? error.message : String(error)}` });
    });
    worker.on('exit', (code: number) => {
      session.alive = false;
      this.deliver(session, { type: 'crashed', detail: `ended its worker thread (exit code ${code}; process.exit?)` });
    });
    worker.unref();
    this.session = session;

    const reply = await this.exchange(session, { type: 'load', modulePath: this.modulePath, cwd: this.cwd }, 'load');
    switch (reply.type) {
      case 'loaded':
        return { style: reply.style, exportName: reply.exportName, name: reply.name, hasOnNewBatch: reply.hasOnNewBatch, convention: reply.convention };
      case 'load-failed':
        this.discard(session);
        throw new PluginLoadError(this.modulePath, reply.rule, reply.detail);
      case 'stalled':
        this.discard(session);
        throw new PluginLoadError(this.modulePath, 'hung-while-loading', `did not finish loading within ${this.loadTimeBoundMs} ms`);
      case 'crashed':
        this.discard(session);
        throw new PluginLoadError(this.modulePath, 'threw-while-loading', `threw while loading: ${reply.detail}`);
      default:
        this.discard(session);
        throw new PluginLoadError(this.modulePath, 'threw-while-loading', `threw while loading: unexpected reply ${reply.type}`);
    }
  }

  async calls(records: readonly PartitionerRecord[], cluster: ClusterView, options: CallsRequestOptions): Promise<CallsResult> {
    const outcome = await this.request((id) => ({ type: 'calls', id, records: [...records], cluster, callOnNewBatch: options.callOnNewBatch }));
    if ('interruption' in outcome) return { outcomes: [], interruption: outcome.interruption };
    if (outcome.reply.type !== 'calls-done') throw new Error(`plugin worker replied ${outcome.reply.type} to a calls request`);
    return outcome.reply.result;
  }

  async sends(records: readonly PartitionerRecord[], cluster: ClusterView, options: SendsRequestOptions): Promise<SendsResult> {
    const outcome = await this.request((id) => ({ type: 'sends', id, records: [...records], cluster, batchSizeBytes: options.batchSizeBytes }));
    if ('interruption' in outcome) return { partitions: [], failure: outcome.interruption };
    if (outcome.reply.type !== 'sends-done') throw new Error(`plugin worker replied ${outcome.reply.type} to a sends request`);
    return outcome.reply.result;
  }

  async close(): Promise<void> {
    const session = this.session;
    this.session = null;
    if (session !== null && session.alive) {
      session.alive = false;
      await session.worker.terminate();
    }
  }

  private async request(build: (id: number) => HostMessage): Promise<{ reply: WorkerMessage } | { interruption: Interruption }> {
    if (this.busy) throw new Error('partitioner plugin host: one request at a time');
    this.busy = true;
    try {
      let session = this.session;
      if (session === null || !session.alive) {
        try {
          await this.start();
        } catch (thrown) {
          const detail = thrown instanceof PluginLoadError ? thrown.detail : String(thrown);
          return { interruption: { index: 0, violation: { rule: 'no-throw', detail: `its worker thread had to be restarted and the module failed to load again: ${detail}` } } };
        }
        session = this.session as Session | null;
        if (session === null) throw new Error('partitioner plugin host: no session after start');
      }
      Atomics.store(session.progress, PROGRESS_INDEX, 0);
      const reply = await this.exchange(session, build(this.requestIdNext++), 'calls');
      if (reply.type === 'stalled') {
        const index = Atomics.load(session.progress, PROGRESS_INDEX);
        this.discard(session);
        return { interruption: { index, violation: { rule: 'returns-in-time', detail: `did not return within ${this.callTimeBoundMs} ms (abandoned; its worker thread was restarted)` } } };
      }
      if (reply.type === 'crashed') {
        const index = Atomics.load(session.progress, PROGRESS_INDEX);
        this.discard(session);
        return { interruption: { index, violation: { rule: 'no-throw', detail: reply.detail } } };
      }
      return { reply };
    } finally {
      this.busy = false;
    }
  }

  /** Posts a message and waits for the reply, a stall (hang), or the thread's death. */
  private exchange(session: Session, message: HostMessage, bound: 'load' | 'calls'): Promise<Reply> {
    return new Promise<Reply>((resolve) => {
      let watchdog: Watchdog | null = null;
      session.waiter = (reply) => {
        session.waiter = null;
        watchdog?.stop();
        resolve(reply);
      };
      if (!session.alive) {
        session.waiter({ type: 'crashed', detail: 'its worker thread is gone' });
        return;
      }
      const onStall = (): void => session.waiter?.({ type: 'stalled' });
      watchdog = bound === 'load' ? deadline(this.loadTimeBoundMs, onStall) : watchProgress(() => Atomics.load(session.progress, PROGRESS_CALLS), this.callTimeBoundMs, onStall);
      session.worker.postMessage(message);
    });
  }

  private deliver(session: Session, reply: Reply): void {
    session.waiter?.(reply);
  }

  private discard(session: Session): void {
    if (this.session === session) this.session = null;
    if (session.alive) {
      session.alive = false;
      void session.worker.terminate();
    }
  }
}

/**
 * Loads a partitioner plugin (kmc or KafkaJS style, `.js`/`.mjs`/`.cjs`/`.ts`/`.mts`) into its own
 * worker thread. Throws PluginLoadError for a module that is missing, throws or hangs while
 * loading, or exports nothing usable.
 */
export async function loadPartitionerPlugin(modulePath: string, options: PluginHostOptions = {}): Promise<PartitionerHandle> {
  checkModulePath(modulePath, options.cwd);
  const host = new PluginHost(modulePath, options);
  const info = await host.start();
  return {
    name: info.name,
    modulePath,
    style: info.style,
    convention: info.convention,
    hasOnNewBatch: info.hasOnNewBatch,
    calls: (records, cluster, requestOptions) => host.calls(records, cluster, requestOptions),
    sends: (records, cluster, requestOptions) => host.sends(records, cluster, requestOptions),
    close: () => host.close(),
  };
}
