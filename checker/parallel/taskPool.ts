/**
 * Whole tasks in worker threads, for async callers: each task is a named function of a module
 * (by URL) on plain-data arguments, and its result comes back as plain data. runTasks hands the
 * tasks out in order, at most one per thread at a time, and returns the results in task order,
 * so a caller that merges them in that order gets the same result for any number of threads.
 * (kmc check-assignor runs each group scenario as one task: the plugin's determinism check is
 * per scenario, so a scenario cannot be split over threads.)
 */
import { Worker } from 'node:worker_threads';

const WORKER_URL = new URL('./taskWorker.mjs', import.meta.url);

export interface TaskRequest {
  id: number;
  module: string;
  fn: string;
  args: unknown;
}

export type TaskReply = { type: 'done'; id: number; result: unknown } | { type: 'threw'; id: number; message: string } | { type: 'failed'; message: string };

export interface Task<R> {
  module: string;
  fn: string;
  /** Called as the task is handed out (progress, a share of the time budget); returns its arguments. */
  args(): unknown;
  /** The type of the result, as the task's function returns it. */
  result?: R;
}

/** Runs `tasks` on `threads` worker threads; results in task order. A task that throws rejects. */
export async function runTasks<R>(tasks: readonly Task<R>[], threads: number): Promise<R[]> {
  const results: R[] = new Array(tasks.length);
  let taskNext = 0;
  const workers = Array.from({ length: Math.min(threads, tasks.length) }, () => {
    const worker = new Worker(WORKER_URL, { execArgv: [] });
    worker.on('error', () => {}); // Its 'exit' follows and fails the task.
    return worker;
  });
  try {
    await Promise.all(
      workers.map(async (worker) => {
        for (;;) {
          const id = taskNext++;
          if (id >= tasks.length) return;
          const task = tasks[id];
          const reply = await new Promise<TaskReply>((resolve) => {
            const onExit = (code: number): void => resolve({ type: 'failed', message: `a task worker ended (exit code ${code})` });
            worker.once('message', (message: TaskReply) => {
              worker.off('exit', onExit);
              resolve(message);
            });
            worker.once('exit', onExit);
            worker.postMessage({ id, module: task.module, fn: task.fn, args: task.args() } satisfies TaskRequest);
          });
          if (reply.type !== 'done') throw new Error(`a task worker failed: ${reply.message}`);
          results[id] = reply.result as R;
        }
      }),
    );
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
  return results;
}
