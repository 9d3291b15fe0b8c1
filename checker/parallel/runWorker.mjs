// Entry of a RunPool worker thread: loads the TypeScript worker through tsx's ESM API (Node 20
// cannot run TypeScript by itself; ../shared/TOOLCHAIN.md), as the partitioner plugin worker does.
import { workerData } from 'node:worker_threads';
import { tsImport } from 'tsx/esm/api';

try {
  const main = await tsImport('./runWorkerMain.ts', import.meta.url);
  main.startRunWorker();
} catch (error) {
  workerData.port.postMessage({ type: 'error', message: `the run worker did not start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}` });
  const signal = new Int32Array(workerData.signal);
  Atomics.add(signal, 0, 1);
  Atomics.notify(signal, 0);
}
