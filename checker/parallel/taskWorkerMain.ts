/**
 * A TaskPool worker thread (started through taskWorker.mjs): runs one task at a time, a named
 * function of a module (by URL) on plain arguments, and answers with its plain-data result.
 */
import { parentPort } from 'node:worker_threads';
import type { TaskReply, TaskRequest } from './taskPool.ts';

export function startTaskWorker(): void {
  const port = parentPort!;
  port.on('message', (request: TaskRequest) => {
    void (async () => {
      let reply: TaskReply;
      try {
        const module = (await import(request.module)) as Record<string, (args: unknown) => unknown>;
        reply = { type: 'done', id: request.id, result: await module[request.fn](request.args) };
      } catch (error) {
        reply = { type: 'threw', id: request.id, message: error instanceof Error ? (error.stack ?? error.message) : String(error) };
      }
      port.postMessage(reply);
    })();
  });
}
