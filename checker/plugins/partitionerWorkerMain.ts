/**
 * The worker thread that runs a partitioner plugin (started by partitionerHost.ts through
 * partitionerWorker.mjs). Loads the module, detects its style, and serves call and send batches.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Partitioner } from '../../model/partitioners/types.ts';
import { runCalls, runSends, type Interruption } from './batchRuns.ts';
import { PluginLoadError, describeThrown, loadModule } from './loadModule.ts';
import { detectPartitioner, type DetectedPartitioner } from './partitionerPlugin.ts';
import { PROGRESS_CALLS, PROGRESS_INDEX, type HostMessage, type WorkerData, type WorkerMessage } from './workerProtocol.ts';

const port = parentPort;
if (port === null) throw new Error('partitionerWorkerMain must run in a worker thread');
const progress = new Int32Array((workerData as WorkerData).progress);
let detected: DetectedPartitioner | null = null;
/** `import()` from partitionerWorker.mjs: plain Node resolution for JavaScript plugins. */
let importJs: ((url: string) => Promise<unknown>) | undefined;

function onCall(index: number): void {
  Atomics.store(progress, PROGRESS_INDEX, index);
  Atomics.add(progress, PROGRESS_CALLS, 1);
}

function post(message: WorkerMessage): void {
  port!.postMessage(message);
}

/** A fresh partitioner, or the interruption its creation caused. */
function fresh(): Partitioner | Interruption {
  if (detected === null) return { index: 0, violation: { rule: 'no-throw', detail: 'the module was not loaded' } };
  onCall(0);
  try {
    return detected.create();
  } catch (thrown) {
    const detail = thrown instanceof PluginLoadError ? thrown.detail : `creating the partitioner threw: ${describeThrown(thrown)}`;
    return { index: 0, violation: { rule: 'no-throw', detail } };
  }
}

function isInterruption(value: Partitioner | Interruption): value is Interruption {
  return (value as Interruption).violation !== undefined;
}

async function handle(message: HostMessage): Promise<void> {
  switch (message.type) {
    case 'load': {
      try {
        const namespace = await loadModule(message.modulePath, { cwd: message.cwd, importJs });
        detected = detectPartitioner(namespace, message.modulePath);
        const probe = detected.create();
        post({ type: 'loaded', style: detected.style, exportName: detected.exportName, name: detected.name, hasOnNewBatch: detected.hasOnNewBatch, convention: probe.convention ?? 'java-custom' });
      } catch (thrown) {
        if (thrown instanceof PluginLoadError) post({ type: 'load-failed', rule: thrown.rule, detail: thrown.detail });
        else post({ type: 'load-failed', rule: 'threw-while-loading', detail: `threw while loading: ${describeThrown(thrown)}` });
      }
      return;
    }
    case 'calls': {
      const partitioner = fresh();
      const result = isInterruption(partitioner)
        ? { outcomes: [], interruption: partitioner }
        : runCalls(partitioner, message.records, message.cluster, { callOnNewBatch: message.callOnNewBatch, onCall });
      post({ type: 'calls-done', id: message.id, result });
      return;
    }
    case 'sends': {
      const partitioner = fresh();
      const result = isInterruption(partitioner)
        ? { partitions: [], failure: partitioner }
        : runSends(partitioner, message.records, message.cluster, { batchSizeBytes: message.batchSizeBytes, onCall });
      post({ type: 'sends-done', id: message.id, result });
      return;
    }
    default: {
      const unknown: never = message;
      throw new Error(`unknown message ${JSON.stringify(unknown)}`);
    }
  }
}

/** Called by partitionerWorker.mjs with its own `import()`. */
export function startWorker(plainImport: (url: string) => Promise<unknown>): void {
  importJs = plainImport;
  port!.on('message', (message: HostMessage) => {
    void handle(message);
  });
}
