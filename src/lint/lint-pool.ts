// A pool of lint worker threads kept by a server (`techspec serve`): each posted text is linted on the least busy
// thread, so that concurrent requests use every core while the main thread keeps answering. A worker loads the
// project's config itself and keeps it, with the repository's files, until the project changes (a new generation).
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { LintResult } from './diagnostic.js';
import { workerScript } from './workers.js';

/** The project a text is linted in, as a worker rebuilds it: bumped `generation` when anything in it changed. */
export interface PoolProject {
  generation: number;
  root: string;
  configFile: string | undefined;
  /** The repository's files (listFiles), or undefined when repository checks do not run. */
  listing: readonly string[] | undefined;
}

export interface PoolJob {
  kind: 'techspec-lint-pool';
}

/** A message to a pool worker: the project when the worker has not seen this generation, then the text. */
export interface PoolRequest {
  id: number;
  text: string;
  filePath: string;
  project: PoolProject | undefined;
  generation: number;
}

export type PoolReply = { id: number; result: LintResult } | { id: number; error: string };

export interface LintPool {
  /** The text's result, linted on a worker thread; rejects when the worker cannot (then lint on this thread). */
  lint(text: string, filePath: string, project: PoolProject): Promise<LintResult>;
  /** Texts linted by the workers so far. */
  linted(): number;
  size: number;
  close(): Promise<void>;
}

interface Slot {
  worker: Worker;
  busy: number;
  generation: number | undefined;
}

/**
 * A pool of `size` threads (default: one per core), started on first use; undefined when there is no bundled
 * worker entry (running from sources) or `size` is below 1.
 */
export function createLintPool(
  size: number = os.availableParallelism(),
  script: URL | undefined = workerScript(),
): LintPool | undefined {
  if (script === undefined || size < 1) return undefined;
  let slots: Slot[] | undefined;
  let next = 0;
  let done = 0;
  const waiting = new Map<
    number,
    { resolve: (result: LintResult) => void; reject: (error: Error) => void }
  >();
  const fail = (error: Error): void => {
    for (const pending of waiting.values()) pending.reject(error);
    waiting.clear();
  };
  const start = (): Slot[] =>
    Array.from({ length: size }, () => {
      const worker = new Worker(script, { workerData: { kind: 'techspec-lint-pool' } satisfies PoolJob });
      const slot: Slot = { worker, busy: 0, generation: undefined };
      worker.on('message', (reply: PoolReply) => {
        slot.busy--;
        const pending = waiting.get(reply.id);
        waiting.delete(reply.id);
        if ('result' in reply) {
          done++;
          pending?.resolve(reply.result);
        } else pending?.reject(new Error(reply.error));
      });
      worker.on('error', (error) => {
        fail(error);
      });
      // A pool worker never leaves while the pool is open; one that does takes its requests with it.
      worker.on('exit', () => {
        slots = slots?.filter((other) => other !== slot);
        fail(new Error('lint worker exited'));
      });
      worker.unref();
      return slot;
    });
  return {
    size,
    linted: () => done,
    lint(text, filePath, project) {
      slots ??= start();
      const slot = slots.reduce<Slot | undefined>(
        (best, s) => (best && best.busy <= s.busy ? best : s),
        undefined,
      );
      if (slot === undefined) return Promise.reject(new Error('no lint worker is running'));
      const id = next++;
      const fresh = slot.generation === project.generation;
      slot.generation = project.generation;
      slot.busy++;
      const request: PoolRequest = {
        id,
        text,
        filePath,
        project: fresh ? undefined : project,
        generation: project.generation,
      };
      return new Promise((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        slot.worker.postMessage(request);
      });
    },
    async close() {
      const all = slots ?? [];
      slots = [];
      await Promise.all(all.map((slot) => slot.worker.terminate()));
    },
  };
}
