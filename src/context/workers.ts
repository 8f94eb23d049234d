// Spreads reading and parsing over worker threads, when the bundled worker script sits beside this module.
import { existsSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { parentPort, Worker } from 'node:worker_threads';
import { examineMany, type Examined, type Target } from './extract.js';

/** Files per message: enough to keep a thread busy, few enough to share the work evenly. */
const BATCH = 24;

interface Batch {
  root: string;
  files: Target[];
}

/** dist/context-worker.js when running from the bundle; absent when running from sources (tests), then no threads. */
export function workerScript(): URL | undefined {
  const url = new URL('./context-worker.js', import.meta.url);
  return url.protocol === 'file:' && existsSync(fileURLToPath(url)) ? url : undefined;
}

/** Worker threads worth starting for `files` files to read: one per core beside this thread's, at most seven. */
export function defaultThreads(files: number): number {
  if (files < 200) return 0;
  return Math.max(0, Math.min(7, os.availableParallelism() - 1));
}

/**
 * Examines `files` on this thread and `threads` worker threads, which take batches from one queue. A batch whose
 * worker fails is examined here instead.
 */
export async function examineInWorkers(
  script: URL,
  root: string,
  files: readonly Target[],
  threads: number,
  onResult: (file: string, examined: Examined) => void,
): Promise<void> {
  const batches: Target[][] = [];
  for (let i = 0; i < files.length; i += BATCH) batches.push(files.slice(i, i + BATCH));
  const leftovers: Target[] = [];
  const runThread = (): Promise<void> =>
    new Promise((resolve) => {
      const worker = new Worker(script);
      let current: Target[] | undefined;
      const stop = (): void => {
        if (current) leftovers.push(...current);
        current = undefined;
        worker.removeAllListeners();
        void worker.terminate().then(() => {
          resolve();
        });
      };
      const feed = (): void => {
        current = batches.shift();
        if (current) worker.postMessage({ root, files: current } satisfies Batch);
        else stop();
      };
      worker.on('message', (results: [string, Examined][]) => {
        for (const [file, examined] of results) onResult(file, examined);
        current = undefined;
        feed();
      });
      // A thread that fails or exits early hands its batch back; the rest go to the other threads or to this one.
      worker.once('error', stop);
      worker.once('exit', stop);
      feed();
    });
  // This thread works too, yielding between batches so that the workers' results are taken in and answered.
  const local = async (): Promise<void> => {
    const memo = new Map<string, readonly string[]>();
    for (let batch = batches.shift(); batch; batch = batches.shift()) {
      await examineMany(root, batch, memo, onResult);
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  await Promise.all([local(), ...Array.from({ length: Math.min(threads, batches.length) }, runThread)]);
  const rest = [...leftovers, ...batches.flat()];
  if (rest.length > 0) await examineMany(root, rest, new Map(), onResult);
}

/** The body of a worker thread: examines each batch it is sent and posts the results back. */
export function serveContextWorker(): void {
  const port = parentPort;
  if (!port) return;
  const memo = new Map<string, readonly string[]>();
  port.on('message', (batch: Batch) => {
    const results: [string, Examined][] = [];
    const collect = (file: string, examined: Examined): void => {
      results.push([file, examined]);
    };
    void examineMany(batch.root, batch.files, memo, collect).then(() => {
      port.postMessage(results);
    });
  });
}
