// Entry of a TaskPool worker thread: loads the TypeScript worker through tsx's ESM API, as
// runWorker.mjs does.
import { parentPort } from 'node:worker_threads';
import { tsImport } from 'tsx/esm/api';

try {
  const main = await tsImport('./taskWorkerMain.ts', import.meta.url);
  main.startTaskWorker();
} catch (error) {
  parentPort.postMessage({ type: 'failed', message: `the task worker did not start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}` });
}
